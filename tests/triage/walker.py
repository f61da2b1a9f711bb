"""The contract's vignette walk, reusable against the engine or the HTTP API.

`walk(findings, next_fn)` answers every question as a person with exactly those findings
would: for a single-choice question, the option whose findings are all true and overlap the
most (else an option with no findings); for a multiple-choice question, every option with
findings that are all true (else an option with no findings).

`unsure` names topics the person cannot answer, by the contract's headings ("Size", "Time
course"...): a question that asks about such a topic and has a "Not sure" option (id
`not_sure`) is answered "Not sure".
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from apps.triage.engine.contract import FEEL, LOCATION, PAIN, SIZE, SKIN, TIME_COURSE

NextFn = Callable[[dict[str, list[str]]], dict[str, Any]]

#: The contract's headings for the findings a person may be unsure of.
UNSURE_GROUPS = {
    "Where the lump is": LOCATION,
    "How it feels": FEEL,
    "The skin over it": SKIN,
    "Pain": PAIN,
    "Size": SIZE,
    "Time course": TIME_COURSE,
}

MAX_STEPS = 50


@dataclass(frozen=True)
class Walk:
    result: dict[str, Any]  # the final {"done": true, "assessment": ...}
    answers: dict[str, list[str]]
    steps: list[dict[str, Any]]  # every response along the way, the final one last

    @property
    def assessment(self) -> dict[str, Any]:
        return self.result["assessment"]

    @property
    def questions_asked(self) -> list[str]:
        return [s["question"]["id"] for s in self.steps if not s["done"]]


def choose(
    question: dict[str, Any], findings: frozenset[str], unsure: Iterable[str] = ()
) -> list[str]:
    """The option ids a person with these findings picks for this question."""
    options = question["options"]
    unsure_of = {f for group in unsure for f in UNSURE_GROUPS[group]}
    asks_about = any(set(o["findings"]) & unsure_of for o in options)
    if asks_about and any(o["id"] == "not_sure" for o in options):
        return ["not_sure"]
    true = [o for o in options if o["findings"] and set(o["findings"]) <= findings]
    empty = [o for o in options if not o["findings"]]
    if question["kind"] == "single":
        if true:
            best = max(len(o["findings"]) for o in true)
            return [next(o["id"] for o in true if len(o["findings"]) == best)]
    elif true:
        return [o["id"] for o in true]
    if not empty:
        raise AssertionError(f"question {question['id']!r} has no option for these findings")
    return [empty[0]["id"]]


def walk(findings: Iterable[str], next_fn: NextFn, unsure: Iterable[str] = ()) -> Walk:
    """Walk the questionnaire to its end as a person with these findings."""
    present = frozenset(findings)
    answers: dict[str, list[str]] = {}
    steps: list[dict[str, Any]] = []
    for _ in range(MAX_STEPS):
        response = next_fn(dict(answers))
        steps.append(response)
        if response["done"]:
            return Walk(result=response, answers=answers, steps=steps)
        question = response["question"]
        if question["id"] in answers:
            raise AssertionError(f"question {question['id']!r} was asked twice")
        answers[question["id"]] = choose(question, present, tuple(unsure))
    raise AssertionError(f"the walk did not end within {MAX_STEPS} questions")
