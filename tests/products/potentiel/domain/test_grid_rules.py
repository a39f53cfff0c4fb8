"""Grid connection: the project's state (abandon, PPA), who may still change what, references
corrected, documents, the holder's to-dos."""

from datetime import date

import pytest

from transition.products.potentiel.domain.grid import (
    ABANDON_PENDING,
    ABANDONED,
    ACHIEVED,
    ACKNOWLEDGEMENT_TO_GIVE,
    ALREADY_IN_PROJECT,
    DOCUMENT_LOCKED,
    DOSSIER_DELETE_LOCKED,
    INVALID_REFERENCE,
    REFERENCE_TO_GIVE,
    SAME_REFERENCE,
    DocumentKind,
    DossierFacts,
    GridActor,
    GridChange,
    GridRefused,
    check_lock,
    check_project_state,
    check_reference_change,
    connection_open,
    grid_todos,
)
from transition.products.potentiel.domain.grid_documents import (
    NOT_THERE,
    UNKNOWN_KIND,
    check_present,
    check_transmit,
    document_kind,
)

PTF, CONV, DIRECT = DocumentKind.PTF, DocumentKind.CONVENTION, DocumentKind.CONVENTION_DIRECTE


@pytest.mark.parametrize(
    ("abandoned", "pending", "ppa", "refusal"),
    [
        (False, False, False, None),
        (True, False, False, ABANDONED),
        (True, False, True, None),
        (False, True, False, ABANDON_PENDING),
        (False, True, True, None),
        (True, True, False, ABANDONED),
    ],
)
def test_project_state(abandoned, pending, ppa, refusal):
    if refusal:
        with pytest.raises(GridRefused, match=refusal):
            check_project_state(abandoned=abandoned, abandon_pending=pending, ppa=ppa)
    else:
        check_project_state(abandoned=abandoned, abandon_pending=pending, ppa=ppa)


@pytest.mark.parametrize(
    ("change", "actor", "in_service", "achieved", "refusal"),
    [
        (GridChange.REFERENCE, GridActor.PORTEUR, True, False, "ne peut pas être modifiée"),
        (GridChange.REFERENCE, GridActor.DREAL, True, False, "ne peut pas être modifiée"),
        (GridChange.REFERENCE, GridActor.DGEC, True, False, None),
        (GridChange.REFERENCE, GridActor.PORTEUR, False, True, None),
        (GridChange.DOCUMENT, GridActor.DREAL, True, False, DOCUMENT_LOCKED),
        (GridChange.DOCUMENT, GridActor.PORTEUR, False, True, ACHIEVED),
        (GridChange.DOCUMENT, GridActor.DGEC, True, True, None),
        (GridChange.DOSSIER_DELETE, GridActor.PORTEUR, True, False, DOSSIER_DELETE_LOCKED),
        (GridChange.DOSSIER_DELETE, GridActor.DGEC, True, False, None),
        (GridChange.DCR, GridActor.DREAL, False, True, ACHIEVED),
        (GridChange.OPERATOR, GridActor.DREAL, False, True, ACHIEVED),
        (GridChange.OPERATOR, GridActor.DGEC, False, True, None),
        (GridChange.OPERATOR, GridActor.PORTEUR, False, False, None),
    ],
)
def test_locks(change, actor, in_service, achieved, refusal):
    if refusal:
        with pytest.raises(GridRefused, match=refusal):
            check_lock(change, actor, in_service=in_service, achieved=achieved, reference="OUE-RP-2022-000033")
    else:
        check_lock(change, actor, in_service=in_service, achieved=achieved)


def test_reference_change():
    dossiers = [DossierFacts("ABC"), DossierFacts("DEF", commissioned_on=date(2024, 1, 1))]
    pattern = r"[A-Z]{3}"
    assert check_reference_change(dossiers, "DEF", "GHI", pattern).commissioned_on == date(2024, 1, 1)
    for current, new, refusal in [
        ("ABC", "ABC", SAME_REFERENCE),
        ("ABC", "abcd", INVALID_REFERENCE),
        ("ABC", "DEF", ALREADY_IN_PROJECT),
        ("XYZ", "GHI", "n'est pas référencé"),
    ]:
        with pytest.raises(GridRefused, match=refusal):
            check_reference_change(dossiers, current, new, pattern)


@pytest.mark.parametrize(
    ("kind", "present", "refusal"),
    [
        (PTF, set(), None),
        (CONV, {PTF}, None),
        (PTF, {CONV}, None),
        (CONV, {CONV}, "Un document de type convention-de-raccordement a déjà été transmis"),
        (DIRECT, {PTF}, "Il est impossible de transmettre un document de type convention-de-raccordement-directe"),
        (DIRECT, {CONV}, "impossible"),
        (PTF, {DIRECT}, "Il est impossible de transmettre un document de type proposition-technique-et-financière"),
        (DIRECT, {DIRECT}, "déjà été transmis"),
    ],
)
def test_documents_that_go_together(kind, present, refusal):
    if refusal:
        with pytest.raises(GridRefused, match=refusal):
            check_transmit(kind, frozenset(present))
    else:
        check_transmit(kind, frozenset(present))


def test_document_kinds_and_presence():
    assert document_kind("convention-de-raccordement") is CONV
    for raw in ("accusé-de-réception", "facture", ""):
        with pytest.raises(GridRefused, match=UNKNOWN_KIND):
            document_kind(raw)
    check_present(PTF, frozenset({PTF}))
    with pytest.raises(GridRefused, match=NOT_THERE):
        check_present(CONV, frozenset({PTF}))


@pytest.mark.parametrize(
    ("dossiers", "open_", "todos"),
    [
        ([], True, [REFERENCE_TO_GIVE]),
        ([], False, []),
        ([DossierFacts("A", has_acknowledgement=False)], True, [ACKNOWLEDGEMENT_TO_GIVE]),
        ([DossierFacts("A", has_acknowledgement=True)], True, []),
        ([DossierFacts("A", has_acknowledgement=False)], False, []),
    ],
)
def test_grid_todos(dossiers, open_, todos):
    assert grid_todos(dossiers, open_=open_) == todos


@pytest.mark.parametrize(
    ("statut", "pending", "ppa", "is_open"),
    [
        ("actif", False, False, True),
        ("actif", True, False, False),
        ("actif", True, True, True),
        ("abandonné", False, False, False),
        ("abandonné", False, True, True),
        ("achevé", False, False, False),
    ],
)
def test_connection_open(statut, pending, ppa, is_open):
    assert connection_open(statut_laureat=statut, abandon_pending=pending, ppa=ppa) is is_open
