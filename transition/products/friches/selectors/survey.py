"""Reading the questionnaire for a project: which questions are shown, which is next, how far it
is filled in, the answers with their conclusions."""

from dataclasses import dataclass

from ..domain import survey as rules
from ..models import Answer, Project, Question, QuestionSet
from .guidance import project_signals_of


@dataclass(frozen=True)
class SurveyState:
    sets: list[rules.QuestionSet]
    questions: list[rules.Question]
    answered: set[int]
    signals: frozenset[str]


def survey_state(project: Project) -> SurveyState:
    sets = [s.as_rule() for s in QuestionSet.objects.all()]
    questions = [q.as_rule() for q in Question.objects.all()]
    answered = set(project.answers.values_list("question_id", flat=True))
    return SurveyState(sets, questions, answered, project_signals_of(project))


def next_question_id(project: Project, current: int | None = None) -> int | None:
    s = survey_state(project)
    return rules.next_question(s.sets, s.questions, s.answered, s.signals, current)


def previous_question_id(project: Project, current: int) -> int | None:
    """The question before `current` in the questionnaire's order, answered or not (to go back and
    change an answer), among those shown."""
    s = survey_state(project)
    return rules.previous_question(s.sets, s.questions, set(), s.signals, current)


def is_question_shown(project: Project, question: Question) -> bool:
    s = survey_state(project)
    return rules.is_shown(question.as_rule(), {x.id: x for x in s.sets}, s.signals)


@dataclass(frozen=True)
class SurveyProgress:
    percent: int
    answered: int
    shown: int
    next_question: int | None


def survey_progress(project: Project) -> SurveyProgress:
    s = survey_state(project)
    sets_by_id = {x.id: x for x in s.sets}
    shown = [q for q in s.questions if rules.is_shown(q, sets_by_id, s.signals)]
    return SurveyProgress(
        percent=rules.completion(s.sets, s.questions, s.answered, s.signals),
        answered=len([q for q in shown if q.id in s.answered]),
        shown=len(shown),
        next_question=rules.next_question(s.sets, s.questions, s.answered, s.signals),
    )


@dataclass(frozen=True)
class AnswerRow:
    question: Question
    answer: Answer | None
    texts: list[str]
    conclusions: list[str]


def survey_summary(project: Project) -> list[tuple[QuestionSet, list[AnswerRow]]]:
    """Every shown question by theme, with its answer (or none yet)."""
    s = survey_state(project)
    sets_by_id = {x.id: x for x in s.sets}
    answers = {a.question_id: a for a in project.answers.all()}
    out = []
    for question_set in QuestionSet.objects.prefetch_related("questions__choices"):
        rows = []
        for question in question_set.questions.all():
            if not rules.is_shown(question.as_rule(), sets_by_id, s.signals):
                continue
            answer = answers.get(question.pk)
            chosen = [c for c in question.choices.all() if answer and c.value in answer.values]
            rows.append(
                AnswerRow(question, answer, [c.text for c in chosen], [c.conclusion for c in chosen if c.conclusion])
            )
        if rows:
            out.append((question_set, rows))
    return out
