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


DOCUMENT_LABELS = {
    DocumentKind.ACCUSE_RECEPTION: "Accusé de réception de la demande complète de raccordement",
    DocumentKind.PTF: "Proposition technique et financière signée",
    DocumentKind.CONVENTION: "Convention de raccordement",
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
