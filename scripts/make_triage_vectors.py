"""Write tests/triage/vectors.json: shared test vectors for the Python and JavaScript engines.

    .venv/bin/python scripts/make_triage_vectors.py

The file holds the questionnaire spec and, for many answer sets, the exact result the Python
engine gives (the `to_dict()` body, or {"error": message}). tests/js/ checks that the
JavaScript engine gives the same; tests/triage/ checks that the file is up to date.
Deterministic: the same questionnaire always gives byte-for-byte the same file.
"""

import json
import os
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VECTORS_PATH = ROOT / "tests" / "triage" / "vectors.json"
# The worked examples (a copy of the shared file), then the held-out vignettes.
VIGNETTE_PATHS = [
    ROOT / "tests" / "triage" / name
    for name in (
        "vignettes.json",
        "vignettes_heldout.json",
        "vignettes_heldout2.json",
        "vignettes_heldout3.json",
        "vignettes_heldout4.json",
    )
]
SEED = 20260101
RANDOM_WALKS = 300
PRUNE_CASES = 60
ASSESS_CASES = 120
FLOW_WALKS = 40

# Answers that must be refused, with the reason in the comment of each.
INVALID_ANSWERS: list[Any] = [
    None,
    [],
    "emergency_signs",
    7,
    {"nope": ["none"]},
    {"zeta": ["a"], "alpha": ["b"], "emergency_signs": ["none"]},  # first unknown in order
    {"emergency_signs": "none"},
    {"emergency_signs": None},
    {"emergency_signs": {"none": True}},
    {"emergency_signs": []},
    {"emergency_signs": [None]},
    {"emergency_signs": [["none"]]},
    {"emergency_signs": ["nope"]},
    {"emergency_signs": ["saddle", "saddle"]},
    {"emergency_signs": ["none", "saddle"]},
    {"emergency_signs": ["saddle", "none"]},
    {"emergency_signs": ["none"], "urgent_signs": ["fever", "none"]},
    {"emergency_signs": ["none"], "urgent_signs": ["none"], "size": ["small", "large"]},
    {"emergency_signs": ["none"], "urgent_signs": ["none"], "size": ["huge"]},
    {"location": ["side"]},
    {"emergency_signs": ["none"], "smell": ["yes"]},
    {"emergency_signs": ["saddle"], "urgent_signs": ["none"]},
    {"emergency_signs": ["none"], "urgent_signs": ["fever", "leg_weakness"], "location": ["side"]},
    {"background": ["none"], "emergency_signs": ["none"], "urgent_signs": ["none"]},
    {"emergency_signs": ["none"], "urgent_signs": "none", "feel": ["nope"]},
    {"emergency_signs": ["none"], "urgent_signs": ["none"], "location": []},
    # Two options that cannot both be true of one lump (the contract's 400, 2026-12-06)
    {
        **dict.fromkeys(("emergency_signs", "urgent_signs"), ["none"]),
        **{"location": ["side"], "feel": ["soft"], "movement": ["moves", "fixed"]},
    },
    {
        **dict.fromkeys(("emergency_signs", "urgent_signs"), ["none"]),
        **{"location": ["side"], "feel": ["soft"], "movement": ["fixed", "deep", "moves"]},
    },
]


def _engine() -> Any:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import apps.triage.engine as engine

    return engine


def _result(call: Any) -> Any:
    engine = _engine()
    try:
        return call()
    except engine.AnswerError as error:
        return {"error": error.message}


def _random_answer(rng: random.Random, question: dict[str, Any]) -> list[str]:
    options = question["options"]
    if question["kind"] == "single":
        return [rng.choice(options)["id"]]
    exclusive = [o["id"] for o in options if o["exclusive"]]
    others = [o["id"] for o in options if not o["exclusive"]]
    red_flag_screen = question["id"] in ("emergency_signs", "urgent_signs")
    if exclusive and rng.random() < (0.85 if red_flag_screen else 0.3):
        return [rng.choice(exclusive)]
    count = 1 if rng.random() < 0.6 else rng.randint(1, min(3, len(others)))
    picked = set(rng.sample(others, count))
    # Never two options that cannot both be true (the engine refuses them): keep the first.
    said: set[str] = set()
    for option in options:
        if option["id"] not in picked:
            continue
        if any({a, b} <= said | set(option["findings"]) for a, b in _contradictions()):
            picked.discard(option["id"])
        else:
            said |= set(option["findings"])
    return [o for o in others if o in picked] if rng.random() < 0.5 else sorted(picked)


