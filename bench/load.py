"""Load test: gunicorn (2 workers, production settings, PostgreSQL) under wrk on loopback, a
signed-in salesperson rotating the dashboard, a job order, a call plan and its PDF. Prints
requests/s, p50/p90/p99 and the status distribution (every response must be 2xx), and appends the
table to bench/RESULTS.md.

Usage: .venv/bin/python bench/load.py [--seconds 60] [--connections 50] [--keep]
Needs PostgreSQL on 127.0.0.1 (user postgres) and wrk (`apt-get install -y wrk`). Uses its own
database, dialready_load (migrated, seeded with the demo data), dropped at the end unless --keep.
wrk, gunicorn and PostgreSQL share the machine's cores: the figures are for this box as it was."""

import argparse
import contextlib
import dataclasses
import datetime
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from _setup import ROOT, machine

BIN = ROOT / ".venv" / "bin"
PG = ["-h", "127.0.0.1", "-U", "postgres"]
RESULTS = ROOT / "bench" / "RESULTS.md"
FRIENDLY = "DialReady can't reach its database right now"

# Runs inside the app (production settings): a session for the user, as a login would leave it,
# and the four pages of the load.
_SUBJECTS_SCRIPT = """
import json, django
django.setup()
from django.test import Client
from django.urls import reverse
from accounts.models import User
from callplans.models import CallPlan
user = User.objects.get(username=USERNAME)
plan = CallPlan.objects.select_related("submittal__job_order").get(
    submittal__candidate__last_name="Morgan"
)
client = Client()
client.force_login(user)
print("SUBJECTS " + json.dumps({
    "session": client.cookies["sessionid"].value,
    "name": str(user),
    "pages": {
        "dashboard": reverse("dashboard"),
        "job order": reverse("joborders:detail", args=[plan.submittal.job_order.pk]),
        "call plan": reverse("callplans:detail", args=[plan.pk]),
        "call plan PDF": reverse("callplans:pdf", args=[plan.pk]),
    },
}))
"""

# wrk runs one Lua state per thread: each rotates the pages and counts statuses; `done` (in the
# main state) adds the threads' counts up and prints everything as one JSON line.
_WRK_LUA = """
local paths = PATHS
local n = 0
statuses = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

-- The wall-clock time of each switch between 5xx and other answers (a fault test's outage and
-- recovery as clients saw them). wrk has no clock, hence `date`; it runs only on a switch.
transitions = {}
local failing = false

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if (status >= 500) ~= failing and #transitions < 100 then
    failing = status >= 500
    local clock = io.popen("date +%s.%N")
    transitions[#transitions + 1] = string.format("[%d, %s]", failing and 1 or 0, clock:read("*l"))
    clock:close()
  end
end

function done(summary, latency, requests)
  local counts = {}
  local switches = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[#counts + 1] = string.format('[%d, %d]', status, count)
    end
    for _, switch in ipairs(thread:get("transitions")) do
      switches[#switches + 1] = switch
    end
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %.0f, "bytes": %.0f, '
    .. '"statuses": [%s], "transitions": [%s], '
    .. '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "non_2xx_3xx": %d}, '
    .. '"latency_us": {"p50": %.0f, "p90": %.0f, "p99": %.0f, "max": %.0f, "mean": %.0f}}\\n',
    summary.requests, summary.duration, summary.bytes, table.concat(counts, ", "),
    table.concat(switches, ", "),
    e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
"""


@dataclasses.dataclass(frozen=True)
class Subjects:
    session: str
    name: str
    pages: dict[str, str]


@dataclasses.dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    statuses: dict[int, int]
    errors: dict[str, int]
    latency_ms: dict[str, float]
    # (now failing with 5xx?, wall-clock time) for each switch a wrk thread saw, in time order.
    transitions: list[tuple[bool, float]] = dataclasses.field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def non_2xx(self) -> int:
        return sum(count for status, count in self.statuses.items() if not 200 <= status < 300)

    @property
    def socket_errors(self) -> int:
        return sum(v for k, v in self.errors.items() if k != "non_2xx_3xx")

    def status_text(self) -> str:
        return ", ".join(f"{s} × {c}" for s, c in sorted(self.statuses.items())) or "none"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="length of the load (max 300)")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--database", default="dialready_load")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args()
    if not 1 <= args.seconds <= 300 or not 1 <= args.connections <= 200:
        parser.error("keep the load bounded: 1-300 seconds, 1-200 connections")
    return args


