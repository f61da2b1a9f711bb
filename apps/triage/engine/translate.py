"""Another language's texts for the questionnaire: the rules, ids and findings exist once (the
English file); a language's file gives only the words, keyed by those ids.

    texts = extract_texts(data)           # the English words, in the shape a translation takes
    spanish = apply_texts(data, es_texts)  # the questionnaire data with the Spanish words
    load_questionnaire(spanish)            # validated as any questionnaire is

apply_texts refuses a translation with a missing or extra question, option, level, reason,
condition, advice line or step, so an edition can never silently fall back or drift.
"""

import copy
from collections.abc import Mapping
from typing import Any

from .errors import QuestionnaireError


def extract_texts(data: Mapping[str, Any]) -> dict[str, Any]:
    """The words of questionnaire data, keyed by id (the shape of a translation file)."""
    questions = {}
    for question in data["questions"]:
        entry: dict[str, Any] = {"text": question["text"], "help": question["help"]}
        if question.get("unsure_note"):
            entry["unsure_note"] = question["unsure_note"]
        entry["options"] = {option["id"]: option["label"] for option in question["options"]}
        questions[question["id"]] = entry
    conditions = {}
    for condition in data["conditions"]:
        entry = {"name": condition["name"], "care": list(condition["care"])}
        if condition.get("go_now_if"):
            entry["go_now_if"] = condition["go_now_if"]
        conditions[condition["slug"]] = entry
    return {
        "urgency_levels": {
            level["code"]: {"headline": level["headline"], "next_steps": list(level["next_steps"])}
            for level in data["urgency_levels"]
        },
        "questions": questions,
        "reasons": dict(data["reasons"]),
        "conditions": conditions,
        "advice": {line["id"]: line["text"] for line in data["advice"]},
    }


def apply_texts(data: Mapping[str, Any], texts: Any, *, language: str) -> dict[str, Any]:
    """A copy of questionnaire data with every text replaced by the translation's."""
    english = extract_texts(data)
    _same_shape(english, texts, language)
    out = copy.deepcopy(dict(data))
    for level in out["urgency_levels"]:
        level.update(texts["urgency_levels"][level["code"]])
    for question in out["questions"]:
        entry = texts["questions"][question["id"]]
        question["text"], question["help"] = entry["text"], entry["help"]
        if "unsure_note" in entry:
            question["unsure_note"] = entry["unsure_note"]
        for option in question["options"]:
            option["label"] = entry["options"][option["id"]]
    out["reasons"] = dict(texts["reasons"])
    for condition in out["conditions"]:
        entry = texts["conditions"][condition["slug"]]
        condition["name"], condition["care"] = entry["name"], list(entry["care"])
        if "go_now_if" in entry:
            condition["go_now_if"] = entry["go_now_if"]
    for line in out["advice"]:
        line["text"] = texts["advice"][line["id"]]
    return out


def _same_shape(english: Any, translated: Any, where: str) -> None:
    """The translation has exactly the English keys, list lengths and kinds of value."""
    if isinstance(english, dict):
        if not isinstance(translated, Mapping):
            raise QuestionnaireError(f"{where}: must be a mapping")
        missing = [key for key in english if key not in translated]
        if missing:
            raise QuestionnaireError(f"{where}: missing {missing[0]!r}")
        extra = sorted(str(key) for key in translated if key not in english)
        if extra:
            raise QuestionnaireError(f"{where}: {extra[0]!r} is not in the English questionnaire")
        for key, value in english.items():
            _same_shape(value, translated[key], f"{where}.{key}")
    elif isinstance(english, list):
        if not isinstance(translated, list) or len(translated) != len(english):
            raise QuestionnaireError(f"{where}: must list {len(english)} items, as English does")
        for index, (value, other) in enumerate(zip(english, translated, strict=True)):
            _same_shape(value, other, f"{where}[{index}]")
    elif not isinstance(translated, str) or (english.strip() and not translated.strip()):
        raise QuestionnaireError(f"{where}: must be text")
