"""Which change a holder may make, whether it is a declaration or a request, and who decides.

The referential gives, for each kind of change, the rule of the project's appel d'offres, period
and chosen cahier des charges (`ChangeRule.from_referential` reads one domain of
`miseÀJour.changement`): a declaration (« information enregistrée ») is recorded at once; a
request (« demande ») waits for the competent authority. Before filing, `plan_change` tells the
holder which one applies and who will decide, or why the change is impossible, in the words the
original service uses.

Puissance: within the appel d'offres' ratios (new / initial power) a declaration, outside them a
request; refused above the family's maximum or the reserved volume's maximum, or when unchanged.
Authorities: abandon, délai and recours follow the rules (délai defaults to the DGEC); the others
are instructed by the DREAL. The DGEC may instruct what a DREAL instructs, never the reverse.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from . import lifecycle


class ChangeKind(StrEnum):
    ABANDON = lifecycle.ABANDON
    DELAI = lifecycle.DELAI
    PUISSANCE = lifecycle.PUISSANCE
    ACTIONNAIRE = lifecycle.ACTIONNAIRE
    PRODUCTEUR = lifecycle.PRODUCTEUR
    REPRESENTANT_LEGAL = lifecycle.REPRESENTANT_LEGAL
    RECOURS = lifecycle.RECOURS


KIND_LABELS = {
    ChangeKind.ABANDON: "Abandon",
    ChangeKind.DELAI: "Délai",
    ChangeKind.PUISSANCE: "Puissance",
    ChangeKind.ACTIONNAIRE: "Actionnaire",
    ChangeKind.PRODUCTEUR: "Producteur",
    ChangeKind.REPRESENTANT_LEGAL: "Représentant légal",
    ChangeKind.RECOURS: "Recours",
}

# In URLs: ASCII, one spelling.
KIND_SLUGS = {
    ChangeKind.ABANDON: "abandon",
    ChangeKind.DELAI: "delai",
    ChangeKind.PUISSANCE: "puissance",
    ChangeKind.ACTIONNAIRE: "actionnaire",
    ChangeKind.PRODUCTEUR: "producteur",
    ChangeKind.REPRESENTANT_LEGAL: "representant-legal",
    ChangeKind.RECOURS: "recours",
}
KIND_BY_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}


class Mode(StrEnum):
    DECLARATION = "information-enregistrée"
    DEMANDE = "demande"


MODE_LABELS = {
    Mode.DECLARATION: "une déclaration : le changement est enregistré dès son dépôt",
    Mode.DEMANDE: "une demande : le changement attend la décision de l'autorité compétente",
}


class Authority(StrEnum):
    DREAL = "dreal"
    DGEC = "dgec"


AUTHORITY_LABELS = {Authority.DREAL: "la DREAL de la région du projet", Authority.DGEC: "la DGEC"}

# Where the rules say nothing: délai's default authority is the DGEC (original's constant);
# puissance is always instructed by the DREAL; the others by the DREAL; recours by the DGEC.
DEFAULT_AUTHORITY = {
    ChangeKind.ABANDON: Authority.DGEC,
    ChangeKind.DELAI: Authority.DGEC,
    ChangeKind.PUISSANCE: Authority.DREAL,
    ChangeKind.ACTIONNAIRE: Authority.DREAL,
    ChangeKind.PRODUCTEUR: Authority.DREAL,
    ChangeKind.REPRESENTANT_LEGAL: Authority.DREAL,
    ChangeKind.RECOURS: Authority.DGEC,
}
AUTHORITY_FROM_RULES = frozenset({ChangeKind.ABANDON, ChangeKind.DELAI, ChangeKind.RECOURS})

NOT_ALLOWED_BY_CDC = "Le cahier des charges de ce projet ne permet pas ce changement"
ABANDONED = "Impossible de faire un changement pour un projet abandonné"
ACHIEVED = "Impossible de faire un changement pour un projet achevé"
ABANDON_PENDING = "Impossible de faire un changement car une demande d'abandon est en cours pour le projet"
ALREADY_PENDING = "Une demande de changement est déjà en cours"
NOT_LAUREAT = "Le projet lauréat n'existe pas"
NOT_ELIMINE = "Le projet éliminé n'existe pas"
INSTRUCTION_REQUIRED = "L'instruction de la demande de changement est obligatoire dans ces conditions"
NOT_COMPETENT = lifecycle.WRONG_ACTOR_AGENT
DECLARATION_NOT_ALLOWED = "Ce changement ne peut pas être déclaré : il doit être demandé"
REQUEST_NOT_ALLOWED = "Ce changement ne peut pas être demandé : il doit être déclaré"


class ChangeRefused(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Ratios:
    min: Decimal
    max: Decimal


@dataclass(frozen=True)
class ChangeRule:
    """One domain of the effective `miseÀJour.changement` rules."""

    demande: bool = False
    declaration: bool = False
    declaration_conditional: bool = False  # « informationEnregistréeEstSoumiseÀConditions »
    authority: Authority | None = None
    ratios: Ratios | dict[str, Ratios] | None = None  # per technology when « changementByTechnologie »
    automatic: str | None = None  # « accord » or « rejet » after three months (représentant légal)

    @classmethod
    def from_referential(cls, raw: dict | None) -> "ChangeRule":
        raw = raw or {}
        ratios = raw.get("ratios")
        if ratios is not None:
            if "min" in ratios:
                ratios = Ratios(Decimal(str(ratios["min"])), Decimal(str(ratios["max"])))
            else:
                ratios = {tech: Ratios(Decimal(str(r["min"])), Decimal(str(r["max"]))) for tech, r in ratios.items()}
        authority = raw.get("autoritéCompétente")
        return cls(
            demande=bool(raw.get("demande")),
            declaration=bool(raw.get("informationEnregistrée")),
            declaration_conditional=bool(raw.get("informationEnregistréeEstSoumiseÀConditions")),
            authority=Authority(authority) if authority else None,
            ratios=ratios,
            automatic=raw.get("instructionAutomatique"),
        )

    @classmethod
    def from_effective(cls, rule: dict | None) -> "ChangeRule":
        """One domain of `referential.EffectiveRules.changements` ({"mode", "autorite"?, ...})."""
        rule = rule or {}
        mode = rule.get("mode", "indisponible")
        ratios = rule.get("ratios")
        if ratios is not None:
            if rule.get("ratios_par_technologie"):
                ratios = {t: Ratios(Decimal(str(r["min"])), Decimal(str(r["max"]))) for t, r in ratios.items()}
            else:
                ratios = Ratios(Decimal(str(ratios["min"])), Decimal(str(ratios["max"])))
        authority = rule.get("autorite")
        return cls(
            demande="demande" in mode.split("+"),
            declaration="information-enregistrée" in mode.split("+"),
            declaration_conditional=bool(rule.get("information_sous_conditions")),
            authority=Authority(authority) if authority else None,
            ratios=ratios,
            automatic=rule.get("instruction_automatique"),
        )

    def ratios_for(self, technologie: str | None) -> Ratios | None:
        if isinstance(self.ratios, dict):
            return self.ratios.get(technologie or "")
        return self.ratios


@dataclass(frozen=True)
class ProjectFacts:
    """What the rules need to know about a project (built by the service from the models)."""

    statut: str  # « lauréat », « éliminé » (or « classé » before notification)
    statut_laureat: str | None = None  # « actif », « abandonné », « achevé »
    abandon_pending: bool = False
    pending_kinds: frozenset = frozenset()  # ChangeKind with a request in progress
    technologie: str | None = None
    appel_offres_type: str = ""  # « eolien », « sol », « simplifié »...
    actionnariat: str = ""  # « investissement-participatif », « financement-participatif »...
    guarantees_validated: bool = False
    guarantee_deposit_pending: bool = False


@dataclass(frozen=True)
class ChangePlan:
    kind: ChangeKind
    mode: Mode
    authority: Authority
    automatic: str | None = None

    @property
    def is_declaration(self) -> bool:
        return self.mode is Mode.DECLARATION

    def explanation(self) -> str:
        """What the holder reads before filing."""
        if self.is_declaration:
            return f"Ce changement est {MODE_LABELS[self.mode]}. {AUTHORITY_LABELS[self.authority].capitalize()} en est informée."
        text = f"Ce changement est {MODE_LABELS[self.mode]}, qui sera instruite par {AUTHORITY_LABELS[self.authority]}."
        if self.automatic == "accord":
            text += " Sans décision dans les trois mois, elle sera accordée automatiquement."
        elif self.automatic == "rejet":
            text += " Sans décision dans les trois mois, elle sera rejetée automatiquement."
        return text


def competent_authority(kind: ChangeKind, rule: ChangeRule) -> Authority:
    if kind in AUTHORITY_FROM_RULES and rule.authority:
        return rule.authority
    return DEFAULT_AUTHORITY[kind]


def may_instruct(agent: Authority, competent: Authority) -> bool:
    """The DGEC may instruct what a DREAL instructs; a DREAL only what the DREAL instructs."""
    return agent is Authority.DGEC or agent is competent


def check_may_instruct(agent: Authority | None, competent: Authority) -> None:
    if agent is None or not may_instruct(agent, competent):
        raise ChangeRefused(NOT_COMPETENT)


PARTICIPATIVE = frozenset({"investissement-participatif", "financement-participatif", "financement-collectif"})


def _declaration_conditions_met(kind: ChangeKind, project: ProjectFacts) -> bool:
    """Eolien's actionnaire: a declaration only for a non-participative shareholding with
    validated guarantees and no deposit awaiting validation; otherwise instruction is required."""
    if kind is not ChangeKind.ACTIONNAIRE:
        return True
    return (
        project.actionnariat not in PARTICIPATIVE
        and project.guarantees_validated
        and not project.guarantee_deposit_pending
    )


def _check_project(kind: ChangeKind, project: ProjectFacts) -> None:
    if kind is ChangeKind.RECOURS:
        if project.statut != "éliminé":
            raise ChangeRefused(NOT_ELIMINE)
        return
    if project.statut != "lauréat":
        raise ChangeRefused(NOT_LAUREAT)
    if project.statut_laureat == "abandonné":
        raise ChangeRefused(ABANDONED)
    if project.statut_laureat == "achevé":
        raise ChangeRefused(ACHIEVED)
    if project.abandon_pending and kind is not ChangeKind.ABANDON:
        raise ChangeRefused(ABANDON_PENDING)


def plan_change(kind: ChangeKind, rule: ChangeRule, project: ProjectFacts, *, wanted: Mode | None = None) -> ChangePlan:
    """Declaration or request, and who decides; ChangeRefused says why not.

    `wanted` is the mode the holder explicitly asked for (« enregistrer » or « demander »);
    without it the declaration is preferred when the rules allow it.
    Puissance is planned by `plan_puissance`, which also needs the values.
    """
    _check_project(kind, project)
    if kind in project.pending_kinds:
        if kind is ChangeKind.RECOURS:
            raise ChangeRefused("Un recours est déjà en cours")
        if kind is ChangeKind.ABANDON:
            raise ChangeRefused("Une demande d'abandon est déjà en cours")
        raise ChangeRefused(ALREADY_PENDING)
    if not (rule.demande or rule.declaration):
        raise ChangeRefused(NOT_ALLOWED_BY_CDC)
    declaration_ok = rule.declaration and (
        not rule.declaration_conditional or _declaration_conditions_met(kind, project)
    )
    if wanted is Mode.DECLARATION:
        if not rule.declaration:
            raise ChangeRefused(NOT_ALLOWED_BY_CDC if not rule.demande else DECLARATION_NOT_ALLOWED)
        if not declaration_ok:
            raise ChangeRefused(INSTRUCTION_REQUIRED)
        mode = Mode.DECLARATION
    elif wanted is Mode.DEMANDE:
        if not rule.demande:
            raise ChangeRefused(NOT_ALLOWED_BY_CDC if not rule.declaration else REQUEST_NOT_ALLOWED)
        mode = Mode.DEMANDE
    else:
        mode = Mode.DECLARATION if declaration_ok else Mode.DEMANDE
        if mode is Mode.DEMANDE and not rule.demande:
            raise ChangeRefused(INSTRUCTION_REQUIRED)
    return ChangePlan(kind, mode, competent_authority(kind, rule), rule.automatic if mode is Mode.DEMANDE else None)


# --- puissance -----------------------------------------------------------------------------------

POWER_NOT_POSITIVE = "La puissance d'un projet doit avoir une valeur positive"
POWER_UNCHANGED = "La puissance doit avoir une valeur différente"
POWER_BELOW_MIN = "La puissance ne peut être en deçà de la puissance minimale autorisée par l'appel d'offres"
POWER_ABOVE_MAX = "La nouvelle puissance ne peut dépasser la puissance maximale autorisée par l'appel d'offres"
POWER_ABOVE_FAMILY = (
    "La nouvelle puissance ne peut pas dépasser la puissance maximale de la famille de l'appel d'offres"
)
POWER_ABOVE_RESERVED = "La nouvelle puissance ne peut pas dépasser la puissance maximale du volume réservé"
SITE_POWER_NOT_POSITIVE = "La puissance de site d'un projet doit avoir une valeur positive"
SITE_POWER_MUST_CHANGE = "La puissance de site doit être modifiée"
SITE_POWER_FORBIDDEN = "Le champ puissance de site ne peut être renseigné pour cet appel d'offres"


@dataclass(frozen=True)
class PowerChange:
    initial: Decimal  # the power of the candidature (ratios are computed against it)
    current: Decimal
    new: Decimal
    family_max: Decimal | None = None
    reserved_max: Decimal | None = None  # when the candidature is in the reserved volume
    site_power_field: str | None = None  # « requis », « optionnel » or None (forbidden)
    current_site: Decimal | None = None
    new_site: Decimal | None = None

    @property
    def ratio(self) -> Decimal:
        return self.new / self.initial


def check_power_values(change: PowerChange) -> None:
    """The values alone: positive, different, within the family and the reserved volume."""
    if change.new <= 0:
        raise ChangeRefused(POWER_NOT_POSITIVE)
    if change.site_power_field is None:
        if change.new_site is not None:
            raise ChangeRefused(SITE_POWER_FORBIDDEN)
        if change.new == change.current:
            raise ChangeRefused(POWER_UNCHANGED)
    else:
        if change.new_site is not None and change.new_site <= 0:
            raise ChangeRefused(SITE_POWER_NOT_POSITIVE)
        site_unchanged = change.new_site is None or change.new_site == change.current_site
        if change.site_power_field == "requis" and site_unchanged:
            raise ChangeRefused(SITE_POWER_MUST_CHANGE)
        if change.new == change.current and site_unchanged:
            raise ChangeRefused(POWER_UNCHANGED)
    if change.family_max is not None and change.new > change.family_max:
        raise ChangeRefused(POWER_ABOVE_FAMILY)
    if change.reserved_max is not None and change.new > change.reserved_max:
        raise ChangeRefused(POWER_ABOVE_RESERVED)


def plan_puissance(
    rule: ChangeRule, project: ProjectFacts, change: PowerChange, *, wanted: Mode | None = None
) -> ChangePlan:
    """Declaration within the ratios, request outside them (when the rules allow requests)."""
    _check_project(ChangeKind.PUISSANCE, project)
    if ChangeKind.PUISSANCE in project.pending_kinds:
        raise ChangeRefused(ALREADY_PENDING)
    if not (rule.demande or rule.declaration):
        raise ChangeRefused(NOT_ALLOWED_BY_CDC)
    check_power_values(change)
    ratios = rule.ratios_for(project.technologie)
    within = ratios is None or ratios.min <= change.ratio <= ratios.max
    if wanted is Mode.DEMANDE and rule.demande:
        mode = Mode.DEMANDE
    elif rule.declaration and within:
        mode = Mode.DECLARATION
    elif rule.demande and wanted is not Mode.DECLARATION:
        mode = Mode.DEMANDE
    elif ratios is not None and change.ratio < ratios.min:
        raise ChangeRefused(POWER_BELOW_MIN)
    else:
        raise ChangeRefused(POWER_ABOVE_MAX)
    return ChangePlan(ChangeKind.PUISSANCE, mode, competent_authority(ChangeKind.PUISSANCE, rule))


# --- other values --------------------------------------------------------------------------------

DELAI_NOT_POSITIVE = "La durée du délai doit être un nombre entier de mois supérieur à zéro"
DELAI_TOO_LONG = "La durée du délai ne peut pas dépasser 120 mois"
SAME_VALUE = {
    ChangeKind.REPRESENTANT_LEGAL: "Le représentant légal est identique à celui déjà associé au projet",
    ChangeKind.PRODUCTEUR: "Le nouveau producteur est identique à celui associé au projet",
}
REASON_REQUIRED = "La raison du changement est obligatoire"


def check_delai_months(months: int) -> None:
    if not isinstance(months, int) or isinstance(months, bool) or months <= 0:
        raise ChangeRefused(DELAI_NOT_POSITIVE)
    if months > 120:
        raise ChangeRefused(DELAI_TOO_LONG)


def _normalised(value) -> tuple:
    if isinstance(value, dict):
        return tuple(sorted((k, " ".join(str(v).split()).casefold()) for k, v in value.items()))
    return (" ".join(str(value).split()).casefold(),)


def check_new_value(kind: ChangeKind, current, new) -> None:
    """A représentant légal or producteur identical to the current one is refused (case and
    spaces ignored); an identical actionnaire is accepted, as in the original."""
    message = SAME_VALUE.get(kind)
    if message and _normalised(current) == _normalised(new):
        raise ChangeRefused(message)


RECOURS_DATE_FUTURE = "La date d'accord du recours ne peut pas être dans le futur"
RECOURS_DATE_BEFORE_NOTIFICATION = (
    "La date d'accord du recours ne peut pas être antérieure à la date de notification du projet"
)


def check_recours_grant_date(granted_on: date, notified_on: date | None, today: date) -> None:
    if granted_on > today:
        raise ChangeRefused(RECOURS_DATE_FUTURE)
    if notified_on and granted_on < notified_on:
        raise ChangeRefused(RECOURS_DATE_BEFORE_NOTIFICATION)


def check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ChangeRefused(REASON_REQUIRED)
    return reason
