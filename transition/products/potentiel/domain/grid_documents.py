"""The documents of a grid dossier beside the DCR's acknowledgement: the signed technical and
financial proposal (PTF), the connection agreement, or a direct connection agreement that stands
for both. One document of each kind per dossier; a direct agreement excludes the two others."""

from .grid import DocumentKind, GridRefused

TRANSMITTED_KINDS = (DocumentKind.PTF, DocumentKind.CONVENTION, DocumentKind.CONVENTION_DIRECTE)

# kind → the kinds already in the dossier that forbid it (besides itself)
INCOMPATIBLE: dict[DocumentKind, frozenset[DocumentKind]] = {
    DocumentKind.PTF: frozenset({DocumentKind.CONVENTION_DIRECTE}),
    DocumentKind.CONVENTION: frozenset({DocumentKind.CONVENTION_DIRECTE}),
    DocumentKind.CONVENTION_DIRECTE: frozenset({DocumentKind.PTF, DocumentKind.CONVENTION}),
}
NOT_THERE = "Il n'existe pas de document de ce type dans ce dossier de raccordement"
UNKNOWN_KIND = "Le type de document est inconnu"


def document_kind(raw: str) -> DocumentKind:
    try:
        kind = DocumentKind(raw)
    except ValueError:
        raise GridRefused(UNKNOWN_KIND) from None
    if kind not in TRANSMITTED_KINDS:
        raise GridRefused(UNKNOWN_KIND)
    return kind


def check_transmit(kind: DocumentKind, present: frozenset[DocumentKind]) -> None:
    if kind in present:
        raise GridRefused(f"Un document de type {kind} a déjà été transmis pour ce dossier de raccordement")
    if INCOMPATIBLE[kind] & present:
        raise GridRefused(
            f"Il est impossible de transmettre un document de type {kind} pour ce dossier de raccordement"
        )


def check_present(kind: DocumentKind, present: frozenset[DocumentKind]) -> None:
    """Modifying or deleting needs the document to be there."""
    if kind not in present:
        raise GridRefused(NOT_THERE)
