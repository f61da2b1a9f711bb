"""tests/triage/vectors.json (the JavaScript engine's test data) is up to date."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_triage_vectors.py"


def load_script():
    spec = importlib.util.spec_from_file_location("make_triage_vectors", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built() -> tuple:
    """The script and one build of the vectors, for both tests below (a build takes
    seconds)."""
    script = load_script()
    return script, script.build_vectors()


def test_vectors_file_is_up_to_date(built):
    script, vectors = built
    expected = script.render(vectors)
    actual = script.VECTORS_PATH.read_text(encoding="utf-8")
    assert actual == expected, "run: .venv/bin/python scripts/make_triage_vectors.py"


def test_vectors_are_deterministic_and_varied(built):
    script, first = built
    assert script.render(first) == script.render(script.build_vectors())
    results = [case["result"] for case in first["cases"]]
    urgencies = {r["assessment"]["urgency"] for r in results if r.get("done") is True}
    assert urgencies == {"self_care", "routine", "soon", "urgent", "emergency"}
    assert sum("error" in r for r in results) >= 24
    assert sum(r.get("done") is False for r in results) >= 100
    asked = {r["question"]["id"] for r in results if r.get("done") is False}
    assert asked == {q["id"] for q in first["spec"]["questions"]}
    assert json.loads(script.render(first)) == first
