"""Which triage answers a lump-diary check-in means: content/triage/check_in_answers.yaml.

"Check your lump again" starts triage with the last answers brought up to date by the newest
check-in. The diary passes what the check-in recorded (CheckInValues); which question and
option each part of it stands for is data beside the questionnaire, for a clinician to review.

The file is read and its shape checked once, on first use (CheckInAnswersError names the rule
a file breaks). `problems(questionnaire)` checks it against a questionnaire: every question and
option id must exist there, with the right kind; the tests run it against the shipped file and
the active questionnaire. What this module offers is only a suggestion: triage's
flow.suggestions drops anything the active questionnaire cannot read and never fills in a
red-flag screen.
"""

import re
from collections.abc import Mapping, Set
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from apps.triage import flow
from apps.triage.engine import Questionnaire
from lumpguide import fast_yaml, sizes

#: The mapping, beside the questionnaire at the project root.
CHECK_IN_ANSWERS_PATH = (
    Path(__file__).resolve().parents[2] / "content" / "triage" / "check_in_answers.yaml"
)
#: The check-in's tick boxes that tick an option (each must be mapped).
TICK_FIELDS = ("red", "hot", "leaking")


class CheckInAnswersError(ValueError):
    """content/triage/check_in_answers.yaml breaks one of its rules."""


@dataclass(frozen=True, slots=True)
class CheckInValues:
    """What the diary knows from the newest check-in, in its own terms."""

    red: bool
    hot: bool
    leaking: bool
    colour_changed: bool
    pain: int  # 0 to 10
    size_band: str | None  # small, medium or large (content/sizes.yaml), or None: no size
    grown: bool  # the diary found that the lump has grown


