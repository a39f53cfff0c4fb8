"""What the administration corrects directly on a lauréat, without a request, and what the holder
corrects on the producer's identification number.

The DGEC and the DREAL of the project's région (as in the original's roles) may write a new value
straight into the project: one row of `ADMIN_MODIFICATIONS` per kind says which authorities may, how the
event is named in the emails and the audit, and the refusal when a request of that kind is in
progress. The administration corrects the record whatever the lauréat's stage (active, abandoned,
achieved): the rules of the appel d'offres that bind a holder (a producer change forbidden before
completion, the ratios of a power change) do not bind the administration. Refused: a project that
is not a lauréat, a request of the same kind in progress, values identical to the project's
(except the actionnaire, accepted as the holder's declaration is), and a power that is not
positive or, where the appel d'offres requires the site's power, a site power left unchanged
(`changes.check_power_values`).
"""

from dataclasses import dataclass

from .changes import NOT_LAUREAT, SAME_VALUE, Authority, ChangeKind, ChangeRefused

NOT_ALLOWED = "Vous n'avez pas le rôle requis pour modifier cette information du projet"
NOT_MODIFIABLE = "Cette information du projet ne se modifie pas directement"
IDENTIFICATION_SAME = "Le nouveau numéro d'identification est identique à celui associé au projet"
IDENTIFICATION_EMPTY = "Indiquez le numéro d'identification du producteur (SIRET ou équivalent)"
IDENTIFICATION_TOO_LONG = "Le numéro d'identification ne peut pas dépasser 14 caractères"
NOT_CORRECTABLE = "L'instructeur ne peut pas corriger ce type de demande avant de l'accorder"
PRODUCER_EMPTY = "Indiquez le nom du producteur ou son numéro d'identification"

BOTH = frozenset({Authority.DGEC, Authority.DREAL})


@dataclass(frozen=True)
class AdminModification:
    kind: ChangeKind
    authorities: frozenset[Authority]
    event: str  # in the emails' subjects and the audit: « Actionnaire modifié »
    pending: str  # refusal while a request of this kind is in progress


ADMIN_MODIFICATIONS = {
    m.kind: m
    for m in (
        AdminModification(
            ChangeKind.ACTIONNAIRE,
            BOTH,
            "Actionnaire modifié",
            "Une demande de changement d'actionnaire est déjà en cours",
        ),
        AdminModification(
            ChangeKind.PRODUCTEUR,
            BOTH,
            "Producteur modifié",
            "Une demande de changement de producteur est déjà en cours",
        ),
        AdminModification(
            ChangeKind.PUISSANCE,
            BOTH,
            "Puissance modifiée",
            "Une demande de changement de puissance est déjà en cours",
        ),
        AdminModification(
            ChangeKind.REPRESENTANT_LEGAL,
            BOTH,
            "Représentant légal modifié",
            "Une demande de changement de représentant légal est déjà en cours",
        ),
    )
}


@dataclass(frozen=True)
class ModificationFacts:
    statut: str  # « lauréat », « éliminé », « classé »
    pending_kinds: frozenset = frozenset()


def admin_modification(kind: ChangeKind | str) -> AdminModification:
    try:
        return ADMIN_MODIFICATIONS[ChangeKind(kind)]
    except (KeyError, ValueError):
        raise ChangeRefused(NOT_MODIFIABLE) from None


def may_modify(kind: ChangeKind | str, agent: Authority | None) -> bool:
    """Whether an agent of this authority may modify this kind (for the pages' forms)."""
    modification = ADMIN_MODIFICATIONS.get(kind)
    return modification is not None and agent in modification.authorities


def check_admin_modification(kind: ChangeKind | str, agent: Authority | None, facts: ModificationFacts):
    """The row of the table for this kind; ChangeRefused says why the agent may not modify."""
    modification = admin_modification(kind)
    if agent not in modification.authorities:
        raise ChangeRefused(NOT_ALLOWED)
    if facts.statut != "lauréat":
        raise ChangeRefused(NOT_LAUREAT)
    if modification.kind in facts.pending_kinds:
        raise ChangeRefused(modification.pending)
    return modification


def normalise_identification(raw) -> str:
    """A SIRET (or a foreign producer's number) without its spaces: « 110 090 016 00053 »."""
    return "".join(str(raw or "").split()).upper()


def check_identification(value: str) -> str:
    if not value:
        raise ChangeRefused(IDENTIFICATION_EMPTY)
    if len(value) > 14:
        raise ChangeRefused(IDENTIFICATION_TOO_LONG)
    return value


def check_identification_change(current: str, new: str) -> str:
    """The holder's correction of the identification number: a different, non-empty number."""
    new = check_identification(normalise_identification(new))
    if new == normalise_identification(current):
        raise ChangeRefused(IDENTIFICATION_SAME)
    return new


def producer_values(current: dict, raw: dict) -> dict:
    """The administration's new producer: its name and/or identification number (a field left
    empty keeps the project's); refused when nothing changes."""
    name = " ".join(str(raw.get("producteur") or "").split())[:300]
    number = normalise_identification(raw.get("numero_identification"))
    if not name and not number:
        raise ChangeRefused(PRODUCER_EMPTY)
    if number:
        check_identification(number)
    new = {
        "producteur": name or current["producteur"],
        "numero_identification": number or normalise_identification(current["numero_identification"]),
    }
    same_name = " ".join(new["producteur"].split()).casefold() == " ".join(current["producteur"].split()).casefold()
    if same_name and new["numero_identification"] == normalise_identification(current["numero_identification"]):
        raise ChangeRefused(SAME_VALUE[ChangeKind.PRODUCTEUR])
    return new


# The requests whose value the instructor may correct before granting them (a misspelt name).
CORRECTABLE_BY_INSTRUCTOR = frozenset({ChangeKind.REPRESENTANT_LEGAL})


def check_instructor_correction(kind: ChangeKind | str) -> None:
    if kind not in CORRECTABLE_BY_INSTRUCTOR:
        raise ChangeRefused(NOT_CORRECTABLE)
