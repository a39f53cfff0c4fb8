"""Grid connection (« raccordement »): dossiers, their references, dates and documents.

A project's connection has one grid operator (« gestionnaire de réseau ») and one or more dossiers,
each named by its reference, which must match the operator's expected format in full. A dossier
carries the complete connection request (DCR: acknowledgement date and document), the technical
and financial proposal (PTF), the connection agreement and its commissioning date (« mise en
service »), never in the future nor before the project's designation (notification). The
project is commissioned on the latest of its dossiers' dates.
"""

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


@dataclass(frozen=True)
class GridOperator:
    code: str  # EIC code
    name: str
    reference_pattern: str  # matched in full against the dossier reference
    reference_format: str  # shown to the holder as help
    reference_legend: str = ""


# The operators' table is data administered by the DGEC (model `GridOperator`); these rows seed
# it. Enedis' format is the one its dossiers carry (« OUE-RP-2022-000033 »: a three-letter
# regional code, RP, the year, six digits); an operator without a known format gets the default
# pattern: one word without spaces (« Référence non transmise » is refused).
DEFAULT_PATTERN = r"[^\s]+"
SEED_OPERATORS: tuple[GridOperator, ...] = (
    GridOperator(
        "17X100A100A0001A",
        "Enedis",
        r"[a-zA-Z]{3}-RP-2[0-9]{3}-[0-9]{6}",
        "XXX-RP-AAAA-999999",
        "XXX : code de la direction régionale, AAAA : année, 999999 : numéro du dossier",
    ),
    GridOperator("10XFR-RTE------Q", "RTE", DEFAULT_PATTERN, "Référence du dossier, sans espace"),
)
UNKNOWN_OPERATOR = "Le gestionnaire de réseau n'est pas référencé"
INVALID_REFERENCE = "Le format de la référence du dossier de raccordement est invalide"