def _contradictions() -> tuple[tuple[str, str], ...]:
    return _engine().contract.CONTRADICTIONS


def _walk_cases(questionnaire: Any, pick: Any, *, stop_after: int | None = None) -> list[dict]:
    """Every step of one walk, as cases; `pick(question) -> option ids`."""
    engine = _engine()
    answers: dict[str, list[str]] = {}
    cases = []
    while True:
        step = engine.next_step(questionnaire, answers).to_dict()
        cases.append({"answers": dict(answers), "result": step})
        if step["done"] or (stop_after is not None and len(answers) >= stop_after):
            return cases
        answers[step["question"]["id"]] = pick(step["question"])


def build_vectors(questionnaire: Any = None) -> dict[str, Any]:
    engine = _engine()
    from tests.triage.walker import choose  # the contract's vignette rule

    q = questionnaire or engine.load_questionnaire_file(engine.QUESTIONNAIRE_PATH)
    spec = q.spec
    spec_questions = {question["id"]: question for question in spec["questions"]}
    rng = random.Random(SEED)
    cases: list[dict[str, Any]] = []

    # Every step of each worked example's walk; the result of each held-out walk.
    for path in VIGNETTE_PATHS:
        for case in json.loads(path.read_text(encoding="utf-8")):
            present = frozenset(case["findings"])
            unsure = tuple(case.get("unsure", ()))
            walk = _walk_cases(q, lambda question, p=present, u=unsure: choose(question, p, u))
            cases += walk if path.name == "vignettes.json" else walk[-1:]

    for i in range(RANDOM_WALKS):
        stop_after = None if i % 3 else rng.randint(0, len(spec["questions"]))
        walk = _walk_cases(
            q,
            lambda question: _random_answer(rng, spec_questions[question["id"]]),
            stop_after=stop_after,
        )
        cases.append(walk[-1])

    valid = len(cases)
    for answers in INVALID_ANSWERS:
        cases.append(
            {"answers": answers, "result": _result(lambda a=answers: engine.next_step(q, a))}
        )
    for _ in range(20):  # a valid walk with one answer spoiled
        answers = dict(cases[rng.randrange(valid)]["answers"])
        if not answers:
            continue
        qid = rng.choice(sorted(answers))
        answers[qid] = rng.choice([["x"], [], "x", [*answers[qid], *answers[qid]]])
        cases.append(
            {"answers": answers, "result": _result(lambda a=answers: engine.next_step(q, a))}
        )

    prune_cases = []
    for _ in range(PRUNE_CASES):
        answers = {
            qid: _random_answer(rng, question)
            for qid, question in spec_questions.items()
            if rng.random() < 0.7
        }
        prune_cases.append(
            {"answers": answers, "result": _result(lambda a=answers: engine.prune_answers(q, a))}
        )
    for answers in INVALID_ANSWERS[:8]:
        prune_cases.append(
            {"answers": answers, "result": _result(lambda a=answers: engine.prune_answers(q, a))}
        )

    from apps.triage.engine.contract import FINDINGS

    assess_cases = [{"findings": [], "result": engine.assess(q, frozenset()).to_dict()}]
    for finding in FINDINGS:
        assess_cases.append(
            {"findings": [finding], "result": engine.assess(q, {finding}).to_dict()}
        )
    for _ in range(ASSESS_CASES):
        findings = sorted(rng.sample(FINDINGS, rng.randint(1, 12)))
        assess_cases.append({"findings": findings, "result": engine.assess(q, findings).to_dict()})
    # "Not sure" answers: the same findings with some questions the person could not answer.
    unsure_questions = [
        question.id for question in q.questions if any(o.unsure for o in question.options)
    ]
    for _ in range(ASSESS_CASES // 2):
        findings = sorted(rng.sample(FINDINGS, rng.randint(0, 6)))
        unsure = sorted(rng.sample(unsure_questions, rng.randint(1, 3)))
        result = engine.assess(q, findings, unsure).to_dict()
        assess_cases.append({"findings": findings, "unsure": unsure, "result": result})

    # The flow: change an earlier answer (keeping the later ones that still apply), and the
    # progress of every screen of a walk, as the screens show them online and offline.
    flow_cases = []
    progress_cases = []
    for i in range(FLOW_WALKS):
        walk = _walk_cases(q, lambda question: _random_answer(rng, spec_questions[question["id"]]))
        answers = walk[-1]["answers"]
        for qid in answers:
            progress_cases.append(
                {
                    "answers": answers,
                    "question_id": qid,
                    "result": engine.screen_progress(q, answers, qid).to_dict(),
                }
            )
        if not answers:
            continue
        qid = rng.choice(sorted(answers)) if i % 4 else "nope"
        options = (
            _random_answer(rng, spec_questions[qid])
            if qid in spec_questions and i % 7
            else rng.choice([["x"], [], "x"])
        )
        flow_cases.append(
            {
                "answers": answers,
                "question_id": qid,
                "options": options,
                "result": _result(lambda a=answers, k=qid, o=options: engine.answer(q, a, k, o)),
            }
        )
    resume_cases = [
        {"answers": c["answers"], "result": engine.resume(q, c["answers"])}
        for c in cases + prune_cases
    ]
    presenter_cases = build_presenter_cases(q, cases[:valid])

    return {
        "comment": "Generated by scripts/make_triage_vectors.py. Do not edit by hand.",
        "spec": spec,
        "cases": cases,
        "prune_cases": prune_cases,
        "assess_cases": assess_cases,
        "flow_cases": flow_cases,
        "progress_cases": progress_cases,
        "resume_cases": resume_cases,
        "presenter_cases": presenter_cases,
    }


def build_presenter_cases(q: Any, cases: list[dict]) -> list[dict]:
    """What apps/triage/presenters.py says for the answers and results of `cases`, and for
    every question's empty and refused answers, in English: triage-presenters.js must say
    the same (tests/js/presenters.test.js). Needs Django's settings (the words are gettext's)."""
    import django
    from django.conf import settings

    if not settings.configured:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumpguide.settings")
        django.setup()
    from django.utils import translation

    from apps.pwa.offline_screens import screen_messages
    from apps.triage import presenters

    out: list[dict] = []
    with translation.override("en"):
        out.append({"kind": "messages", "messages": screen_messages()})
        order = [question["id"] for question in q.spec["questions"]]
        for case in cases:
            answers = {i: case["answers"][i] for i in order if i in case["answers"]}
            rows = presenters.questionnaire_rows(q, answers)
            out.append({"kind": "rows", "answers": answers, "rows": rows})
            screen = _engine().walk(q, answers).result_screen()
            if screen is not None:  # the result's causes as the engine splits them
                out.append(
                    {
                        "kind": "split",
                        "conditions": [c.slug for c in screen.assessment.conditions],
                        "likely": [c.slug for c in screen.likely],
                        "rule_out": [c.slug for c in screen.rule_out],
                    }
                )
        for question in q.questions:
            out.append(
                {
                    "kind": "empty",
                    "question": question.id,
                    "message": presenters.empty_answer_message(question),
                }
            )
            ids = [option.id for option in question.options]
            chosen_sets = [[a, b] for a in ids for b in ids if a < b]
            chosen_sets += [[ids[0], ids[0]], ["nope"], [ids[0], "nope"]]
            for chosen in chosen_sets:
                said = presenters.answer_error_message(question=question, chosen=chosen)
                out.append({"kind": "refusal", "question": question.id, "chosen": chosen})
                out[-1]["message"] = said
    return out


def render(vectors: dict[str, Any]) -> str:
    """The spec indented for review; then one case per line, to keep the file small."""

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    parts = [
        "{",
        f'"comment": {compact(vectors["comment"])},',
        f'"spec": {json.dumps(vectors["spec"], ensure_ascii=False, indent=1)},',
    ]
    names = [
        "cases",
        "prune_cases",
        "assess_cases",
        "flow_cases",
        "progress_cases",
        "resume_cases",
        "presenter_cases",
    ]
    for name in names:
        rows = ",\n".join(compact(case) for case in vectors[name])
        parts.append(f'"{name}": [\n{rows}\n]' + ("," if name != names[-1] else ""))
    parts.append("}")
    return "\n".join(parts) + "\n"


def main() -> None:
    VECTORS_PATH.write_text(render(build_vectors()), encoding="utf-8")
    print(f"Wrote {VECTORS_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
