"""The people a benchmark stands in for: a walk part-way through the screens, a finished walk,
and a phone with a long diary. Each is made through the site itself (or, for the diary's
1,000 check-ins, in the benchmark's throwaway database) and handed over as a Cookie header."""

import http.cookiejar
import json
import re
import subprocess
import urllib.parse
import urllib.request

from bench.serve import PYTHON, ROOT

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """A cookie-keeping client that answers the question screens as a person without
    JavaScript would: it reads the form, posts the choice and follows the redirect."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(self.base + path) as response:
            return response.url, response.read().decode()

    def answer(self, path: str, options: list[str]) -> str:
        _, html = self.get(path)
        form = [("csrfmiddlewaretoken", TOKEN.search(html).group(1))]
        form += [("option", option) for option in options]
        data = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": ""})
        request.add_unredirected_header("Referer", self.base + path)
        with self.opener.open(request) as response:
            return urllib.parse.urlparse(response.url).path

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def api_next(base: str, answers: dict) -> dict:
    body = json.dumps({"answers": answers}).encode()
    request = urllib.request.Request(
        base + "/api/triage/next", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def quiet_answer(question: dict) -> list[str]:
    """The answer of someone with a harmless lump: "none" where offered, else the first."""
    ids = [option["id"] for option in question["options"]]
    return ["none"] if "none" in ids else ids[:1]


def walk(base: str, *, stop_after: int | None = None) -> tuple[Browser, dict, str]:
    """Answer the screens quietly, stopping after `stop_after` answers (None: to the end).
    Returns the browser, its answers, and the path of the screen it stands on."""
    browser = Browser(base)
    answers: dict = {}
    path = "/check/"
    while stop_after is None or len(answers) < stop_after:
        step = api_next(base, answers)
        if step["done"]:
            break
        question = step["question"]
        options = quiet_answer(question)
        path = browser.answer(f"/check/q/{question['id']}/", options)
        answers[question["id"]] = options
    return browser, answers, path


def diary_phone(env: dict, *, check_ins: int) -> str:
    """A phone with `check_ins` check-ins, one a day, made in the benchmark's database.
    Returns its Cookie header."""
    code = f"""
import datetime, random
from django.conf import settings
from django.utils import timezone
from apps.diary.models import CheckIn
from apps.phones.services import create_device
device, key = create_device()
start = timezone.now() - datetime.timedelta(days={check_ins})
random.seed(1)
CheckIn.objects.bulk_create(
    CheckIn(device=device, recorded_at=start + datetime.timedelta(days=i),
            size_cm=round(1.5 + i / {check_ins}, 1), pain=random.randint(0, 6))
    for i in range({check_ins})
)
print(settings.LUMPGUIDE_DEVICE_COOKIE + "=" + key)
"""
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]
