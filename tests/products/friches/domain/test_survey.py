"""The questionnaire's navigation, signals and completion: the original's test cases
(recoco_rules.json) as a table, and a few of our own."""

import pytest

from transition.products.friches.domain.signals import format_tags, parse_tags
from transition.products.friches.domain.survey import (
    Choice,
    Question,
    QuestionSet,
    answer_signals,
    completion,
    following_set,
    next_question,
    precondition_holds,
    previous_question,
    session_signals,
    set_completion,
)


def _build(questions, question_sets=None):
    """Questions named Q1, Q2… in one set (or in the given sets), ids in the order given."""
    sets, built, names = [], [], {}
    if question_sets is None:
        question_sets = [{"heading": "QS", "questions": questions}]
    next_id = 1
    for set_id, spec in enumerate(question_sets, start=1):
        sets.append(
            QuestionSet(
                set_id, priority=spec.get("priority", 0), precondition=frozenset(spec.get("precondition_tags", []))
            )
        )
        for q in spec["questions"]:
            q = {"text": q} if isinstance(q, str) else q
            built.append(
                Question(
                    next_id,
                    set_id,
                    priority=q.get("priority", 0),
                    precondition=parse_tags(q.get("precondition", "")),
                )
            )
            names[q["text"]] = next_id
            next_id += 1
    return sets, built, names


CASES = [
    # (questions, question_sets, answered, signals, current, direction, expected) — recoco's tests
    ([{"text": "Q1", "priority": 0}], None, [], [], None, "next", "Q1"),
    ([{"text": "Q1", "priority": 10}, {"text": "Q2", "priority": 100}], None, [], [], None, "next", "Q2"),
    (["Q1", "Q2", "Q3"], None, ["Q2"], [], "Q1", "next", "Q3"),
    (["Q1", {"text": "Q2", "precondition": "oscar-mike"}, "Q3"], None, [], [], "Q1", "next", "Q3"),
    (["Q1", {"text": "Q2", "precondition": "oscar-mike"}, "Q3"], None, [], ["oscar-mike"], "Q1", "next", "Q2"),
    (
        None,
        [{"questions": ["Q1.1"]}, {"precondition_tags": ["oscar-mike"], "questions": ["Q2.1"]}, {"questions": ["Q3.1"]}],
        [], [], "Q1.1", "next", "Q3.1",
    ),
    (["Q1", "Q2", "Q3"], None, ["Q2"], [], "Q3", "previous", "Q1"),
    (["Q1", {"text": "Q2", "precondition": "oscar-mike"}, "Q3"], None, [], [], "Q3", "previous", "Q1"),
    (
        None,
        [{"questions": ["Q1.1"]}, {"precondition_tags": ["oscar-mike"], "questions": ["Q2.1"]}, {"questions": ["Q3.1"]}],
        [], [], "Q3.1", "previous", "Q1.1",
    ),
    ([{"text": "Q1", "priority": 300}, {"text": "Q2", "priority": 0}, {"text": "Q3", "priority": 200}], None, [], [], "Q1", "next", "Q3"),
    ([{"text": "Q1", "priority": 300}, {"text": "Q2", "priority": 0}, {"text": "Q3", "priority": 200}], None, [], [], "Q3", "next", "Q2"),
    ([{"text": "Q1", "priority": 0}, {"text": "Q2", "priority": 0}], None, [], [], "Q1", "next", "Q2"),
    ([{"text": "Q1", "priority": 0}, {"text": "Q2", "priority": 0}], None, [], [], "Q2", "next", None),
    ([{"text": "Q1", "priority": 0}, {"text": "Q2", "priority": 0}], None, [], [], "Q2", "previous", "Q1"),
    ([{"text": "Q1", "priority": 0}, {"text": "Q2", "priority": 0}], None, [], [], "Q1", "previous", None),
    (["Q1", "Q2"], None, ["Q1", "Q2"], [], None, "next", None),
]  # fmt: skip


@pytest.mark.parametrize(("questions", "sets_spec", "answered", "signals", "current", "direction", "expected"), CASES)
def test_navigation(questions, sets_spec, answered, signals, current, direction, expected):
    sets, built, names = _build(questions, sets_spec)
    move = next_question if direction == "next" else previous_question
    got = move(sets, built, [names[a] for a in answered], signals, names.get(current))
    assert got == (names[expected] if expected else None)


def test_empty_question_sets_have_no_next_question():
    assert next_question([QuestionSet(1), QuestionSet(2)], [], [], []) is None


def test_question_sets_in_priority_order():
    sets = [QuestionSet(1, priority=20), QuestionSet(2, priority=10)]
    assert following_set(sets, 1) == 2
    assert following_set(sets, 2) is None
    assert following_set(sets, 2, backwards=True) == 1
    assert following_set(sets, 1, backwards=True) is None


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("charlie-mike, pan, pan", {"charlie-mike", "pan"}),
        (
            '"signature convention", diagnostic, "lancement travaux"',
            {"signature convention", "diagnostic", "lancement travaux"},
        ),
        ("alpha bravo", {"alpha", "bravo"}),
        ("", set()),
        (None, set()),
        (" gamma ", {"gamma"}),
    ],
)
def test_tag_syntax(text, tags):
    assert parse_tags(text) == tags


def test_tags_written_back_read_the_same():
    tags = {"signature convention", "diagnostic", "usage:renaturation"}
    assert parse_tags(format_tags(tags)) == tags


def test_session_signals_are_the_union_of_the_answers():
    assert session_signals(["charlie-mike, pan, pan", "tango-yankee"]) >= {"charlie-mike", "pan", "tango-yankee"}


@pytest.mark.parametrize(("signals", "holds"), [(["gamma"], True), ([], False)])
def test_precondition(signals, holds):
    assert precondition_holds(parse_tags("gamma"), session_signals(signals)) is holds


def test_single_and_multiple_choice_answers_emit_their_choices_signals():
    choices = [Choice("a", parse_tags("lima-charlie, bravo-zulu")), Choice("b", parse_tags("alpha-tango"))]
    assert answer_signals(choices, ["a"]) == {"lima-charlie", "bravo-zulu"}
    assert answer_signals(choices, ["a", "b"]) == {"lima-charlie", "bravo-zulu", "alpha-tango"}
    assert answer_signals(choices, ["inconnue"]) == frozenset()


def test_completion_counts_only_what_is_shown():
    sets = [QuestionSet(1), QuestionSet(2, precondition=frozenset({"pollution"}))]
    questions = [
        Question(1, 1),
        Question(2, 1, precondition=frozenset({"bati"})),
        Question(3, 1),
        Question(4, 2),
    ]
    assert set_completion(1, questions, [1], set()) == 50  # Q2 is not shown
    assert completion(sets, questions, [1, 3], set()) == 100  # set 2 is not shown either
    assert completion(sets, questions, [1, 3], {"pollution"}) == 50
    assert completion(sets, questions, [1], {"bati"}) == 34  # 1/3 rounded up
    assert completion([], [], [], set()) == 0
