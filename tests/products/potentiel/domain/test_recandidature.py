"""The proof of recandidature after an abandon: one row per rule of `GUARDS`."""

from datetime import date

import pytest

from transition.products.potentiel.domain.changes import ChangeRefused
from transition.products.potentiel.domain.lifecycle import Status
from transition.products.potentiel.domain.recandidature import ProofFacts, check_proof, proof_awaited

OK = {
    "abandon_status": Status.ACCORDE,
    "with_recandidature": True,
    "already_transmitted": False,
    "proof_found": True,
    "proof_is_abandoned_project": False,
    "proof_notified_on": date(2024, 10, 1),
}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, None),
        (
            {"abandon_status": Status.DEMANDE},
            "Il est impossible de transmettre une preuve de recandidature pour un abandon non accordé",
        ),
        (
            {"abandon_status": Status.CONFIRMATION_DEMANDEE},
            "Il est impossible de transmettre une preuve de recandidature pour un abandon non accordé",
        ),
        (
            {"abandon_status": None},
            "Il est impossible de transmettre une preuve de recandidature pour un abandon non accordé",
        ),
        (
            {"with_recandidature": False},
            "Il est impossible de transmettre une preuve pour un abandon sans recandidature",
        ),
        ({"already_transmitted": True}, "La preuve de recandidature a déjà été transmise"),
        ({"proof_found": False}, "Il est impossible de transmettre comme preuve de recandidature un projet inexistant"),
        (
            {"proof_is_abandoned_project": True},
            "Le projet abandonné ne peut pas être sa propre preuve de recandidature",
        ),
        ({"proof_notified_on": None}, "Il est impossible de transmettre une preuve de recandidature non notifiée"),
        ({"proof_notified_on": date(2023, 12, 15)}, None),
        ({"proof_notified_on": date(2025, 3, 31)}, None),
        (
            {"proof_notified_on": date(2023, 12, 14)},
            "Il est impossible de transmettre comme preuve de recandidature un projet ayant été notifié avant le 15/12/2023",
        ),
        (
            {"proof_notified_on": date(2025, 4, 1)},
            "Il est impossible de transmettre comme preuve de recandidature un projet ayant été notifié après le 31/03/2025",
        ),
        # the first rule that holds gives the refusal
        (
            {"abandon_status": Status.REJETE, "with_recandidature": False},
            "Il est impossible de transmettre une preuve de recandidature pour un abandon non accordé",
        ),
    ],
)
def test_check_proof(changes, message):
    facts = ProofFacts(**{**OK, **changes})
    if message is None:
        check_proof(facts)
    else:
        with pytest.raises(ChangeRefused) as refused:
            check_proof(facts)
        assert refused.value.message == message


@pytest.mark.parametrize(
    ("status", "with_recandidature", "transmitted", "awaited"),
    [
        (Status.ACCORDE, True, False, True),
        (Status.ACCORDE, True, True, False),
        (Status.ACCORDE, False, False, False),
        (Status.DEMANDE, True, False, False),
        (None, False, False, False),
    ],
)
def test_proof_awaited(status, with_recandidature, transmitted, awaited):
    assert proof_awaited(status, with_recandidature, transmitted) is awaited
