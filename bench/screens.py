"""What a triage screen costs beside the floor under it, inside one process (issue 22).

Run: make bench   (or .venv/bin/python bench/screens.py [--requests 1000])

bench/load.py measures the same ratios under gunicorn and wrk, where the load generator and
the server share the machine's cores, so a ratio there moves by a quarter from round to round.
Here Django's test client asks for the empty page on base.html (bench/floors.py), a question
screen (full page and htmx fragment) and the result page in turn, request after request, on a
throwaway SQLite database: a slow second of the machine hits all four alike. The table gives
each one's median time and its multiple of the floor. The test client adds its own work to
every request, the floor's included, so these multiples are a little above load.py's.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.load import BESIDE_THE_FLOOR, FLOOR_FRAGMENT, FLOOR_PAGE  # noqa: E402

#: The person mid-walk (bench/people.py's walk stopped after the first questions) and the
#: finished walk: a soft lump that moves, painless, small, there for long, not changing.
MID_WALK = [("emergency_signs", ["none"]), ("urgent_signs", ["none"]), ("location", ["side"])]
FINDINGS = frozenset({"soft", "moves", "painless", "size_small", "onset_long", "stable"})
#: screen: (the floor under it, at most this multiple of it: issue 22), as bench/load.py has them
SCREENS = {screen: (floor, most) for screen, floor, most in BESIDE_THE_FLOOR}


def people():
    from django.test import Client

    from tests.triage.walker import choose

    mid = Client(HTTP_HOST="127.0.0.1")
    for question, options in MID_WALK:
        path = mid.post(f"/check/q/{question}/", {"option": options})["Location"]
    done = Client(HTTP_HOST="127.0.0.1")
    questions = {q["id"]: q for q in done.get("/api/triage/questionnaire").json()["questions"]}
    url = "/check/q/emergency_signs/"
    while url.startswith("/check/q/"):
        url = done.post(url, {"option": choose(questions[url.split("/")[-2]], FINDINGS)})[
            "Location"
        ]
    assert url in ("/check/summary/", "/check/result/"), url  # every question answered
    return mid, path, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000, help="of each, interleaved")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        os.environ.pop("DJANGO_DEBUG", None)
        import django

        django.setup()
        from django.core.management import call_command

        for command in ("migrate", "createcachetable", "load_questionnaire", "load_articles"):
            call_command(command, verbosity=0)
        mid, path, done = people()
        screens = {
            FLOOR_PAGE: (mid, "/bench/floor/page", {}),
            FLOOR_FRAGMENT: (mid, "/bench/floor/fragment", {}),
            "question screen, full page": (mid, path, {}),
            "question screen, HTMX fragment": (mid, path, {"headers": {"HX-Request": "true"}}),
            "result page": (done, "/check/result/", {}),
        }
        times = {name: [] for name in screens}
        for _ in range(options.requests + 100):  # the first 100 warm the caches: not counted
            for name, (client, url, extra) in screens.items():
                began = time.perf_counter()
                response = client.get(url, **extra)
                times[name].append(time.perf_counter() - began)
                assert response.status_code == 200, (name, response.status_code)
    medians = {name: statistics.median(t[100:]) for name, t in times.items()}
    print(f"In one process, {options.requests} requests of each, interleaved (medians):")
    for name, median in medians.items():
        line = f"{name:34} {median * 1e6:7.0f} µs"
        if name in SCREENS:
            floor, most = SCREENS[name]
            ratio = median / medians[floor]
            line += f"  {ratio:5.2f}x {floor!r}"
            if most is not None:
                line += f"  at most {most:.1f}" + ("" if ratio <= most else " !")
        print(line)


if __name__ == "__main__":
    main()
