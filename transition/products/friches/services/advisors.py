"""Writing what advisors do: join a project of their territory, keep private notes, set reminders;
and staff naming an advisor with its territory."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from transition.platform.accounts import permissions
from transition.platform.accounts.permissions import has_staff_power
from transition.platform.accounts.services import membership_grant
from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text
from transition.platform.geo.domain.territory import normalise_codes

from ..enums import Role
from ..models import Advisor, AdvisorNote, AdvisorReminder, Project, ProjectAdvisor
from ..notifications import advisor_joined
from .news import project_news

PRODUCT = "friches"


def advisor_appoint(*, actor, user, organisation, departements, regions) -> Advisor:
    if actor is not None and not has_staff_power(actor):
        raise PermissionDenied("Seule l’équipe nomme les conseillers.")
    with transaction.atomic():
        advisor, _ = Advisor.objects.update_or_create(
            user=user,
            defaults={
                "organisation": organisation,
                "departements": normalise_codes(departements),
                "regions": normalise_codes(regions),
                "active": True,
            },
        )
        membership_grant(actor=actor, user=user, organisation=organisation, product=PRODUCT, role=Role.CONSEILLER)
        event_record(
            actor=actor,
            action="friches.advisor_appoint",
            target=advisor,
            product=PRODUCT,
            payload={"departements": advisor.departements, "regions": advisor.regions},
        )
    return advisor


def project_join(*, actor, project: Project) -> ProjectAdvisor:
    permissions.require(actor, "friches.project_join", project)
    with transaction.atomic():
        link = ProjectAdvisor.objects.create(project=project, user=actor)
        project_news(project)
        advisor_joined(project, actor)
        event_record(actor=actor, action="friches.project_join", target=project, product=PRODUCT)
    return link


def note_add(*, actor, project: Project, text: str) -> AdvisorNote:
    permissions.require(actor, "friches.project_advise", project)
    text = clean_text(text).strip()
    if not text:
        raise ValueError("La note est vide.")
    with transaction.atomic():
        note = AdvisorNote.objects.create(project=project, author=actor, text=text[:10000])
        event_record(
            actor=actor, action="friches.note_add", target=note, product=PRODUCT, payload={"project_id": project.pk}
        )
    return note


def reminder_add(*, actor, project: Project, due_on, text: str) -> AdvisorReminder:
    permissions.require(actor, "friches.project_advise", project)
    text = clean_text(text, keep_newlines=False).strip()
    if not text:
        raise ValueError("Précisez l’objet du rappel.")
    with transaction.atomic():
        reminder = AdvisorReminder.objects.create(project=project, author=actor, due_on=due_on, text=text[:255])
        event_record(
            actor=actor,
            action="friches.reminder_add",
            target=reminder,
            product=PRODUCT,
            payload={"project_id": project.pk, "due_on": due_on},
        )
    return reminder
