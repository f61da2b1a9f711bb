"""Start-up faults an operator meets say so in one line naming the setting or the file, not a
traceback (issue 21): `make run` and a deploy run these commands first."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps.reminders import push

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.mark.parametrize("fault", ["corrupt", "a folder"])
def test_an_unusable_vapid_key_is_named_in_one_line(settings, tmp_path, fault):
    path = tmp_path / "vapid.pem"
    if fault == "corrupt":
        path.write_text("not a key")
    else:
        path.mkdir()
    settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE = path
    with pytest.raises(CommandError) as raised:
        call_command("ensure_vapid_keys")
    message = str(raised.value)
    assert message.startswith(f"LUMPGUIDE_VAPID_PRIVATE_KEY_FILE ({path}):")
    assert "\n" not in message
    assert path.exists()  # never replaced: every phone's notifications hang on it


def test_a_usable_key_is_kept(settings, tmp_path):
    path = tmp_path / "vapid.pem"
    push.generate_keys(path=path)
    before = path.read_bytes()
    settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE = path
    call_command("ensure_vapid_keys", stdout=StringIO())
    assert path.read_bytes() == before


@pytest.mark.django_db
def test_a_missing_content_folder_is_named(settings, tmp_path):
    settings.LUMPGUIDE_CONTENT_DIR = tmp_path / "content"
    with pytest.raises(CommandError, match=r"^No articles folder at .*content/conditions"):
        call_command("load_articles")
    with pytest.raises(CommandError, match=r"questionnaire\.yaml: No such file or directory$"):
        call_command("load_questionnaire")


@pytest.mark.django_db
def test_an_error_in_the_spanish_questionnaire_names_the_spanish_file(settings, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "triage", content / "triage")
    spanish = content / "triage" / "questionnaire.es.yaml"
    spanish.write_text(spanish.read_text(encoding="utf-8") + "\nnot_a_section: 1\n")
    settings.LUMPGUIDE_CONTENT_DIR = content
    with pytest.raises(CommandError) as raised:
        call_command("load_questionnaire")
    assert "questionnaire.es.yaml:" in str(raised.value)
