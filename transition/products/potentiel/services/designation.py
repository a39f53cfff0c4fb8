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
from .schedule import completion_reminders_plan_many, guarantee_due_plan_many


def laureat_workflows_start(
    *, projet: Projet, today: date, reason: ExpectedReason = ExpectedReason.NOTIFICATION
) -> None:
    laureats_workflows_start(projets=[projet], today=today, reason=reason)


def laureats_workflows_start(
    *, projets: list[Projet], today: date, reason: ExpectedReason = ExpectedReason.NOTIFICATION
) -> None:
    """`laureat_workflows_start` for many projects (a batch of a notification): the reminders, the
    current guarantees and their due-date tasks of all of them written by a handful of bulk
    queries, whatever their number. Only a project whose guarantees are to be deposited (none
    on file, or expired) has its own demand written (garanties_demand)."""
    completion_reminders_plan_many(projets=projets, today=today)
    candidatures_guarantees_import(projets=projets, today=today, reason=reason)


def candidature_guarantees_import(
    *, projet: Projet, today: date, reason: ExpectedReason = ExpectedReason.NOTIFICATION
) -> None:
    candidatures_guarantees_import(projets=[projet], today=today, reason=reason)


def _kind_on_file(projet: Projet, project_rules):
    """The candidature's guarantees type when it fits the rules; None: the holder deposits them."""
    if not projet.type_garanties:
        return None
    due = projet.date_echeance_garanties if projet.type_garanties == "avec-date-échéance" else None
    try:
        return rules.check_values(projet.type_garanties, due, project_rules.types_garanties)
    except GuaranteeRefused:
        return None


def candidatures_guarantees_import(
    *, projets: list[Projet], today: date, reason: ExpectedReason = ExpectedReason.NOTIFICATION
) -> None:
    """The candidatures' guarantees (type and due date of the CRE's file) become the current ones,
    with their expiry and reminders planned; without a usable type, a project subject to
    guarantees is expected to deposit them. Projects that already have current guarantees are
    left as they are."""
    with_current = set(GarantiesActuelles.objects.filter(projet__in=projets).values_list("projet_id", flat=True))
    currents, due_plans, demands = [], [], []
    for projet in projets:
        if projet.pk in with_current:
            continue
        project_rules = projet_rules(projet)
        kind = _kind_on_file(projet, project_rules)
        if kind is None:
            if project_rules.soumis_aux_garanties:
                demands.append((projet, reason))
            continue
        due = projet.date_echeance_garanties if projet.type_garanties == "avec-date-échéance" else None
        status = rules.status_when_recorded(due, today)
        currents.append(
            GarantiesActuelles(
                projet=projet,
                type=kind,
                date_echeance=due,
                status=status,
                expired_on=today if status is rules.GuaranteeStatus.ECHU else None,
            )
        )
        if status is rules.GuaranteeStatus.ECHU:
            demands.append((projet, ExpectedReason.ECHEANCE))
        elif due:
            due_plans.append((projet, due, rules.expiry_date(due)))
    GarantiesActuelles.objects.bulk_create(currents)
    for projet, why in demands:
        garanties_demand(projet=projet, reason=why, today=today)
    guarantee_due_plan_many(plans=due_plans, today=today)
