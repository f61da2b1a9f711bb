"""Requests per second and latency of the triage API and a question screen under gunicorn,
against a minimal Django view (/healthz) behind the same middleware.

Run: make bench   (or .venv/bin/python bench/triage_speed.py [requests] [concurrency])
The load comes from threads in this process over keep-alive loopback connections, so on a
2-core machine client and server share the CPU: compare the ratios, not the absolutes.
"""

import http.client
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.serve import running_server  # noqa: E402

# A person part-way through: the red-flag screens answered, the lump described.
ANSWERS = {
    "answers": {
        "emergency_signs": ["none"],
        "urgent_signs": ["none"],
        "location": ["side"],
        "feel": ["soft"],
    }
}
TARGETS = [
    ("minimal view  GET /healthz", "GET", "/healthz", None),
    ("triage API    POST /api/triage/next", "POST", "/api/triage/next", json.dumps(ANSWERS)),
    ("question page GET /check/q/emergency_signs/", "GET", "/check/q/emergency_signs/", None),
]


def hammer(base: str, method: str, path: str, body: str | None, total: int, concurrency: int):
    host = urlparse(base)
    latencies: list[float] = []
    lock = threading.Lock()
    per_thread = total // concurrency
    headers = {"Content-Type": "application/json"} if body else {}

    def worker() -> None:
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        mine = []
        for _ in range(per_thread):
            start = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    with running_server(workers=2) as base:
        for _, method, path, body in TARGETS:  # warm up every worker
            hammer(base, method, path, body, 200, concurrency)
        results = {name: hammer(base, m, p, b, total, concurrency) for name, m, p, b in TARGETS}
    baseline = results[TARGETS[0][0]]["rps"]
    print(f"gunicorn, 2 workers; {total} requests per target, {concurrency} connections")
    print(f"{'target':46} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs minimal':>10}")
    for name, r in results.items():
        print(
            f"{name:46} {r['rps']:8.0f} {r['p50']:8.2f} {r['p99']:8.2f} {r['rps'] / baseline:10.2f}"
        )


if __name__ == "__main__":
    main()
