"""`make test-deploy`: LumpGuide in production, end to end, on one machine (issue 21).

Run as root from the repository:  .venv/bin/python deploy/test_deploy.py

Hosts are Linux network namespaces, each with an eth0 on one bridge (10.77.0.0/24; the
bridge lives in a namespace of its own, so nothing reaches this machine's own network):

    db     PostgreSQL 15 (Debian's binaries), trust for the test subnet
    app1   gunicorn and db_worker: the ExecStart lines of deploy/lumpguide-*.service, run
           with the settings those units load (deploy/lumpguide.env.template filled in)
    app2   the same, with the same secret key and the same VAPID key file
    proxy  Caddy from deploy/Caddyfile.template: tls internal, both app hosts upstream
    push   a Web Push service over HTTPS named push.test (tests/reminders/fake_push.py)
    phone  headless Chromium (Playwright); it trusts Caddy's local authority through an NSS
           database in its home folder, and finds lumpguide.test by --host-resolver-rules
    db2    an empty PostgreSQL: the new server the backup is restored onto

The code is the committed code (git archive HEAD), as deploy.sh deploys it, and the database
is set up by deploy.sh's own manage.py steps, read from deploy.sh. There is no systemd here,
so the units' commands run as root under this script. main() lists what is shown. It prints
one line of counts, exits 1 on any shortfall, and always removes what it made; the hosts'
logs are kept in test-artifacts/test-deploy/.
"""

import contextlib
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(os.environ.get("LUMPGUIDE_VENV", ROOT / ".venv"))
PG_BIN = Path(os.environ.get("LUMPGUIDE_PG_BIN", "/usr/lib/postgresql/15/bin"))
CHROMIUM = os.environ.get("LUMPGUIDE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "test-deploy"
TIME_LIMIT = 480  # seconds (CI has 20 minutes for everything)

SITE = "lumpguide.test"
PUSH_HOST = "push.test"
SUBNET = "10.77.0.0/24"
ADDRESS = {
    "db": "10.77.0.10",
    "db2": "10.77.0.11",
    "app1": "10.77.0.21",
    "app2": "10.77.0.22",
    "proxy": "10.77.0.30",
    "push": "10.77.0.40",
    "phone": "10.77.0.50",
}
APP_PORT = 8001
# Namespaces are named after this run's process id: two runs on one machine never meet.
PREFIX = f"lumpguide-{os.getpid()}-"

# The person on the phone: vignette E04 of the triage tests (a small soft lump that moves).
VIGNETTES = json.loads((ROOT / "tests" / "triage" / "vignettes.json").read_text())
FINDINGS = frozenset(next(v["findings"] for v in VIGNETTES if v["id"] == "E04"))
KILL_AFTER_ANSWERS = 4  # app1 dies after this many answers
REMINDERS = 5  # set while app1 is down, due at once, by one phone...
SUBSCRIBERS = 5  # ...with this many push subscriptions: each reminder goes to each
WATCH_FOR_COPIES = 6  # seconds after the last send (three of the worker's intervals)

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "en-GB",
}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=en-GB",
    f"--host-resolver-rules=MAP {SITE} {ADDRESS['proxy']}",
]


class Shortfall(AssertionError):
    """Something the deployment should do and did not."""


def check(condition: object, message: str) -> None:
    if not condition:
        raise Shortfall(message)


