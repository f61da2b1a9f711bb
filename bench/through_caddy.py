"""`make bench-caddy`: throughput as deployed (issue 21), beside `make bench`'s SQLite figures.

Run as root from the repository:  .venv/bin/python bench/through_caddy.py [--seconds 10]

deploy/test_deploy.py's lab, on a network of its own (lgb-PID-* namespaces, 10.78.0.0/24):
PostgreSQL on db; gunicorn on app1 and app2 as lumpguide-web.service runs it (the committed
code, the database made ready by deploy.sh's manage.py steps; no task worker, so that only
the web requests are measured); Caddy on proxy from deploy/Caddyfile.template with
`tls internal`; wrk (Debian's package) on a client host, over HTTPS to lumpguide.test (each
host's /etc/hosts names the proxy; wrk does not verify the certificate).

Caddy's upstreams are app1 alone, then (re-rendered, `caddy reload`) app1 and app2. For each,
wrk asks for /healthz and for a question screen (the first one, as a visitor without a cookie
opens it) at 8 and at 50 connections, for 10 s each; two rounds, each with both stacks in
turn, and the median of the two. It prints requests per second per case and two ratios
per connection count: two hosts ÷ one host, and the question screen ÷ /healthz on the same
stack; they are also written to test-artifacts/bench/through_caddy.json (the hosts' logs to
test-artifacts/bench/through-caddy-logs/). Every host here shares this machine's CPUs, the
load generator's too: two hosts against one measures the stack (Caddy spreading the load,
two gunicorns' worth of processes), not added hardware. Everything made is removed at the end.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "deploy"))
import test_deploy as lab_parts  # noqa: E402

from bench.load import Target, wrk_run  # noqa: E402

check = lab_parts.check

OUT = ROOT / "test-artifacts" / "bench"
TIME_LIMIT = 600  # seconds
CONNECTIONS = (8, 50)
STACKS = {"one host": ("app1",), "two hosts": ("app1", "app2")}
QUESTION = "/check/q/emergency_signs/"
TARGETS = [Target("/healthz", "/healthz"), Target("question screen", QUESTION)]
BASE = f"https://{lab_parts.SITE}"


def use_own_network() -> None:
    """test_deploy's building blocks read these names when they run: our hosts, subnet and
    namespace names, so that a `make test-deploy` running meanwhile never meets this one."""
    lab_parts.PREFIX = f"lgb-{os.getpid()}-"
    lab_parts.SUBNET = "10.78.0.0/24"
    lab_parts.ADDRESS = {
        "db": "10.78.0.10",
        "app1": "10.78.0.21",
        "app2": "10.78.0.22",
        "proxy": "10.78.0.30",
        "client": "10.78.0.50",
    }
    lab_parts.ARTIFACTS = OUT / "through-caddy-logs"


def need_programs() -> None:
    """Debian's caddy and wrk, installed if missing; PostgreSQL and gunicorn must be there."""
    missing = [program for program in ("caddy", "wrk") if shutil.which(program) is None]
    if missing:
        print(f"bench-caddy: installing Debian's {' '.join(missing)}", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)
    check((lab_parts.PG_BIN / "initdb").exists(), f"no PostgreSQL in {lab_parts.PG_BIN}")
    check((lab_parts.VENV / "bin" / "gunicorn").exists(), "no gunicorn (make install)")


def served(lab, host: str) -> int:
    """The question screens in a host's access log (Caddy's health checks ask for /healthz)."""
    return len(re.findall(rf'"GET {QUESTION} ', lab.log(f"{host}-web")))


def run_wrk(lab, target: Target, connections: int, seconds: int) -> dict:
    time.sleep(1)  # the last case's stragglers finish
    wrapper = ("ip", "netns", "exec", lab.ns("client"))
    requests, elapsed, p50, p99 = wrk_run(BASE, target, connections, seconds, wrapper=wrapper)
    return {"rps": round(requests / elapsed, 1), "p50_ms": round(p50, 2), "p99_ms": round(p99, 2)}


def measure(lab, release: Path, seconds: int, rounds: int) -> tuple[dict, dict]:
    """Requests per second (and latency) per stack, connection count and target: the median
    over the rounds (each round has both stacks in turn, so a slow minute of the machine hits
    both alike), with each round's; and the question screens each app host served."""
    runs: dict = {s: {str(c): {t.name: [] for t in TARGETS} for c in CONNECTIONS} for s in STACKS}
    per_host = {stack: {"app1": 0, "app2": 0} for stack in STACKS}
    for _ in range(rounds):
        for stack, upstreams in STACKS.items():
            config, env = lab_parts.write_caddyfile(lab, release, upstreams)
            lab.run("proxy", "caddy", "reload", *config, env=env)
            before = {host: served(lab, host) for host in ("app1", "app2")}
            for target in TARGETS:  # warm each worker's caches and Caddy's connections
                run_wrk(lab, target, 8, 2)
            for connections in CONNECTIONS:
                for target in TARGETS:
                    runs[stack][str(connections)][target.name].append(
                        run_wrk(lab, target, connections, seconds)
                    )
            counts = {host: served(lab, host) - before[host] for host in ("app1", "app2")}
            used = [host for host, n in counts.items() if n]
            check(used == list(upstreams), f"{stack}: the question screens went to {counts}")
            for host, n in counts.items():
                per_host[stack][host] += n
            print(f"bench-caddy: {stack} measured; question screens per host {counts}")
    results = {
        stack: {
            connections: {
                name: {
                    key: round(statistics.median(run[key] for run in each), 2)
                    for key in ("rps", "p50_ms", "p99_ms")
                }
                | {"rps_each_round": [run["rps"] for run in each]}
                for name, each in by_target.items()
            }
            for connections, by_target in by_connections.items()
        }
        for stack, by_connections in runs.items()
    }
    return results, per_host


