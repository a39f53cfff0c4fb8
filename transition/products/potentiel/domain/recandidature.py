"""The proof of recandidature: after an abandon granted « avec recandidature », the holder names
another of their projects, notified in a later period (lauréat or éliminé) within the window the
original sets (`PROOF_WINDOW`: from 15/12/2023 to 31/03/2025), as the proof that they applied
again. One row per rule in `GUARDS`, checked in order; the first that holds gives
the refusal, in the original's words where it has them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .changes import ChangeRefused
from .lifecycle import Status

NOT_GRANTED = "Il est impossible de transmettre une preuve de recandidature pour un abandon non accordé"
NOT_ASKED = "Il est impossible de transmettre une preuve pour un abandon sans recandidature"
ALREADY = "La preuve de recandidature a déjà été transmise"
UNKNOWN = "Il est impossible de transmettre comme preuve de recandidature un projet inexistant"
SAME = "Le projet abandonné ne peut pas être sa propre preuve de recandidature"
NOT_NOTIFIED = "Il est impossible de transmettre une preuve de recandidature non notifiée"
PROOF_WINDOW = (date(2023, 12, 15), date(2025, 3, 31))  # the proof's notification, both days included
NOTIFIED_BEFORE = (
    f"Il est impossible de transmettre comme preuve de recandidature un projet ayant été notifié avant le "
    f"{PROOF_WINDOW[0]:%d/%m/%Y}"
)
NOTIFIED_AFTER = (
    f"Il est impossible de transmettre comme preuve de recandidature un projet ayant été notifié après le "
    f"{PROOF_WINDOW[1]:%d/%m/%Y}"
)


@dataclass(frozen=True)
class ProofFacts:
    abandon_status: Status | None  # the last abandon request of the abandoned project
    with_recandidature: bool
    already_transmitted: bool
    proof_found: bool  # a project the holder holds (an unknown one and another's read alike)
    proof_is_abandoned_project: bool = False
    proof_notified_on: date | None = None


GUARDS: tuple[tuple[Callable[[ProofFacts], bool], str], ...] = (
    (lambda f: f.abandon_status is not Status.ACCORDE, NOT_GRANTED),
    (lambda f: not f.with_recandidature, NOT_ASKED),
    (lambda f: f.already_transmitted, ALREADY),
    (lambda f: not f.proof_found, UNKNOWN),
    (lambda f: f.proof_is_abandoned_project, SAME),
    (lambda f: f.proof_notified_on is None, NOT_NOTIFIED),
    (lambda f: f.proof_notified_on < PROOF_WINDOW[0], NOTIFIED_BEFORE),
    (lambda f: f.proof_notified_on > PROOF_WINDOW[1], NOTIFIED_AFTER),
)


def check_proof(facts: ProofFacts) -> None:
    for holds, message in GUARDS:
        if holds(facts):
            raise ChangeRefused(message)


def proof_awaited(abandon_status: Status | None, with_recandidature: bool, transmitted: bool) -> bool:
    """Whether the holder still has to transmit a proof (their to-do)."""
    return abandon_status is Status.ACCORDE and with_recandidature and not transmitted
