"""The walk a person takes through the screens: resume, answer (or change) one question, and
where a screen stands. Pure, like the rest of the engine; static/js/triage-engine.js has the
same functions, held equal by the flow cases of tests/triage/vectors.json.
"""

from dataclasses import dataclass
from typing import Any

from .answers import check_answer
from .assess import assess
from .errors import AnswerError
from .model import Assessment, NextQuestion, Progress, Questionnaire
from .walk import findings_of, next_step, prune_answers, remaining_at_most


@dataclass(frozen=True, slots=True)
class ScreenProgress:
    """ "Question `number` of at most `most`", and the question the Back link goes to."""

    number: int
    most: int
    previous: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "most": self.most, "previous": self.previous}


def well_formed_prefix(questionnaire: Questionnaire, answers: Any) -> dict[str, list[str]]:
    """The answers in question order up to the first one the engine cannot read (an unknown
    question or option, say after the questionnaire changed under a stored walk)."""
    kept: dict[str, list[str]] = {}
    if not isinstance(answers, dict):
        return kept
    for question in questionnaire.questions:
        if question.id not in answers:
            continue
        try:
            check_answer(question, answers[question.id])
        except AnswerError:
            break
        kept[question.id] = list(answers[question.id])
    return kept


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
    and, for each screen on it, what screen_progress says, from one pass over the answers."""

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


def walk(questionnaire: Questionnaire, answers: Any) -> Walk:
    """resume, then next_step on what it keeps, in one pass: each answer is checked once and
    urgency is worked out once, at the end. Never raises."""
    # The well-formed prefix (as well_formed_prefix): answers up to the first unreadable one.
    checked: dict[str, tuple[str, ...]] = {}
    if isinstance(answers, dict):
        for question in questionnaire.questions:
            if question.id not in answers:
                continue
            try:
                checked[question.id] = check_answer(question, answers[question.id])
            except AnswerError:
                break
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
            return Walk(kept, NextQuestion(question=question, progress=progress), places)
        chosen = checked[question.id]
        kept[question.id] = list(chosen)
        findings.update(findings_of(question, chosen))
        if any(question.option(o).unsure for o in chosen):
            unsure.append(question.id)
        if questionnaire.reaches_stop(findings):
            break
    return Walk(kept, assess(questionnaire, frozenset(findings), unsure), places)