def wait_until(what: str, test, timeout: float = 30, every: float = 0.25, why=lambda: ""):
    """test()'s first true value; a Shortfall (with why()) after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not (value := test()):
        if time.monotonic() > deadline:
            raise Shortfall(f"timed out after {timeout:.0f} s waiting for {what} {why()}")
        time.sleep(every)
    return value


# The lab: namespaces, processes and folders, all removed by cleanup() ------------------------


class Lab:
    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="lumpguide-deploy-"))
        self.tmp.chmod(0o755)  # the postgres user works inside it
        self.logs = self.tmp / "logs"
        self.logs.mkdir()
        self.vapid = self.tmp / "state" / "vapid" / "private_key.pem"  # both app hosts'
        self.push = self.tmp / "push"  # the push service's certificate and what it received
        self.namespaces: list[str] = []
        self.processes: dict[str, subprocess.Popen] = {}
        self.databases: list[tuple[str, Path]] = []
        self.made_etc_netns = not Path("/etc/netns").exists()

    @staticmethod
    def ns(host: str) -> str:
        return PREFIX + host

    def run(self, host: str, *command, env=None, cwd=None, timeout=300) -> str:
        """A command on a host, to its end: its output, or a Shortfall that shows it."""
        argv = ["ip", "netns", "exec", self.ns(host), *map(str, command)]
        done = subprocess.run(
            argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise Shortfall(
                f"on {host}: `{shlex.join(map(str, command))[:300]}` exited with "
                f"{done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            )
        return done.stdout

    def curl(self, host: str, *args) -> str | None:
        """curl on a host: the body, or None when it failed."""
        try:
            return self.run(host, "curl", "-fsS", "-m", "5", *args)
        except Shortfall:
            return None

    def start(self, name: str, host: str, *command, env=None, cwd=None) -> None:
        """A program that keeps running, on a host, logged to logs/NAME.log. `ip netns exec`
        becomes the program, in a process group of its own (gunicorn's workers join it)."""
        log = (self.logs / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            ["ip", "netns", "exec", self.ns(host), *map(str, command)],
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name)
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def cleanup(self) -> None:
        for name in list(self.processes):
            try:
                self.stop(name, signal.SIGKILL)
            except Exception as exc:  # noqa: BLE001  (the rest is cleaned up regardless)
                print(f"cleanup: {name}: {exc}", file=sys.stderr)
        for host, data in self.databases:
            subprocess.run(["ip", "netns", "exec", self.ns(host), "runuser", "-u", "postgres",
                            "--", PG_BIN / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
                           capture_output=True, timeout=60)  # fmt: skip
        for name in reversed(self.namespaces):
            subprocess.run(["ip", "netns", "delete", name])
            shutil.rmtree(Path("/etc/netns") / name, ignore_errors=True)
        if self.made_etc_netns:  # and only if no one else's namespace is there now
            with contextlib.suppress(OSError):
                Path("/etc/netns").rmdir()
        shutil.rmtree(ARTIFACTS, ignore_errors=True)
        shutil.copytree(self.logs, ARTIFACTS)
        if (self.push / "received.jsonl").exists():
            shutil.copy(self.push / "received.jsonl", ARTIFACTS / "push-received.jsonl")
        if os.environ.get("SUDO_UID"):  # the logs belong to whoever ran `sudo make ...`
            for path in [ARTIFACTS, *ARTIFACTS.iterdir()]:
                os.chown(path, int(os.environ["SUDO_UID"]), int(os.environ["SUDO_GID"]))
        shutil.rmtree(self.tmp, ignore_errors=True)


def install_packages() -> None:
    """Debian's caddy (its own systemd unit is not used) and certutil, if missing."""
    missing = [
        package
        for program, package in [("caddy", "caddy"), ("certutil", "libnss3-tools")]
        if shutil.which(program) is None
    ]
    if missing:
        print(f"test-deploy: installing Debian's {' '.join(missing)}", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)
    check((PG_BIN / "initdb").exists(), f"no PostgreSQL binaries in {PG_BIN}")
    check(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM} (make browser)")
    check((VENV / "bin" / "gunicorn").exists(), f"no gunicorn in {VENV} (make install)")


def make_network(lab: Lab) -> None:
    """A bridge in a "switch" namespace; each host a namespace whose eth0 is a veth pair's
    end, the other end on the bridge. Each host's /etc/hosts (`ip netns exec` mounts
    /etc/netns/NAME/hosts over it) names the site and the push service."""

    def ip(line: str) -> None:
        subprocess.run(["ip", *line.split()], check=True)

    hosts = f"127.0.0.1 localhost\n{ADDRESS['proxy']} {SITE}\n"
    if "push" in ADDRESS:  # (bench/through_caddy.py's network has no push host)
        hosts += f"{ADDRESS['push']} {PUSH_HOST}\n"
    switch = lab.ns("switch")
    for host in ["switch", *ADDRESS]:
        ip(f"netns add {lab.ns(host)}")
        lab.namespaces.append(lab.ns(host))
    ip(f"-n {switch} link add br0 type bridge")
    ip(f"-n {switch} link set br0 up")
    for host, address in ADDRESS.items():
        ns = lab.ns(host)
        ip(f"-n {switch} link add to-{host} type veth peer name eth0 netns {ns}")
        ip(f"-n {switch} link set to-{host} master br0 up")
        ip(f"-n {ns} addr add {address}/24 dev eth0")
        ip(f"-n {ns} link set eth0 up")
        ip(f"-n {ns} link set lo up")
        (Path("/etc/netns") / ns).mkdir(parents=True)
        (Path("/etc/netns") / ns / "hosts").write_text(hosts)


def start_postgres(lab: Lab, host: str) -> str:
    """An empty PostgreSQL on the host's address, as tests/pg_server.py makes one, with a
    database "lumpguide": its DATABASE_URL."""
    folder, address = lab.tmp / host, ADDRESS[host]
    data, log = folder / "data", lab.logs / f"{host}.log"
    folder.mkdir()
    log.touch()
    for path in (folder, log):
        shutil.chown(path, "postgres", "postgres")
    as_postgres = ["runuser", "-u", "postgres", "--"]
    lab.run(host, *as_postgres, PG_BIN / "initdb", "-D", data, "-U", "postgres", "--auth=trust",
            "-E", "UTF8")  # fmt: skip
    with (data / "pg_hba.conf").open("a") as hba:
        hba.write(f"host all all {SUBNET} trust\n")
    options = f"-c listen_addresses={address} -p 5432 -k {folder} -c fsync=off"
    lab.run(
        host, *as_postgres, PG_BIN / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "start"
    )
    lab.databases.append((host, data))
    lab.run(host, *as_postgres, PG_BIN / "createdb", "-h", address, "-U", "postgres", "lumpguide")
    return f"postgres://postgres@{address}:5432/lumpguide"


# The release, its settings, the units --------------------------------------------------------


def make_release(lab: Lab) -> tuple[Path, str]:
    """deploy.sh step 2: the committed code (git archive HEAD) in a release folder."""
    git = ["git", "-C", ROOT]
    commit = subprocess.run(
        [*git, "rev-parse", "--short=12", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    release = lab.tmp / "releases" / commit
    release.mkdir(parents=True)
    archive = subprocess.run([*git, "archive", "HEAD"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", release], input=archive, check=True)
    (lab.tmp / "release.env").write_text(f"LUMPGUIDE_VERSION={commit}\n")  # deploy.sh step 4
    return release, commit


def render(release: Path, template: str, **values: str) -> str:
    """A template filled in by deploy/render.py, as deploy.sh does it."""
    command = [
        VENV / "bin" / "python",
        release / "deploy" / "render.py",
        release / "deploy" / template,
        *(f"{k}={v}" for k, v in values.items()),
    ]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def write_settings(
    lab: Lab, release: Path, path: Path, *, host: str, database_url: str, secret_key: str
) -> Path:
    """deploy.sh step 4 on one server: lumpguide.env.template filled in, mode 0600, with the
    VAPID key file in this run's folder, and the test's own lines."""
    text = render(
        release,
        "lumpguide.env.template",
        host=SITE,
        email=f"ops@{SITE}",
        bind=f"{ADDRESS[host]}:{APP_PORT}",
        database_url=database_url,
        secret_key=secret_key,
    )
    key_file = "LUMPGUIDE_VAPID_PRIVATE_KEY_FILE=/var/lib/lumpguide/vapid/private_key.pem"
    check(key_file in text, "lumpguide.env.template no longer names the VAPID key file")
    text = text.replace(key_file, f"LUMPGUIDE_VAPID_PRIVATE_KEY_FILE={lab.vapid}")
    text += (
        "# deploy/test_deploy.py: the test's push service, and its certificate to trust (a\n"
        "# real push service's authority is in the system's store)\n"
        f"LUMPGUIDE_PUSH_EXTRA_HOSTS={PUSH_HOST}\n"
        f"REQUESTS_CA_BUNDLE={lab.push / 'push.pem'}\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o600)
    return path


def read_env_file(path: Path) -> dict[str, str]:
    """NAME=value lines, as systemd's EnvironmentFile= reads them."""
    lines = path.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and line[0] != "#")


def read_unit(release: Path, unit: str) -> dict[str, list[str]]:
    """A systemd unit's settings: each name with its values, in order."""
    settings: dict[str, list[str]] = {}
    for line in (release / "deploy" / unit).read_text().splitlines():
        if "=" in line and line[0] not in "#[":
            name, value = line.split("=", 1)
            settings.setdefault(name, []).append(value)
    return settings


UNITS = {"web": "lumpguide-web.service", "worker": "lumpguide-worker.service"}
UNIT_FILES = ["/etc/lumpguide/lumpguide.env", "/etc/lumpguide/release.env"]


class Server:
    """An app host as systemd would run its two units: their ExecStart commands, with the
    environment of their EnvironmentFile=s, in their WorkingDirectory (the release), with a
    home of its own (gunicorn keeps a control socket there)."""

    def __init__(self, lab: Lab, host: str, release: Path, settings: Path):
        self.lab, self.host, self.release, self.settings = lab, host, release, settings
        home = lab.tmp / "home" / host
        home.mkdir(parents=True, exist_ok=True)
        self.env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
        self.env |= read_env_file(settings) | read_env_file(lab.tmp / "release.env")
        for unit in UNITS.values():
            declared = read_unit(release, unit)
            check(declared["WorkingDirectory"] == ["/opt/lumpguide/current"], f"{unit} moved")
            check(declared["EnvironmentFile"] == UNIT_FILES, f"{unit} reads other settings")

    def command(self, unit: str) -> list[str]:
        """The unit's ExecStart, with this venv for /opt/lumpguide/venv and ${NAME} filled in
        from the environment, as systemd does."""
        line = read_unit(self.release, UNITS[unit])["ExecStart"][0]
        line = line.replace("/opt/lumpguide/venv/", f"{VENV}/")
        return shlex.split(re.sub(r"\$\{(\w+)\}", lambda m: self.env[m[1]], line))

    def manage(self, *args: str, code: str | None = None, env: dict | None = None) -> str:
        """manage.py on this host with the server's settings (deploy.sh's in_app)."""
        if code is not None:
            args = (*args, "shell", "--no-imports", "-c", code)
        return self.lab.run(
            self.host,
            VENV / "bin" / "python",
            "manage.py",
            *args,
            env=self.env | (env or {}),
            cwd=self.release,
        )

    def start(self, *units: str) -> None:
        for unit in units or UNITS:
            self.lab.start(
                f"{self.host}-{unit}",
                self.host,
                *self.command(unit),
                env=self.env,
                cwd=self.release,
            )
        if "web" in (units or UNITS):
            url = f"http://{self.env['LUMPGUIDE_BIND']}/healthz"
            headers = ["-H", f"Host: {SITE}", "-H", "X-Forwarded-Proto: https"]
            wait_until(
                f"gunicorn on {self.host}",
                lambda: self.lab.curl(self.host, *headers, url),
                timeout=60,
                every=0.5,
            )

    def kill(self) -> None:
        """The machine dies: SIGKILL gunicorn with its workers, and db_worker."""
        for unit in UNITS:
            self.lab.stop(f"{self.host}-{unit}", signal.SIGKILL)

    def stop(self) -> None:
        """SIGTERM to each, as `systemctl stop` sends."""
        for unit in UNITS:
            self.lab.stop(f"{self.host}-{unit}")


def deploy_steps(release: Path) -> list[list[str]]:
    """deploy.sh step 5, read from deploy.sh: each manage.py command it runs (in_app as the
    service user, in_release as root), in its order."""
    script = (release / "deploy" / "deploy.sh").read_text()
    steps = re.findall(r"^(?:in_app|in_release) (.+)$", script, re.MULTILINE)
    check(len(steps) >= 8, f"deploy.sh's manage.py steps were not found: {steps}")
    return [shlex.split(step) for step in steps]


# The proxy, the push service, the phone ------------------------------------------------------


def write_caddyfile(
    lab: Lab, release: Path, upstreams: tuple[str, ...] = ("app1", "app2")
) -> tuple[list, dict]:
    """The rendered Caddyfile.template (tls internal, the upstream hosts), as deploy.sh
    renders it, in this run's folder: Caddy's command-line arguments and environment for it
    (`caddy run` or `caddy reload`), with its state in that folder too."""
    caddyfile = render(
        release,
        "Caddyfile.template",
        site=SITE,
        email=f"ops@{SITE}",
        tls="tls internal",
        upstreams=" ".join(f"{ADDRESS[host]}:{APP_PORT}" for host in upstreams),
    )
    # Test only: without this Caddy would add its authority to this machine's trust store.
    check("\n{\n" in caddyfile, "the Caddyfile has no global options block")
    caddyfile = caddyfile.replace("\n{\n", "\n{\n\tskip_install_trust\n", 1)
    folder = lab.tmp / "proxy"
    folder.mkdir(exist_ok=True)
    (folder / "Caddyfile").write_text(caddyfile)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(folder),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
    }
    config = ["--config", folder / "Caddyfile", "--adapter", "caddyfile"]
    lab.run("proxy", "caddy", "validate", *config, env=env)
    return config, env


def start_proxy(
    lab: Lab, release: Path, upstreams: tuple[str, ...] = ("app1", "app2"), client: str = "phone"
) -> Path:
    """Caddy from write_caddyfile(), answering `client` over HTTPS: its local root
    certificate."""
    config, env = write_caddyfile(lab, release, upstreams)
    lab.start("proxy", "proxy", "caddy", "run", *config, env=env)
    root = Path(env["XDG_DATA_HOME"]) / "caddy" / "pki" / "authorities" / "local" / "root.crt"
    wait_until("Caddy's local authority", root.exists)
    wait_until(
        "https://lumpguide.test/healthz through Caddy",
        lambda: lab.curl(client, "--cacert", root, f"https://{SITE}/healthz"),
    )
    return root


def start_push(lab: Lab) -> list[dict]:
    """The push host: serve_push() below, with a self-signed certificate for push.test; the
    subscriptions it made."""
    lab.push.mkdir()
    certificate, key = lab.push / "push.pem", lab.push / "push-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-subj", f"/CN={PUSH_HOST}", "-addext",
                    f"subjectAltName=DNS:{PUSH_HOST}", "-days", "1", "-keyout", key, "-out",
                    certificate], check=True, capture_output=True)  # fmt: skip
    lab.start(
        "push",
        "push",
        VENV / "bin" / "python",
        Path(__file__).resolve(),
        "push-service",
        lab.push,
        cwd=ROOT,
    )
    subscriptions = lab.push / "subscriptions.json"
    wait_until("the push service", subscriptions.exists)
    return json.loads(subscriptions.read_text())


def serve_push(folder: str) -> None:
    """The push host's program: tests/reminders/fake_push.py's FakePushService on
    push.test:443 over HTTPS, with SUBSCRIBERS subscribers (written to subscriptions.json).
    Each request it gets (VAPID checked, payload decrypted) is a line of received.jsonl."""

    sys.path.insert(0, str(ROOT))
    from tests.reminders.fake_push import FakePushService

    out = Path(folder)

    class HttpsPushService(FakePushService):
        written = 0

        @property
        def origin(self) -> str:
            return f"https://{PUSH_HOST}"

        def handle(self, request, body: bytes) -> None:
            super().handle(request, body)
            with self.lock, (out / "received.jsonl").open("a") as log:
                for r in self.received[self.written :]:  # another may have come meanwhile
                    payload = r.payload or {}
                    log.write(json.dumps({
                        "path": r.path, "status": r.status, "vapid_ok": r.vapid_ok,
                        "vapid_key": r.vapid_key, "topic": r.topic,
                        "reminder": payload.get("reminder"), "attempt": payload.get("attempt"),
                    }) + "\n")  # fmt: skip
                self.written = len(self.received)

    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(out / "push.pem", out / "push-key.pem")
    service = HttpsPushService().start(("0.0.0.0", 443), tls)  # noqa: S104
    subscriptions = [service.subscriber(f"phone-{n}").info() for n in range(1, SUBSCRIBERS + 1)]
    (out / "subscriptions.tmp").write_text(json.dumps(subscriptions))
    (out / "subscriptions.tmp").rename(out / "subscriptions.json")
    service.thread.join()


def pushes_received(lab: Lab) -> list[dict]:
    path = lab.push / "received.jsonl"
    lines = path.read_text().splitlines() if path.exists() else []
    return [json.loads(line) for line in lines if line.endswith("}")]


def phone_home(lab: Lab, root_ca: Path) -> Path:
    """The phone's home folder. Its NSS database (~/.pki/nssdb, where Chromium on Linux looks)
    trusts Caddy's local authority, as a person installs it on their phone."""
    home = lab.tmp / "home" / "phone"
    nssdb = home / ".pki" / "nssdb"
    nssdb.mkdir(parents=True)
    subprocess.run(["certutil", "-N", "-d", f"sql:{nssdb}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nssdb}", "-n", "LumpGuide test (Caddy)",
                    "-t", "C,,", "-i", root_ca], check=True)  # fmt: skip
    return home


def chromium_on_phone(lab: Lab) -> Path:
    """What Playwright starts instead of Chromium: Chromium in the phone's namespace.
    (Playwright talks to it through pipes, which cross namespaces.)"""
    wrapper = lab.tmp / "chromium-on-phone"
    wrapper.write_text(f'#!/bin/sh\nexec ip netns exec {lab.ns("phone")} {CHROMIUM} "$@"\n')
    wrapper.chmod(0o755)
    return wrapper


def walk_requests(lab: Lab) -> dict[str, int]:
    """The walk's requests (under /check/) in each app host's access log, and how many of
    them were answers (a question screen's POST)."""
    logs = {host: lab.log(f"{host}-web") for host in ("app1", "app2")}
    counts = {host: len(re.findall(r'"(?:GET|POST) /check/', log)) for host, log in logs.items()}
    counts["answers"] = sum(log.count('"POST /check/q/') for log in logs.values())
    return counts


def use_the_phone(lab: Lab, root_ca: Path, app1: Server, counted: dict) -> None:
    """The phone opens the site over HTTPS and installs the app, then walks the questions;
    app1 is killed after KILL_AFTER_ANSWERS answers."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.triage.walker import choose

    site = f"https://{SITE}"
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            lab.tmp / "profile",  # a profile, not incognito: Chromium says if it installs
            executable_path=chromium_on_phone(lab),
            args=CHROMIUM_ARGS,
            env={**os.environ, "HOME": str(phone_home(lab, root_ca))},
            **PHONE,
        )
        try:
            context.set_default_timeout(20000)
            page = context.pages[0] if context.pages else context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

            # HTTPS with Caddy's certificate, HSTS and a Content Security Policy.
            response = page.goto(site + "/")
            check(response and response.status == 200, f"https://{SITE}/ answered {response}")
            headers = response.headers
            check("max-age=" in headers.get("strict-transport-security", ""), "no HSTS header")
            check("default-src 'self'" in headers.get("content-security-policy", ""), "no CSP")
            issuer = (response.security_details() or {}).get("issuer", "")
            check("Caddy" in issuer, f"the certificate is not Caddy's: {issuer!r}")
            counted["https"] = f"https {response.status} HSTS CSP"

            # Installed: the service worker active and in control, the manifest installable.
            page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=30000)
            state = page.evaluate("navigator.serviceWorker.ready.then(r => r.active.state)")
            check(state == "activated", f"the service worker is {state!r}")
            counted["sw"] = "sw active"
            cdp = context.new_cdp_session(page)
            manifest_errors = cdp.send("Page.getAppManifest").get("errors")
            check(manifest_errors == [], f"the manifest's errors: {manifest_errors}")
            problems = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
            check(problems == [], f"not installable: {problems}")
            counted["installable"] = "installable"

            # The walk, as the person with FINDINGS answers (tests/triage/walker.py).
            questions = page.evaluate("fetch('/api/triage/questionnaire').then(r => r.json())")
            by_id = {question["id"]: question for question in questions["questions"]}
            page.goto(site + "/check/")
            page.get_by_role("link", name="Start now").click()
            screen = page.locator("#triage-screen")
            page.locator("#triage-screen[data-question]").wait_for()
            given: dict[str, list[str]] = {}
            before_kill = None
            while (question := screen.get_attribute("data-question")) is not None:
                check(len(given) < 40, "the walk does not end")
                check(
                    screen.get_attribute("data-offline") is None,
                    f"{question!r} was drawn offline: the site did not answer",
                )
                if len(given) == KILL_AFTER_ANSWERS:
                    before_kill = walk_requests(lab)
                    app1.kill()
                given[question] = choose(by_id[question], FINDINGS)
                for option in given[question]:
                    page.locator(f"label[for='option-{option}']").click()
                page.get_by_role("button", name="Continue").click()
                try:
                    page.wait_for_function(
                        "(before) => document.getElementById('triage-screen')"
                        "?.getAttribute('data-question') !== before",
                        arg=question,
                    )
                except PlaywrightError as exc:
                    shown = page.locator("h1").first.inner_text()
                    raise Shortfall(
                        f"no next screen after answer {len(given)} ({question!r}); the page "
                        f"says {shown!r}; errors: {errors}"
                    ) from exc
            check(before_kill is not None, f"the walk ended after {len(given)} answers")
            page.get_by_role("heading", name="Check your answers").wait_for()

            # No answer lost: the summary, loaded again from the server, has every one, and
            # the result is the API's for those answers.
            page.goto(site + "/check/summary/")
            summary = page.evaluate("JSON.parse(document.getElementById('triage-answers').text)")
            check(summary == given, f"answers lost: the summary has {summary}, given {given}")
            page.get_by_role("link", name="See your result").click()
            result = page.locator("#triage-screen.result")
            result.wait_for()
            expected = page.evaluate(
                """(answers) => fetch('/api/triage/next', {method: 'POST', body:
                    JSON.stringify({answers}), headers: {'Content-Type': 'application/json'}})
                    .then(r => r.json())""",
                given,
            )
            urgency = result.get_attribute("data-urgency")
            check(expected.get("done"), f"the API says the walk is not done: {expected}")
            check(
                urgency == expected["assessment"]["urgency"],
                f"the result says {urgency!r}, the API {expected['assessment']['urgency']!r}",
            )
            check(result.get_attribute("data-offline") is None, "the result was drawn offline")
            check(not errors, f"errors on the phone: {errors}")

            # Both hosts served the walk before the kill, app2 alone after it.
            after = walk_requests(lab)
            check(before_kill["app1"] > 0 and before_kill["app2"] > 0, f"before: {before_kill}")
            check(after["app1"] == before_kill["app1"], f"app1 answered after its death: {after}")
            check(after["answers"] == len(given), f"{len(given)} answers; the hosts: {after}")
            counted["walk"] = (
                f"walk {len(given)} answers across a kill (requests: app1 {after['app1']}, "
                f"app2 {before_kill['app2']} + {after['app2'] - before_kill['app2']} after)"
            )
        finally:
            context.close()


# Reminders, backup and restore -----------------------------------------------------------------

MAKE_DATA = """
import json, os, uuid
from decimal import Decimal
from django.utils import timezone
from apps.phones.services import create_device
from apps.diary import services as diary
from apps.reminders import services as reminders
device, _ = create_device()
for n in (1, 2):
    diary.record_check_in(device=device, key=uuid.uuid4(), size_cm=Decimal("2.5"), size_word="",
        pain=n, red=False, hot=False, leaking=False, colour_changed=False, note=f"check-in {n}")
for s in json.loads(os.environ["TEST_SUBSCRIPTIONS"]):
    reminders.save_subscription(device=device, endpoint=s["endpoint"], p256dh=s["keys"]["p256dh"],
        auth=s["keys"]["auth"], origin="https://lumpguide.test/")
"""

DUE_NOW = """
import json, os
from django.utils import timezone
from apps.phones.models import Device
from apps.reminders import services as reminders
now = timezone.now()
print(json.dumps([reminders.schedule_reminder(device=Device.objects.get(), local_date=now.date(),
    local_time=now.time().replace(second=0, microsecond=0), tz_name="UTC", channel="push").pk
    for _ in range(int(os.environ["TEST_REMINDERS"]))]))
"""

READ_STATES = """
import json
from apps.reminders.models import PushAttempt, Reminder
print(json.dumps({
    "reminders": list(Reminder.objects.values_list("pk", "state", "attempts", "last_error")),
    "attempts": list(PushAttempt.objects.values_list("reminder_id", "outcome", "status_code")),
}))
"""

READ_DATA = """
import json
from apps.diary.models import CheckIn
from apps.phones.models import Device
from apps.reminders import push
from apps.reminders.models import PushSubscription, Reminder
def rows(model, *fields):
    return list(model.objects.order_by("pk").values_list("pk", *fields))
print(json.dumps({
    "devices": rows(Device, "key_hash"),
    "check-ins": rows(CheckIn, "device_id", "note", "size_cm", "pain", "recorded_at"),
    "reminders": rows(Reminder, "device_id", "state", "channel", "due_at", "version", "sent_at"),
    "subscriptions": rows(PushSubscription, "device_id", "endpoint", "p256dh", "auth"),
    "public_key": push.application_server_key(),
}, default=str))
"""


def remind_now(lab: Lab, server: Server, count: int) -> Counter:
    """`count` reminders due now for the one phone, set on `server`: wait until the push
    service has accepted each for each subscription and each says "sent", then watch a
    little longer for a second copy. The copies per (reminder, subscription)."""
    seen_before = len(pushes_received(lab))
    ids = json.loads(server.manage(code=DUE_NOW, env={"TEST_REMINDERS": str(count)}))

    def accepted() -> Counter:
        pushes = pushes_received(lab)[seen_before:]
        return Counter((p["reminder"], p["path"]) for p in pushes if p["status"] in (201, 202))

    def states() -> dict:
        return json.loads(server.manage(code=READ_STATES))

    def all_sent() -> bool:
        return all(s == "sent" for pk, s, *_ in states()["reminders"] if pk in ids)

    def why() -> str:
        return f"(the database says {states()})"

    wait_until("the pushes", lambda: len(accepted()) >= len(ids) * SUBSCRIBERS, 90, 0.5, why)
    wait_until('"sent"', all_sent, timeout=30, every=1, why=why)
    time.sleep(WATCH_FOR_COPIES)
    copies = accepted()
    check(all(p["vapid_ok"] for p in pushes_received(lab)), "a push without a valid VAPID JWT")
    check({reminder for reminder, _ in copies} == set(ids), f"pushes {copies}, reminders {ids}")
    check(all(n == 1 for n in copies.values()), f"sent more than once: {copies}")
    check(len(copies) == len(ids) * SUBSCRIBERS, f"{len(copies)} pushes for {ids}")
    return copies


def backup_and_restore(lab: Lab, release: Path, app2: Server, counted: dict) -> None:
    """deploy/backup.sh on the first server; deploy/restore.sh on a new one, whose database is
    db2: the same rows, the backup's secret key, the same VAPID key; then a reminder set on
    the new server reaches the subscriptions made before the backup."""
    before = json.loads(app2.manage(code=READ_DATA))
    output = lab.run(
        "app2",
        release / "deploy" / "backup.sh",
        env=app2.env
        | {"LUMPGUIDE_ENV_FILE": str(app2.settings), "BACKUP_DIR": str(lab.tmp / "backups")},
    )
    archive = Path(output.split()[-1])
    check(archive.stat().st_mode & 0o077 == 0, "the backup can be read by others")
    app2.stop()  # the first server is gone...
    vapid_key = lab.vapid.read_bytes()
    lab.vapid.unlink()  # ...with its files

    # The new server: `make deploy` wrote its settings (a new secret key, its own database).
    db2 = start_postgres(lab, "db2")
    new_settings = write_settings(
        lab,
        release,
        lab.tmp / "app2-new" / "lumpguide.env",
        host="app2",
        database_url=db2,
        secret_key=secrets.token_urlsafe(50),
    )
    lab.run(
        "app2",
        release / "deploy" / "restore.sh",
        env=app2.env | {"LUMPGUIDE_ENV_FILE": str(new_settings), "FILE": str(archive)},
    )
    restored = read_env_file(new_settings)
    check(restored["DATABASE_URL"] == db2, "the restore did not keep the new server's database")
    check(restored["DJANGO_SECRET_KEY"] == app2.env["DJANGO_SECRET_KEY"], "secret key not back")
    check(lab.vapid.exists() and lab.vapid.read_bytes() == vapid_key, "VAPID key not back")
    new_server = Server(lab, "app2", release, new_settings)
    after = json.loads(new_server.manage(code=READ_DATA))
    for table in ("devices", "check-ins", "reminders", "subscriptions", "public_key"):
        check(after[table] == before[table], f"the {table} differ after the restore")
    counts = {table: len(after[table]) for table in ("devices", "check-ins", "reminders")}
    counts["subscriptions"] = len(after["subscriptions"])
    counted["restore"] = "backup→restore " + ", ".join(
        f"{n} {table[:-1] if n == 1 else table}" for table, n in counts.items()
    )

    new_server.start("worker")
    keys_before = {p["vapid_key"] for p in pushes_received(lab)}
    copies = remind_now(lab, new_server, 1)
    keys = {p["vapid_key"] for p in pushes_received(lab)}
    check(keys == keys_before, "the pushes after the restore are signed with another VAPID key")
    counted["restore"] += f", then 1 reminder → {sum(copies.values())} pushes, same VAPID key"


# The test ------------------------------------------------------------------------------------


def give_up(signum, frame) -> None:
    raise Shortfall(f"over {TIME_LIMIT} s" if signum == signal.SIGALRM else "stopped")


def main() -> int:
    check(os.geteuid() == 0, "run as root: the test makes network namespaces")
    started = time.monotonic()
    counted: dict[str, str] = {}
    lab = None
    signal.signal(signal.SIGALRM, give_up)
    signal.signal(signal.SIGTERM, give_up)
    signal.alarm(TIME_LIMIT)
    try:
        install_packages()
        lab = Lab()
        make_network(lab)
        database_url = start_postgres(lab, "db")
        subscriptions = start_push(lab)
        release, commit = make_release(lab)
        print(f"test-deploy: release {commit} (git archive HEAD) in {lab.tmp}", flush=True)

        # Two app hosts with one secret key and one VAPID key file; the database made ready
        # once, from app1, as deploy.sh does; then Caddy in front of both.
        secret_key = secrets.token_urlsafe(50)
        app1, app2 = (
            Server(
                lab,
                host,
                release,
                write_settings(
                    lab,
                    release,
                    lab.tmp / host / "lumpguide.env",
                    host=host,
                    database_url=database_url,
                    secret_key=secret_key,
                ),
            )
            for host in ("app1", "app2")
        )
        for step in deploy_steps(release):
            app1.manage(*step)
        app1.start()
        app2.start()
        root_ca = start_proxy(lab, release)
        spanish = lab.curl(
            "phone", "--cacert", root_ca, "-H", "Accept-Language: es", f"https://{SITE}/"
        )
        check("Ha encontrado un bulto" in (spanish or ""), "the pages are not in Spanish")

        # The phone installs the app and walks the questions; app1 dies on the way.
        use_the_phone(lab, root_ca, app1, counted)

        # While app1 is down, one phone with 2 check-ins and SUBSCRIBERS subscriptions sets
        # REMINDERS reminders due now, through app2, whose worker is the only one left.
        app2.manage(code=MAKE_DATA, env={"TEST_SUBSCRIPTIONS": json.dumps(subscriptions)})
        copies = remind_now(lab, app2, REMINDERS)
        counted["reminders"] = (
            f"{len({r for r, _ in copies})}/{REMINDERS} reminders once each "
            f"({sum(copies.values())} pushes to {SUBSCRIBERS} subscriptions)"
        )

        backup_and_restore(lab, release, app2, counted)

        errors = re.findall(r'"status": ?(5\d\d)', lab.log("proxy"))
        check(not errors, f"Caddy answered {len(errors)} requests with an error: {errors}")
        seconds = time.monotonic() - started
        print(" · ".join(["test-deploy: ok", *counted.values(), f"{seconds:.0f} s"]), flush=True)
        return 0
    except Exception as exc:  # noqa: BLE001  (whatever it is, it is said in one line)
        if not isinstance(exc, Shortfall):
            traceback.print_exc()
        seconds = time.monotonic() - started
        print(" · ".join(["test-deploy: FAILED", *counted.values(), f"{seconds:.0f} s"]))
        print(f"test-deploy: {exc}", file=sys.stderr)
        print(f"test-deploy: the hosts' logs are in {ARTIFACTS}", file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
        if lab is not None:
            lab.cleanup()


if __name__ == "__main__":
    if sys.argv[1:2] == ["push-service"]:
        serve_push(sys.argv[2])
    else:
        sys.exit(main())
