"""The administration's direct modifications and the holder's identification number, table by table."""

import pytest

from transition.products.potentiel.domain.changes import Authority, ChangeKind, ChangeRefused
from transition.products.potentiel.domain.modifications import (
    ModificationFacts,
    check_admin_modification,
    check_identification_change,
    check_instructor_correction,
    may_modify,
    producer_values,
)

LAUREAT = ModificationFacts(statut="lauréat")
DGEC, DREAL = Authority.DGEC, Authority.DREAL


@pytest.mark.parametrize(
    ("kind", "agent", "facts", "message"),
    [
        (ChangeKind.ACTIONNAIRE, DGEC, LAUREAT, None),
        (ChangeKind.ACTIONNAIRE, DREAL, LAUREAT, None),
        (ChangeKind.PRODUCTEUR, DGEC, LAUREAT, None),
        (ChangeKind.PUISSANCE, DGEC, LAUREAT, None),
        (ChangeKind.REPRESENTANT_LEGAL, DREAL, LAUREAT, None),
        (ChangeKind.PRODUCTEUR, DREAL, LAUREAT, None),
        (ChangeKind.PUISSANCE, DREAL, LAUREAT, None),
        (
            ChangeKind.PUISSANCE,
            None,
            LAUREAT,
            "Vous n'avez pas le rôle requis pour modifier cette information du projet",
        ),
        (ChangeKind.DELAI, DGEC, LAUREAT, "Cette information du projet ne se modifie pas directement"),
        (ChangeKind.ACTIONNAIRE, DGEC, ModificationFacts(statut="éliminé"), "Le projet lauréat n'existe pas"),
        (ChangeKind.PRODUCTEUR, DGEC, ModificationFacts(statut="classé"), "Le projet lauréat n'existe pas"),
        (
            ChangeKind.PUISSANCE,
            DGEC,
            ModificationFacts(statut="lauréat", pending_kinds=frozenset({ChangeKind.PUISSANCE})),
            "Une demande de changement de puissance est déjà en cours",
        ),
        (
            ChangeKind.ACTIONNAIRE,
            DREAL,
            ModificationFacts(statut="lauréat", pending_kinds=frozenset({ChangeKind.ACTIONNAIRE})),
            "Une demande de changement d'actionnaire est déjà en cours",
        ),
        # a request of another kind in progress does not stop the administration
        (
            ChangeKind.PRODUCTEUR,
            DGEC,
            ModificationFacts(statut="lauréat", pending_kinds=frozenset({ChangeKind.DELAI})),
            None,
        ),
    ],
)
def test_admin_modification(kind, agent, facts, message):
    if message is None:
        assert check_admin_modification(kind, agent, facts).kind is kind
        assert may_modify(kind, agent)
    else:
        with pytest.raises(ChangeRefused) as refused:
            check_admin_modification(kind, agent, facts)
        assert refused.value.message == message


CURRENT = {"producteur": "Soleil du Midi SAS", "numero_identification": "11009001600053"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"producteur": "Nouveau SAS"}, {"producteur": "Nouveau SAS", "numero_identification": "11009001600053"}),
        ({"numero_identification": "348 831 900 06428"}, {**CURRENT, "numero_identification": "34883190006428"}),
        ({"producteur": "soleil  du midi sas", "numero_identification": "110 090 016 00053"}, "identique"),
        ({"producteur": "Soleil du Midi SAS"}, "identique"),
        ({}, "Indiquez le nom du producteur ou son numéro d'identification"),
        ({"numero_identification": "1" * 15}, "Le numéro d'identification ne peut pas dépasser 14 caractères"),
    ],
)
def test_producer_values(raw, expected):
    if isinstance(expected, dict):
        assert producer_values(CURRENT, raw) == expected
    else:
        with pytest.raises(ChangeRefused) as refused:
            producer_values(CURRENT, raw)
        message = (
            "Le nouveau producteur est identique à celui associé au projet" if expected == "identique" else expected
        )
        assert refused.value.message == message


@pytest.mark.parametrize(
    ("current", "new", "result"),
    [
        ("11009001600053", "34883190006428", "34883190006428"),
        ("", "348 831 900 06428", "34883190006428"),
        (
            "110 090 016 00053",
            "11009001600053",
            "Le nouveau numéro d'identification est identique à celui associé au projet",
        ),
        ("11009001600053", " ", "Indiquez le numéro d'identification du producteur (SIRET ou équivalent)"),
    ],
)
def test_identification_change(current, new, result):
    if result.isdigit():
        assert check_identification_change(current, new) == result
    else:
        with pytest.raises(ChangeRefused) as refused:
            check_identification_change(current, new)
        assert refused.value.message == result


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [(ChangeKind.REPRESENTANT_LEGAL, True), (ChangeKind.PUISSANCE, False), (ChangeKind.ABANDON, False)],
)
def test_instructor_correction(kind, allowed):
    if allowed:
        check_instructor_correction(kind)
    else:
        with pytest.raises(ChangeRefused):
            check_instructor_correction(kind)
