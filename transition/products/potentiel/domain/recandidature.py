"""The proof of recandidature: after an abandon granted « avec recandidature », the holder names
another of their projects, notified in a later period (lauréat or éliminé), as the proof that
they applied again. One row per rule in `GUARDS`, checked in order; the first that holds gives
the refusal, in the original's words where it has them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .changes import ChangeRefused
from .lifecycle import Status

NOT_GRANTED = "Il est impossible de transmettre une preuve de recandidature pour un abandon non accordé"
NOT_ASKED = "Il est impossible de transmettre une preuve pour un abandon sans recandidature"
ALREADY = "La preuve de recandidature a déjà été transmise"
UNKNOWN = "Il est impossible de transmettre comme preuve de recandidature un projet inexistant"
SAME = "Le projet abandonné ne peut pas être sa propre preuve de recandidature"
NOT_NOTIFIED = "Il est impossible de transmettre comme preuve de recandidature un projet non notifié"


@dataclass(frozen=True)
class ProofFacts:
    abandon_status: Status | None  # the last abandon request of the abandoned project
    with_recandidature: bool
    already_transmitted: bool
    proof_found: bool  # a project the holder holds (an unknown one and another's read alike)
    proof_is_abandoned_project: bool = False
    proof_notified: bool = False


GUARDS: tuple[tuple[Callable[[ProofFacts], bool], str], ...] = (
    (lambda f: f.abandon_status is not Status.ACCORDE, NOT_GRANTED),
    (lambda f: not f.with_recandidature, NOT_ASKED),
    (lambda f: f.already_transmitted, ALREADY),
    (lambda f: not f.proof_found, UNKNOWN),
    (lambda f: f.proof_is_abandoned_project, SAME),
    (lambda f: not f.proof_notified, NOT_NOTIFIED),
)


def check_proof(facts: ProofFacts) -> None:
    for holds, message in GUARDS:
        if holds(facts):
            raise ChangeRefused(message)


def proof_awaited(abandon_status: Status | None, with_recandidature: bool, transmitted: bool) -> bool:
    """Whether the holder still has to transmit a proof (their to-do)."""
    return abandon_status is Status.ACCORDE and with_recandidature and not transmitted
