"""Frozen data types for the questionnaire and the engine's answers."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .contract import CONTRADICTIONS, IMPLIES


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    label: str
    findings: tuple[str, ...]
    exclusive: bool = False
    unsure: bool = False  # "Not sure": the person could not tell

    @property
    def says_none_of_these(self) -> bool:
        """A "None of these" (or "the skin looks normal"): exclusive, with no findings, and not
        a "Not sure"; it says the person has none of the question's other options.
        triage-presenters.js's saysNoneOfThese is its twin."""
        return self.exclusive and not self.findings and not self.unsure

    def public_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "findings": list(self.findings)}

    def spec(self) -> dict[str, Any]:
        return {**self.public_dict(), "exclusive": self.exclusive, "unsure": self.unsure}


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    help: str
    kind: str  # "single" or "multiple"
    options: tuple[Option, ...]
    ask_if_any: tuple[str, ...] = ()  # empty: always asked
    # Said when a "Not sure" answer here made the advice more careful: why it did.
    unsure_note: str = ""
    #: Every finding its options give, made once (a screen's progress reads it for each
    #: question still to come).
    declared_findings: frozenset[str] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Option] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        declared = frozenset(f for o in self.options for f in o.findings)
        object.__setattr__(self, "declared_findings", declared)
        by_id: dict[str, Option] = {}
        for option in self.options:  # the first of an id, as a search in order finds it
            by_id.setdefault(option.id, option)
        object.__setattr__(self, "_by_id", by_id)

    def option(self, option_id: str) -> Option | None:
        return self._by_id.get(option_id) if isinstance(option_id, str) else None

    @property
    def none_of_these(self) -> Option | None:
        """The question's own "None of these" option, if it has one."""
        return next((o for o in self.options if o.says_none_of_these), None)

    def applies(self, findings: frozenset[str] | set[str]) -> bool:
        return not self.ask_if_any or any(f in findings for f in self.ask_if_any)

    def public_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "help": self.help,
            "kind": self.kind,
            "options": [o.public_dict() for o in self.options],
        }

    def spec(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "help": self.help,
            "kind": self.kind,
            "ask_if_any": list(self.ask_if_any),
            "unsure_note": self.unsure_note,
            "options": [o.spec() for o in self.options],
        }


@dataclass(frozen=True, slots=True)
class UrgencyLevel:
    code: str
    headline: str
    follow_up_days: int | None
    next_steps: tuple[str, ...]

    def spec(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "headline": self.headline,
            "follow_up_days": self.follow_up_days,
            "next_steps": list(self.next_steps),
        }


