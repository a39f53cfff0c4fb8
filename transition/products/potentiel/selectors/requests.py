"""Reads for requests: the rules of a project, what the holder may file, the queues."""

from decimal import Decimal

from django.db.models import Q

from ..domain.changes import (
    Authority,
    ChangeKind,
    ChangePlan,
    ChangeRefused,
    ChangeRule,
    Mode,
    PowerChange,
    ProjectFacts,
    plan_change,
    plan_puissance,
)
from ..domain.lifecycle import PENDING, Status
from ..domain.referential import ReferentialError
from ..enums import Technologie
from ..models import Demande, Projet
from ..permissions import agent_authority, dreal_regions
from .referential import projet_rules


def change_rule(projet: Projet, kind: ChangeKind) -> ChangeRule:
    try:
        return ChangeRule.from_effective(projet_rules(projet).change(kind.value))
    except ReferentialError:
        return ChangeRule()  # rules the referential cannot give allow nothing


def pending_kinds(projet: Projet) -> frozenset:
    statuses = [s.value for s in PENDING]
    return frozenset(
        ChangeKind(k) for k in projet.demandes.filter(status__in=statuses).values_list("kind", flat=True).distinct()
    )


def projet_facts(projet: Projet) -> ProjectFacts:
    pending = pending_kinds(projet)
    garanties = getattr(projet, "garanties_actuelles", None)  # None when the project has none
    return ProjectFacts(
        statut=projet.statut,
        statut_laureat=projet.statut_laureat or None,
        abandon_pending=ChangeKind.ABANDON in pending,
        pending_kinds=pending,
        technologie=projet.technologie if projet.technologie != Technologie.NA else None,
        appel_offres_type=projet.appel_offres.data.get("type", ""),
        actionnariat=projet.actionnariat,
        guarantees_validated=garanties is not None and garanties.status == "validé",
        guarantee_deposit_pending=hasattr(projet, "depot_garanties"),
    )


def power_change(projet: Projet, new: Decimal, new_site: Decimal | None = None) -> PowerChange:
    rules = projet_rules(projet)
    site_field = rules.champs_supplementaires.get("puissanceDeSite", {}).get("type")
    current_site = projet.details.get("puissanceDeSite")
    return PowerChange(
        initial=projet.puissance_candidature,
        current=projet.puissance,
        new=new,
        family_max=Decimal(str(rules.puissance_max_famille)) if rules.puissance_max_famille is not None else None,
        reserved_max=(
            Decimal(str(rules.volume_reserve_puissance_max))
            if projet.volume_reserve and rules.volume_reserve_puissance_max is not None
            else None
        ),
        site_power_field=site_field if site_field in ("requis", "optionnel") else None,
        current_site=Decimal(str(current_site)) if current_site not in (None, "") else None,
        new_site=new_site,
    )


def change_plan(
    projet: Projet, kind: ChangeKind, *, wanted: Mode | None = None, power: PowerChange | None = None
) -> ChangePlan:
    """Raises ChangeRefused (French) when the change is impossible."""
    facts = projet_facts(projet)
    rule = change_rule(projet, kind)
    if kind is ChangeKind.PUISSANCE and power is not None:
        return plan_puissance(rule, facts, power, wanted=wanted)
    return plan_change(kind, rule, facts, wanted=wanted)


def change_preview(projet: Projet, kind: ChangeKind) -> tuple[ChangePlan | None, str | None]:
    """What the holder reads before filing: the plan, or why the change is impossible."""
    try:
        return change_plan(projet, kind), None
    except ChangeRefused as refused:
        return None, refused.message


def available_changes(projet: Projet) -> list[tuple[ChangeKind, ChangePlan | None, str | None]]:
    kinds = (
        [ChangeKind.RECOURS] if projet.statut == "éliminé" else [k for k in ChangeKind if k is not ChangeKind.RECOURS]
    )
    return [(kind, *change_preview(projet, kind)) for kind in kinds]


def last_demande(projet: Projet, kind: ChangeKind) -> Demande | None:
    return projet.demandes.filter(kind=kind.value).order_by("-filed_at", "-id").first()


def last_status(projet: Projet, kind: ChangeKind) -> Status | None:
    demande = last_demande(projet, kind)
    return demande.status_enum if demande else None


def demandes_of(projet: Projet):
    return projet.demandes.select_related("filed_by", "decided_by").order_by("-filed_at", "-id")


def queue(user, *, kind: str = "", status: str = "en-cours", region: str = "", authority: str = ""):
    """The requests an agent may instruct: everything for the DGEC; for a DREAL agent, what the
    DREAL instructs in its régions. Filters: kind, status (« en-cours » = pending), region, authority."""
    agent = agent_authority(user)
    queryset = Demande.objects.filter(mode=Mode.DEMANDE).select_related("projet", "projet__periode")
    if agent is None:
        return queryset.none()
    if agent is Authority.DREAL:
        queryset = queryset.filter(authority=Authority.DREAL, region__in=dreal_regions(user))
    if kind:
        queryset = queryset.filter(kind=kind)
    if status == "en-cours":
        queryset = queryset.filter(status__in=[s.value for s in PENDING])
    elif status:
        queryset = queryset.filter(status=status)
    if region:
        queryset = queryset.filter(region=region)
    if authority:
        queryset = queryset.filter(authority=authority)
    return queryset.order_by("filed_at", "id")


def demandes_search(queryset, text: str):
    text = (text or "").strip()
    if not text:
        return queryset
    return queryset.filter(Q(projet__nom_projet__icontains=text) | Q(projet__identifiant__icontains=text))