@dataclass(frozen=True, slots=True)
class Tick:
    field: str
    question: str
    option: str
    not_ticked_forgets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckInAnswers:
    ticks: tuple[Tick, ...]
    colour_changed_question: str
    pain_question: str
    pain_above_zero: str
    pain_zero: str
    size_question: str
    size_bands: tuple[tuple[str, str], ...]  # (band, option), in sizes.BANDS order
    grown_question: str
    grown_option: str
    grown_unticks: tuple[str, ...]
    onset_question: str
    onset_at_least_days: tuple[tuple[str, int], ...]  # (option, days), most days first
    none: tuple[tuple[str, str], ...]  # (question, its "None of these" option)
    # (question, its other options that go with no other: "Not sure", "Too soon to tell"),
    # unticked when a check-in ticks an option there
    exclusive: tuple[tuple[str, str], ...] = ()

    # Reading a check-in ---------------------------------------------------------------------

    def size_option(self, band: str | None) -> str | None:
        """The size screen's option for a band of content/sizes.yaml; None for no size."""
        return dict(self.size_bands).get(band or "")

    def onset_after(self, earlier: str | None, *, days_since: int) -> str | None:
        """The onset answer `days_since` days after `earlier` was given; an answer that names
        no length of time ("Not sure") is kept as it was."""
        at_least = dict(self.onset_at_least_days)
        if earlier not in at_least:
            return earlier
        days = at_least[earlier] + max(days_since, 0)
        return next(option for option, fewest in self.onset_at_least_days if days >= fewest)

    def apply(
        self, earlier: Mapping[str, list[str]], values: CheckInValues, *, days_since: int | None
    ) -> dict[str, list[str]]:
        """`earlier` (the last triage's answers, maybe {}) brought up to date by `values`.
        `days_since`: days since `earlier` was given, or None if not known (the onset answer
        is then left as it was)."""
        answers = {qid: list(options) for qid, options in earlier.items()}
        none = dict(self.none)

        def answer_afresh(question: str, decided: set[str], now: list[str]) -> None:
            empty = none[question]
            alone = {o for q, o in self.exclusive if q == question} if now else set()
            kept = [
                o
                for o in answers.get(question, [])
                if o not in decided and o != empty and o not in alone
            ]
            kept += [o for o in now if o not in kept]
            answers[question] = kept or [empty]

        for question in dict.fromkeys(t.question for t in self.ticks):
            mine = [t for t in self.ticks if t.question == question]
            now = [t.option for t in mine if getattr(values, t.field)]
            answer_afresh(question, {t.option for t in mine}, now)
            if (
                question == self.colour_changed_question
                and values.colour_changed
                and answers[question] == [none[question]]
            ):
                del answers[question]  # a colour change: let the person say which kind
            for tick in mine:
                if not getattr(values, tick.field):
                    for forgotten in tick.not_ticked_forgets:
                        answers.pop(forgotten, None)

        if values.pain > 0:
            # A pain score is not tenderness ("hurts when you touch it"): it unticks "does not
            # hurt", keeps what the person said before, and else leaves the screen for them
            # to answer (issue 20)
            before = [
                o
                for o in answers.get(self.pain_question, [])
                if o not in (self.pain_zero, none[self.pain_question])
            ]
            if before:
                answers[self.pain_question] = before
            else:
                answers.pop(self.pain_question, None)
        else:
            answer_afresh(
                self.pain_question, {self.pain_above_zero, self.pain_zero}, [self.pain_zero]
            )

        size = self.size_option(values.size_band)
        if size:
            answers[self.size_question] = [size]

        if values.grown:
            answer_afresh(self.grown_question, set(self.grown_unticks), [self.grown_option])

        if self.onset_question in answers and days_since is not None:
            onset = self.onset_after(answers[self.onset_question][0], days_since=days_since)
            answers[self.onset_question] = [onset]
        return answers

    # Checking against a questionnaire ------------------------------------------------------

    def uses(self) -> list[tuple[str, str | None, str]]:
        """Every id this mapping names: (question, option or None, where in the file)."""
        used: list[tuple[str, str | None, str]] = []
        for tick in self.ticks:
            used.append((tick.question, tick.option, f"ticks {tick.field}"))
            used += [
                (q, None, f"ticks {tick.field} not_ticked_forgets") for q in tick.not_ticked_forgets
            ]
        used.append((self.colour_changed_question, None, "colour_changed"))
        used.append((self.pain_question, self.pain_above_zero, "pain above_zero"))
        used.append((self.pain_question, self.pain_zero, "pain zero"))
        used += [(self.size_question, o, f"size bands {b}") for b, o in self.size_bands]
        used.append((self.grown_question, self.grown_option, "grown option"))
        used += [(self.grown_question, o, "grown unticks") for o in self.grown_unticks]
        used += [
            (self.onset_question, o, "onset at_least_days") for o, _ in self.onset_at_least_days
        ]
        used += [(q, o, f"none {q}") for q, o in self.none]
        used += [(q, o, f"exclusive {q}") for q, o in self.exclusive]
        return used

    def problems(self, questionnaire: Questionnaire) -> list[str]:
        """Why this mapping does not fit `questionnaire`: [] when it does."""
        found: list[str] = []
        for question_id, option_id, where in self.uses():
            question = questionnaire.question(question_id)
            if question is None:
                found.append(f'{where}: the questionnaire has no question "{question_id}"')
            elif option_id is not None and question.option(option_id) is None:
                found.append(f'{where}: question "{question_id}" has no option "{option_id}"')
        if found:
            return found

        for question_id in {question_id for question_id, _, _ in self.uses()}:
            if not flow.may_suggest(questionnaire.question(question_id)):
                found.append(
                    f'question "{question_id}" asks about a red flag: it is always asked '
                    "afresh and may not be filled in from a check-in"
                )
        answered_afresh = [t.question for t in self.ticks]
        answered_afresh += [self.pain_question, self.grown_question]
        for question_id in dict.fromkeys(answered_afresh):
            question = questionnaire.question(question_id)
            if question.kind != "multiple":
                found.append(
                    f'question "{question_id}" must let several options be chosen: a '
                    "check-in ticks some of its options and keeps the others"
                )
        for question_id, option_id in self.none:
            if not questionnaire.question(question_id).option(option_id).exclusive:
                found.append(
                    f'none {question_id}: option "{option_id}" must be exclusive (it means '
                    "none of the others)"
                )
        for question_id, option_id in self.exclusive:
            if not questionnaire.question(question_id).option(option_id).exclusive:
                found.append(
                    f'exclusive {question_id}: option "{option_id}" is not exclusive in the '
                    "questionnaire"
                )
        for question_id in dict.fromkeys(answered_afresh):
            question = questionnaire.question(question_id)
            listed = {o for q, o in self.exclusive if q == question_id} | {
                o for q, o in self.none if q == question_id
            }
            missing = [o.id for o in question.options if o.exclusive and o.id not in listed]
            if missing:
                found.append(
                    f'exclusive {question_id}: must list "{missing[0]}", which cannot stay '
                    "ticked beside an option a check-in ticks"
                )
        ticked = [(t.question, t.option) for t in self.ticks]
        ticked += [(self.pain_question, self.pain_above_zero)]
        ticked += [(self.pain_question, self.pain_zero), (self.grown_question, self.grown_option)]
        for question_id, option_id in ticked:
            if questionnaire.question(question_id).option(option_id).exclusive:
                found.append(
                    f'question "{question_id}": option "{option_id}" is exclusive, but a '
                    "check-in ticks it beside others"
                )
        for question_id in (self.size_question, self.onset_question):
            if questionnaire.question(question_id).kind != "single":
                found.append(f'question "{question_id}" must have a single answer')
        return found

    def check(self, questionnaire: Questionnaire) -> None:
        """Raise CheckInAnswersError listing every problem against `questionnaire`."""
        found = self.problems(questionnaire)
        if found:
            raise CheckInAnswersError("; ".join(found))


# Reading the file ---------------------------------------------------------------------------


def _keys(value: Any, where: str, required: Set[str], optional: Set[str] = frozenset()) -> dict:
    if not isinstance(value, dict) or not required <= set(value) <= required | optional:
        names = ", ".join(sorted(required))
        extra = f" (and optionally {', '.join(sorted(optional))})" if optional else ""
        raise CheckInAnswersError(f"{where} must have exactly: {names}{extra}")
    return value