class GridRefused(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def reference_is_valid(reference: str, pattern: str | None) -> bool:
    """The whole reference matches the operator's pattern (no leading space, no prefix)."""
    if not reference or reference != reference.strip():
        return False
    try:
        return re.fullmatch(pattern or DEFAULT_PATTERN, reference) is not None
    except re.error:
        return False


def check_reference(reference: str, pattern: str | None) -> str:
    if not reference_is_valid(reference, pattern):
        raise GridRefused(INVALID_REFERENCE)
    return reference


class DocumentKind(StrEnum):
    ACCUSE_RECEPTION = "accusé-de-réception"  # of the complete connection request (DCR)
    PTF = "proposition-technique-et-financière"
    CONVENTION = "convention-de-raccordement"
    CONVENTION_DIRECTE = "convention-de-raccordement-directe"


DOCUMENT_LABELS = {
    DocumentKind.ACCUSE_RECEPTION: "Accusé de réception de la demande complète de raccordement",
    DocumentKind.PTF: "Proposition technique et financière signée",
    DocumentKind.CONVENTION: "Convention de raccordement",
    DocumentKind.CONVENTION_DIRECTE: "Convention de raccordement directe",
}


@dataclass(frozen=True)
class DossierFacts:
    reference: str
    dcr_date: date | None = None
    ptf_date: date | None = None
    has_convention: bool = False
    commissioned_on: date | None = None
    has_acknowledgement: bool = False  # the DCR's acknowledgement of receipt (« accusé de réception »)


NOT_IN_PROJECT = "Le dossier n'est pas référencé dans le raccordement de ce projet"
ALREADY_IN_PROJECT = "Le dossier est déjà référencé dans le raccordement de ce projet"
NOT_COMMISSIONED = "Le dossier de raccordement n'est pas en service"
ALREADY_COMMISSIONED = "La date de mise en service a déjà été transmise pour ce dossier de raccordement"
COMMISSIONING_FUTURE = "La date de mise en service ne peut pas être une date future"
COMMISSIONING_BEFORE_DESIGNATION = (
    "La date de mise en service ne peut pas être antérieure à la date de désignation du projet"
)
DCR_FUTURE = "La date de l'accusé de réception ne peut pas être une date future"
PTF_FUTURE = "La date de signature de la proposition technique et financière ne peut pas être une date future"
DCR_LOCKED = (
    "La demande complète de raccordement du dossier ne peut pas être modifiée car celui-ci dispose déjà "
    "d'une date de mise en service"
)
DOCUMENT_LOCKED = "Ce document du dossier de raccordement ne peut pas être modifié car celui-ci est déjà mis en service"
CONVENTION_ALREADY = (
    "Un document de type convention-de-raccordement a déjà été transmis pour ce dossier de raccordement"
)
OPERATOR_LOCKED = "Le gestionnaire de réseau ne peut être modifié car le raccordement a une date de mise en service"


def find_dossier(dossiers: list[DossierFacts], reference: str) -> DossierFacts:
    for dossier in dossiers:
        if dossier.reference == reference:
            return dossier
    raise GridRefused(NOT_IN_PROJECT)


def check_new_dossier(dossiers: list[DossierFacts], reference: str, pattern: str | None) -> str:
    check_reference(reference, pattern)
    if any(d.reference == reference for d in dossiers):
        raise GridRefused(ALREADY_IN_PROJECT)
    return reference


def check_past_date(day: date, today: date, message: str) -> date:
    if day > today:
        raise GridRefused(message)
    return day


def check_dcr_change(dossier: DossierFacts, *, by_admin: bool) -> None:
    """Once commissioned, only an administrator may still correct the DCR; the holder may still
    complete a DCR that has no acknowledgement of receipt yet."""
    if dossier.commissioned_on and not by_admin and dossier.has_acknowledgement:
        raise GridRefused(DCR_LOCKED)


def check_commissioning(
    dossier: DossierFacts, commissioned_on: date, *, designated_on: date | None, today: date, correction: bool
) -> date:
    """A first commissioning date (grid operator) or a correction (administration)."""
    if correction and dossier.commissioned_on is None:
        raise GridRefused(NOT_COMMISSIONED)
    if not correction and dossier.commissioned_on is not None:
        raise GridRefused(ALREADY_COMMISSIONED)
    if commissioned_on > today:
        raise GridRefused(COMMISSIONING_FUTURE)
    if designated_on and commissioned_on < designated_on:
        raise GridRefused(COMMISSIONING_BEFORE_DESIGNATION)
    return commissioned_on


def check_operator_change(dossiers: list[DossierFacts], new_operator_known: bool) -> None:
    if not new_operator_known:
        raise GridRefused(UNKNOWN_OPERATOR)
    if any(d.commissioned_on for d in dossiers):
        raise GridRefused(OPERATOR_LOCKED)


def check_convention(dossier: DossierFacts) -> None:
    if dossier.has_convention:
        raise GridRefused(CONVENTION_ALREADY)


def project_commissioning(dossiers: list[DossierFacts]) -> DossierFacts | None:
    """The project is in service on the latest commissioning date among its dossiers."""
    commissioned = [d for d in dossiers if d.commissioned_on]
    return max(commissioned, key=lambda d: d.commissioned_on) if commissioned else None


def connection_step(dossiers: list[DossierFacts]) -> str:
    """Where the connection stands, for the holder's to-dos and the lists."""
    if not dossiers:
        return "référence à transmettre"
    if project_commissioning(dossiers):
        return "en service"
    if any(d.has_convention for d in dossiers):
        return "convention signée"
    if any(d.ptf_date for d in dossiers):
        return "proposition technique et financière signée"
    if any(d.dcr_date for d in dossiers):
        return "demande complète de raccordement déposée"
    return "dossier référencé"


# --- who may still change what ------------------------------------------------------------------
# The project's state first: an abandoned project, or one whose abandon is asked, no longer moves
# its connection — unless the holder signalled that it goes on under a private purchase contract
# (PPA, `domain/ppa.py`). Keys: (abandoned, abandon asked, gone in PPA).

ABANDONED = "Impossible de faire un changement pour un projet abandonné"
ABANDON_PENDING = "Impossible de faire un changement car une demande d'abandon est en cours pour le projet"
ACHIEVED = "Impossible de faire un changement pour un projet achevé"
PROJECT_STATE_RULES: dict[tuple[bool, bool, bool], str | None] = {
    (False, False, False): None,
    (False, False, True): None,
    (True, False, False): ABANDONED,
    (True, False, True): None,
    (False, True, False): ABANDON_PENDING,
    (False, True, True): None,
    (True, True, False): ABANDONED,
    (True, True, True): None,
}


def check_project_state(*, abandoned: bool, abandon_pending: bool, ppa: bool) -> None:
    refusal = PROJECT_STATE_RULES[(abandoned, abandon_pending, ppa)]
    if refusal:
        raise GridRefused(refusal)


class GridActor(StrEnum):
    PORTEUR = "porteur"
    DREAL = "dreal"  # the DREAL of the project's région, as the original allows it
    DGEC = "dgec"


class GridChange(StrEnum):
    OPERATOR = "gestionnaire"
    REFERENCE = "référence"
    DCR = "demande-complète"
    DOCUMENT = "document"
    DOSSIER_DELETE = "suppression-dossier"


# Who may still make a change once the dossier is in service, once the project is achieved (a
# change absent from a table is open to every actor). The DCR after commissioning and the grid
# operator after commissioning have their own rules (`check_dcr_change`, `check_operator_change`).
ONLY_DGEC = frozenset({GridActor.DGEC})
AFTER_COMMISSIONING: dict[GridChange, frozenset[GridActor]] = {
    GridChange.REFERENCE: ONLY_DGEC,
    GridChange.DOCUMENT: ONLY_DGEC,
    GridChange.DOSSIER_DELETE: ONLY_DGEC,
}
AFTER_COMPLETION: dict[GridChange, frozenset[GridActor]] = {
    GridChange.OPERATOR: ONLY_DGEC,
    GridChange.DCR: ONLY_DGEC,
    GridChange.DOCUMENT: ONLY_DGEC,
    GridChange.DOSSIER_DELETE: ONLY_DGEC,
}
DOSSIER_DELETE_LOCKED = "Un dossier avec une date de mise en service ne peut pas être supprimé"


def _commissioned_message(change: GridChange, reference: str) -> str:
    if change is GridChange.REFERENCE:
        return (
            f"La référence du dossier de raccordement {reference} ne peut pas être modifiée car le dossier "
            "dispose déjà d'une date de mise en service"
        )
    if change is GridChange.DOSSIER_DELETE:
        return DOSSIER_DELETE_LOCKED
    return DOCUMENT_LOCKED


def check_lock(change: GridChange, actor: GridActor, *, in_service: bool, achieved: bool, reference: str = "") -> None:
    """In service first (the original's order), then achieved."""
    if in_service and actor not in AFTER_COMMISSIONING.get(change, frozenset(GridActor)):
        raise GridRefused(_commissioned_message(change, reference))
    if achieved and actor not in AFTER_COMPLETION.get(change, frozenset(GridActor)):
        raise GridRefused(ACHIEVED)


SAME_REFERENCE = "Les références du dossier de raccordement sont identiques"


def check_reference_change(dossiers: list[DossierFacts], current: str, new: str, pattern: str | None) -> DossierFacts:
    """A dossier's reference corrected: a different one, in the operator's format, not already used."""
    if new == current:
        raise GridRefused(SAME_REFERENCE)
    check_reference(new, pattern)
    if any(d.reference == new for d in dossiers):
        raise GridRefused(ALREADY_IN_PROJECT)
    return find_dossier(dossiers, current)


# --- the holder's grid to-dos ---------------------------------------------------------------------

REFERENCE_TO_GIVE = "Transmettre la référence du dossier de raccordement"
ACKNOWLEDGEMENT_TO_GIVE = "Transmettre l’accusé de réception de la demande complète de raccordement"


def grid_todos(dossiers: list[DossierFacts], *, open_: bool) -> list[str]:
    """What the holder still has to give; nothing while the connection is closed (abandon asked or
    granted without PPA, project achieved: `open_` False)."""
    if not open_:
        return []
    if not dossiers:
        return [REFERENCE_TO_GIVE]
    return [ACKNOWLEDGEMENT_TO_GIVE] if any(not d.has_acknowledgement for d in dossiers) else []


def connection_open(*, statut_laureat: str, abandon_pending: bool, ppa: bool) -> bool:
    """The project's connection still moves (the same table as `check_project_state`)."""
    if statut_laureat == "achevé":
        return False
    return PROJECT_STATE_RULES[(statut_laureat == "abandonné", abandon_pending, ppa)] is None
