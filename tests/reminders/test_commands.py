"""`ensure_vapid_keys` makes a key pair once and keeps it; `sweep_reminders` queues due ones."""

from io import StringIO

from django.core.management import call_command

from apps.reminders import push


def test_ensure_vapid_keys_creates_once_and_keeps(settings, tmp_path):
    settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE = tmp_path / "local" / "vapid" / "private_key.pem"
    out = StringIO()
    call_command("ensure_vapid_keys", stdout=out)
    assert "Created" in out.getvalue()
    key = push.application_server_key()
    assert len(push.b64url(b"x" * 65)) == len(key)  # base64url of the 65-byte uncompressed point
    before = settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE.read_bytes()
    out = StringIO()
    call_command("ensure_vapid_keys", stdout=out)
    assert "Using the VAPID key" in out.getvalue() and key in out.getvalue()
    assert settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE.read_bytes() == before
    assert oct(settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE.stat().st_mode)[-3:] == "600"


def test_sweep_command(db):
    out = StringIO()
    call_command("sweep_reminders", stdout=out)
    assert "Queued 0 due reminder(s)" in out.getvalue()
