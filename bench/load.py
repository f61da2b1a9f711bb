"""How much each kind of request costs the server, as a ratio of a minimal view (/healthz,
behind the same middleware) measured in the same run.

Run: make bench   (or .venv/bin/python bench/load.py [--seconds 3] [--rounds 3])

LumpGuide runs as `make run` runs it (gunicorn.conf.py: 2 workers), on a throwaway SQLite
database. The load comes from wrk when it is installed (Debian's `wrk` package), else from an
asyncio client in this process. Targets take turns, round after round, at 8 and at 50 open
connections, so a slow minute of the machine hits every target alike. For each target the
table gives its requests per second as a ratio of /healthz in the same round (min, median and
max over the rounds), its latency (median p50 and p99 over the rounds), and the server's CPU
time per request as a ratio of /healthz's. On a 2-core machine the load generator and the
server share the CPU: compare the ratios, not the absolutes.

The floors (bench/floors.py, served only here, through bench.settings) do the least any
triage screen must: read the walk from the session, then add Django's CSRF token, a one-line
template, and an empty page on base.html. A page cannot do better than the floor under it.
"""

import argparse
import asyncio
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import people  # noqa: E402
from bench.serve import running_server  # noqa: E402

CONNECTIONS = (8, 50)
DIARY_CHECK_INS = 1000
FLOOR_PAGE = "floor: + empty page (base.html)"
FLOOR_FRAGMENT = "floor: + one-line template"
#: Issue 22: what a screen may cost beside the floor under it (the floor's requests per second
#: over the screen's, in the same round; the median over rounds): (screen, floor, at most).
BESIDE_THE_FLOOR = (
    ("question screen, full page", FLOOR_PAGE, 1.3),
    ("question screen, HTMX fragment", FLOOR_FRAGMENT, None),
    ("result page", FLOOR_PAGE, 1.6),
)


@dataclass
class Target:
    name: str
    path: str
    method: str = "GET"
    headers: dict = field(default_factory=dict)
    body: str = ""
    #: The issue's floor for requests per second as a ratio of /healthz.
    floor: float | None = None


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_per_request: float


def static_css_path(base: str) -> str:
    with urllib.request.urlopen(base + "/") as response:
        html = response.read().decode()
    return re.search(r'href="(/static/css/app[^"]*\.css)"', html).group(1)


def targets(server) -> list[Target]:
    """Every target of the issue, each as a person would ask for it."""
    base = server.base
    mid, mid_answers, mid_path = people.walk(base, stop_after=4)
    done, _, _ = people.walk(base)
    diary_cookie = people.diary_phone(server.env, check_ins=DIARY_CHECK_INS)
    mid_cookie = {"Cookie": mid.cookie_header()}
    return [
        Target("minimal view /healthz", "/healthz"),
        Target("static file (whitenoise)", static_css_path(base)),
        Target(
            "API POST /api/triage/next",
            "/api/triage/next",
            "POST",
            {"Content-Type": "application/json"},
            json.dumps({"answers": mid_answers}),
            floor=0.6,
        ),
        Target("question screen, full page", mid_path, headers=mid_cookie, floor=0.4),
        Target(
            "question screen, HTMX fragment",
            mid_path,
            headers={**mid_cookie, "HX-Request": "true"},
            floor=0.5,
        ),
        Target("article", "/conditions/lipoma/", floor=0.5),
        Target(
            "result page", "/check/result/", headers={"Cookie": done.cookie_header()}, floor=0.3
        ),
        # The least any triage screen does (bench/floors.py), with the same walk's session.
        Target("floor: session read", "/bench/floor/session", headers=mid_cookie),
        Target("floor: session + CSRF token", "/bench/floor/session-csrf", headers=mid_cookie),
        Target(FLOOR_FRAGMENT, "/bench/floor/fragment", headers=mid_cookie),
        Target(FLOOR_PAGE, "/bench/floor/page", headers=mid_cookie),
        # As the article is asked for: no cookie, so no session to read and a new CSRF secret.
        Target("floor: empty page, no cookie", "/bench/floor/page"),
        Target(f"diary, {DIARY_CHECK_INS} check-ins", "/diary/", headers={"Cookie": diary_cookie}),
    ]


