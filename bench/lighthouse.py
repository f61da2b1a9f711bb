"""Lighthouse (mobile) on home, an article, a question and a result, in light and dark mode.

Run: make lighthouse   (or .venv/bin/python bench/lighthouse.py)
Needs Node and Debian's Chromium; Lighthouse 12.2.3 comes from npm through npx. LumpGuide runs
under gunicorn as `make run` runs it, on a throwaway database; the question and the result are
those of a person part-way through and at the end (their session cookie is sent).
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import people  # noqa: E402
from bench.serve import running_server  # noqa: E402

LIGHTHOUSE = ["npx", "--yes", "lighthouse@12.2.3"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SCHEMES = {"light": "1", "dark": "0"}  # Blink's preferredColorScheme: 0 dark, 1 light


def audit(url: str, scheme: str, cookie: str = "") -> dict:
    flags = (
        "--headless=new --no-sandbox --disable-background-networking "
        f"--blink-settings=preferredColorScheme={SCHEMES[scheme]}"
    )
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [
            *LIGHTHOUSE,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out.name}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={flags}",
        ]
        if cookie:
            command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        for _ in range(3):  # Lighthouse now and then loses the trace (NO_NAVSTART)
            done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL)
            if done.returncode == 0:
                break
        done.check_returncode()
        report = json.loads(Path(out.name).read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    scores["LCP ms"] = round(report["audits"]["largest-contentful-paint"]["numericValue"])
    return scores


def main() -> None:
    with running_server() as server:
        mid, _, question_path = people.walk(server.base, stop_after=4)
        done, _, _ = people.walk(server.base)
        pages = {
            "home": ("/", ""),
            "article": ("/conditions/lipoma/", ""),
            "question": (question_path, mid.cookie_header()),
            "result": ("/check/result/", done.cookie_header()),
        }
        print(
            f"{'page':10} {'scheme':6} "
            + " ".join(f"{c[:13]:>13}" for c in CATEGORIES)
            + "  LCP ms"
        )
        for name, (path, cookie) in pages.items():
            for scheme in SCHEMES:
                s = audit(server.base + path, scheme, cookie)
                print(
                    f"{name:10} {scheme:6} "
                    + " ".join(f"{s[c]:>13}" for c in CATEGORIES)
                    + f"  {s['LCP ms']:>6}"
                )


if __name__ == "__main__":
    main()
