"""The walk a person takes through the screens: resume, answer (or change) one question, and
where a screen stands. Pure, like the rest of the engine; static/js/triage-engine.js has the
same functions, held equal by the flow cases of tests/triage/vectors.json.
"""

from dataclasses import dataclass, field
from typing import Any

from .answers import check_answer
from .assess import assess
from .errors import AnswerError
from .model import Assessment, NextQuestion, Progress, Questionnaire
from .screens import QuestionScreen, ResultScreen, Screen, ScreenProgress, SummaryScreen
from .walk import findings_of, next_step, prune_answers, remaining_at_most


def well_formed_prefix(questionnaire: Questionnaire, answers: Any) -> dict[str, list[str]]:
    """The answers in question order up to the first one the engine cannot read (an unknown
    question or option, say after the questionnaire changed under a stored walk)."""
    return {k: list(v) for k, v in _well_formed(questionnaire, answers).items()}


def _well_formed(questionnaire: Questionnaire, answers: Any) -> dict[str, tuple[str, ...]]:
    """well_formed_prefix, with each answer as check_answer gives it back."""
    checked: dict[str, tuple[str, ...]] = {}
    if isinstance(answers, dict):
        for question in questionnaire.questions:
            if question.id not in answers:
                continue
            try:
                checked[question.id] = check_answer(question, answers[question.id])
            except AnswerError:
                break
    return checked


def resume(questionnaire: Questionnaire, answers: Any) -> dict[str, list[str]]:
    """The walk so far: unreadable answers, answers that no longer apply, and answers after a
    question that now needs answering first are dropped. Never raises."""
    return prune_answers(questionnaire, well_formed_prefix(questionnaire, answers))


def answer(
    questionnaire: Questionnaire, answers: dict[str, list[str]], question_id: str, options: Any
) -> dict[str, list[str]]:
    """Every answer kept, with this one recorded, new or changed; the walk is `resume` of it.

    `answers` is what was kept before: a walk, or a walk and the answers a change took off it
    (a change that ends the walk early, or that opens a new question first). They are kept, so
    an answer that applies again comes back: changing an answer never loses the later ones
    (issue 20). AnswerError if the answer cannot be given here, after the walk's own answers.
    """
    order = [q.id for q in questionnaire.questions]
    if question_id not in order:
        raise AnswerError(f'unknown question "{question_id}"')
    cut = order.index(question_id)
    walk = resume(questionnaire, answers)
    earlier = {k: v for k, v in walk.items() if order.index(k) < cut}
    next_step(questionnaire, {**earlier, question_id: options})  # raises AnswerError
    kept = answers if isinstance(answers, dict) else {}
    return well_formed_prefix(questionnaire, {**kept, question_id: list(options)})


def screen_progress(
    questionnaire: Questionnaire, answers: dict[str, list[str]], question_id: str
) -> ScreenProgress:
    """Where the screen for `question_id` stands on the walk `answers` (from resume): its
    number, the most questions the walk can still have from there, and the previous one."""
    order = [q.id for q in questionnaire.questions]
    index = order.index(question_id)
    before = {k: v for k, v in answers.items() if order.index(k) < index}
    number = len(before) + 1
    step = next_step(questionnaire, before)
    most = number if step.done else step.progress.answered + step.progress.remaining_at_most
    previous = list(before)[-1] if before else None
    return ScreenProgress(number=number, most=max(most, number), previous=previous)


