"""Bytes a phone downloads on a first visit, compressed as served (budget: 60 KB a page).

Counts the HTML page and everything it loads before it is usable: stylesheet, scripts, the
manifest and the icon. The service worker then stores the rest for offline use in the
background; that one-time download is reported separately.

Run: make bench   (or .venv/bin/python bench/page_weight.py)
"""

import json
import re
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.serve import running_server  # noqa: E402

BUDGET = 60 * 1024
PAGES = {"home": "/", "article": "/conditions/skin-abscess/", "question": "/check/"}
ASSETS = re.compile(
    r'<(?:link[^>]+rel="(?:stylesheet|icon|manifest)"[^>]+href|script[^>]+src)="([^"]+)"'
)


def fetch(url: str) -> tuple[int, bytes]:
    """(bytes on the wire, decoded body): headers plus the body as the server sent it."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request) as response:
        raw = response.read()
        header_bytes = sum(len(k) + len(v) + 4 for k, v in response.headers.items())
        encoding = response.headers.get("Content-Encoding", "")
    if encoding == "gzip":
        import gzip

        body = gzip.decompress(raw)
    elif encoding == "br":
        body = b""  # not needed: we only read HTML and the service worker, which are gzip
    else:
        body = raw
    return header_bytes + len(raw), body


def main() -> int:
    over = False
    with running_server() as server:
        base = server.base
        print(f"{'page':10} {'requests':>8} {'bytes':>9}  breakdown")
        for name, path in PAGES.items():
            size, html = fetch(base + path)
            parts = {"html": size}
            for asset in ASSETS.findall(html.decode()):
                parts[asset.rsplit("/", 1)[-1]] = fetch(base + asset)[0]
            total = sum(parts.values())
            over |= total > BUDGET
            detail = ", ".join(f"{k} {v}" for k, v in parts.items())
            print(f"{name:10} {len(parts):>8} {total:>9}  {detail}")
        _, sw = fetch(base + "/sw.js")
        config = json.loads(sw.decode().split("const CONFIG = ")[1].split(";\nimportScripts")[0])
        offline = sum(fetch(base + url)[0] for url in config["static"] + config["pages"])
        print(
            f"offline store (one time, in the background): {offline} bytes, "
            f"{len(config['static']) + len(config['pages'])} files"
        )
    print(f"budget {BUDGET} bytes a page: {'OVER' if over else 'within'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
