"""Who may do what to a lot, and when: the life of a lot as one table and one interpreter.

DRAFT → PENDING (sent) → ACCEPTED | REJECTED → FROZEN (declared by both sides), and DELETED.
Beside the status runs the correction: NO_PROBLEMO → IN_CORRECTION (the client asked, or the
supplier recalled) → FIXED (the creator submitted the fix) → NO_PROBLEMO (the client approved).
The acting entity is the lot's creator, its supplier and/or its client; the table says which of
them may act, from which statuses, and the interpreter says why not in French.
"""

from dataclasses import dataclass
from enum import StrEnum

from .vocabulary import CorrectionStatus, DeliveryType, LotStatus


class Action(StrEnum):
    UPDATE = "update"
    DELETE = "delete"
    SEND = "send"
    ACCEPT = "accept"
    REJECT = "reject"
    REQUEST_FIX = "request_fix"
    RECALL = "recall"
    SUBMIT_FIX = "submit_fix"
    APPROVE_FIX = "approve_fix"
    CANCEL_ACCEPT = "cancel_accept"
    COMMENT = "comment"


class Party(StrEnum):
    CREATOR = "creator"
    SUPPLIER = "supplier"
    CLIENT = "client"


# How a client may accept a lot: the delivery type the lot takes.
ACCEPTANCE_TYPES = (
    DeliveryType.STOCK,
    DeliveryType.BLENDING,
    DeliveryType.RFC,
    DeliveryType.EXPORT,
    DeliveryType.TRADING,
    DeliveryType.PROCESSING,
    DeliveryType.DIRECT,
    DeliveryType.CONSUMPTION,
)


@dataclass(frozen=True)
class LotState:
    """What the rules need to know about a lot and the entity acting on it."""

    lot_status: LotStatus
    correction_status: CorrectionStatus
    parties: frozenset[Party]  # what the acting entity is to the lot
    has_blocking_errors: bool = False
    year_locked: bool = False
    descendants_in_use: bool = False  # a child lot or stock extraction went further


@dataclass(frozen=True)
class Rule:
    parties: frozenset[Party]
    statuses: frozenset[LotStatus]
    corrections: frozenset[CorrectionStatus]
    needs_clean_checks: bool = False
    refused_when_year_locked: bool = True
    refused_when_descendants_in_use: bool = False
    # Once sent, the lot allows the action only in these correction statuses (None: as above).
    corrections_once_sent: frozenset[CorrectionStatus] | None = None


ALL_CORRECTIONS = frozenset(CorrectionStatus)
NO_CORRECTION = frozenset({CorrectionStatus.NO_PROBLEMO})
SENT = frozenset({LotStatus.PENDING, LotStatus.ACCEPTED, LotStatus.REJECTED})
ANY_PARTY = frozenset(Party)

RULES: dict[Action, Rule] = {
    Action.UPDATE: Rule(
        frozenset({Party.CREATOR}),
        frozenset({LotStatus.DRAFT, *SENT}),
        ALL_CORRECTIONS,
        corrections_once_sent=frozenset({CorrectionStatus.IN_CORRECTION}),
    ),
    Action.DELETE: Rule(
        frozenset({Party.CREATOR}),
        frozenset({LotStatus.DRAFT, LotStatus.PENDING, LotStatus.REJECTED}),
        ALL_CORRECTIONS,
    ),
    Action.SEND: Rule(frozenset({Party.CREATOR}), frozenset({LotStatus.DRAFT}), NO_CORRECTION, needs_clean_checks=True),
    Action.ACCEPT: Rule(frozenset({Party.CLIENT}), frozenset({LotStatus.PENDING, LotStatus.REJECTED}), NO_CORRECTION),
    Action.REJECT: Rule(frozenset({Party.CLIENT}), frozenset({LotStatus.PENDING}), ALL_CORRECTIONS),
    Action.REQUEST_FIX: Rule(
        frozenset({Party.CLIENT}), frozenset({LotStatus.PENDING, LotStatus.ACCEPTED}), NO_CORRECTION
    ),
    Action.RECALL: Rule(
        frozenset({Party.CREATOR, Party.SUPPLIER}), frozenset({LotStatus.PENDING, LotStatus.ACCEPTED}), NO_CORRECTION
    ),
    Action.SUBMIT_FIX: Rule(
        frozenset({Party.CREATOR}),
        SENT,
        frozenset({CorrectionStatus.IN_CORRECTION}),
        needs_clean_checks=True,
    ),
    Action.APPROVE_FIX: Rule(frozenset({Party.CLIENT}), SENT, frozenset({CorrectionStatus.FIXED})),
    Action.CANCEL_ACCEPT: Rule(
        frozenset({Party.CLIENT}),
        frozenset({LotStatus.ACCEPTED}),
        NO_CORRECTION,
        refused_when_descendants_in_use=True,
    ),
    Action.COMMENT: Rule(
        ANY_PARTY, frozenset(LotStatus) - {LotStatus.DELETED}, ALL_CORRECTIONS, refused_when_year_locked=False
    ),
}

STATUS_REASONS = {
    LotStatus.DRAFT: "ce lot est encore un brouillon",
    LotStatus.PENDING: "ce lot attend la réponse du client",
    LotStatus.ACCEPTED: "ce lot est déjà accepté",
    LotStatus.REJECTED: "ce lot a été refusé",
    LotStatus.FROZEN: "ce lot est déclaré par les deux parties",
    LotStatus.DELETED: "ce lot est supprimé",
}
CORRECTION_REASONS = {
    CorrectionStatus.NO_PROBLEMO: "aucune correction n’est en cours",
    CorrectionStatus.IN_CORRECTION: "une correction est en cours",
    CorrectionStatus.FIXED: "une correction attend la validation du client",
}
PARTY_REASONS = {
    frozenset({Party.CREATOR}): "seule l’entité qui a créé le lot le peut",
    frozenset({Party.CLIENT}): "seul le client du lot le peut",
    frozenset({Party.CREATOR, Party.SUPPLIER}): "seul le fournisseur du lot le peut",
}


def refusal(action: Action, state: LotState) -> str | None:
    """None when `action` is allowed; otherwise why not, as a sentence to show."""
    rule = RULES[action]
    if not state.parties & rule.parties:
        reason = PARTY_REASONS.get(rule.parties, "votre entité n’est pas partie à ce lot")
        return _sentence(reason)
    if state.lot_status not in rule.statuses:
        return _sentence(STATUS_REASONS[state.lot_status])
    if state.correction_status not in rule.corrections:
        return _sentence(CORRECTION_REASONS[state.correction_status])
    once_sent = rule.corrections_once_sent
    if once_sent is not None and state.lot_status != LotStatus.DRAFT and state.correction_status not in once_sent:
        return "Un lot envoyé ne se modifie qu’en correction : demandez-la ou rappelez le lot."
    if rule.refused_when_year_locked and state.year_locked:
        return "Cette année est verrouillée par l’administration."
    if rule.needs_clean_checks and state.has_blocking_errors:
        return "Ce lot a des erreurs bloquantes : corrigez-les d’abord."
    if rule.refused_when_descendants_in_use and state.descendants_in_use:
        return "Une partie de ce lot a déjà été transférée ou extraite : son acceptation ne peut plus être annulée."
    return None


def allowed(action: Action, state: LotState) -> bool:
    return refusal(action, state) is None


def allowed_actions(state: LotState) -> frozenset[Action]:
    return frozenset(action for action in Action if allowed(action, state))


def _sentence(reason: str) -> str:
    return f"Action impossible : {reason}."
