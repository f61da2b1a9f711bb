"""Findings -> assessment: urgency, likely conditions, next steps and when to check again."""

from collections.abc import Iterable
from dataclasses import dataclass

from .contract import IMPLIES, RED_FLAGS, URGENCY_ORDER, URGENCY_RANK
from .model import Assessment, Condition, Questionnaire, RankedCondition

MAX_CONDITIONS = 5
MAX_REASONS = 4
PROMOTED_SLOTS = 3
#: Urgency levels at which a listed condition's own "go now if" signs are shown.
GO_NOW_LEVELS = frozenset({"urgent", "soon"})


def with_implied(findings: Iterable[str]) -> frozenset[str]:
    """The findings with those they imply (contract.IMPLIES: "more than 6 weeks" is also
    "more than 2 weeks")."""
    present = set(findings)
    for finding, implied in IMPLIES.items():
        if finding in present:
            present.update(implied)
    return frozenset(present)


def urgency_of(questionnaire: Questionnaire, findings: frozenset[str]) -> str:
    """The highest level of every red-flag floor and every rule that fires (all its findings
    present, none of its `unless_any`)."""
    findings = with_implied(findings)
    rank = 0
    for _, floor in questionnaire.floors_present(findings):
        rank = max(rank, URGENCY_RANK[floor])
    for rule in questionnaire.rules_firing(findings):
        rank = max(rank, URGENCY_RANK[rule.urgency])
    return URGENCY_ORDER[rank]


def deciding_red_flags(
    questionnaire: Questionnaire, findings: frozenset[str], urgency: str
) -> tuple[str, ...]:
    """The red flags present in a floor or rule that reached the final urgency."""
    deciding: set[str] = set()
    for flag, floor in questionnaire.floors_present(findings):
        if floor == urgency:
            deciding.add(flag)
    for rule in questionnaire.rules_firing(findings):
        if rule.urgency == urgency:
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
    condition: Condition,
    order: int,
    findings: frozenset[str],
    reasons_by_finding: dict[str, tuple[tuple[int, str], ...]],
) -> _Scored | None:
    """The condition's score and reasons; None when it has no points and is not promoted
    (such a condition is never listed)."""
    weight_of = condition.weight_of
    contribution = {f: weight_of[f] for f in findings if f in weight_of}
    score = sum(contribution.values())
    for all_of, in_order, weight in condition.combo_sets:
        if all_of <= findings:
            score += weight
            for finding in in_order:
                contribution[finding] = contribution.get(finding, 0) + weight
    promoted = condition.promoted(findings)
    if score <= 0 and not promoted:
        return None
    # The reasons of the findings that counted, most points first, then in `reasons` order
    counted = [
        (-points, index, text)
        for finding, points in contribution.items()
        if points > 0
        for index, text in reasons_by_finding.get(finding, ())
    ]
    why = tuple(text for _, _, text in sorted(counted)[:MAX_REASONS])
    return _Scored(condition, score, promoted, order, why)


def rank_conditions(
    questionnaire: Questionnaire, findings: frozenset[str], urgency: str = "emergency"
) -> tuple[RankedCondition, ...]:
    """Most likely first, at most five; a promoted (serious) condition is always in the top 3.

    Only conditions with a reason from the answers are listed: a serious one only when one of
    its `requires_one_of` groups was said; and a serious one is never first under self-care.
    """
    findings = frozenset(findings)  # the groups are sets: compared with a set
    scored = [
        _score(c, i, findings, questionnaire.reasons_by_finding)
        for i, c in enumerate(questionnaire.conditions)
    ]
    ranked = sorted(
        (s for s in scored if s is not None and s.why and s.condition.supported(findings)),
        key=lambda s: (-s.score, s.order),
    )
    promoted = [s for s in ranked if s.promoted]
    others = [s for s in ranked if not s.promoted]
    free = max(0, PROMOTED_SLOTS - len(promoted))
    head = sorted(promoted + others[:free], key=lambda s: (-s.score, s.order))
    final = (head + others[free:])[:MAX_CONDITIONS]
    if urgency == "self_care" and final and final[0].condition.serious:
        first_plain = next((s for s in final if not s.condition.serious), None)
        if first_plain is not None:
            final.remove(first_plain)
            final.insert(0, first_plain)
    return tuple(RankedCondition(s.condition.slug, s.condition.name, s.why) for s in final)


def unsure_floor(
    questionnaire: Questionnaire, findings: frozenset[str], unsure: Iterable[str]
) -> tuple[str, tuple[str, ...]]:
    """The urgency with "Not sure" answers counted carefully, and the notes that say why.

    For each question the person could not answer, the answers they might have given are
    tried: when one of them would have raised the urgency, the advice rises, and the
    question's note says why. It rises to `unsure_same_day_ceiling` ("soon") when that answer
    would have meant same-day care or more, else to that answer's level but no higher than
    `unsure_ceiling` ("routine"): a doctor should look (judgement call 10).
    """
    base = URGENCY_RANK[urgency_of(questionnaire, findings)]
    ceiling = URGENCY_RANK[questionnaire.unsure_ceiling]
    same_day = URGENCY_RANK["urgent"]
    same_day_ceiling = URGENCY_RANK[questionnaire.unsure_same_day_ceiling]
    rank, notes = base, []
    unsure_ids = frozenset(unsure)
    for question in questionnaire.questions:
        if question.id not in unsure_ids:
            continue
        worst = max(
            (
                URGENCY_RANK[urgency_of(questionnaire, findings | frozenset(o.findings))]
                for o in question.options
                if o.findings
            ),
            default=base,
        )
        floor = same_day_ceiling if worst >= same_day else min(worst, ceiling)
        if floor > base:
            rank = max(rank, floor)
            notes.append(question.unsure_note)
    return URGENCY_ORDER[rank], tuple(notes)


def assess(
    questionnaire: Questionnaire, findings: Iterable[str], unsure: Iterable[str] = ()
) -> Assessment:
    """A pure function of the finding set (and of the questions answered "Not sure")."""
    present = with_implied(findings)
    urgency, notes = unsure_floor(questionnaire, present, unsure)
    level = questionnaire.level(urgency)
    conditions = rank_conditions(questionnaire, present, urgency)
    by_slug = {c.slug: c for c in questionnaire.conditions}
    steps = list(level.next_steps)
    steps.extend(line.text for line in questionnaire.advice if line.shown(urgency, present))
    steps.extend(notes)
    if urgency in GO_NOW_LEVELS:
        for ranked in conditions[:PROMOTED_SLOTS]:
            go_now = by_slug[ranked.slug].go_now_shown(present)
            if go_now and go_now not in steps:
                steps.append(go_now)
    if conditions:
        steps.extend(by_slug[conditions[0].slug].care_shown(urgency, present))
    return Assessment(
        urgency=urgency,
        headline=level.headline,
        red_flags=deciding_red_flags(questionnaire, present, urgency),
        conditions=conditions,
        next_steps=tuple(steps),
        follow_up_days=level.follow_up_days,
    )