def ratios(results: dict) -> dict:
    out = {}
    for connections in map(str, CONNECTIONS):
        rps = {s: {t: r["rps"] for t, r in results[s][connections].items()} for s in STACKS}
        out[connections] = {
            "two hosts / one host": {
                t.name: round(rps["two hosts"][t.name] / rps["one host"][t.name], 2)
                for t in TARGETS
            },
            "question / healthz": {
                stack: round(rps[stack]["question screen"] / rps[stack]["/healthz"], 2)
                for stack in STACKS
            },
        }
    return out


def table(results: dict, ratio: dict) -> list[str]:
    lines = [f"{'requests/s':22} {'conns':>5} {'one host':>9} {'two hosts':>9} {'two/one':>8}"]
    for connections in map(str, CONNECTIONS):
        for target in TARGETS:
            one, two = (results[s][connections][target.name]["rps"] for s in STACKS)
            two_over_one = ratio[connections]["two hosts / one host"][target.name]
            lines.append(
                f"{target.name:22} {connections:>5} {one:9.0f} {two:9.0f} {two_over_one:8.2f}"
            )
        q = ratio[connections]["question / healthz"]
        lines.append(
            f"{'question ÷ healthz':22} {connections:>5} {q['one host']:9.2f} {q['two hosts']:9.2f}"
        )
    return lines


def give_up(signum, frame) -> None:
    raise lab_parts.Shortfall(f"over {TIME_LIMIT} s" if signum == signal.SIGALRM else "stopped")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="per case and round")
    parser.add_argument("--rounds", type=int, default=2)
    options = parser.parse_args()
    check(os.geteuid() == 0, "run as root: the benchmark makes network namespaces")
    use_own_network()
    started = time.monotonic()
    load_before = os.getloadavg()
    lab = None
    signal.signal(signal.SIGALRM, give_up)
    signal.signal(signal.SIGTERM, give_up)
    signal.alarm(TIME_LIMIT)
    try:
        need_programs()
        lab = lab_parts.Lab()
        lab_parts.make_network(lab)
        database_url = lab_parts.start_postgres(lab, "db")
        release, commit = lab_parts.make_release(lab)
        print(f"bench-caddy: release {commit} (git archive HEAD) in {lab.tmp}", flush=True)
        secret_key = secrets.token_urlsafe(50)
        servers = [
            lab_parts.Server(
                lab,
                host,
                release,
                lab_parts.write_settings(
                    lab,
                    release,
                    lab.tmp / host / "lumpguide.env",
                    host=host,
                    database_url=database_url,
                    secret_key=secret_key,
                ),
            )
            for host in ("app1", "app2")
        ]
        for step in lab_parts.deploy_steps(release):
            servers[0].manage(*step)
        for server in servers:
            server.start("web")
        lab_parts.start_proxy(lab, release, upstreams=STACKS["one host"], client="client")

        results, per_host = measure(lab, release, options.seconds, options.rounds)
        ratio = ratios(results)
        seconds = time.monotonic() - started
        print(
            f"\nbench-caddy: wrk on the client host over HTTPS through Caddy, PostgreSQL, "
            f"median of {options.rounds} rounds of {options.seconds} s per case; "
            f"{os.cpu_count()} CPUs shared by every host; load average before "
            f"{load_before[0]:.2f}; {seconds:.0f} s in all"
        )
        print("\n".join(table(results, ratio)))
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / "through_caddy.json"
        path.write_text(
            json.dumps(
                {
                    "commit": commit,
                    "seconds_per_case": options.seconds,
                    "rounds": options.rounds,
                    "cpus": os.cpu_count(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "requests_per_second": results,
                    "ratios": ratio,
                    "question_screens_per_host": per_host,
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
        if os.environ.get("SUDO_UID"):  # for whoever ran `sudo make ...`
            for made in (OUT, path):
                os.chown(made, int(os.environ["SUDO_UID"]), int(os.environ["SUDO_GID"]))
        print(f"bench-caddy: written to {path.relative_to(ROOT)}")
        return 0
    except Exception as exc:  # noqa: BLE001  (said in one line; the logs are kept)
        if not isinstance(exc, lab_parts.Shortfall):
            traceback.print_exc()
        print(f"bench-caddy: FAILED: {exc}", file=sys.stderr)
        print(f"bench-caddy: the hosts' logs are in {lab_parts.ARTIFACTS}", file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
        if lab is not None:
            lab.cleanup()


if __name__ == "__main__":
    sys.exit(main())
