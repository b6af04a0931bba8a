"""Fault test: PostgreSQL stops for a while under load and comes back.

Two gunicorn servers (2 workers each, production settings) share one database. First a login on
server A must give a session that server B accepts (no per-process state). Then wrk loads server A
(as bench/load.py does) while PostgreSQL is stopped after 10 s for --outage seconds and started
again; /healthz and the dashboard are polled every 0.5 s. Reported: the statuses during the outage
(each must be the friendly 503, never a 500 or a stack trace), the time from PostgreSQL being back
to the first 200 (must be at most 5 s), and that no gunicorn worker was restarted.

PostgreSQL serves the whole machine, so the outage also hits anyone else using it: the script does
nothing unless --outage is given (`make bench` runs it bare and so skips it), stops PostgreSQL once,
and always starts it again (finally block, Ctrl+C and SIGTERM included), then checks pg_isready.

Usage: .venv/bin/python bench/faults.py --outage 10 [--keep]
       .venv/bin/python bench/faults.py --outage 0   # everything but the outage (a dry run)"""

import argparse
import contextlib
import dataclasses
import datetime
import http.cookies
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

from _setup import machine
from load import (
    FRIENDLY,
    Gunicorn,
    Subjects,
    WrkResult,
    drop_database,
    fetch,
    finish_wrk,
    prepare_database,
    production_env,
    record,
    require_tools,
    server_version,
    start_wrk,
    subjects,
)

BEFORE_SECONDS = 10
AFTER_SECONDS = 20
POLL_SECONDS = 0.5
RECOVERY_LIMIT_SECONDS = 5.0
MAX_POLLS_IN_FLIGHT = 40
DEMO_PASSWORD = "dialready-demo"


def cluster_command(action: str) -> list[str]:
    versions = sorted(os.listdir("/etc/postgresql"))
    if len(versions) != 1:
        sys.exit(f"Expected one PostgreSQL version under /etc/postgresql, found {versions}")
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main", action]
    return [*command, "-m", "fast"] if action == "stop" else command


def pg_isready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--outage",
        type=float,
        help="seconds PostgreSQL stays down (10 for the real test; 0 = no outage, a dry run)",
    )
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--database", default="dialready_faults")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args()
    if args.outage is not None and not 0 <= args.outage <= 30:
        parser.error("--outage must be between 0 and 30 seconds")
    return args


# --- The same session on two servers ---------------------------------------------------------


