"""One map of URLs for the front end: every URL a script uses comes from reverse()."""

import json
import re
from pathlib import Path

from django.urls import reverse

from lumpguide import frontend_urls

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = [
    *sorted((ROOT / "static" / "js").glob("*.js")),
    ROOT / "apps" / "pwa" / "templates" / "pwa" / "sw.js",
]
# A quoted string that starts with a slash and a letter, or a regular expression that matches
# an escaped path: a path written into a script.
PATH_LITERAL = re.compile(r"""["'`]/[A-Za-z_]|/\\/[a-z]""")


def test_no_script_writes_a_path_of_its_own():
    for script in SCRIPTS:
        lines = script.read_text(encoding="utf-8").splitlines()
        found = [
            f"{script.name}:{n}: {line.strip()}"
            for n, line in enumerate(lines, 1)
            if PATH_LITERAL.search(line) and not line.strip().startswith(("//", "*", "/*"))
        ]
        assert not found, found


def test_every_page_carries_the_url_map(client, db):
    html = client.get(reverse("home")).content.decode()
    block = re.search(r'<script id="lumpguide-config" type="application/json">(.*?)</script>', html)
    urls = json.loads(block.group(1))["urls"]
    assert urls == frontend_urls.urls()
    assert urls["triage_spec"] == reverse("triage:spec")
    assert urls["condition"].replace(frontend_urls.SLUG, "lipoma") == reverse(
        "conditions:detail", args=["lipoma"]
    )


def test_the_service_worker_gets_the_same_map(client, db):
    body = client.get(reverse("service-worker")).content.decode()
    config = json.loads(re.search(r"const CONFIG = (\{.*?\n\});", body, re.DOTALL).group(1))
    assert config["urls"] == frontend_urls.urls()
    assert reverse("admin:index") in config["neverCache"]
    assert reverse("service-worker") in config["neverCache"]
    assert any(reverse("triage:api-next").startswith(p) for p in config["neverCache"])
    assert body.index("const CONFIG") < body.index("importScripts(")


def test_the_page_scripts_write_dates_as_each_language_does(client, db):
    """photos.js writes the dates of the photos with Intl in this locale ("3 December 2026",
    "3 de diciembre de 2026", as the templates' DATE_FORMAT)."""

    def config(language):
        html = client.get(reverse("home"), headers={"Accept-Language": language}).content.decode()
        block = re.search(
            r'<script id="lumpguide-config" type="application/json">(.*?)</script>', html
        )
        return json.loads(block.group(1))

    assert config("en-GB")["dateLocale"] == "en-GB"
    assert config("es-ES")["dateLocale"] == "es-ES"
    assert config("en-GB")["urls"] == frontend_urls.urls()
