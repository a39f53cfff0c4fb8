"""What starts when a project becomes lauréat (at notification, or when a recours is granted): the
completion reminders, and its financial guarantees — those of the candidature (type and due date
from the CRE's file) become the current ones, whether or not the appel d'offres requires them;
without them, a project subject to guarantees is expected to deposit them within two months."""

from datetime import date

from ..domain import guarantees as rules
from ..domain.guarantees import ExpectedReason, GuaranteeRefused
from ..models import GarantiesActuelles, Projet
from ..selectors.referential import projet_rules
from .guarantees import garanties_demand
from .schedule import completion_reminders_plan, guarantee_due_plan


def laureat_workflows_start(
    *, projet: Projet, today: date, reason: ExpectedReason = ExpectedReason.NOTIFICATION
) -> None:
    completion_reminders_plan(projet=projet, today=today)
    candidature_guarantees_import(projet=projet, today=today, reason=reason)


def candidature_guarantees_import(
    *, projet: Projet, today: date, reason: ExpectedReason = ExpectedReason.NOTIFICATION
) -> None:
    """The candidature's guarantees (type and due date of the CRE's file) become the current ones,
    with their expiry and reminders planned; without a usable type they are expected."""
    project_rules = projet_rules(projet)
    if GarantiesActuelles.objects.filter(projet=projet).exists():
        return
    due = projet.date_echeance_garanties if projet.type_garanties == "avec-date-échéance" else None
    try:
        kind = (
            rules.check_values(projet.type_garanties, due, project_rules.types_garanties)
            if projet.type_garanties
            else None
        )
    except GuaranteeRefused:
        kind = None  # the file's type does not fit the rules: the holder deposits them
    if kind is None:
        if project_rules.soumis_aux_garanties:
            garanties_demand(projet=projet, reason=reason, today=today)
        return
    status = rules.status_when_recorded(due, today)
    GarantiesActuelles.objects.create(
        projet=projet,
        type=kind,
        date_echeance=due,
        status=status,
        expired_on=today if status is rules.GuaranteeStatus.ECHU else None,
    )
    if status is rules.GuaranteeStatus.ECHU:
        garanties_demand(projet=projet, reason=ExpectedReason.ECHEANCE, today=today)
    elif due:
        guarantee_due_plan(projet=projet, due_date=due, expiry_on=rules.expiry_date(due), today=today)
