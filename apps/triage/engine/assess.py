"""Findings -> assessment: urgency, likely conditions, next steps and when to check again."""

from collections.abc import Iterable
from dataclasses import dataclass

from .contract import RED_FLAGS, URGENCY_ORDER, URGENCY_RANK
from .model import Assessment, Condition, Questionnaire, RankedCondition

MAX_CONDITIONS = 5
MAX_REASONS = 4
PROMOTED_SLOTS = 3


def urgency_of(questionnaire: Questionnaire, findings: frozenset[str]) -> str:
    """The highest level of every red-flag floor and every rule whose findings are all present."""
    rank = 0
    for flag, floor in questionnaire.red_flag_floors:
        if flag in findings:
            rank = max(rank, URGENCY_RANK[floor])
    for rule in questionnaire.rules:
        if all(f in findings for f in rule.all_of):
            rank = max(rank, URGENCY_RANK[rule.urgency])
    return URGENCY_ORDER[rank]


def deciding_red_flags(
    questionnaire: Questionnaire, findings: frozenset[str], urgency: str
) -> tuple[str, ...]:
    """The red flags present in a floor or rule that reached the final urgency."""
    deciding: set[str] = set()
    for flag, floor in questionnaire.red_flag_floors:
        if flag in findings and floor == urgency:
            deciding.add(flag)
    for rule in questionnaire.rules:
        if rule.urgency == urgency and all(f in findings for f in rule.all_of):
            deciding.update(rule.all_of)
    return tuple(f for f in RED_FLAGS if f in deciding)


@dataclass(frozen=True, slots=True)
class _Scored:
    condition: Condition
    score: int
    promoted: bool
    order: int
    why: tuple[str, ...]


def _score(
    condition: Condition, order: int, findings: frozenset[str], reasons: tuple[tuple[str, str], ...]
) -> _Scored:
    contribution: dict[str, int] = {}
    score = 0
    for finding, weight in condition.weights:
        if finding in findings:
            score += weight
            contribution[finding] = contribution.get(finding, 0) + weight
    for combo in condition.combos:
        if all(f in findings for f in combo.all_of):
            score += combo.weight
            for finding in combo.all_of:
                contribution[finding] = contribution.get(finding, 0) + combo.weight
    promoted = any(all(f in findings for f in group) for group in condition.top_three_if)
    counted = [
        (-contribution[finding], index, text)
        for index, (finding, text) in enumerate(reasons)
        if contribution.get(finding, 0) > 0
    ]
    why = tuple(text for _, _, text in sorted(counted)[:MAX_REASONS])
    return _Scored(condition, score, promoted, order, why)


def rank_conditions(
    questionnaire: Questionnaire, findings: frozenset[str]
) -> tuple[RankedCondition, ...]:
    """Most likely first, at most five; a promoted (serious) condition is always in the top 3."""
    scored = [
        _score(c, i, findings, questionnaire.reasons)
        for i, c in enumerate(questionnaire.conditions)
    ]
    ranked = sorted(
        (s for s in scored if s.score > 0 or s.promoted), key=lambda s: (-s.score, s.order)
    )
    promoted = [s for s in ranked if s.promoted]
    others = [s for s in ranked if not s.promoted]
    free = max(0, PROMOTED_SLOTS - len(promoted))
    head = sorted(promoted + others[:free], key=lambda s: (-s.score, s.order))
    final = (head + others[free:])[:MAX_CONDITIONS]
    return tuple(RankedCondition(s.condition.slug, s.condition.name, s.why) for s in final)


def assess(questionnaire: Questionnaire, findings: Iterable[str]) -> Assessment:
    """A pure function of the finding set."""
    present = frozenset(findings)
    urgency = urgency_of(questionnaire, present)
    level = questionnaire.level(urgency)
    conditions = rank_conditions(questionnaire, present)
    steps = list(level.next_steps)
    if urgency != "emergency" and conditions:
        top = next(c for c in questionnaire.conditions if c.slug == conditions[0].slug)
        steps.extend(top.care)
    return Assessment(
        urgency=urgency,
        headline=level.headline,
        red_flags=deciding_red_flags(questionnaire, present, urgency),
        conditions=conditions,
        next_steps=tuple(steps),
        follow_up_days=level.follow_up_days,
    )
