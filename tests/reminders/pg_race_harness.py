"""Run by tests/reminders/test_races_postgres.py in its own process, against the throwaway
PostgreSQL in DATABASE_URL: one phone's writes at once, from threads with their own
connections. Prints one JSON line: what went wrong, and how many reminders each race left."""

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

from apps.phones.services import LimitReached, create_device  # noqa: E402
from apps.reminders import services  # noqa: E402
from apps.reminders.models import PushSubscription, Reminder  # noqa: E402
from tests.reminders.conftest import browser_keys  # noqa: E402

THREADS = 6
errors: list[str] = []


def at_once(action) -> None:
    start = threading.Barrier(THREADS)

    def run() -> None:
        start.wait()
        try:
            action()
        except LimitReached:
            pass
        except Exception as exc:  # noqa: BLE001  (every other failure is the finding)
            errors.append(f"{type(exc).__name__}: {str(exc)[:100]}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
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
    print(json.dumps({"errors": errors, "subscriptions": subscriptions, "reminders": counts}))


if __name__ == "__main__":
    main()
