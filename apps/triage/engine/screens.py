"""The screen a walk shows, typed: a question, the answers to check, or the result.

Made once from a Walk (flow.py): `walk.next_screen()`, `walk.question_screen(question_id)`,
`walk.summary_screen()`, `walk.result_screen()`. The views render them and the hand-over reads
a ResultScreen; only the JSON edge (the API, the spec, the vectors) makes dicts.
"""

from dataclasses import dataclass

from .model import Assessment, Question, RankedCondition


@dataclass(frozen=True, slots=True)
class ScreenProgress:
    """ "Question `number` of at most `most`", and the question the Back link goes to."""

    number: int
    most: int
    previous: str | None

    def to_dict(self) -> dict:
        return {"number": self.number, "most": self.most, "previous": self.previous}


@dataclass(frozen=True, slots=True)
class QuestionScreen:
    """One question on the walk: the next one, or one answered before (to change it)."""

    question: Question
    progress: ScreenProgress
    #: The walk's answers (those kept on it), and this question's among them, if any.
    answers: dict[str, list[str]]
    chosen: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SummaryScreen:
    """The walk is over: the answers, for the person to check before the result."""

    answers: dict[str, list[str]]
    assessment: Assessment


@dataclass(frozen=True, slots=True)
class ResultScreen:
    """The walk's result: the assessment, with its causes split as the page lists them: the
    likely ones, and the serious ones that are not first, apart ("A doctor may want to rule
    out", H16), each with the answers that raised it."""

    answers: dict[str, list[str]]
    assessment: Assessment
    likely: tuple[RankedCondition, ...]
    rule_out: tuple[RankedCondition, ...]

    @classmethod
    def of(
        cls,
        answers: dict[str, list[str]],
        assessment: Assessment,
        serious: frozenset[str],
    ) -> "ResultScreen":
        conditions = assessment.conditions
        return cls(
            answers=answers,
            assessment=assessment,
            likely=tuple(c for i, c in enumerate(conditions) if i == 0 or c.slug not in serious),
            rule_out=tuple(c for i, c in enumerate(conditions) if i > 0 and c.slug in serious),
        )


Screen = QuestionScreen | SummaryScreen | ResultScreen
