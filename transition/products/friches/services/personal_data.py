"""What Friches holds about a person, for "Mes données": the messages and notes they wrote, their
reminders, their advisor's territory. Erasing deletes their notes and reminders, ends their
advisor role, and empties the texts of their messages (the message stays in the project's thread,
dated, under an anonymised account, so that the answers to it still read in order)."""

from django.db import transaction

from transition.platform.audit.services import event_record

from ..models import Advisor, AdvisorNote, AdvisorReminder, Message, ProjectAdvisor

PRODUCT = "friches"
MESSAGE_ERASED = "Message effacé : son auteur a supprimé son compte."


def personal_data_export(user) -> dict:
    advisor = Advisor.objects.filter(user=user).first()
    return {
        "messages": [
            {"projet": m.project.name, "le": m.created_at.isoformat(), "texte": m.text}
            for m in Message.objects.filter(author=user).select_related("project")
        ],
        "notes_privees": [
            {"projet": n.project.name, "le": n.created_at.isoformat(), "texte": n.text}
            for n in AdvisorNote.objects.filter(author=user).select_related("project")
        ],
        "rappels": [
            {"projet": r.project.name, "date": r.due_on.isoformat(), "objet": r.text}
            for r in AdvisorReminder.objects.filter(author=user).select_related("project")
        ],
        "conseiller": {"departements": advisor.departements, "regions": advisor.regions, "actif": advisor.active}
        if advisor
        else None,
        "projets_suivis": [a.project.name for a in ProjectAdvisor.objects.filter(user=user).select_related("project")],
    }


def personal_data_erase(user) -> None:
    with transaction.atomic():
        reminders, _ = AdvisorReminder.objects.filter(author=user).delete()
        notes, _ = AdvisorNote.objects.filter(author=user).delete()
        messages = Message.objects.filter(author=user).update(text=MESSAGE_ERASED)
        links, _ = ProjectAdvisor.objects.filter(user=user).delete()
        Advisor.objects.filter(user=user).update(active=False, departements=[], regions=[])
        event_record(
            actor=None,
            action="friches.personal_data_erase",
            target=("accounts.user", user.pk),
            product=PRODUCT,
            payload={"reminders": reminders, "notes": notes, "messages": messages, "projects_left": links},
        )
