"""The session store (lumpguide/sessions.py): Django's database sessions, read with one
plain SELECT, must read exactly what Django's own store would."""

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from lumpguide.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved(data: dict) -> str:
    store = DjangoStore()
    store.update(data)
    store.save()
    return store.session_key


def test_it_reads_what_django_s_store_saved():
    key = saved({"triage_answers": {"feel": ["soft"]}})
    assert SessionStore(key).load() == {"triage_answers": {"feel": ["soft"]}}


def test_an_expired_session_is_not_read_and_gets_a_new_key():
    key = saved({"triage_answers": {"feel": ["soft"]}})
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None


def test_a_session_just_before_its_expiry_is_read():
    key = saved({"a": 1})
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + dt.timedelta(seconds=5)
    )
    assert SessionStore(key).load() == {"a": 1}


@pytest.mark.parametrize("key", [None, "short", "x" * 40, "' OR 1=1 --x", "\x00" * 12, "A" * 32])
def test_an_unknown_or_odd_key_is_an_empty_session(key):
    saved({"a": 1})
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None


@pytest.mark.parametrize("key", ["' OR 1=1 --x", "\x00" * 12, "é" * 32])
def test_an_odd_key_never_reaches_the_database(key, django_assert_num_queries):
    """PostgreSQL refuses a NUL in text: such a key must name no session, not raise."""
    store = SessionStore(key)
    with django_assert_num_queries(0):
        assert store.load() == {}
        store.flush()  # "Delete all" flushes a session it may never have loaded


def test_the_walk_survives_a_reload_through_the_site(client):
    first = client.post("/check/q/emergency_signs/", {"option": ["none"]})
    assert first.status_code == 303
    page = client.get("/check/").content.decode()
    assert "/check/q/urgent_signs/" in page  # "continue where you left off"


def test_a_walk_starts_under_a_new_session_key(client, settings):
    """Session fixation (issue 21): a session cookie planted beforehand (one the planter made
    and knows) never holds the person's answers; later answers keep the walk's own key."""
    planted = saved({"something": "the planter made"})
    client.cookies[settings.SESSION_COOKIE_NAME] = planted
    client.get("/check/q/emergency_signs/")
    client.post("/check/q/emergency_signs/", {"option": "none"})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert key != planted
    assert not Session.objects.filter(session_key=planted).exists()
    assert SessionStore(key).load()["triage_answers"] == {"emergency_signs": ["none"]}
    client.post("/check/q/urgent_signs/", {"option": "none"})
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == key