def require_tools() -> None:
    """Without wrk or a local PostgreSQL there is nothing to measure: say so and skip (exit 0),
    so `make bench` still runs the other scripts on a laptop."""
    tools = ("wrk", "createdb", "dropdb", "psql", "pg_isready")
    missing = [tool for tool in tools if not shutil.which(tool)]
    if missing:
        print(f"Skipped: needs {', '.join(missing)} (apt-get install -y wrk postgresql-client).")
        sys.exit(0)
    if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode != 0:
        print("Skipped: needs PostgreSQL accepting connections on 127.0.0.1 (user postgres).")
        sys.exit(0)


# --- The app under production settings -------------------------------------------------------


def production_env(database: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: no TLS to redirect to.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run([BIN / "python", "manage.py", *command], cwd=ROOT, env=env, check=True)


def database_exists(database: str) -> bool:
    query = f"SELECT 1 FROM pg_database WHERE datname = '{database}'"
    result = subprocess.run(
        ["psql", *PG, "-Atc", query], capture_output=True, text=True, check=True
    )
    return result.stdout.strip() == "1"


def prepare_database(env: dict[str, str], database: str) -> None:
    if database_exists(database):
        print(f"Reusing database {database}.")
    else:
        subprocess.run(["createdb", *PG, database], check=True)
        print(f"Created database {database}.")
    manage(env, "migrate", "--noinput", "-v0")
    with open(os.devnull, "w") as quiet:
        subprocess.run(
            [BIN / "python", "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True, stdout=quiet
        )
    # Production serves hashed static files from the manifest (./staticfiles is git-ignored).
    manage(env, "collectstatic", "--noinput", "-v0")


def drop_database(database: str) -> None:
    subprocess.run(["dropdb", *PG, "--if-exists", "--force", database], check=False)
    print(f"Dropped database {database}.")


def server_version() -> str:
    result = subprocess.run(
        ["psql", *PG, "-Atc", "SHOW server_version"], capture_output=True, text=True
    )
    return result.stdout.split()[0] if result.stdout.strip() else "?"


def subjects(env: dict[str, str], username: str = "sam") -> Subjects:
    script = _SUBJECTS_SCRIPT.replace("USERNAME", repr(username))
    result = subprocess.run(
        [BIN / "python", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("SUBJECTS ")), None)
    if line is None:
        sys.exit(f"Could not sign {username} in:\n{result.stderr}")
    return Subjects(**json.loads(line.removeprefix("SUBJECTS ")))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    data: bytes | None = None,
    timeout: float = 10,
):
    """(status, headers, body) without following redirects; raises OSError if nothing answers."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Gunicorn:
    """One app server on 127.0.0.1:port; `stop()` is safe to call twice."""

    def __init__(self, env: dict[str, str], *, workers: int = 2, port: int | None = None):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix=f"dialready-gunicorn-{self.port}-")[1])
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [
                    BIN / "gunicorn",
                    "config.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(workers),
                    "--graceful-timeout",
                    "5",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            with contextlib.suppress(OSError):
                if fetch(self.base + "/healthz")[0] == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn on {self.port} did not come up:\n{self.log.read_text()}")

    def worker_pids(self) -> set[int]:
        pids = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                # pid (comm) state ppid …: comm may hold spaces, so split after the last ')'.
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                if ppid == self.process.pid:
                    pids.add(int(stat.parent.name))
        return pids

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with contextlib.suppress(OSError):
            self.log.unlink()


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2) -> Iterator[Gunicorn]:
    server = Gunicorn(env, workers=workers)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


# --- Measuring -------------------------------------------------------------------------------


def check_pages(server: Gunicorn, who: Subjects) -> list[tuple[str, str, float, int, str]]:
    """Each page answered alone (warm: the first request renders and caches the PDF):
    (label, path, median ms of 10, status, content type)."""
    cookie = {"Cookie": f"sessionid={who.session}"}
    rows = []
    for label, path in who.pages.items():
        for _ in range(2):
            status, headers, body = fetch(server.base + path, headers=cookie)
        if status != 200:
            raise RuntimeError(f"{label} {path} answered {status}:\n{body[:2000]!r}")
        if label == "dashboard" and who.name.encode() not in body:
            raise RuntimeError(f"The dashboard does not name {who.name}: not signed in?")
        timings = []
        for _ in range(10):
            started = time.perf_counter()
            fetch(server.base + path, headers=cookie)
            timings.append(time.perf_counter() - started)
        kind = headers.get_content_type()
        rows.append((label, path, statistics.median(timings) * 1000, status, kind))
    return rows


def start_wrk(
    server: Gunicorn, who: Subjects, *, seconds: int, connections: int, threads: int
) -> tuple[subprocess.Popen, Path]:
    paths = "{" + ", ".join(json.dumps(p) for p in who.pages.values()) + "}"
    script = Path(tempfile.mkstemp(prefix="dialready-wrk-", suffix=".lua")[1])
    script.write_text(_WRK_LUA.replace("PATHS", paths))
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={script}",
        "--header",
        f"Cookie: sessionid={who.session}",
        server.base + "/",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, script


def finish_wrk(process: subprocess.Popen, script: Path, seconds: int) -> WrkResult:
    try:
        stdout, stderr = process.communicate(timeout=seconds + 60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        script.unlink(missing_ok=True)
    match = re.search(r"^WRKJSON (.*)$", stdout, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"wrk printed no summary:\n{stdout}\n{stderr}")
    data = json.loads(match.group(1))
    statuses: dict[int, int] = {}
    for status, count in data["statuses"]:  # one pair per wrk thread and status
        statuses[status] = statuses.get(status, 0) + count
    return WrkResult(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        statuses=statuses,
        errors=data["errors"],
        latency_ms={k: v / 1000 for k, v in data["latency_us"].items()},
        transitions=sorted(((bool(f), t) for f, t in data["transitions"]), key=lambda x: x[1]),
    )


def record(table: str) -> None:
    with RESULTS.open("a") as results:
        results.write("\n" + table)
    print(f"Appended to {RESULTS.relative_to(ROOT)}")


def load_table(args, result: WrkResult, pages, load_before: float, load_after: float) -> str:
    lat = result.latency_ms
    lines = [
        f"## {datetime.datetime.now():%Y-%m-%d %H:%M} · load · {machine()} ·"
        f" PostgreSQL {server_version()}",
        "",
        f"gunicorn 2 sync workers, production settings, wrk {args.threads} threads ×"
        f" {args.connections} connections × {result.seconds:.0f} s on 127.0.0.1, a signed-in"
        " salesperson rotating the four pages below. wrk, gunicorn and PostgreSQL share the"
        f" same {os.cpu_count()} cores with whatever else runs (other engineers' tests): load"
        f" average {load_before:.1f} before the load, {load_after:.1f} at its end.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| requests | {result.requests} |",
        f"| requests/s | {result.per_second:.1f} |",
        f"| latency p50 / p90 / p99 / max | {lat['p50']:.0f} / {lat['p90']:.0f} /"
        f" {lat['p99']:.0f} / {lat['max']:.0f} ms |",
        f"| statuses | {result.status_text()} |",
        f"| non-2xx responses | **{result.non_2xx}** |",
        "| socket errors (connect / read / write / timeout) | "
        + " / ".join(str(result.errors[k]) for k in ("connect", "read", "write", "timeout"))
        + " |",
        "",
        "| page (alone, before the load) | path | median ms of 10 | status | type |",
        "|---|---|---|---|---|",
        *(f"| {lb} | `{p}` | {ms:.1f} | {st} | {kind} |" for lb, p, ms, st, kind in pages),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    args = parse_args()
    require_tools()
    env = production_env(args.database)
    try:
        prepare_database(env, args.database)
        who = subjects(env)
        with gunicorn(env, workers=2) as server:
            pages = check_pages(server, who)
            load_before = os.getloadavg()[0]
            print(f"wrk: {args.connections} connections for {args.seconds} s on {server.base}…")
            process, script = start_wrk(
                server,
                who,
                seconds=args.seconds,
                connections=args.connections,
                threads=args.threads,
            )
            result = finish_wrk(process, script, args.seconds)
            load_after = os.getloadavg()[0]
    finally:
        if not args.keep:
            drop_database(args.database)
    table = load_table(args, result, pages, load_before, load_after)
    print(table)
    if not args.no_record:
        record(table)
    if result.non_2xx or result.socket_errors:
        sys.exit(f"{result.non_2xx} non-2xx responses, {result.socket_errors} socket errors")


if __name__ == "__main__":
    main()