def _cookies(headers) -> dict[str, str]:
    """Set-Cookie read by hand: the cookies are Secure in production, and http.cookiejar
    would (rightly, for a browser) never send them back over plain http."""
    jar = http.cookies.SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def log_in(server: Gunicorn, username: str) -> str:
    """POST the login form like a browser; returns the session key the server set."""
    status, headers, body = fetch(server.base + "/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    csrf = _cookies(headers).get("csrftoken")
    if status != 200 or token is None or csrf is None:
        raise RuntimeError(f"Login page answered {status} without a CSRF token")
    form = urllib.parse.urlencode(
        {
            "username": username,
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": token.group(1).decode(),
            "next": "/",
        }
    ).encode()
    status, headers, body = fetch(
        server.base + "/accounts/login/",
        data=form,
        headers={"Cookie": f"csrftoken={csrf}"},
    )
    session = _cookies(headers).get("sessionid")
    if status != 302 or not session:
        raise RuntimeError(f"Logging in as {username} answered {status}:\n{body[:1000]!r}")
    return session


@dataclasses.dataclass(frozen=True)
class SharedSession:
    login_status: int
    other_status: int
    names_user: bool

    @property
    def ok(self) -> bool:
        return self.other_status == 200 and self.names_user


def shared_session(a: Gunicorn, b: Gunicorn, who: Subjects) -> SharedSession:
    session = log_in(a, "sam")
    status, _, body = fetch(b.base + "/", headers={"Cookie": f"sessionid={session}"})
    return SharedSession(
        login_status=302, other_status=status, names_user=who.name.encode() in body
    )


# --- Polling during the load -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Poll:
    started: float
    ended: float
    target: str
    status: int  # 0: no HTTP answer
    friendly: bool
    traceback: bool


class Poller(threading.Thread):
    def __init__(self, server: Gunicorn, who: Subjects, clock_zero: float):
        super().__init__(daemon=True)
        self.targets = {
            "healthz": ("/healthz", {}),
            "dashboard": ("/", {"Cookie": f"sessionid={who.session}"}),
        }
        self.server, self.zero = server, clock_zero
        self.polls: list[Poll] = []
        self.lock = threading.Lock()
        self.halt = threading.Event()

    def run(self) -> None:
        # Each poll in its own thread: under load a request waits seconds in the accept queue,
        # and sampling must stay at every POLL_SECONDS regardless.
        in_flight: list[threading.Thread] = []
        while not self.halt.is_set():
            tick = time.monotonic()
            in_flight = [t for t in in_flight if t.is_alive()]
            if len(in_flight) < MAX_POLLS_IN_FLIGHT:
                for target, (path, headers) in self.targets.items():
                    thread = threading.Thread(
                        target=self._poll, args=(target, path, headers), daemon=True
                    )
                    thread.start()
                    in_flight.append(thread)
            self.halt.wait(max(0.0, POLL_SECONDS - (time.monotonic() - tick)))
        for thread in in_flight:
            thread.join(timeout=15)

    def _poll(self, target: str, path: str, headers: dict[str, str]) -> None:
        started = time.monotonic() - self.zero
        try:
            status, _, body = fetch(self.server.base + path, headers=headers, timeout=30)
        except OSError:
            status, body = 0, b""
        text = body.decode(errors="replace")
        poll = Poll(
            started,
            time.monotonic() - self.zero,
            target,
            status,
            FRIENDLY in text,
            "Traceback" in text or "OperationalError" in text,
        )
        with self.lock:
            self.polls.append(poll)

    def sorted_polls(self) -> list[Poll]:
        with self.lock:
            return sorted(self.polls, key=lambda p: p.started)


# --- The outage ------------------------------------------------------------------------------


@dataclasses.dataclass
class Outage:
    """Seconds into the load. `started` is the first moment pg_isready answers: pg_ctlcluster
    itself returns (`start_returned`) a second or two after the server already accepts."""

    stop_sent: float | None = None
    stopped: float | None = None
    start_sent: float | None = None
    started: float | None = None
    start_returned: float | None = None


def _terminate(signum, frame):
    raise SystemExit(128 + signum)


def run_outage(seconds: float, clock_zero: float, outage: Outage) -> None:
    """Stop PostgreSQL, wait, start it. The caller's finally restarts it whatever happens."""
    outage.stop_sent = time.monotonic() - clock_zero
    subprocess.run(cluster_command("stop"), check=True)
    outage.stopped = time.monotonic() - clock_zero
    time.sleep(seconds)
    outage.start_sent = time.monotonic() - clock_zero
    start = subprocess.Popen(cluster_command("start"))
    while outage.started is None and time.monotonic() - clock_zero < outage.start_sent + 60:
        if pg_isready():
            outage.started = time.monotonic() - clock_zero
        else:
            time.sleep(0.1)
    if start.wait(timeout=60) != 0:
        raise subprocess.CalledProcessError(start.returncode, start.args)
    outage.start_returned = time.monotonic() - clock_zero
    if outage.started is None:
        outage.started = outage.start_returned


def ensure_postgresql_up() -> bool:
    """Start the cluster (harmless if it runs) and wait until it accepts connections."""
    for _ in range(3):
        if pg_isready():
            return True
        subprocess.run(cluster_command("start"), check=False)
        for _ in range(30):
            if pg_isready():
                return True
            time.sleep(1)
    return False


# --- Report ----------------------------------------------------------------------------------


def summarise(polls: list[Poll], outage: Outage) -> dict:
    down = [p for p in polls if outage.stopped <= p.started and p.ended <= outage.start_sent]
    before = [p for p in polls if p.ended < outage.stop_sent]
    after = [p for p in polls if p.started >= outage.started]

    def first_ok(target: str) -> Poll | None:
        """The first 200 to arrive once PostgreSQL was being started."""
        served = [
            p
            for p in polls
            if p.target == target and p.status == 200 and p.ended >= outage.start_sent
        ]
        return min(served, key=lambda p: p.ended, default=None)

    def recovery(poll: Poll | None) -> float | None:
        return None if poll is None else max(0.0, poll.ended - outage.started)

    dashboard_down = [p for p in down if p.target == "dashboard"]
    first_page, first_health = first_ok("dashboard"), first_ok("healthz")
    return {
        "down_statuses": _count(down),
        "down_friendly": bool(dashboard_down) and all(p.friendly for p in dashboard_down),
        "down_healthz_503": all(p.status == 503 for p in down if p.target == "healthz"),
        "tracebacks": sum(p.traceback for p in polls),
        "five_hundreds": sum(p.status == 500 for p in polls),
        "no_answer": sum(p.status == 0 for p in polls),
        "recovery_page": recovery(first_page),
        "recovery_healthz": recovery(first_health),
        "first_page_wait": None if first_page is None else first_page.ended - first_page.started,
        "wait_before": statistics.median(p.ended - p.started for p in before) if before else None,
        "before": _count(before),
        "after": _count(after),
    }


def clients_saw(wrk: WrkResult, outage: Outage, zero_wall: float) -> dict:
    """From wrk's switches between 5xx and 2xx: when the load's clients saw the first 503 and,
    after PostgreSQL was being started, the first 200 again (the app's recovery, free of the
    queueing a single poll suffers behind 50 busy connections)."""
    switches = [(failing, at - zero_wall) for failing, at in wrk.transitions]
    failed = next((at for failing, at in switches if failing and at >= outage.stop_sent), None)
    back = next((at for failing, at in switches if not failing and at >= outage.start_sent), None)
    return {
        "wrk_first_503": failed,
        "wrk_back": back,
        "wrk_recovery": None if back is None else max(0.0, back - outage.started),
    }


def _count(polls: list[Poll]) -> str:
    counts: dict[tuple[str, int], int] = {}
    for p in polls:
        counts[p.target, p.status] = counts.get((p.target, p.status), 0) + 1
    return ", ".join(f"{t} {s or 'no answer'} × {n}" for (t, s), n in sorted(counts.items())) or "–"


def fault_table(args, shared, summary, outage, wrk, same_workers, pids, ready_at_end) -> str:
    def secs(value: float | None) -> str:
        return "never" if value is None else f"{value:.1f} s"

    outage_row = (
        "| PostgreSQL stop sent → stopped; start sent → accepting (pg_isready) →"
        " pg_ctlcluster returned (s into the load) | "
        f"{secs(outage.stop_sent)} → {secs(outage.stopped)}; {secs(outage.start_sent)}"
        f" → {secs(outage.started)} → {secs(outage.start_returned)} |"
        if args.outage
        else "| PostgreSQL | not stopped (--outage 0, a dry run) |"
    )
    lines = [
        f"## {datetime.datetime.now():%Y-%m-%d %H:%M} · faults · outage {args.outage:g} s ·"
        f" {machine()} · PostgreSQL {server_version()}",
        "",
        f"Two gunicorn servers (2 sync workers each, production settings) on one database; wrk"
        f" {args.threads} threads × {args.connections} connections on server A for"
        f" {wrk.seconds:.0f} s; /healthz and the dashboard polled every {POLL_SECONDS} s."
        f" Shared {os.cpu_count()} cores (wrk, both servers, PostgreSQL and other engineers'"
        f" test runs): load average {os.getloadavg()[0]:.1f} at the end.",
        "",
        "| check | result |",
        "|---|---|",
        f"| login on A, session used on B | login {shared.login_status}, B answered"
        f" {shared.other_status}{', names the user' if shared.names_user else ', WITHOUT the user'}"
        f" → **{'shared' if shared.ok else 'NOT shared'}** |",
        outage_row,
        f"| polls while PostgreSQL was down | {summary['down_statuses']} |",
        f"| dashboard during the outage is the friendly 503 page |"
        f" {'yes' if summary['down_friendly'] else '**NO**'} |",
        f"| 500s / stack traces / no answer, all polls | {summary['five_hundreds']} /"
        f" {summary['tracebacks']} / {summary['no_answer']} |",
        f"| load: first 503 / first 200 again (s into the load) → recovery after PostgreSQL"
        f" accepts | {secs(summary['wrk_first_503'])} / {secs(summary['wrk_back'])} →"
        f" **{secs(summary['wrk_recovery'])}** (limit {RECOVERY_LIMIT_SECONDS:g} s) |",
        f"| first 200 on a poll after PostgreSQL accepts again: dashboard / healthz |"
        f" {secs(summary['recovery_page'])} / {secs(summary['recovery_healthz'])}"
        f" (limit {RECOVERY_LIMIT_SECONDS:g} s, polls sent every {POLL_SECONDS} s) |",
        f"| round trip of that first 200 poll (median poll before the outage) |"
        f" {secs(summary['first_page_wait'])} ({secs(summary['wait_before'])}) |",
        f"| polls before / after | {summary['before']} / {summary['after']} |",
        f"| wrk on A: requests, requests/s, statuses | {wrk.requests}, {wrk.per_second:.1f}/s,"
        f" {wrk.status_text()} |",
        "| wrk socket errors (connect / read / write / timeout) | "
        + " / ".join(str(wrk.errors[k]) for k in ("connect", "read", "write", "timeout"))
        + " |",
        f"| gunicorn workers restarted | {'none' if same_workers else '**yes**'}"
        f" (A's worker pids {sorted(pids)} before and after) |",
        f"| pg_isready -h 127.0.0.1 at the end | {'accepting' if ready_at_end else '**DOWN**'} |",
    ]
    return "\n".join(lines) + "\n"


def print_timeline(polls: list[Poll], outage: Outage) -> None:
    """The polls from just before the stop to a few seconds after the start, one a line."""
    first, last = (outage.stop_sent or 0) - 1.5, (outage.started or 0) + 6
    print("Polls around the outage (seconds into the load):")
    for p in polls:
        if first <= p.started <= last:
            marks = (
                f"{' friendly 503 page' if p.friendly else ''}{' TRACEBACK' if p.traceback else ''}"
            )
            print(
                f"  {p.started:5.1f}–{p.ended:5.1f}  {p.target:9} {p.status or 'no answer'}{marks}"
            )


def main() -> None:
    args = parse_args()
    if args.outage is None:
        print(
            "bench/faults.py stops PostgreSQL for everyone on this machine: it runs only with"
            " --outage SECONDS (10 for the real test, 0 for a dry run). Skipped."
        )
        return
    require_tools()
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)
    env = production_env(args.database)
    servers: list[Gunicorn] = []
    outage = Outage()
    stop_attempted = False
    wrk_process = None
    poller = None
    try:
        prepare_database(env, args.database)
        who = subjects(env)
        for _ in range(2):
            servers.append(Gunicorn(env, workers=2))
        for server in servers:
            server.wait_ready()
        a, b = servers
        shared = shared_session(a, b, who)
        print(f"Session from a login on A used on B: {shared}")
        for path in who.pages.values():  # warm A (the PDF cache, the templates)
            fetch(a.base + path, headers={"Cookie": f"sessionid={who.session}"})
        pids = a.worker_pids()
        seconds = round(BEFORE_SECONDS + args.outage + AFTER_SECONDS)
        zero, zero_wall = time.monotonic(), time.time()
        wrk_process, script = start_wrk(
            a, who, seconds=seconds, connections=args.connections, threads=args.threads
        )
        poller = Poller(a, who, zero)
        poller.start()
        time.sleep(BEFORE_SECONDS)
        if args.outage:
            print(f"Stopping PostgreSQL for {args.outage:g} s…")
            stop_attempted = True
            run_outage(args.outage, zero, outage)
            print("PostgreSQL started again.")
        else:
            now = time.monotonic() - zero
            outage.stop_sent = outage.stopped = outage.start_sent = outage.started = now
        wrk = finish_wrk(wrk_process, script, seconds)
        poller.halt.set()
        poller.join(timeout=15)
        same_workers = a.worker_pids() == pids and a.process.poll() is None
    finally:
        if poller is not None:
            poller.halt.set()
        if stop_attempted:
            print("Making sure PostgreSQL runs…")
        ready_at_end = ensure_postgresql_up() if stop_attempted else pg_isready()
        print(f"pg_isready -h 127.0.0.1: {'accepting connections' if ready_at_end else 'DOWN'}")
        if wrk_process is not None and wrk_process.poll() is None:
            wrk_process.kill()
            wrk_process.wait()
        for server in servers:
            server.stop()
        if not args.keep:
            with contextlib.suppress(subprocess.SubprocessError):
                drop_database(args.database)
    polls = poller.sorted_polls()
    summary = summarise(polls, outage)
    summary.update(clients_saw(wrk, outage, zero_wall))
    table = fault_table(args, shared, summary, outage, wrk, same_workers, pids, ready_at_end)
    print(table)
    if not args.no_record:
        record(table)
    print_timeline(polls, outage)
    problems = [
        not shared.ok and "the session is not shared",
        summary["five_hundreds"] and "500s",
        summary["tracebacks"] and "stack traces",
        args.outage and not summary["down_friendly"] and "an unfriendly outage page",
        args.outage and not summary["down_healthz_503"] and "/healthz not 503 while down",
        any(s >= 500 and s != 503 for s in wrk.statuses) and "5xx other than 503 under load",
        args.outage
        and (summary["wrk_recovery"] is None or summary["wrk_recovery"] > RECOVERY_LIMIT_SECONDS)
        and "slow recovery",
        not same_workers and "restarted workers",
        not ready_at_end and "PostgreSQL is down",
    ]
    if any(problems):
        sys.exit("Failed: " + ", ".join(p for p in problems if p))


if __name__ == "__main__":
    main()
