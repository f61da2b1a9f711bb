"""The FHIR files pass two validators besides fhir.resources: HL7's official R4 JSON schema and
FHIR.js (R4 structure definitions, unexpected properties refused), run by
tests/js/validate_fhir.js on the documents of several walks, the published Questionnaire and
every CodeSystem. `make test` and `make test-fast` install them first (`make node-packages`)."""

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from apps.handover import fhir
from tests.handover.conftest import (
    FEVER,
    LONG,
    SELF_CARE,
    SHORT,
    SOON,
    diary_of,
    give_answers,
    walk_answers,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "js" / "validate_fhir.js"
AT = dt.datetime(2030, 1, 14, 18, 30, tzinfo=dt.UTC)


def validate(paths: list[Path]) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "Node.js is needed for the FHIR validators"
    assert (ROOT / "node_modules" / "fhir").is_dir(), (
        "The FHIR validators are not installed: run `make node-packages` (npm ci)"
    )
    return subprocess.run(
        [node, str(SCRIPT), *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def write(tmp_path: Path, name: str, body: bytes) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_bytes(body)
    return path


def documents(phone, tmp_path: Path) -> list[Path]:
    """The hand-over of each kind of walk, with and without a diary, in both languages."""
    url = "/handover/lumpguide-summary.fhir.json"
    paths = []
    diary_of(phone.device, [(1.5, 2), (None, 4), (3.0, 7)])
    paths.append(write(tmp_path, "diary-only", phone.get(url).content))
    paths.append(
        write(tmp_path, "diary-only-es", phone.get(url, HTTP_ACCEPT_LANGUAGE="es").content)
    )
    walks = {"emergency": SHORT, "soon": SOON, "self-care": SELF_CARE, "fever": FEVER, "long": LONG}
    for name, findings in walks.items():
        give_answers(phone, walk_answers(findings), at=AT if name != "self-care" else None)
        paths.append(write(tmp_path, f"{name}-diary", phone.get(url).content))
        paths.append(write(tmp_path, f"{name}-no-diary", phone.get(url + "?diary=0").content))
        spanish = phone.get(url, HTTP_ACCEPT_LANGUAGE="es").content
        paths.append(write(tmp_path, f"{name}-es", spanish))
    return paths


def test_every_document_is_valid_r4(phone, tmp_path):
    paths = documents(phone, tmp_path)
    for path in paths:
        assert json.loads(path.read_text())["resourceType"] == "Bundle", path.name
    result = validate(paths)
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_published_definitions_are_valid_r4(client, tmp_path):
    paths = [
        write(tmp_path, "questionnaire", client.get("/fhir/Questionnaire/lumpguide-triage").content)
    ]
    for name in fhir.CODE_SYSTEMS:
        body = client.get(f"/fhir/CodeSystem/lumpguide-{name}").content
        paths.append(write(tmp_path, f"codesystem-{name}", body))
    result = validate(paths)
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_validators_refuse_an_invalid_resource(tmp_path):
    """The script fails (with the validators' messages) on what R4 does not allow, so a
    pass above means something."""
    bad = {
        "resourceType": "Observation",
        "status": "done",
        "code": {"text": "x"},
        "component": [{"code": {"text": "y"}, "valueBoolean": "no"}],
        "madeUp": 1,
    }
    result = validate([write(tmp_path, "bad", json.dumps(bad).encode())])
    assert result.returncode == 1
    assert "json-schema" in result.stderr and "fhir.js" in result.stderr
    assert "madeUp" in result.stderr and "status" in result.stderr