def _id(value: Any, where: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", value):
        raise CheckInAnswersError(f"{where}: must be an id (lower-case letters, digits and _)")
    return value


def _ids(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise CheckInAnswersError(f"{where}: must be a list of ids")
    return tuple(_id(item, f"{where}[{i}]") for i, item in enumerate(value))


def parse(raw: Any) -> CheckInAnswers:
    """Check the parsed YAML's shape and build the mapping (the ids are checked against a
    questionnaire by CheckInAnswers.problems)."""
    top = {"ticks", "colour_changed", "pain", "size", "grown", "onset", "none"}
    raw = _keys(raw, "the file", top, {"exclusive"})

    ticks_raw = _keys(raw["ticks"], "ticks", set(TICK_FIELDS))
    ticks = []
    for field in TICK_FIELDS:
        item = _keys(
            ticks_raw[field], f"ticks {field}", {"question", "option"}, {"not_ticked_forgets"}
        )
        ticks.append(
            Tick(
                field=field,
                question=_id(item["question"], f"ticks {field} question"),
                option=_id(item["option"], f"ticks {field} option"),
                not_ticked_forgets=_ids(
                    item.get("not_ticked_forgets", []), f"ticks {field} not_ticked_forgets"
                ),
            )
        )

    colour = _keys(raw["colour_changed"], "colour_changed", {"question"})
    pain = _keys(raw["pain"], "pain", {"question", "above_zero", "zero"})
    if pain["above_zero"] == pain["zero"]:
        raise CheckInAnswersError("pain: above_zero and zero must be different options")

    size = _keys(raw["size"], "size", {"question", "bands"})
    bands = _keys(size["bands"], "size bands", set(sizes.BANDS))

    grown = _keys(raw["grown"], "grown", {"question", "option"}, {"unticks"})
    unticks = _ids(grown.get("unticks", []), "grown unticks")
    if grown["option"] in unticks:
        raise CheckInAnswersError("grown: the option it ticks cannot be in unticks")

    onset = _keys(raw["onset"], "onset", {"question", "at_least_days"})
    at_least = onset["at_least_days"]
    if not isinstance(at_least, dict) or not at_least:
        raise CheckInAnswersError("onset at_least_days: must map each answer to its days")
    for option_id, days in at_least.items():
        _id(option_id, "onset at_least_days")
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise CheckInAnswersError(
                f"onset at_least_days {option_id}: must be a whole number of days, 0 or more"
            )
    if 0 not in at_least.values():
        raise CheckInAnswersError("onset at_least_days: one answer must start at 0 days")
    if len(set(at_least.values())) != len(at_least):
        raise CheckInAnswersError("onset at_least_days: two answers have the same days")

    none = raw["none"]
    if not isinstance(none, dict):
        raise CheckInAnswersError("none: must map each question to its 'None of these' option")
    afresh = {t.question for t in ticks} | {pain["question"], grown["question"]}
    if set(none) != afresh:
        raise CheckInAnswersError(
            f"none: must name exactly the screens a check-in answers afresh: "
            f"{', '.join(sorted(afresh))}"
        )
    colour_question = _id(colour["question"], "colour_changed question")
    if colour_question not in {t.question for t in ticks}:
        raise CheckInAnswersError("colour_changed question: must be a question ticks answers")

    return CheckInAnswers(
        ticks=tuple(ticks),
        colour_changed_question=colour_question,
        pain_question=_id(pain["question"], "pain question"),
        pain_above_zero=_id(pain["above_zero"], "pain above_zero"),
        pain_zero=_id(pain["zero"], "pain zero"),
        size_question=_id(size["question"], "size question"),
        size_bands=tuple((band, _id(bands[band], f"size bands {band}")) for band in sizes.BANDS),
        grown_question=_id(grown["question"], "grown question"),
        grown_option=_id(grown["option"], "grown option"),
        grown_unticks=unticks,
        onset_question=_id(onset["question"], "onset question"),
        onset_at_least_days=tuple(sorted(at_least.items(), key=lambda item: -item[1])),
        none=tuple((_id(q, "none"), _id(o, f"none {q}")) for q, o in none.items()),
        exclusive=_exclusive(raw.get("exclusive", {}), afresh),
    )


def _exclusive(raw: Any, afresh: set[str]) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, dict) or not set(raw) <= afresh:
        raise CheckInAnswersError(
            "exclusive: must map screens a check-in answers afresh to lists of option ids"
        )
    return tuple(
        (_id(q, "exclusive"), o)
        for q, options in raw.items()
        for o in _ids(options, f"exclusive {q}")
    )


def load(path: Path = CHECK_IN_ANSWERS_PATH) -> CheckInAnswers:
    with path.open(encoding="utf-8") as file:
        return parse(fast_yaml.safe_load(file))


@cache
def mapping() -> CheckInAnswers:
    """The shipped mapping, read once."""
    return load()
