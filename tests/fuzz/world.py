"""What each fuzz test starts from: the shipped articles, three phones and their data, and
sessions at every point of three triage walks. Made once per test module (the fuzz_world
fixture, rolled back after the module); every test runs in a savepoint on top of it, every
example in another, each rolled back.

Phone "a" has ordinary data, "b" is someone else, "edge" holds reminders at the ends of the
calendar (stored through the model: the form may refuse to make them) and check-ins with the
largest values.
"""

import datetime as dt
import json
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from apps.diary.models import CheckIn
from apps.phones.services import create_device
from apps.reminders import services
from apps.reminders.models import Reminder
from apps.triage import flow
from apps.triage.engine import next_step
from apps.triage.questionnaire_store import current_questionnaire
from tests.fuzz.strategies import CHECK_INS, REMINDERS, SESSIONS, WALKS, Ref
from tests.triage.walker import walk

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
VIGNETTES = {
    v["id"]: v
    for v in json.loads((Path(__file__).parents[1] / "triage" / "vignettes.json").read_text())
}
UTC = dt.UTC


@dataclass
class World:
    devices: dict[str, str]  # name -> the cookie's key
    reminders: dict[str, tuple[int, str]]  # name -> (id, owner)
    check_ins: dict[str, tuple[int, str]]
    sessions: dict[str, str]  # name -> session key
    questions: dict[str, dict]  # id -> the public question
    slugs: list[str]
    answers: dict[str, dict[str, list[str]]]  # walk -> its finished answers

    def resolve(self, ref: Ref) -> str:
        if ref.kind == "device":
            return self.devices[ref.name]
        if ref.kind == "session":
            return self.sessions[ref.name]
        if ref.kind == "reminder":
            return str(self.reminders[ref.name][0])
        if ref.kind == "check_in":
            return str(self.check_ins[ref.name][0])
        if ref.kind == "owner_of_reminder":
            return self.devices[self.reminders[ref.name][1]]
        if ref.kind == "owner_of_check_in":
            return self.devices[self.check_ins[ref.name][1]]
        raise KeyError(ref)


def stored_reminder(device, local_date, local_time, tz_name: str, **fields) -> Reminder:
    """A reminder made through the model, its UTC time derived as the services derive it."""
    local = dt.datetime.combine(local_date, local_time, tzinfo=zoneinfo.ZoneInfo(tz_name))
    return Reminder.objects.create(
        device=device,
        local_date=local_date,
        local_time=local_time,
        timezone=tz_name,
        due_at=local.astimezone(UTC),
        **fields,
    )


def check_in(device, recorded_at, **fields) -> CheckIn:
    values = {"pain": 3, "size_cm": Decimal("1.5")}
    values.update(fields)
    return CheckIn.objects.create(device=device, recorded_at=recorded_at, **values)


def build_world() -> World:
    from apps.conditions.models import Article
    from apps.conditions.services import load_articles

    load_articles(content_dir=CONTENT_DIR / "conditions")
    questionnaire = current_questionnaire()
    questions = {q["id"]: q for q in questionnaire.public_dict()["questions"]}

    devices, keys = {}, {}
    for name in ("a", "b", "edge"):
        devices[name], keys[name] = create_device()
    a, b, edge = devices["a"], devices["b"], devices["edge"]

    answers = {
        name: walk(
            VIGNETTES[name]["findings"], lambda given: next_step(questionnaire, given).to_dict()
        ).answers
        for name in WALKS
    }

    today = timezone.localdate()
    soon = today + dt.timedelta(days=14)
    nine = dt.time(9, 0)
    reminders = {
        "soon": (
            services.schedule_reminder(
                device=a, local_date=soon, local_time=nine, tz_name="Europe/London", channel="both"
            ),
            "a",
        ),
        "sent": (
            stored_reminder(a, today, nine, "Europe/London", state="sent", sent_at=timezone.now()),
            "a",
        ),
        "cancelled": (
            stored_reminder(a, soon, nine, "America/New_York", state="cancelled", version=3),
            "a",
        ),
        "calendar_only": (stored_reminder(a, soon, nine, "Asia/Tokyo", channel="calendar"), "a"),
        "with_answers": (
            stored_reminder(
                a, soon, nine, "Europe/London", follow_up_days=14, triage_answers=answers["E04"]
            ),
            "a",
        ),
        "y9999_dec31_2350_utc": (
            stored_reminder(edge, dt.date(9999, 12, 31), dt.time(23, 50), "UTC"),
            "edge",
        ),
        "y9999_dec27_utc": (stored_reminder(edge, dt.date(9999, 12, 27), nine, "UTC"), "edge"),
        "y0001_jan01_utc": (stored_reminder(edge, dt.date(1, 1, 1), dt.time(0, 0), "UTC"), "edge"),
        "y0001_jan01_1200_tokyo": (
            stored_reminder(edge, dt.date(1, 1, 1), dt.time(12, 0), "Asia/Tokyo"),
            "edge",
        ),
        "y9999_dec31_kiritimati": (
            stored_reminder(edge, dt.date(9999, 12, 31), dt.time(23, 59), "Pacific/Kiritimati"),
            "edge",
        ),
        "of_device_b": (stored_reminder(b, soon, nine, "Europe/Paris"), "b"),
    }
    assert set(reminders) == set(REMINDERS)

    now = timezone.now()
    check_ins = {
        "first": (check_in(a, now - dt.timedelta(days=3), pain=2, size_cm=Decimal("1.0")), "a"),
        "second": (
            check_in(a, now - dt.timedelta(days=1), pain=7, size_word="walnut", red=True),
            "a",
        ),
        # A check-in's time is the server's clock when it was stored: never far from now.
        "smallest": (check_in(edge, now - dt.timedelta(days=400), pain=0, size_cm=None), "edge"),
        "largest": (
            check_in(
                edge,
                now,
                pain=10,
                size_cm=Decimal("999.9"),
                size_word="bigger",
                red=True,
                hot=True,
                leaking=True,
                colour_changed=True,
                note="é\u202e<b>" * 100,
            ),
            "edge",
        ),
        "of_device_b": (check_in(b, now, pain=5), "b"),
    }
    assert set(check_ins) == set(CHECK_INS)
    services.save_subscription(
        device=a,
        endpoint="https://fcm.googleapis.com/fcm/send/fuzz-world-a",
        p256dh="p256dh",
        auth="auth",
        origin="http://testserver/",
    )

    sessions = {}
    for name in SESSIONS:
        store = SessionStore()
        walk_name, _, k = name.partition(":")
        if walk_name in WALKS:
            store["triage_answers"] = dict(list(answers[walk_name].items())[: int(k)])
        elif name == "prefill":
            store["triage_prefill"] = flow.suggestions(questionnaire, answers["E04"])
        store.create()
        sessions[name] = store.session_key

    return World(
        devices=keys,
        reminders={name: (r.pk, owner) for name, (r, owner) in reminders.items()},
        check_ins={name: (c.pk, owner) for name, (c, owner) in check_ins.items()},
        sessions=sessions,
        questions=questions,
        slugs=sorted(Article.objects.values_list("slug", flat=True).distinct()),
        answers=answers,
    )
