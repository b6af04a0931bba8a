"""Requests/s of the plan page under gunicorn (2 workers, production settings, PostgreSQL) as a
ratio to the baseline page (signed-in base.html) under the same wrk load, and each worker's
memory after 10,000 mixed requests. Targets: the ratio is reported; RSS < 150 MB.

Usage: .venv/bin/python bench/throughput.py [--seconds 15] [--keep]   (loopback only, bounded)"""

import argparse
import datetime
from pathlib import Path

from _setup import machine
from load import (
    Subjects,
    drop_database,
    finish_wrk,
    gunicorn,
    prepare_database,
    production_env,
    record,
    require_tools,
    server_version,
    start_wrk,
    subjects,
)

DATABASE = "dialready_throughput"
MIXED_REQUESTS = 10_000


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(server, who: Subjects, pages: dict[str, str], seconds: int, connections: int):
    one = Subjects(session=who.session, name=who.name, pages=pages)
    process, script = start_wrk(server, one, seconds=seconds, connections=connections, threads=2)
    return finish_wrk(process, script, seconds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    require_tools()
    env = {**production_env(DATABASE), "DJANGO_SETTINGS_MODULE": "bench.settings"}
    prepare_database(env, DATABASE)
    try:
        who = subjects(env)
        with gunicorn(env) as server:
            plan = who.pages["call plan"]
            baseline = run(
                server, who, {"baseline": "/bench/baseline/"}, args.seconds, args.connections
            )
            planned = run(server, who, {"plan": plan}, args.seconds, args.connections)
            mixed = {"baseline": "/bench/baseline/", **who.pages}
            served = baseline.requests + planned.requests
            non_2xx = baseline.non_2xx + planned.non_2xx
            while served < MIXED_REQUESTS:
                result = run(server, who, mixed, args.seconds, args.connections)
                served += result.requests
                non_2xx += result.non_2xx
            workers = sorted(server.worker_pids())
            memory = [rss_mb(pid) for pid in workers]
        table = (
            f"## {datetime.datetime.now():%Y-%m-%d %H:%M} · throughput · {machine()}"
            f" · PostgreSQL {server_version()}\n\n"
            f"gunicorn 2 sync workers, production settings, demo data; wrk 2 threads ×"
            f" {args.connections} connections × {args.seconds} s per run on 127.0.0.1.\n\n"
            "| figure | value |\n|---|---|\n"
            f"| baseline page (signed-in base.html) | {baseline.per_second:.0f} req/s, p50"
            f" {baseline.latency_ms.get('p50', 0):.0f} ms |\n"
            f"| plan page | {planned.per_second:.0f} req/s, p50"
            f" {planned.latency_ms.get('p50', 0):.0f} ms |\n"
            f"| plan page ÷ baseline (requests/s) | {planned.per_second / baseline.per_second:.2f} |\n"
            f"| requests served in total (mixed: baseline, dashboard, job order, plan, PDF) |"
            f" {served} |\n"
            f"| non-2xx responses | {non_2xx} |\n"
            f"| worker RSS after them (target < 150 MB) |"
            f" {', '.join(f'{m:.0f} MB' for m in memory)} |\n"
        )
        print(table)
        record(table)
    finally:
        if not args.keep:
            drop_database(DATABASE)


if __name__ == "__main__":
    main()