# ---------------------------------------------------------------- wrk


WRK_SCRIPT = """
wrk.method = {method}
wrk.body = {body}
{headers}
done = function(summary, latency, requests)
  io.write(string.format("LUMPGUIDE %d %d %d %d %f %f\\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.duration,
    latency:percentile(50), latency:percentile(99)))
end
"""


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string literal for this text


def wrk_run(
    base: str, target: Target, connections: int, seconds: float, wrapper: tuple = ()
) -> tuple:
    """wrk's requests, seconds, p50 and p99 (ms); `wrapper` runs it, e.g. in a network
    namespace (bench/through_caddy.py)."""
    headers = "\n".join(
        f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in target.headers.items()
    )
    script = WRK_SCRIPT.format(
        method=lua_string(target.method), body=lua_string(target.body), headers=headers
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        out = subprocess.run(
            [
                *wrapper,
                "wrk",
                f"-t{min(2, connections)}",
                f"-c{connections}",
                f"-d{int(seconds)}s",
                "--timeout",
                "10s",
                "-s",
                lua.name,
                base + target.path,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    fields = re.search(r"LUMPGUIDE (.*)", out).group(1).split()
    requests, bad_status, socket_errors = (int(x) for x in fields[:3])
    duration_us, p50_us, p99_us = (float(x) for x in fields[3:])
    if bad_status or socket_errors:
        raise RuntimeError(f"{target.name}: {bad_status} bad statuses, {socket_errors} errors")
    return requests, duration_us / 1e6, p50_us / 1000, p99_us / 1000


# ---------------------------------------------------------------- asyncio fallback


async def _async_run(base: str, target: Target, connections: int, seconds: float) -> tuple:
    host, port = base.removeprefix("http://").split(":")
    head = f"{target.method} {target.path} HTTP/1.1\r\nHost: {host}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in target.headers.items())
    body = target.body.encode()
    if body:
        head += f"Content-Length: {len(body)}\r\n"
    request = (head + "\r\n").encode() + body
    latencies: list[float] = []
    stop = time.perf_counter() + seconds

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        while time.perf_counter() < stop:
            began = time.perf_counter()
            writer.write(request)
            status = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            await reader.readexactly(length)
            if not status.split()[1].startswith((b"2", b"3")):
                raise RuntimeError(f"{target.name}: {status!r}")
            latencies.append(time.perf_counter() - began)
        writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(connections)))
    elapsed = time.perf_counter() - began
    latencies.sort()
    return (
        len(latencies),
        elapsed,
        statistics.median(latencies) * 1000,
        latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000,
    )


def async_run(base: str, target: Target, connections: int, seconds: float) -> tuple:
    return asyncio.run(_async_run(base, target, connections, seconds))


# ---------------------------------------------------------------- the run


def settle(server, *, most: float = 10.0) -> None:
    """Wait until the server has finished the requests still in its queue (its CPU is idle
    for 0.2 s), so that one target's backlog is not counted against the next."""
    give_up = time.perf_counter() + most
    last = server.cpu_seconds()
    while time.perf_counter() < give_up:
        time.sleep(0.2)
        now = server.cpu_seconds()
        if now - last < 0.01:
            return
        last = now


def measure(server, target: Target, connections: int, seconds: float, runner) -> Run:
    settle(server)
    cpu_before = server.cpu_seconds()
    requests, elapsed, p50, p99 = runner(server.base, target, connections, seconds)
    cpu = server.cpu_seconds() - cpu_before
    return Run(requests / elapsed, p50, p99, cpu / max(requests, 1))


def report(results: dict, names: list[str], floors: dict, connections: int) -> list[str]:
    lines = [
        f"\n{connections} connections",
        f"{'target':34} {'req/s':>7} {'ratio min':>9} {'median':>7} {'max':>6} "
        f"{'floor':>6} {'p50 ms':>7} {'p99 ms':>7} {'cpu ratio':>9}",
    ]
    baseline = results[names[0]]
    for name in names:
        runs = results[name]
        ratios = [r.rps / b.rps for r, b in zip(runs, baseline, strict=True)]
        cpu = statistics.median(
            r.cpu_per_request / b.cpu_per_request for r, b in zip(runs, baseline, strict=True)
        )
        floor = floors.get(name)
        mark = "" if floor is None else f"{floor:.1f}" + ("" if min(ratios) >= floor else "!")
        lines.append(
            f"{name:34} {statistics.median(r.rps for r in runs):7.0f} {min(ratios):9.2f} "
            f"{statistics.median(ratios):7.2f} {max(ratios):6.2f} {mark:>6} "
            f"{statistics.median(r.p50_ms for r in runs):7.2f} "
            f"{statistics.median(r.p99_ms for r in runs):7.2f} {cpu:9.2f}"
        )
    return lines


def beside_the_floor(results: dict, connections: int) -> list[str]:
    """Each screen's cost as a multiple of the floor under it, round by round (issue 22): the
    server's CPU time per request (what a request costs the server, whatever the load
    generator beside it on the same cores gets done), and the floor's requests per second
    over the screen's. Medians over the rounds, with their range."""
    lines = [
        f"\n{connections} connections: cost beside the floor under it",
        f"{'screen':32} {'floor':31} {'cpu/request':>17} {'req/s':>17}",
    ]
    for name, floor_name, most in BESIDE_THE_FLOOR:
        pairs = list(zip(results[name], results[floor_name], strict=True))
        cpu = [r.cpu_per_request / f.cpu_per_request for r, f in pairs]
        rps = [f.rps / r.rps for r, f in pairs]
        cells = [f"{statistics.median(x):5.2f}x ({min(x):.2f}-{max(x):.2f})" for x in (cpu, rps)]
        target = ""
        if most is not None:
            target = f"  at most {most:.1f}" + ("" if statistics.median(cpu) <= most else " !")
        lines.append(f"{name:32} {floor_name:31} {cells[0]:>17} {cells[1]:>17}{target}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=3, help="per target and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--async-client", action="store_true", help="even if wrk is installed")
    parser.add_argument(
        "gunicorn_args", nargs="*", help="after --, e.g. -- --worker-class sync (compare)"
    )
    options = parser.parse_args()
    use_wrk = shutil.which("wrk") and not options.async_client
    runner = wrk_run if use_wrk else async_run
    with running_server(
        extra_env={"DJANGO_SETTINGS_MODULE": "bench.settings"},
        gunicorn_args=tuple(options.gunicorn_args),
    ) as server:
        plan = targets(server)
        for target in plan:  # warm every worker and every cache
            runner(server.base, target, 8, 1)
        results = {c: {t.name: [] for t in plan} for c in CONNECTIONS}
        for _ in range(options.rounds):
            for connections in CONNECTIONS:
                for target in plan:
                    results[connections][target.name].append(
                        measure(server, target, connections, options.seconds, runner)
                    )
        # The diary's server time: one connection, one request at a time.
        diary = plan[-1]
        settle(server)
        _, _, diary_p50, diary_p99 = runner(server.base, diary, 1, options.seconds)
    names = [t.name for t in plan]
    floors = {t.name: t.floor for t in plan if t.floor is not None}
    print(
        f"load: {'wrk' if use_wrk else 'asyncio client'}; gunicorn.conf.py "
        f"{' '.join(options.gunicorn_args)}; {options.rounds} rounds of "
        f"{options.seconds:g} s per target; '!' marks a ratio under its floor"
    )
    for connections in CONNECTIONS:
        print("\n".join(report(results[connections], names, floors, connections)))
    for connections in CONNECTIONS:
        print("\n".join(beside_the_floor(results[connections], connections)))
    print(
        f"\n{diary.name}, one request at a time: p50 {diary_p50:.1f} ms, p99 {diary_p99:.1f} ms "
        "(target: 30 ms)"
    )


if __name__ == "__main__":
    main()
