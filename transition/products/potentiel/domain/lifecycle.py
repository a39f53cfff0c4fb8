"""The life of every request as one table and one interpreter.

A request (abandon, délai, puissance, actionnaire, producteur, représentant légal, recours, and
the release of financial guarantees, « mainlevée ») moves between a handful of statuses. Each
kind has ONE entry in `LIFECYCLES`: which action leads from which statuses to which status, who
may take it (the holder, the instructing agent, the system), what the service must do when it
happens (`effects`), and the exact French sentence given when the action is refused in a given
status. `next_status` is the only interpreter: services never compare statuses themselves.

Whether the acting agent's authority (DREAL, DGEC) may instruct the request is decided by
`changes.may_instruct`, before the table is asked.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    DEMANDE = "demandé"
    EN_INSTRUCTION = "en-instruction"
    CONFIRMATION_DEMANDEE = "confirmation-demandée"
    CONFIRME = "confirmé"
    ACCORDE = "accordé"
    REJETE = "rejeté"
    ANNULE = "annulé"


STATUS_LABELS = {
    Status.DEMANDE: "Demandée",
    Status.EN_INSTRUCTION: "En instruction",
    Status.CONFIRMATION_DEMANDEE: "Confirmation demandée",
    Status.CONFIRME: "Confirmée",
    Status.ACCORDE: "Accordée",
    Status.REJETE: "Rejetée",
    Status.ANNULE: "Annulée",
}

PENDING = frozenset({Status.DEMANDE, Status.EN_INSTRUCTION, Status.CONFIRMATION_DEMANDEE, Status.CONFIRME})
CLOSED = frozenset({Status.ACCORDE, Status.REJETE, Status.ANNULE})


class Action(StrEnum):
    DEMANDER = "demander"
    CORRIGER = "corriger"
    PASSER_EN_INSTRUCTION = "passer-en-instruction"
    DEMANDER_CONFIRMATION = "demander-confirmation"
    CONFIRMER = "confirmer"
    ACCORDER = "accorder"
    REJETER = "rejeter"
    ANNULER = "annuler"


ACTION_LABELS = {
    Action.DEMANDER: "Déposer la demande",
    Action.CORRIGER: "Corriger la demande",
    Action.PASSER_EN_INSTRUCTION: "Prendre en instruction",
    Action.DEMANDER_CONFIRMATION: "Demander une confirmation",
    Action.CONFIRMER: "Confirmer la demande",
    Action.ACCORDER: "Accorder",
    Action.REJETER: "Rejeter",
    Action.ANNULER: "Annuler la demande",
}

# The decisions that close a request with a reasoned letter.
DECISIONS = frozenset({Action.ACCORDER, Action.REJETER})


class Actor(StrEnum):
    PORTEUR = "porteur"
    INSTRUCTEUR = "instructeur"
    SYSTEME = "système"


class Effect(StrEnum):
    """What the service must do besides moving the status (applied in one transaction)."""

    APPLY_VALUE = "apply-value"  # the requested value becomes the project's
    MOVE_COMPLETION = "move-completion"  # a granted délai moves the planned completion date
    ABANDON_PROJECT = "abandon-project"  # statutLaureat becomes « abandonné »
    CANCEL_PENDING_REQUESTS = "cancel-pending-requests"
    CANCEL_GUARANTEE_TASKS = "cancel-guarantee-tasks"
    REVOKE_ACCESSES = "revoke-accesses"  # a new producteur: the holders lose their access
    CANCEL_COMPLETION_TASKS = "cancel-completion-tasks"
    SCHEDULE_COMPLETION_TASKS = "schedule-completion-tasks"
    MAKE_LAUREAT = "make-laureat"  # a granted recours turns the éliminé into a lauréat
    DEMAND_GUARANTEES = "demand-guarantees"
    SCHEDULE_AUTOMATIC_DECISION = "schedule-automatic-decision"  # représentant légal: +2 and +3 months
    CANCEL_AUTOMATIC_DECISION = "cancel-automatic-decision"
    RELEASE_GUARANTEES = "release-guarantees"  # mainlevée granted: guarantees « levées »
    NOTIFY_AUTHORITY = "notify-authority"
    NOTIFY_HOLDER = "notify-holder"


HOLDER = frozenset({Actor.PORTEUR})
AGENT = frozenset({Actor.INSTRUCTEUR})
AGENT_OR_SYSTEM = frozenset({Actor.INSTRUCTEUR, Actor.SYSTEME})
ANY = "*"  # in refusals: whatever the current status
NEW = frozenset({None})  # no request yet, or the last one closed
OPEN_OR_NEW = NEW | CLOSED


@dataclass(frozen=True)
class Transition:
    actors: frozenset[Actor]
    sources: frozenset  # of Status, and None for « no request yet »
    target: Status
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class Lifecycle:
    label: str  # « la demande de délai »
    none_message: str  # refusal when there is nothing to act on
    transitions: dict[Action, Transition]
    # (action or None for any action, current status or ANY) -> refusal sentence; the most
    # specific wins, then the none_message.
    refusals: dict[tuple[Action | None, Status | None], str] = field(default_factory=dict)


class TransitionRefused(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


WRONG_ACTOR_AGENT = "Vous n'avez pas le rôle requis pour instruire cette demande"
WRONG_ACTOR_HOLDER = "Seul le porteur du projet peut faire cette action"


def _standard(
    label: str,
    none_message: str,
    *,
    already: str = "Une demande de changement est déjà en cours",
    on_grant: tuple[Effect, ...] = (Effect.APPLY_VALUE,),
    on_request: tuple[Effect, ...] = (),
    on_close: tuple[Effect, ...] = (),
    correctable: bool = True,
    once_granted_closed: bool = False,
    refusals: dict | None = None,
) -> Lifecycle:
    """The common life: demandé → (en instruction) → accordé | rejeté, annulé by the holder."""
    pending = frozenset({Status.DEMANDE, Status.EN_INSTRUCTION})
    transitions = {
        Action.DEMANDER: Transition(
            HOLDER,
            OPEN_OR_NEW - {Status.ACCORDE} if once_granted_closed else OPEN_OR_NEW,
            Status.DEMANDE,
            (*on_request, Effect.NOTIFY_AUTHORITY),
        ),
        Action.PASSER_EN_INSTRUCTION: Transition(AGENT, pending, Status.EN_INSTRUCTION),
        Action.ACCORDER: Transition(
            AGENT_OR_SYSTEM, pending, Status.ACCORDE, (*on_grant, *on_close, Effect.NOTIFY_HOLDER)
        ),
        Action.REJETER: Transition(AGENT_OR_SYSTEM, pending, Status.REJETE, (*on_close, Effect.NOTIFY_HOLDER)),
        Action.ANNULER: Transition(HOLDER, pending, Status.ANNULE, (*on_close, Effect.NOTIFY_AUTHORITY)),
    }
    if correctable:
        transitions[Action.CORRIGER] = Transition(HOLDER, frozenset({Status.DEMANDE}), Status.DEMANDE)
    base = {(Action.DEMANDER, status): already for status in PENDING}
    return Lifecycle(label, none_message, transitions, {**base, **(refusals or {})})


ABANDON = "abandon"
DELAI = "délai"
PUISSANCE = "puissance"
ACTIONNAIRE = "actionnaire"
PRODUCTEUR = "producteur"
REPRESENTANT_LEGAL = "représentantLégal"
RECOURS = "recours"
MAINLEVEE = "mainlevée"

_ABANDON_PENDING = frozenset({Status.DEMANDE, Status.EN_INSTRUCTION, Status.CONFIRME})
_ABANDON_GRANTED = (
    Effect.ABANDON_PROJECT,
    Effect.CANCEL_PENDING_REQUESTS,
    Effect.CANCEL_GUARANTEE_TASKS,
    Effect.CANCEL_COMPLETION_TASKS,
    Effect.CANCEL_AUTOMATIC_DECISION,
    Effect.NOTIFY_HOLDER,
)

LIFECYCLES: dict[str, Lifecycle] = {
    ABANDON: Lifecycle(
        label="la demande d'abandon",
        none_message="Aucune demande d'abandon n'est en cours",
        transitions={
            Action.DEMANDER: Transition(
                HOLDER, NEW | {Status.REJETE, Status.ANNULE}, Status.DEMANDE, (Effect.NOTIFY_AUTHORITY,)
            ),
            Action.PASSER_EN_INSTRUCTION: Transition(
                AGENT, frozenset({Status.DEMANDE, Status.EN_INSTRUCTION}), Status.EN_INSTRUCTION
            ),
            Action.DEMANDER_CONFIRMATION: Transition(
                AGENT,
                frozenset({Status.DEMANDE, Status.EN_INSTRUCTION}),
                Status.CONFIRMATION_DEMANDEE,
                (Effect.NOTIFY_HOLDER,),
            ),
            Action.CONFIRMER: Transition(
                HOLDER,
                frozenset({Status.CONFIRMATION_DEMANDEE}),
                Status.CONFIRME,
                (Effect.NOTIFY_AUTHORITY, Effect.NOTIFY_HOLDER),  # and the holders' acknowledgement
            ),
            Action.ACCORDER: Transition(AGENT, _ABANDON_PENDING, Status.ACCORDE, _ABANDON_GRANTED),
            Action.REJETER: Transition(
                AGENT,
                _ABANDON_PENDING | {Status.CONFIRMATION_DEMANDEE},
                Status.REJETE,
                (Effect.SCHEDULE_COMPLETION_TASKS, Effect.NOTIFY_HOLDER),
            ),
            Action.ANNULER: Transition(
                HOLDER, _ABANDON_PENDING | {Status.CONFIRMATION_DEMANDEE}, Status.ANNULE, (Effect.NOTIFY_AUTHORITY,)
            ),
        },
        refusals={
            **{(Action.DEMANDER, s): "Une demande d'abandon est déjà en cours" for s in PENDING},
            (Action.DEMANDER, Status.ACCORDE): "Le projet est déjà abandonné",
            (Action.CONFIRMER, ANY): "Aucune confirmation d'abandon n'est demandée",
            (Action.ACCORDER, Status.CONFIRMATION_DEMANDEE): "La confirmation de l'abandon est attendue du porteur",
        },
    ),
    DELAI: _standard(
        "la demande de délai",
        "Aucune demande de délai n'est en cours",
        on_grant=(Effect.MOVE_COMPLETION, Effect.SCHEDULE_COMPLETION_TASKS),
    ),
    PUISSANCE: _standard(
        "la demande de changement de puissance",
        "Aucune demande de changement de puissance n'est en cours",
        correctable=False,
    ),
    ACTIONNAIRE: _standard(
        "la demande de changement d'actionnaire",
        "Aucune demande de changement d'actionnaire n'est en cours",
        correctable=False,
        refusals={(Action.REJETER, Status.ACCORDE): "La demande de changement d'actionnaire a déjà été accordée"},
    ),
    PRODUCTEUR: _standard(
        "le changement de producteur",
        "Aucun changement de producteur n'est en cours",
        correctable=False,
        on_grant=(Effect.APPLY_VALUE, Effect.REVOKE_ACCESSES, Effect.DEMAND_GUARANTEES),
    ),
    REPRESENTANT_LEGAL: _standard(
        "la demande de changement de représentant légal",
        "Aucun changement de représentant légal n'est en cours",
        on_request=(Effect.SCHEDULE_AUTOMATIC_DECISION,),
        on_close=(Effect.CANCEL_AUTOMATIC_DECISION,),
        refusals={
            (Action.ANNULER, Status.ACCORDE): "La demande de changement de représentant légal a déjà été accordée",
            (Action.ANNULER, Status.REJETE): "La demande de changement de représentant légal a déjà été rejetée",
            (Action.CORRIGER, Status.ACCORDE): "Le changement de représentant légal a déjà été accordé",
        },
    ),
    RECOURS: _standard(
        "le recours",
        "Aucun recours n'est en cours",
        already="Un recours est déjà en cours",
        on_grant=(Effect.MAKE_LAUREAT, Effect.DEMAND_GUARANTEES, Effect.SCHEDULE_COMPLETION_TASKS),
        correctable=False,
        once_granted_closed=True,
        refusals={
            (None, Status.ACCORDE): "Le recours a déjà été accordé",
            (None, Status.REJETE): "Le recours a déjà été rejeté",
            (None, Status.ANNULE): "Le recours a déjà été annulé",
            (Action.DEMANDER, Status.ACCORDE): "Le recours a déjà été accordé",
        },
    ),
    MAINLEVEE: Lifecycle(
        label="la demande de mainlevée des garanties financières",
        none_message="Il n'y a pas de demande de mainlevée de garanties financières en cours pour ce projet",
        transitions={
            Action.DEMANDER: Transition(
                HOLDER, NEW | {Status.REJETE, Status.ANNULE}, Status.DEMANDE, (Effect.NOTIFY_AUTHORITY,)
            ),
            Action.PASSER_EN_INSTRUCTION: Transition(
                AGENT, frozenset({Status.DEMANDE}), Status.EN_INSTRUCTION, (Effect.NOTIFY_HOLDER,)
            ),
            Action.ACCORDER: Transition(
                AGENT,
                frozenset({Status.DEMANDE, Status.EN_INSTRUCTION}),
                Status.ACCORDE,
                (Effect.RELEASE_GUARANTEES, Effect.CANCEL_GUARANTEE_TASKS, Effect.NOTIFY_HOLDER),
            ),
            Action.REJETER: Transition(
                AGENT, frozenset({Status.DEMANDE, Status.EN_INSTRUCTION}), Status.REJETE, (Effect.NOTIFY_HOLDER,)
            ),
            Action.ANNULER: Transition(
                HOLDER, frozenset({Status.DEMANDE, Status.EN_INSTRUCTION}), Status.ANNULE, (Effect.NOTIFY_AUTHORITY,)
            ),
        },
        refusals={
            (None, Status.ACCORDE): "Il y a déjà une demande de mainlevée accordée pour ce projet",
            (Action.ANNULER, Status.REJETE): "Il y a déjà une demande de mainlevée rejetée pour ce projet",
            (Action.REJETER, Status.REJETE): "La dernière demande de mainlevée pour ce projet a été rejetée, "
            "aucune n'est en cours",
            (Action.PASSER_EN_INSTRUCTION, Status.EN_INSTRUCTION): "Il y a déjà une demande de mainlevée "
            "en instruction pour ce projet",
            (Action.DEMANDER, Status.DEMANDE): "Il y a déjà une demande de mainlevée en cours pour ce projet",
            (
                Action.DEMANDER,
                Status.EN_INSTRUCTION,
            ): "Il y a déjà une demande de mainlevée en instruction pour ce projet",
        },
    ),
}


def refusal(kind: str, action: Action, current: Status | None, actor: Actor) -> str | None:
    """Why `actor` may not take `action` on a request of `kind` in status `current` (None: allowed)."""
    lifecycle = LIFECYCLES[kind]
    transition = lifecycle.transitions.get(action)
    if transition is None:
        return f"Cette action n'existe pas pour {lifecycle.label}"
    if current not in transition.sources:
        return (
            lifecycle.refusals.get((action, current))
            or lifecycle.refusals.get((action, ANY))
            or lifecycle.refusals.get((None, current))
            or lifecycle.none_message
        )
    if actor not in transition.actors:
        return WRONG_ACTOR_HOLDER if Actor.PORTEUR in transition.actors else WRONG_ACTOR_AGENT
    return None


def next_status(kind: str, action: Action, current: Status | None, actor: Actor) -> Status:
    """The status after `action`, or TransitionRefused with the French reason."""
    message = refusal(kind, action, current, actor)
    if message:
        raise TransitionRefused(message)
    return LIFECYCLES[kind].transitions[action].target


def effects(kind: str, action: Action) -> tuple[Effect, ...]:
    return LIFECYCLES[kind].transitions[action].effects


def allowed_actions(kind: str, current: Status | None, actor: Actor) -> list[Action]:
    """The actions `actor` may take now, in the table's order (for the buttons of a page)."""
    return [action for action in LIFECYCLES[kind].transitions if refusal(kind, action, current, actor) is None]


def is_pending(status: Status | None) -> bool:
    return status in PENDING
