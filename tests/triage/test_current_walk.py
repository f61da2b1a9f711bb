"""current_walk reads a person's walk once per request, and again when the answers or the
questionnaire changed since (never a stale walk)."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from apps.triage import flow
from apps.triage.questionnaire_store import current_questionnaire
from apps.triage.session_answers import current_walk, save_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_with_session():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    return request


def test_the_walk_is_read_once_per_request(request_with_session, monkeypatch):
    questionnaire = current_questionnaire()
    reads = []
    real = flow.resume
    monkeypatch.setattr(
        "apps.triage.session_answers.resume", lambda q, a: reads.append(a) or real(q, a)
    )
    first = current_walk(request_with_session, questionnaire)
    assert current_walk(request_with_session, questionnaire) is first
    assert len(reads) == 1


def test_new_answers_are_read_afresh(request_with_session):
    questionnaire = current_questionnaire()
    before = current_walk(request_with_session, questionnaire)
    assert before.answers == {}
    save_answers(request_with_session, {"emergency_signs": ["none"]})
    after = current_walk(request_with_session, questionnaire)
    assert after.answers == {"emergency_signs": ["none"]}
    assert after.current_question_id != before.current_question_id


def test_another_questionnaire_is_read_afresh(request_with_session):
    import dataclasses

    questionnaire = current_questionnaire()
    save_answers(request_with_session, {"emergency_signs": ["saddle"]})
    assert current_walk(request_with_session, questionnaire).done
    # Another questionnaire object (a new version loaded): its own walk, not the one kept
    other = dataclasses.replace(questionnaire, version="other")
    assert current_walk(request_with_session, other).questionnaire is other
