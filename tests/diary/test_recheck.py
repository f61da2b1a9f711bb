"""'Check your lump again' from the diary: the last answers, brought up to date by the newest
check-in, offered screen by screen; the red-flag screens always asked afresh."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.diary.models import CheckIn
from apps.diary.recheck import onset_answer, recheck_answers, size_answer
from apps.reminders.models import Reminder
from apps.triage import flow
from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire_file
from tests.diary.conftest import make_check_in
from tests.reminders.conftest import my_data
from tests.triage.test_views import walk_forms

QUESTIONNAIRE = load_questionnaire_file(QUESTIONNAIRE_PATH)
TODAY = dt.date(2026, 11, 25)
RED_FLAG_SCREENS = {q.id for q in QUESTIONNAIRE.questions if not flow.may_suggest(q)}
# A lipoma-like walk: soft, moves, painless, medium, months, not changing.
EARLIER = {
    "emergency_signs": ["none"],
    "urgent_signs": ["none"],
    "location": ["side"],
    "feel": ["soft"],
    "movement": ["moves"],
    "skin": ["normal"],
    "surface": ["none"],
    "pain": ["painless", "back_pain"],
    "size": ["medium"],
    "onset": ["days"],
    "change": ["stable"],
    "background": ["none"],
}

pytestmark = pytest.mark.usefixtures("known_datetime")


def check_in(**fields) -> CheckIn:
    values = {"size_cm": None, "size_word": "", "pain": 0}
    values.update(fields)
    return CheckIn(recorded_at=dt.datetime(2026, 11, 25, tzinfo=dt.UTC), **values)


@pytest.mark.parametrize(
    ("fields", "answer"),
    [
        ({"size_cm": Decimal("1.9")}, "small"),
        ({"size_cm": Decimal("2.0")}, "medium"),
        ({"size_cm": Decimal("5.0")}, "medium"),
        ({"size_cm": Decimal("5.1")}, "large"),
        ({"size_word": "pea"}, "small"),
        ({"size_word": "grape"}, "small"),
        ({"size_word": "walnut"}, "medium"),
        ({"size_word": "golf_ball"}, "medium"),
        ({"size_word": "bigger"}, "large"),
        ({}, None),
        # Centimetres win over a comparison, as in the diary.
        ({"size_cm": Decimal("6"), "size_word": "pea"}, "large"),
        ({"size_cm": Decimal("1"), "size_word": "bigger"}, "small"),
    ],
)
def test_check_in_sizes_map_to_the_size_screen(fields, answer):
    assert size_answer(check_in(**fields)) == answer


def test_every_everyday_comparison_has_a_size_answer():
    size_options = {
        o.id for o in next(q for q in QUESTIONNAIRE.questions if q.id == "size").options
    }
    for word in CheckIn.Size.values:
        assert size_answer(check_in(size_word=word)) in size_options


@pytest.mark.parametrize(
    ("earlier", "days", "now"),
    [
        ("days", 3, "days"),
        ("days", 7, "weeks"),
        ("days", 14, "weeks"),
        ("days", 15, "weeks_over_two"),
        ("days", 42, "weeks_over_two"),
        ("days", 43, "long"),
        ("weeks", 36, "long"),
        ("long", 0, "long"),
        ("not_sure", 100, "not_sure"),
    ],
)
def test_onset_moves_on_with_the_days_since_the_last_check(earlier, days, now):
    assert onset_answer(earlier, days_since=days) == now


def test_newest_check_in_updates_the_last_answers():
    latest = check_in(size_cm=Decimal("6"), pain=4, red=True, hot=True, leaking=True)
    answers = recheck_answers(
        earlier=EARLIER,
        earlier_on=TODAY - dt.timedelta(days=14),
        latest=latest,
        grown=True,
        today=TODAY,
    )
    assert answers["skin"] == ["red", "warm"]
    assert answers["surface"] == ["discharge"]
    assert answers["pain"] == ["back_pain"]  # "does not hurt" unticked; a score is not tenderness
    assert answers["size"] == ["large"]
    assert answers["change"] == ["growing"]
    assert answers["onset"] == ["weeks"]
    # Unchanged by a check-in: kept as they were.
    for kept in ("location", "feel", "movement", "background"):
        assert answers[kept] == EARLIER[kept]


def test_a_quiet_check_in_keeps_the_answers_calm():
    answers = recheck_answers(
        earlier={**EARLIER, "skin": ["red"], "surface": ["central_dot", "discharge"]},
        earlier_on=TODAY,
        latest=check_in(size_word="walnut", pain=0),
        grown=False,
        today=TODAY,
    )
    assert answers["skin"] == ["normal"]
    assert answers["surface"] == ["central_dot"]
    assert set(answers["pain"]) == {"painless", "back_pain"}
    assert answers["change"] == ["stable"]


def test_a_colour_change_leaves_the_skin_screen_for_the_person():
    answers = recheck_answers(
        earlier=EARLIER,
        earlier_on=None,
        latest=check_in(colour_changed=True),
        grown=False,
        today=TODAY,
    )
    assert "skin" not in answers


booleans = st.booleans()
check_ins = st.builds(
    check_in,
    size_cm=st.one_of(st.none(), st.decimals(min_value=Decimal("0.1"), max_value=50, places=1)),
    size_word=st.sampled_from(["", *CheckIn.Size.values]),
    pain=st.integers(0, 10),
    red=booleans,
    hot=booleans,
    leaking=booleans,
    colour_changed=booleans,
)
earlier_walks = st.sampled_from(
    [{}, EARLIER]
    + [
        {q.id: ["not_sure"] for q in QUESTIONNAIRE.questions if q.option("not_sure")},
        {**EARLIER, "surface": ["discharge"], "smell": ["yes"], "change": ["recurring"]},
    ]
)


@given(earlier=earlier_walks, latest=check_ins, grown=booleans, days=st.integers(0, 400))
def test_every_offered_answer_is_one_triage_can_read(earlier, latest, grown, days):
    answers = recheck_answers(
        earlier=earlier,
        earlier_on=TODAY - dt.timedelta(days=days),
        latest=latest,
        grown=grown,
        today=TODAY,
    )
    offered = flow.suggestions(QUESTIONNAIRE, answers)
    # Nothing is silently dropped except the red-flag screens...
    assert offered == {k: v for k, v in answers.items() if k not in RED_FLAG_SCREENS}
    # ...and they are never offered.
    assert not set(offered) & RED_FLAG_SCREENS


def test_the_red_flag_screens_are_the_first_two():
    assert {"emergency_signs", "urgent_signs"} == RED_FLAG_SCREENS


@given(
    answers=st.dictionaries(
        st.sampled_from([q.id for q in QUESTIONNAIRE.questions]),
        st.lists(st.sampled_from(["none", "not_sure", "red", "fever", "saddle", "x"]), max_size=3),
    )
)
def test_suggestions_never_fill_in_a_red_flag_and_never_fail(answers):
    offered = flow.suggestions(QUESTIONNAIRE, answers)
    assert not set(offered) & RED_FLAG_SCREENS
    for question_id, options in offered.items():
        assert all(QUESTIONNAIRE.question(question_id).option(o) for o in options)


# Through the screens ---------------------------------------------------------------------


def remind_me_after_a_triage(client) -> None:
    """A first triage (a small painless lump), then "Remind me" from its result."""
    walk_forms(client, ["loc_side", "soft", "moves", "painless", "size_small", "onset_weeks"])
    response = client.post(
        "/reminders/new/",
        {
            "date": "2030-10-20",
            "time": "09:00",
            "timezone": "Europe/London",
            "channel": "calendar",
            "follow_up_days": "14",
        },
    )
    assert response.status_code == 303


def checked(html: str) -> list[str]:
    return re.findall(r'value="([^"]+)"\s+checked', html)


@pytest.mark.django_db
def test_diary_check_again_fills_in_the_last_answers_and_the_newest_check_in(
    device_client, vapid_key
):
    client = device_client()
    remind_me_after_a_triage(client)
    reminder = Reminder.objects.get(device=client.device)
    assert reminder.triage_answers["location"] == ["side"]
    assert reminder.triage_answers["emergency_signs"] == ["none"]
    # Two check-ins: it has grown, and it is now red, hot and sore.
    make_check_in(client.device, size_cm=Decimal("1.5"), pain=0)
    make_check_in(client.device, size_cm=Decimal("3.0"), pain=5, red=True, hot=True)
    diary = client.get("/diary/").content.decode()
    assert 'action="/diary/check-again/"' in diary

    response = client.post("/diary/check-again/")
    assert response.status_code == 303
    assert response["Location"] == "/check/q/emergency_signs/"
    # The red-flag screens: nothing ticked, no "filled in" note.
    for screen in ("emergency_signs", "urgent_signs"):
        page = client.get(f"/check/q/{screen}/").content.decode()
        assert checked(page) == [] and 'id="filled-in"' not in page
        assert client.post(f"/check/q/{screen}/", {"option": "none"}).status_code == 303
    location = client.get("/check/q/location/").content.decode()
    assert checked(location) == ["side"] and 'id="filled-in"' in location
    client.post("/check/q/location/", {"option": "side"})
    for screen in ("feel", "movement"):
        client.post(
            f"/check/q/{screen}/",
            {"option": checked(client.get(f"/check/q/{screen}/").content.decode())},
        )
    skin = client.get("/check/q/skin/").content.decode()
    assert checked(skin) == ["red", "warm"]


@pytest.mark.django_db
def test_check_again_with_no_earlier_triage_uses_the_check_in_alone(device_client):
    client = device_client()
    make_check_in(client.device, size_word="golf_ball", pain=2, leaking=True)
    response = client.post("/diary/check-again/")
    assert response["Location"] == "/check/q/emergency_signs/"
    client.post("/check/q/emergency_signs/", {"option": "none"})
    client.post("/check/q/urgent_signs/", {"option": "none"})
    # Not known from a check-in: asked with nothing ticked.
    assert checked(client.get("/check/q/location/").content.decode()) == []


@pytest.mark.django_db
def test_check_again_needs_csrf(device_client):
    client = device_client()
    client.handler.enforce_csrf_checks = True
    assert client.post("/diary/check-again/").status_code == 403


@pytest.mark.django_db
def test_your_data_includes_the_kept_answers(device_client, vapid_key):
    client = device_client()
    remind_me_after_a_triage(client)
    data = my_data(client)
    assert data["reminders"][0]["triage_answers"]["feel"] == ["soft"]


@pytest.mark.django_db
def test_a_reminder_set_from_the_diary_keeps_no_answers(device_client, vapid_key):
    client = device_client()
    walk_forms(client, ["loc_side", "soft", "moves", "painless", "size_small", "onset_weeks"])
    client.post(
        "/reminders/new/",
        {"date": "2030-10-20", "time": "09:00", "timezone": "Europe/London", "channel": "calendar"},
    )
    assert Reminder.objects.get(device=client.device).triage_answers == {}
