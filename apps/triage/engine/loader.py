"""Turn questionnaire data (parsed YAML) into a validated, frozen Questionnaire."""

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .contract import (
    CONDITION_SLUGS,
    EMERGENCY_NUMBERS,
    FINDING_SET,
    FINDINGS,
    REASSURING,
    RED_FLAG_FLOORS,
    SERIOUS_CONDITIONS,
    URGENCY_ORDER,
    URGENCY_RANK,
)
from .errors import QuestionnaireError
from .model import (
    AdviceLine,
    Combo,
    Condition,
    Option,
    Question,
    Questionnaire,
    UrgencyLevel,
    UrgencyRule,
)

#: libyaml's parser where PyYAML has it (as lumpguide/fast_yaml.py: the same data, faster);
#: the engine imports nothing of the project's.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
_EMERGENCY_NUMBER = re.compile(r"(?<!\d)(" + "|".join(EMERGENCY_NUMBERS) + r")(?!\d)")

_TOP_KEYS = frozenset(
    {"version", "stop_at_urgency", "urgency_levels", "questions", "urgency_rules", "reasons"}
    | {"conditions", "advice", "unsure_raises_to", "unsure_same_day_raises_to"}
)


def load_questionnaire_file(path: str | Path) -> Questionnaire:
    """Read a questionnaire YAML file and validate it."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_SAFE_LOADER)
    return load_questionnaire(data)


def load_questionnaire(data: Any) -> Questionnaire:
    """Validate questionnaire data; raise QuestionnaireError naming what is wrong."""
    top = _mapping(data, "questionnaire", required=_TOP_KEYS, optional=frozenset())
    version = _text(top["version"], "version")
    stop_at = _urgency(top["stop_at_urgency"], "stop_at_urgency")
    levels = _levels(top["urgency_levels"])
    questions = _questions(top["questions"])
    rules = _rules(top["urgency_rules"])
    reasons = _reasons(top["reasons"])
    conditions = _conditions(top["conditions"])
    advice = _advice(top["advice"])
    unsure_ceiling = _urgency(top["unsure_raises_to"], "unsure_raises_to")
    same_day_ceiling = _urgency(top["unsure_same_day_raises_to"], "unsure_same_day_raises_to")
    if URGENCY_RANK[same_day_ceiling] >= URGENCY_RANK["urgent"]:
        raise QuestionnaireError(
            'unsure_same_day_raises_to: a "Not sure" never sends a person for same-day care'
        )
    _check_declared(questions)
    return Questionnaire(
        version=version,
        stop_at_urgency=stop_at,
        questions=questions,
        levels=levels,
        rules=rules,
        reasons=reasons,
        conditions=conditions,
        red_flag_floors=tuple(RED_FLAG_FLOORS.items()),
        advice=advice,
        unsure_ceiling=unsure_ceiling,
        unsure_same_day_ceiling=same_day_ceiling,
    )


# -- small typed readers -----------------------------------------------------------------


def _mapping(
    value: Any, where: str, *, required: frozenset[str], optional: frozenset[str]
) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise QuestionnaireError(f"{where}: must be a mapping, got {type(value).__name__}")
    keys = set(value)
    missing = sorted(required - keys)
    if missing:
        raise QuestionnaireError(f"{where}: missing field {missing[0]!r}")
    unknown = sorted(str(k) for k in keys - required - optional)
    if unknown:
        raise QuestionnaireError(f"{where}: unknown field {unknown[0]!r}")
    return MappingProxyType(dict(value))


def _list(value: Any, where: str, *, allow_empty: bool = False) -> list[Any]:
    if not isinstance(value, list):
        raise QuestionnaireError(f"{where}: must be a list, got {type(value).__name__}")
    if not value and not allow_empty:
        raise QuestionnaireError(f"{where}: must not be empty")
    return value


def _text(value: Any, where: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise QuestionnaireError(f"{where}: must be text, got {type(value).__name__}")
    if not value.strip() and not allow_empty:
        raise QuestionnaireError(f"{where}: must not be empty")
    match = _EMERGENCY_NUMBER.search(value)
    if match:
        raise QuestionnaireError(
            f"{where}: names the phone number {match.group(1)}; say 'the emergency number' "
            "instead (the page adds the right number for the region)"
        )
    return value


def _identifier(value: Any, where: str) -> str:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise QuestionnaireError(
            f"{where}: id {value!r} must start with a lower-case letter and use only a-z, 0-9 and _"
        )
    return value


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise QuestionnaireError(f"{where}: must be a whole number, got {value!r}")
    return value


def _urgency(value: Any, where: str) -> str:
    if value not in URGENCY_RANK:
        raise QuestionnaireError(
            f"{where}: unknown urgency {value!r} (use one of {', '.join(URGENCY_ORDER)})"
        )
    return value


def _finding(value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in FINDING_SET:
        raise QuestionnaireError(f"{where}: unknown finding {value!r} (not in the contract)")
    return value


def _findings(value: Any, where: str, *, allow_empty: bool) -> tuple[str, ...]:
    items = tuple(
        _finding(f, where) for f in _list(value, f"{where} findings", allow_empty=allow_empty)
    )
    if len(set(items)) != len(items):
        raise QuestionnaireError(f"{where}: a finding is listed twice")
    return items


# -- sections ------------------------------------------------------------------------------


def _levels(value: Any) -> tuple[UrgencyLevel, ...]:
    by_code: dict[str, UrgencyLevel] = {}
    for i, raw in enumerate(_list(value, "urgency_levels")):
        where = f"urgency_levels[{i}]"
        item = _mapping(
            raw,
            where,
            required=frozenset({"code", "headline", "follow_up_days", "next_steps"}),
            optional=frozenset(),
        )
        code = _urgency(item["code"], where)
        where = f'urgency level "{code}"'
        if code in by_code:
            raise QuestionnaireError(f"{where}: listed twice")
        days = item["follow_up_days"]
        if code in ("emergency", "urgent"):
            # Help is needed today: nobody is asked to look again later (clinical brief 8.2).
            if days is not None:
                raise QuestionnaireError(f"{where}: follow_up_days must be null for {code}")
        elif _int(days, f"{where} follow_up_days") < 1:
            raise QuestionnaireError(f"{where}: follow_up_days must be at least 1")
        steps = tuple(
            _text(s, f"{where} next_steps")
            # May be empty: the headline and the region's action may say it all (issue 20)
            for s in _list(item["next_steps"], f"{where} next_steps", allow_empty=True)
        )
        by_code[code] = UrgencyLevel(
            code=code,
            headline=_text(item["headline"], f"{where} headline"),
            follow_up_days=days,
            next_steps=steps,
        )
    missing = [code for code in URGENCY_ORDER if code not in by_code]
    if missing:
        raise QuestionnaireError(f'urgency_levels: missing level "{missing[0]}"')
    return tuple(by_code[code] for code in URGENCY_ORDER)


def _questions(value: Any) -> tuple[Question, ...]:
    questions: list[Question] = []
    declared_so_far: set[str] = set()
    for i, raw in enumerate(_list(value, "questions")):
        question = _question(raw, f"questions[{i}]")
        where = f'question "{question.id}"'
        if any(q.id == question.id for q in questions):
            raise QuestionnaireError(f"{where}: id is used twice")
        for finding in question.ask_if_any:
            if finding not in declared_so_far:
                raise QuestionnaireError(
                    f'{where}: ask_if_any finding "{finding}" is not given by any earlier '
                    "question, so the question could never be asked"
                )
        questions.append(question)
        declared_so_far |= question.declared_findings
    return tuple(questions)


def _question(raw: Any, where: str) -> Question:
    item = _mapping(
        raw,
        where,
        required=frozenset({"id", "kind", "text", "help", "options"}),
        optional=frozenset({"ask_if_any", "unsure_note"}),
    )
    qid = _identifier(item["id"], where)
    where = f'question "{qid}"'
    kind = item["kind"]
    if kind not in ("single", "multiple"):
        raise QuestionnaireError(f'{where}: kind must be "single" or "multiple", got {kind!r}')
    options: list[Option] = []
    for j, raw_option in enumerate(_list(item["options"], f"{where} options")):
        option = _option(raw_option, f"{where} options[{j}]", where)
        if any(o.id == option.id for o in options):
            raise QuestionnaireError(f'{where}, option "{option.id}": id is used twice')
        if option.exclusive and kind == "single":
            raise QuestionnaireError(
                f'{where}, option "{option.id}": exclusive only makes sense in a multiple question'
            )
        options.append(option)
    if len(options) < 2:
        raise QuestionnaireError(f"{where}: needs at least two options")
    if not any(not o.findings for o in options):
        raise QuestionnaireError(
            f'{where}: needs an option with no findings (such as "None of these" or "Not sure")'
        )
    ask_if = ()
    if "ask_if_any" in item:
        ask_if = _findings(item["ask_if_any"], f"{where} ask_if_any", allow_empty=False)
    unsure = [o for o in options if o.unsure]
    if kind == "multiple" and any(not o.exclusive for o in unsure):
        raise QuestionnaireError(f'{where}: a "Not sure" option must be exclusive')
    note = _text(item.get("unsure_note", ""), f"{where} unsure_note", allow_empty=True)
    if unsure and not note.strip():
        raise QuestionnaireError(
            f'{where}: has a "Not sure" option, so it needs an unsure_note saying why a '
            "doctor should look when the person could not tell"
        )
    if note.strip() and not unsure:
        raise QuestionnaireError(f'{where}: unsure_note without a "Not sure" option')
    return Question(
        id=qid,
        text=_text(item["text"], f"{where} text"),
        help=_text(item["help"], f"{where} help", allow_empty=True),
        kind=kind,
        options=tuple(options),
        ask_if_any=ask_if,
        unsure_note=note,
    )


def _option(raw: Any, where: str, question_where: str) -> Option:
    item = _mapping(
        raw,
        where,
        required=frozenset({"id", "label", "findings"}),
        optional=frozenset({"exclusive", "unsure"}),
    )
    oid = _identifier(item["id"], where)
    where = f'{question_where}, option "{oid}"'
    exclusive = _bool(item.get("exclusive", False), f"{where}: exclusive")
    unsure = _bool(item.get("unsure", False), f"{where}: unsure")
    findings = _findings(item["findings"], where, allow_empty=True)
    if exclusive and findings:
        raise QuestionnaireError(f"{where}: an exclusive option must have no findings")
    if unsure and findings:
        raise QuestionnaireError(f'{where}: a "Not sure" option must have no findings')
    return Option(
        id=oid,
        label=_text(item["label"], f"{where} label"),
        findings=findings,
        exclusive=exclusive,
        unsure=unsure,
    )


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise QuestionnaireError(f"{where} must be true or false")
    return value


def _check_declared(questions: tuple[Question, ...]) -> None:
    declared = set().union(*(q.declared_findings for q in questions))
    missing = [f for f in FINDINGS if f not in declared]
    if missing:
        raise QuestionnaireError(
            f'questions: finding "{missing[0]}" is not given by any option, so nobody could '
            "report it"
        )


def _rules(value: Any) -> tuple[UrgencyRule, ...]:
    rules: list[UrgencyRule] = []
    for i, raw in enumerate(_list(value, "urgency_rules")):
        where = f"urgency_rules[{i}]"
        item = _mapping(
            raw,
            where,
            required=frozenset({"id", "urgency", "all_of", "source"}),
            optional=frozenset({"unless_any"}),
        )
        rid = _identifier(item["id"], where)
        where = f'urgency rule "{rid}"'
        if any(r.id == rid for r in rules):
            raise QuestionnaireError(f"{where}: id is used twice")
        urgency = _urgency(item["urgency"], where)
        unless = _findings(item.get("unless_any", []), f"{where} unless_any", allow_empty=True)
        if unless and URGENCY_RANK[urgency] > URGENCY_RANK["routine"]:
            raise QuestionnaireError(
                f'{where}: unless_any only on a rule at "routine" or below (nothing may lower '
                "a level that asks for a doctor within 2 weeks or sooner)"
            )
        not_reassuring = [f for f in unless if f not in REASSURING]
        if not_reassuring:
            raise QuestionnaireError(
                f'{where}: unless_any finding "{not_reassuring[0]}" is not one of the '
                f"reassuring findings ({', '.join(REASSURING)})"
            )
        rules.append(
            UrgencyRule(
                id=rid,
                urgency=urgency,
                all_of=_findings(item["all_of"], where, allow_empty=False),
                source=_text(item["source"], f"{where} source"),
                unless_any=unless,
            )
        )
    for flag, floor in RED_FLAG_FLOORS.items():
        if not any(
            r.all_of == (flag,)
            and not r.unless_any
            and URGENCY_RANK[r.urgency] >= URGENCY_RANK[floor]
            for r in rules
        ):
            raise QuestionnaireError(
                f'urgency_rules: red flag "{flag}" needs its own rule at "{floor}" or higher '
                "(the contract's floor)"
            )
    return tuple(rules)


def _reasons(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise QuestionnaireError("reasons: must be a mapping of finding to sentence")
    reasons = tuple(
        (_finding(f, "reasons"), _text(text, f'reasons "{f}"')) for f, text in value.items()
    )
    missing = [f for f in FINDINGS if f not in value]
    if missing:
        raise QuestionnaireError(f'reasons: missing a sentence for finding "{missing[0]}"')
    return reasons


def _conditions(value: Any) -> tuple[Condition, ...]:
    conditions: list[Condition] = []
    for i, raw in enumerate(_list(value, "conditions")):
        condition = _condition(raw, f"conditions[{i}]")
        if any(c.slug == condition.slug for c in conditions):
            raise QuestionnaireError(f'condition "{condition.slug}": listed twice')
        conditions.append(condition)
    missing = [s for s in CONDITION_SLUGS if all(c.slug != s for c in conditions)]
    if missing:
        raise QuestionnaireError(f'conditions: missing condition "{missing[0]}"')
    return tuple(conditions)


def _condition(raw: Any, where: str) -> Condition:
    item = _mapping(
        raw,
        where,
        required=frozenset({"slug", "name", "weights", "care"}),
        optional=frozenset(
            {"combos", "top_three_if", "requires_one_of", "go_now_if", "go_now_watch_for"}
            | {"care_levels", "care_unless_any"}
        ),
    )
    slug = item["slug"]
    if slug not in CONDITION_SLUGS:
        raise QuestionnaireError(f"{where}: unknown condition slug {slug!r} (not in the contract)")
    where = f'condition "{slug}"'
    raw_weights = item["weights"]
    if not isinstance(raw_weights, Mapping) or not raw_weights:
        raise QuestionnaireError(f"{where}: weights must be a mapping of finding to number")
    weights = tuple(
        (_finding(f, f"{where} weights"), _int(w, f'{where} weight of "{f}"'))
        for f, w in raw_weights.items()
    )
    combos = []
    for j, raw_combo in enumerate(
        _list(item.get("combos", []), f"{where} combos", allow_empty=True)
    ):
        combo_where = f"{where} combos[{j}]"
        combo = _mapping(
            raw_combo, combo_where, required=frozenset({"all_of", "weight"}), optional=frozenset()
        )
        combos.append(
            Combo(
                all_of=_findings(combo["all_of"], combo_where, allow_empty=False),
                weight=_int(combo["weight"], f"{combo_where} weight"),
            )
        )
    top_three = tuple(
        _findings(group, f"{where} top_three_if", allow_empty=False)
        for group in _list(item.get("top_three_if", []), f"{where} top_three_if", allow_empty=True)
    )
    care = tuple(_text(s, f"{where} care") for s in _list(item["care"], f"{where} care"))
    if len(care) > 2:
        raise QuestionnaireError(f"{where}: care lists at most 2 steps")
    requires = tuple(
        _findings(group, f"{where} requires_one_of", allow_empty=False)
        for group in _list(
            item.get("requires_one_of", []), f"{where} requires_one_of", allow_empty=True
        )
    )
    serious = slug in SERIOUS_CONDITIONS
    if serious and not requires:
        raise QuestionnaireError(
            f"{where}: requires_one_of is needed for a serious condition "
            f"({', '.join(SERIOUS_CONDITIONS)})"
        )
    positive = {f for f, w in weights if w > 0}
    for group in requires:
        if not positive & set(group):
            raise QuestionnaireError(
                f"{where}: requires_one_of group {list(group)} has no finding that counts for "
                "the condition, so it would be listed with no reason"
            )
    return Condition(
        slug=slug,
        name=_text(item["name"], f"{where} name"),
        weights=weights,
        combos=tuple(combos),
        top_three_if=top_three,
        care=care,
        requires_one_of=requires,
        go_now_if=_text(item.get("go_now_if", ""), f"{where} go_now_if", allow_empty=True),
        go_now_watch_for=_findings(
            item.get("go_now_watch_for", []), f"{where} go_now_watch_for", allow_empty=True
        ),
        serious=serious,
        care_levels=_care_levels(item, where),
        care_unless_any=_findings(
            item.get("care_unless_any", []), f"{where} care_unless_any", allow_empty=True
        ),
    )


def _care_levels(item: Mapping[str, Any], where: str) -> tuple[str, ...]:
    if "care_levels" not in item:
        return ("self_care", "routine", "soon", "urgent")
    levels = tuple(
        _urgency(v, f"{where} care_levels")
        for v in _list(item["care_levels"], f"{where} care_levels")
    )
    if "emergency" in levels:
        raise QuestionnaireError(f"{where}: care steps are never shown on an emergency result")
    return levels


def _advice(value: Any) -> tuple[AdviceLine, ...]:
    lines: list[AdviceLine] = []
    for i, raw in enumerate(_list(value, "advice")):
        where = f"advice[{i}]"
        item = _mapping(
            raw,
            where,
            required=frozenset({"id", "text", "levels"}),
            optional=frozenset({"if_any", "if_all", "unless_any", "watch_for"}),
        )
        aid = _identifier(item["id"], where)
        where = f'advice "{aid}"'
        if any(line.id == aid for line in lines):
            raise QuestionnaireError(f"{where}: id is used twice")
        levels = tuple(_urgency(v, f"{where} levels") for v in _list(item["levels"], where))

        def findings(key: str, where: str = where, item: Mapping[str, Any] = item):
            return _findings(item.get(key, []), f"{where} {key}", allow_empty=True)

        lines.append(
            AdviceLine(
                id=aid,
                text=_text(item["text"], f"{where} text"),
                levels=levels,
                if_any=findings("if_any"),
                if_all=findings("if_all"),
                unless_any=findings("unless_any"),
                watch_for=findings("watch_for"),
            )
        )
    return tuple(lines)