@dataclass(frozen=True, slots=True)
class UrgencyRule:
    id: str
    urgency: str
    all_of: tuple[str, ...]
    source: str
    # Reassuring findings (contract.REASSURING) that stop a routine rule: "see a GP about a
    # lump that lasts over 2 weeks", unless a doctor has already examined it.
    unless_any: tuple[str, ...] = ()
    # The same findings as sets, made once: a walk checks every rule.
    _all_of: frozenset[str] = field(init=False, repr=False, compare=False)
    _unless_any: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_all_of", frozenset(self.all_of))
        object.__setattr__(self, "_unless_any", frozenset(self.unless_any))

    def fires(self, findings: frozenset[str] | set[str]) -> bool:
        return self._all_of <= findings and self._unless_any.isdisjoint(findings)

    def spec(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "urgency": self.urgency,
            "all_of": list(self.all_of),
            "unless_any": list(self.unless_any),
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class AdviceLine:
    """A next step shown at some urgency levels, chosen by what the person said.

    Shown when the urgency is in `levels`, one of `if_any` was said (or `if_any` is empty),
    all of `if_all` were said, none of `unless_any` was said, and none of `watch_for` was
    said: a line that tells the person to watch for something never shows to a person who
    has already reported it.
    """

    id: str
    text: str
    levels: tuple[str, ...]
    if_any: tuple[str, ...] = ()
    if_all: tuple[str, ...] = ()
    unless_any: tuple[str, ...] = ()
    watch_for: tuple[str, ...] = ()

    def shown(self, urgency: str, findings: frozenset[str]) -> bool:
        return (
            urgency in self.levels
            and (not self.if_any or any(f in findings for f in self.if_any))
            and all(f in findings for f in self.if_all)
            and not any(f in findings for f in self.unless_any)
            and not any(f in findings for f in self.watch_for)
        )

    def spec(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "levels": list(self.levels),
            "if_any": list(self.if_any),
            "if_all": list(self.if_all),
            "unless_any": list(self.unless_any),
            "watch_for": list(self.watch_for),
        }


@dataclass(frozen=True, slots=True)
class Combo:
    all_of: tuple[str, ...]
    weight: int


@dataclass(frozen=True, slots=True)
class Condition:
    slug: str
    name: str
    weights: tuple[tuple[str, int], ...]
    combos: tuple[Combo, ...]
    top_three_if: tuple[tuple[str, ...], ...]
    care: tuple[str, ...]
    # A serious condition is listed only when one of these groups was said in full.
    requires_one_of: tuple[tuple[str, ...], ...] = ()
    # Its own "go now if" signs, shown with an urgent or soon result that lists it, unless
    # the person has already said one of `go_now_watch_for` (never "go if" what they have).
    go_now_if: str = ""
    go_now_watch_for: tuple[str, ...] = ()
    # Serious (contract.SERIOUS_CONDITIONS): never first under self-care, shown apart.
    serious: bool = False
    # Its care steps show only at these levels, and not when one of care_unless_any was said
    # (no heat or massage on an urgent result, nor for a possible bleed).
    care_levels: tuple[str, ...] = ("self_care", "routine", "soon", "urgent")
    care_unless_any: tuple[str, ...] = ()
    # The weights and groups above as a dict and sets, made once: every walk scores every
    # condition. `weight_of`: each finding's weights summed.
    weight_of: dict[str, int] = field(init=False, repr=False, compare=False)
    #: Each combo as (its findings as a set, its findings, its weight).
    combo_sets: tuple[tuple[frozenset[str], tuple[str, ...], int], ...] = field(
        init=False, repr=False, compare=False
    )
    _top_three_sets: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)
    _requires_sets: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weight_of: dict[str, int] = {}
        for finding, weight in self.weights:
            weight_of[finding] = weight_of.get(finding, 0) + weight
        object.__setattr__(self, "weight_of", weight_of)
        combos = tuple((frozenset(c.all_of), c.all_of, c.weight) for c in self.combos)
        object.__setattr__(self, "combo_sets", combos)
        object.__setattr__(self, "_top_three_sets", tuple(map(frozenset, self.top_three_if)))
        object.__setattr__(self, "_requires_sets", tuple(map(frozenset, self.requires_one_of)))

    def promoted(self, findings: frozenset[str]) -> bool:
        """Whether one of its `top_three_if` groups was said in full."""
        return any(group <= findings for group in self._top_three_sets)

    def supported(self, findings: frozenset[str]) -> bool:
        """Whether it may be listed: no `requires_one_of`, or one of its groups said in full."""
        groups = self._requires_sets
        return not groups or any(group <= findings for group in groups)

    def care_shown(self, urgency: str, findings: frozenset[str]) -> tuple[str, ...]:
        if urgency not in self.care_levels or any(f in findings for f in self.care_unless_any):
            return ()
        return self.care

    def go_now_shown(self, findings: frozenset[str]) -> str:
        if any(f in findings for f in self.go_now_watch_for):
            return ""
        return self.go_now_if

    def spec(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "weights": [[f, w] for f, w in self.weights],
            "combos": [{"all_of": list(c.all_of), "weight": c.weight} for c in self.combos],
            "top_three_if": [list(group) for group in self.top_three_if],
            "requires_one_of": [list(group) for group in self.requires_one_of],
            "care": list(self.care),
            "care_levels": list(self.care_levels),
            "care_unless_any": list(self.care_unless_any),
            "go_now_if": self.go_now_if,
            "go_now_watch_for": list(self.go_now_watch_for),
            "serious": self.serious,
        }


