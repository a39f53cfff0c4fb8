"""Every request's life: the one table, at its edges, with the original's refusal sentences."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.potentiel.domain.lifecycle import (
    LIFECYCLES,
    PENDING,
    Action,
    Actor,
    Effect,
    Status,
    TransitionRefused,
    allowed_actions,
    effects,
    next_status,
    refusal,
)

P, AG, S = Actor.PORTEUR, Actor.INSTRUCTEUR, Actor.SYSTEME
D, EI, CD, C = Status.DEMANDE, Status.EN_INSTRUCTION, Status.CONFIRMATION_DEMANDEE, Status.CONFIRME
A, R, X = Status.ACCORDE, Status.REJETE, Status.ANNULE


@pytest.mark.parametrize(
    ("kind", "action", "current", "actor", "expected"),
    [
        # abandon: the confirmation loop
        ("abandon", Action.DEMANDER, None, P, D),
        ("abandon", Action.DEMANDER, R, P, D),
        ("abandon", Action.PASSER_EN_INSTRUCTION, D, AG, EI),
        ("abandon", Action.DEMANDER_CONFIRMATION, D, AG, CD),
        ("abandon", Action.DEMANDER_CONFIRMATION, EI, AG, CD),
        ("abandon", Action.CONFIRMER, CD, P, C),
        ("abandon", Action.ACCORDER, C, AG, A),
        ("abandon", Action.ACCORDER, D, AG, A),
        ("abandon", Action.REJETER, EI, AG, R),
        ("abandon", Action.ANNULER, CD, P, X),
        # délai
        ("délai", Action.DEMANDER, None, P, D),
        ("délai", Action.CORRIGER, D, P, D),
        ("délai", Action.PASSER_EN_INSTRUCTION, EI, AG, EI),  # a new agent takes it over
        ("délai", Action.ACCORDER, EI, AG, A),
        ("délai", Action.ANNULER, D, P, X),
        ("délai", Action.DEMANDER, A, P, D),  # a second délai after a first granted
        # représentant légal: the system decides after three months
        ("représentantLégal", Action.ACCORDER, D, S, A),
        ("représentantLégal", Action.REJETER, D, S, R),
        # recours
        ("recours", Action.DEMANDER, None, P, D),
        ("recours", Action.PASSER_EN_INSTRUCTION, D, AG, EI),
        ("recours", Action.REJETER, EI, AG, R),
        ("recours", Action.ANNULER, EI, P, X),
        # mainlevée
        ("mainlevée", Action.DEMANDER, None, P, D),
        ("mainlevée", Action.PASSER_EN_INSTRUCTION, D, AG, EI),
        ("mainlevée", Action.ACCORDER, EI, AG, A),
        ("mainlevée", Action.DEMANDER, R, P, D),
    ],
)
def test_allowed_transitions(kind, action, current, actor, expected):
    assert next_status(kind, action, current, actor) is expected


@pytest.mark.parametrize(
    ("kind", "action", "current", "actor", "message"),
    [
        ("abandon", Action.ACCORDER, None, AG, "Aucune demande d'abandon n'est en cours"),
        ("abandon", Action.DEMANDER, D, P, "Une demande d'abandon est déjà en cours"),
        ("abandon", Action.ACCORDER, CD, AG, "La confirmation de l'abandon est attendue du porteur"),
        ("abandon", Action.CONFIRMER, D, P, "Aucune confirmation d'abandon n'est demandée"),
        ("abandon", Action.ACCORDER, D, P, "Vous n'avez pas le rôle requis pour instruire cette demande"),
        ("abandon", Action.ANNULER, D, AG, "Seul le porteur du projet peut faire cette action"),
        ("actionnaire", Action.ACCORDER, R, AG, "Aucune demande de changement d'actionnaire n'est en cours"),
        ("actionnaire", Action.ANNULER, None, P, "Aucune demande de changement d'actionnaire n'est en cours"),
        ("actionnaire", Action.REJETER, A, AG, "La demande de changement d'actionnaire a déjà été accordée"),
        ("actionnaire", Action.REJETER, X, AG, "Aucune demande de changement d'actionnaire n'est en cours"),
        ("actionnaire", Action.DEMANDER, D, P, "Une demande de changement est déjà en cours"),
        ("délai", Action.ACCORDER, X, AG, "Aucune demande de délai n'est en cours"),
        ("délai", Action.ANNULER, A, P, "Aucune demande de délai n'est en cours"),
        ("délai", Action.CORRIGER, A, P, "Aucune demande de délai n'est en cours"),
        ("délai", Action.CORRIGER, R, P, "Aucune demande de délai n'est en cours"),
        ("délai", Action.PASSER_EN_INSTRUCTION, None, AG, "Aucune demande de délai n'est en cours"),
        ("délai", Action.PASSER_EN_INSTRUCTION, R, AG, "Aucune demande de délai n'est en cours"),
        ("délai", Action.REJETER, R, AG, "Aucune demande de délai n'est en cours"),
        ("puissance", Action.ACCORDER, None, AG, "Aucune demande de changement de puissance n'est en cours"),
        ("puissance", Action.ACCORDER, A, AG, "Aucune demande de changement de puissance n'est en cours"),
        ("puissance", Action.REJETER, X, AG, "Aucune demande de changement de puissance n'est en cours"),
        ("représentantLégal", Action.ACCORDER, R, AG, "Aucun changement de représentant légal n'est en cours"),
        ("représentantLégal", Action.ANNULER, None, P, "Aucun changement de représentant légal n'est en cours"),
        (
            "représentantLégal",
            Action.ANNULER,
            A,
            P,
            "La demande de changement de représentant légal a déjà été accordée",
        ),
        (
            "représentantLégal",
            Action.ANNULER,
            R,
            P,
            "La demande de changement de représentant légal a déjà été rejetée",
        ),
        ("représentantLégal", Action.CORRIGER, None, P, "Aucun changement de représentant légal n'est en cours"),
        ("représentantLégal", Action.CORRIGER, A, P, "Le changement de représentant légal a déjà été accordé"),
        ("représentantLégal", Action.REJETER, None, AG, "Aucun changement de représentant légal n'est en cours"),
        ("recours", Action.ACCORDER, A, AG, "Le recours a déjà été accordé"),
        ("recours", Action.ANNULER, A, P, "Le recours a déjà été accordé"),
        ("recours", Action.ANNULER, None, P, "Aucun recours n'est en cours"),
        ("recours", Action.DEMANDER, D, P, "Un recours est déjà en cours"),
        ("recours", Action.PASSER_EN_INSTRUCTION, A, AG, "Le recours a déjà été accordé"),
        ("recours", Action.PASSER_EN_INSTRUCTION, R, AG, "Le recours a déjà été rejeté"),
        ("recours", Action.PASSER_EN_INSTRUCTION, None, AG, "Aucun recours n'est en cours"),
        ("recours", Action.PASSER_EN_INSTRUCTION, X, AG, "Le recours a déjà été annulé"),
        ("recours", Action.REJETER, A, AG, "Le recours a déjà été accordé"),
        ("mainlevée", Action.ANNULER, R, P, "Il y a déjà une demande de mainlevée rejetée pour ce projet"),
        ("mainlevée", Action.ANNULER, A, P, "Il y a déjà une demande de mainlevée accordée pour ce projet"),
        ("mainlevée", Action.DEMANDER, EI, P, "Il y a déjà une demande de mainlevée en instruction pour ce projet"),
        ("mainlevée", Action.DEMANDER, A, P, "Il y a déjà une demande de mainlevée accordée pour ce projet"),
        (
            "mainlevée",
            Action.PASSER_EN_INSTRUCTION,
            A,
            AG,
            "Il y a déjà une demande de mainlevée accordée pour ce projet",
        ),
        (
            "mainlevée",
            Action.REJETER,
            None,
            AG,
            "Il n'y a pas de demande de mainlevée de garanties financières en cours pour ce projet",
        ),
        ("mainlevée", Action.REJETER, A, AG, "Il y a déjà une demande de mainlevée accordée pour ce projet"),
        (
            "mainlevée",
            Action.REJETER,
            R,
            AG,
            "La dernière demande de mainlevée pour ce projet a été rejetée, aucune n'est en cours",
        ),
        ("puissance", Action.CORRIGER, D, P, "Cette action n'existe pas pour la demande de changement de puissance"),
    ],
)
def test_refused_transitions(kind, action, current, actor, message):
    with pytest.raises(TransitionRefused) as refused:
        next_status(kind, action, current, actor)
    assert refused.value.message == message


@pytest.mark.parametrize(
    ("kind", "action", "effect"),
    [
        ("délai", Action.ACCORDER, Effect.MOVE_COMPLETION),
        ("abandon", Action.ACCORDER, Effect.ABANDON_PROJECT),
        ("abandon", Action.ACCORDER, Effect.CANCEL_PENDING_REQUESTS),
        ("abandon", Action.ACCORDER, Effect.CANCEL_GUARANTEE_TASKS),
        ("abandon", Action.REJETER, Effect.SCHEDULE_COMPLETION_TASKS),
        ("recours", Action.ACCORDER, Effect.MAKE_LAUREAT),
        ("recours", Action.ACCORDER, Effect.DEMAND_GUARANTEES),
        ("producteur", Action.ACCORDER, Effect.DEMAND_GUARANTEES),
        ("représentantLégal", Action.DEMANDER, Effect.SCHEDULE_AUTOMATIC_DECISION),
        ("représentantLégal", Action.ACCORDER, Effect.CANCEL_AUTOMATIC_DECISION),
        ("représentantLégal", Action.REJETER, Effect.CANCEL_AUTOMATIC_DECISION),
        ("représentantLégal", Action.ANNULER, Effect.CANCEL_AUTOMATIC_DECISION),
        ("puissance", Action.ACCORDER, Effect.APPLY_VALUE),
        ("mainlevée", Action.ACCORDER, Effect.RELEASE_GUARANTEES),
        ("mainlevée", Action.ACCORDER, Effect.CANCEL_GUARANTEE_TASKS),
        ("mainlevée", Action.PASSER_EN_INSTRUCTION, Effect.NOTIFY_HOLDER),
        ("mainlevée", Action.ANNULER, Effect.NOTIFY_AUTHORITY),
        ("mainlevée", Action.REJETER, Effect.NOTIFY_HOLDER),
    ],
)
def test_consequences_are_in_the_table(kind, action, effect):
    assert effect in effects(kind, action)


def test_a_rejected_request_applies_nothing():
    for kind, lifecycle in LIFECYCLES.items():
        rejected = lifecycle.transitions[Action.REJETER].effects
        assert Effect.APPLY_VALUE not in rejected, kind
        assert Effect.MOVE_COMPLETION not in rejected, kind


def test_buttons_of_a_page():
    assert allowed_actions("délai", D, P) == [Action.ANNULER, Action.CORRIGER]
    assert allowed_actions("délai", D, AG) == [Action.PASSER_EN_INSTRUCTION, Action.ACCORDER, Action.REJETER]
    assert allowed_actions("délai", A, AG) == []
    assert Action.DEMANDER_CONFIRMATION in allowed_actions("abandon", EI, AG)


STATUSES = st.sampled_from([None, *Status])


@given(
    kind=st.sampled_from(sorted(LIFECYCLES)),
    action=st.sampled_from(list(Action)),
    current=STATUSES,
    actor=st.sampled_from(list(Actor)),
)
def test_the_interpreter_is_total_and_consistent(kind, action, current, actor):
    """Any question gets an answer: a status, or a non-empty French refusal; never an exception."""
    reason = refusal(kind, action, current, actor)
    if reason is None:
        target = next_status(kind, action, current, actor)
        assert target in Status
        assert action in allowed_actions(kind, current, actor)
    else:
        assert reason and reason[0].isupper()
        with pytest.raises(TransitionRefused):
            next_status(kind, action, current, actor)


@given(
    kind=st.sampled_from(sorted(LIFECYCLES)), current=st.sampled_from([Status.ACCORDE, Status.REJETE, Status.ANNULE])
)
def test_closed_requests_only_reopen_by_a_new_request(kind, current):
    """Once decided or cancelled, no agent or system action applies to the request any more."""
    for actor in (AG, S):
        assert allowed_actions(kind, current, actor) == []


@given(kind=st.sampled_from(sorted(LIFECYCLES)))
def test_decisions_close_the_request(kind):
    for action in (Action.ACCORDER, Action.REJETER, Action.ANNULER):
        assert LIFECYCLES[kind].transitions[action].target not in PENDING
