"""Run by tests/reminders/test_races_postgres.py in its own process, against the throwaway
PostgreSQL in DATABASE_URL: one phone's writes at once, from threads with their own
connections. Prints one JSON line: what went wrong, and how many reminders and check-ins each
race left."""

import datetime as dt
import json
import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumpguide.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from apps.diary import services as diary  # noqa: E402
from apps.diary.models import CheckIn  # noqa: E402
from apps.phones.models import Device  # noqa: E402
from apps.phones.services import LimitReached, create_device, delete_phone  # noqa: E402
from apps.reminders import services  # noqa: E402
from apps.reminders.models import PushSubscription, Reminder  # noqa: E402
from tests.diary.conftest import make_check_in  # noqa: E402
from tests.reminders.conftest import browser_keys  # noqa: E402

THREADS = 6
errors: list[str] = []


def at_once(action, *others) -> None:
    """`action` in every thread, or `action` in one and each of `others` in the rest."""
    actions = [action, *others] if others else [action] * THREADS
    start = threading.Barrier(len(actions))

    def run(act) -> None:
        start.wait()
        try:
            act()
        except (LimitReached, Reminder.DoesNotExist, Device.DoesNotExist):
            pass
        except Exception as exc:  # noqa: BLE001  (every other failure is the finding)
            errors.append(f"{type(exc).__name__}: {str(exc)[:100]}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(act,)) for act in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main() -> None:
    keys = browser_keys()
    device, _ = create_device()
    for trial in range(3):
        endpoint = f"https://fcm.googleapis.com/fcm/send/race-{trial}"
        at_once(
            lambda endpoint=endpoint: services.save_subscription(
                device=device, endpoint=endpoint, origin="http://testserver/", **keys
            )
        )
    subscriptions = PushSubscription.objects.count()
    day = dt.date.today() + dt.timedelta(days=30)
    counts = []
    for _ in range(3):
        Reminder.objects.all().delete()
        for _ in range(services.settings.LUMPGUIDE_MAX_OPEN_REMINDERS - 1):
            services.schedule_reminder(
                device=device,
                local_date=day,
                local_time=dt.time(9),
                tz_name="UTC",
                channel="calendar",
            )
        at_once(
            lambda: services.schedule_reminder(
                device=device,
                local_date=day,
                local_time=dt.time(9),
                tz_name="UTC",
                channel="calendar",
            )
        )
        counts.append(Reminder.objects.count())
    # "Delete all" racing changes to the same phone's reminder: no deadlock, nothing left.
    for _ in range(3):
        phone, _ = create_device()
        when = {"local_date": day, "local_time": dt.time(9), "tz_name": "UTC"}
        reminder = services.schedule_reminder(device=phone, channel="push", **when)

        def change(minute, pk=phone.pk, reminder=reminder, when=when):
            services.change_reminder(
                device=Device.objects.get(pk=pk),  # each request has its own
                reminder_id=reminder.pk,
                channel="push",
                **{**when, "local_time": dt.time(9, minute)},
            )

        at_once(
            lambda pk=phone.pk: delete_phone(device=Device.objects.get(pk=pk)),
            *[lambda m=m, change=change: change(m) for m in range(1, THREADS)],
        )
    left = Reminder.objects.exclude(device=device).count()
    # Check-ins racing for the last place of the day (issue 21: 21 to 25 of 20 got through).
    check_ins = []
    for _ in range(3):
        phone, _ = create_device()
        for _ in range(diary.settings.LUMPGUIDE_MAX_CHECK_INS_PER_DAY - 1):
            make_check_in(phone)
        at_once(lambda pk=phone.pk: make_check_in(Device.objects.get(pk=pk)))
        check_ins.append(CheckIn.objects.filter(device=phone).count())
    print(
        json.dumps(
            {
                "errors": errors,
                "subscriptions": subscriptions,
                "reminders": counts,
                "left": left,
                "check_ins": check_ins,
            }
        )
    )


if __name__ == "__main__":
    main()