@dataclass(frozen=True, slots=True)
class Questionnaire:
    version: str
    stop_at_urgency: str
    questions: tuple[Question, ...]
    levels: tuple[UrgencyLevel, ...]  # least to most urgent
    rules: tuple[UrgencyRule, ...]
    reasons: tuple[tuple[str, str], ...]  # (finding, "You said ...")
    conditions: tuple[Condition, ...]
    red_flag_floors: tuple[tuple[str, str], ...]
    advice: tuple[AdviceLine, ...] = ()
    unsure_ceiling: str = "routine"
    # A "Not sure" that stands for an answer that would have meant same-day care raises the
    # level to this (judgement call 10: "soon"); any other, to unsure_ceiling at most.
    unsure_same_day_ceiling: str = "soon"
    # Worked out once, when the questionnaire is made (it never changes): see __post_init__.
    stop_triggers: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)
    #: Each finding's reasons, as (index in `reasons`, text): a condition's "why" reads only
    #: the findings that counted for it.
    reasons_by_finding: dict[str, tuple[tuple[int, str], ...]] = field(
        init=False, repr=False, compare=False
    )
    _stop_sets: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)
    #: Each rule under the first of its findings (a rule fires only when all are present),
    #: and each red flag's floor: a walk reads only those its findings can reach.
    _rules_by_finding: dict[str | None, tuple[UrgencyRule, ...]] = field(
        init=False, repr=False, compare=False
    )
    _floors: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Question] = field(init=False, repr=False, compare=False)
    _public: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from .contract import URGENCY_RANK

        stop = URGENCY_RANK[self.stop_at_urgency]
        triggers = [(flag,) for flag, floor in self.red_flag_floors if URGENCY_RANK[floor] >= stop]
        # unless_any never stops a rule at stop_at_urgency (the loader allows it only at
        # "routine" and below), so each such rule's findings are enough to end the walk.
        triggers += [rule.all_of for rule in self.rules if URGENCY_RANK[rule.urgency] >= stop]
        if stop == 0:  # every walk is at the lowest level or above: it ends at the first answer
            triggers = [()]
        object.__setattr__(self, "stop_triggers", tuple(triggers))
        object.__setattr__(self, "_stop_sets", tuple(frozenset(t) for t in triggers))
        by_finding: dict[str, list[tuple[int, str]]] = {}
        for index, (finding, text) in enumerate(self.reasons):
            by_finding.setdefault(finding, []).append((index, text))
        object.__setattr__(self, "reasons_by_finding", {f: tuple(r) for f, r in by_finding.items()})
        object.__setattr__(self, "_by_id", {q.id: q for q in self.questions})
        rules_by_finding: dict[str | None, list[UrgencyRule]] = {}
        for rule in self.rules:  # a rule without findings (the loader refuses one) under None
            rules_by_finding.setdefault(rule.all_of[0] if rule.all_of else None, []).append(rule)
        object.__setattr__(
            self, "_rules_by_finding", {f: tuple(r) for f, r in rules_by_finding.items()}
        )
        floors: dict[str, list[str]] = {}
        for flag, floor in self.red_flag_floors:  # a flag given twice keeps both floors
            floors.setdefault(flag, []).append(floor)
        object.__setattr__(self, "_floors", {f: tuple(u) for f, u in floors.items()})
        object.__setattr__(
            self,
            "_public",
            {"version": self.version, "questions": [q.public_dict() for q in self.questions]},
        )

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def reaches_stop(self, findings: frozenset[str] | set[str]) -> bool:
        """Whether these findings end the walk: a floor or rule at `stop_at_urgency` or above
        has all its findings, with those they imply (what urgency_of would say, without
        working out the level). triage-engine.js's reachedStop reads the same triggers from
        the spec."""
        from .contract import IMPLIES

        present = set(findings)
        for finding, implied in IMPLIES.items():
            if finding in present:
                present.update(implied)
        return any(map(present.issuperset, self._stop_sets))

    def floors_present(self, findings: frozenset[str]) -> list[tuple[str, str]]:
        """The pairs of red_flag_floors whose red flag is among `findings`, in no set order
        (only those are read)."""
        floors = self._floors
        return [(flag, floor) for flag in findings for floor in floors.get(flag, ())]

    def rules_firing(self, findings: frozenset[str]) -> list[UrgencyRule]:
        """The rules that fire on `findings` as given (the caller adds what they imply), in no
        set order: only the rules whose first finding is present are read."""
        by_finding = self._rules_by_finding
        firing = [rule for rule in by_finding.get(None, ()) if rule.fires(findings)]
        for finding in findings:
            firing.extend(rule for rule in by_finding.get(finding, ()) if rule.fires(findings))
        return firing

    def level(self, code: str) -> UrgencyLevel:
        return next(lv for lv in self.levels if lv.code == code)

    def public_dict(self) -> dict[str, Any]:
        """The body of GET /api/triage/questionnaire, made once: read it, never change it."""
        return self._public

    @property
    def spec(self) -> dict[str, Any]:
        """All the validated data as JSON-able data: what the JavaScript engine consumes."""
        return {
            "version": self.version,
            "stop_at_urgency": self.stop_at_urgency,
            # The findings that end the walk (each list whole): Questionnaire.reaches_stop
            "stop_triggers": [list(trigger) for trigger in self.stop_triggers],
            "urgency_order": [lv.code for lv in self.levels],
            "red_flag_floors": [[f, u] for f, u in self.red_flag_floors],
            "urgency_levels": [lv.spec() for lv in self.levels],
            "questions": [q.spec() for q in self.questions],
            "urgency_rules": [r.spec() for r in self.rules],
            "reasons": [{"finding": f, "text": t} for f, t in self.reasons],
            "conditions": [c.spec() for c in self.conditions],
            "advice": [a.spec() for a in self.advice],
            "unsure_ceiling": self.unsure_ceiling,
            "unsure_same_day_ceiling": self.unsure_same_day_ceiling,
            "implies": [[f, list(implied)] for f, implied in IMPLIES.items()],
            "contradictions": [list(pair) for pair in CONTRADICTIONS],
        }


@dataclass(frozen=True, slots=True)
class Progress:
    answered: int
    remaining_at_most: int


@dataclass(frozen=True, slots=True)
class NextQuestion:
    question: Question
    progress: Progress

    done = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "done": False,
            "question": self.question.public_dict(),
            "progress": {
                "answered": self.progress.answered,
                "remaining_at_most": self.progress.remaining_at_most,
            },
        }


@dataclass(frozen=True, slots=True)
class RankedCondition:
    slug: str
    name: str
    why: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "name": self.name, "why": list(self.why)}


@dataclass(frozen=True, slots=True)
class Assessment:
    urgency: str
    headline: str
    red_flags: tuple[str, ...]
    conditions: tuple[RankedCondition, ...]
    next_steps: tuple[str, ...]
    follow_up_days: int | None

    done = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "done": True,
            "assessment": {
                "urgency": self.urgency,
                "headline": self.headline,
                "red_flags": list(self.red_flags),
                "conditions": [c.to_dict() for c in self.conditions],
                "next_steps": list(self.next_steps),
                "follow_up_days": self.follow_up_days,
            },
        }


Answers = Mapping[str, list[str]]