@dataclass(frozen=True, slots=True)
class Walk:
    """A stored walk read once: what resume keeps, the next step (what next_step says of it)
    and, for each screen on it, what screen_progress says, from one pass over the answers;
    and the screens it shows, typed (screens.py)."""

    questionnaire: Questionnaire = field(repr=False, compare=False)
    answers: dict[str, list[str]]
    step: NextQuestion | Assessment
    #: For each kept answer and the next question: (its index among the questions, the
    #: findings of the answers before it).
    _places: dict[str, tuple[int, frozenset[str]]]

    @property
    def done(self) -> bool:
        return isinstance(self.step, Assessment)

    @property
    def current_question_id(self) -> str | None:
        return None if isinstance(self.step, Assessment) else self.step.question.id

    @property
    def urgency(self) -> str | None:
        return self.step.urgency if isinstance(self.step, Assessment) else None

    def progress(self, questionnaire: Questionnaire, question_id: str) -> ScreenProgress:
        """screen_progress(questionnaire, self.answers, question_id), for a question on the
        walk (answered, or the next one)."""
        index, findings = self._places[question_id]
        order = list(self._places)
        number = order.index(question_id) + 1
        most = number - 1 + remaining_at_most(questionnaire, index, set(findings))
        previous = order[number - 2] if number > 1 else None
        return ScreenProgress(number=number, most=max(most, number), previous=previous)

    def on_walk(self, question_id: str) -> bool:
        """Whether the question is on the walk: answered and kept, or the next one."""
        return question_id in self._places

    def question_screen(self, question_id: str) -> QuestionScreen | None:
        """The screen of a question on the walk (None for any other question)."""
        if not self.on_walk(question_id):
            return None
        return QuestionScreen(
            question=self.questionnaire.question(question_id),
            progress=self.progress(self.questionnaire, question_id),
            answers=self.answers,
            chosen=tuple(self.answers.get(question_id, ())),
        )

    def summary_screen(self) -> SummaryScreen | None:
        """The answers to check, once the walk is over (None before)."""
        if not isinstance(self.step, Assessment):
            return None
        return SummaryScreen(answers=self.answers, assessment=self.step)

    def result_screen(self) -> ResultScreen | None:
        """The result, once the walk is over (None before)."""
        if not isinstance(self.step, Assessment):
            return None
        serious = frozenset(c.slug for c in self.questionnaire.conditions if c.serious)
        return ResultScreen.of(self.answers, self.step, serious)

    def next_screen(self) -> Screen:
        """Where the walk goes now: the next question; once it is over, the result at once
        for an emergency (nothing stands between the person and "call 999"), else the
        answers to check first."""
        if not isinstance(self.step, Assessment):
            return self.question_screen(self.step.question.id)
        if self.step.urgency == "emergency":
            return self.result_screen()
        return self.summary_screen()


def walk(questionnaire: Questionnaire, answers: Any) -> Walk:
    """resume, then next_step on what it keeps, in one pass: each answer is checked once and
    urgency is worked out once, at the end. Never raises."""
    return _walk_checked(questionnaire, _well_formed(questionnaire, answers))


def answer_walk(
    questionnaire: Questionnaire, answers: Any, question_id: str, options: Any
) -> tuple[Walk, dict[str, list[str]]]:
    """answer, then walk of what it keeps: (walk(questionnaire, kept), kept) with
    kept = answer(questionnaire, answers, question_id, options), and the same AnswerError when
    the answer is refused. An answer taken is read in one pass: each answer checked once, the
    urgency worked out once."""
    checked = _well_formed(
        questionnaire, {**(answers if isinstance(answers, dict) else {}), question_id: options}
    )
    taken = _walk_checked(questionnaire, checked)
    if question_id in taken.answers:
        return taken, {k: list(v) for k, v in checked.items()}
    # Refused (answer raises, with the reason), or taken but cut from the walk by an unreadable
    # earlier answer (a questionnaire changed under a stored walk): as answer says
    kept = answer(questionnaire, answers, question_id, options)
    return walk(questionnaire, kept), kept


def _walk_checked(questionnaire: Questionnaire, checked: dict[str, tuple[str, ...]]) -> Walk:
    """The walk of answers already checked (a well-formed prefix, in questionnaire order)."""
    kept: dict[str, list[str]] = {}
    places: dict[str, tuple[int, frozenset[str]]] = {}
    findings: set[str] = set()
    unsure: list[str] = []
    for index, question in enumerate(questionnaire.questions):
        if not question.applies(findings):
            continue
        places[question.id] = (index, frozenset(findings))
        if question.id not in checked:
            progress = Progress(
                answered=len(kept),
                remaining_at_most=remaining_at_most(questionnaire, index, findings),
            )
            step = NextQuestion(question=question, progress=progress)
            return Walk(questionnaire, kept, step, places)
        chosen = checked[question.id]
        kept[question.id] = list(chosen)
        findings.update(findings_of(question, chosen))
        if any(question.option(o).unsure for o in chosen):
            unsure.append(question.id)
        if questionnaire.reaches_stop(findings):
            break
    return Walk(questionnaire, kept, assess(questionnaire, frozenset(findings), unsure), places)
