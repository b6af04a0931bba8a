"""Server time of the key pages against a bare signed-in page, in-process (Django test client,
warm), on a large dataset. Prints a table and appends it to bench/RESULTS.md.

Usage: DATABASE_URL=postgres://… .venv/bin/python bench/pages.py [--scale 20] [--requests 30]
Without DATABASE_URL it runs on a throwaway SQLite file (small scale; for a smoke test)."""

import argparse
import datetime
import os
import statistics
import sys
import time

from _setup import ROOT, machine

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    parser.add_argument(
        "--only", default="", help="time only the pages whose label holds this text (e.g. board)"
    )
    return parser.parse_args()


def ensure_data(scale: int) -> None:
    from django.core.management import call_command

    from accounts.models import Team

    call_command("migrate", verbosity=0)
    _analyze()
    if Team.objects.filter(name__startswith=f"Bulk team {scale}-").exists():
        print(f"Reusing the scale-{scale} dataset already in the database.")
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        return
    print(f"Seeding seed_demo --scale {scale} (once; later runs reuse it)…")
    started = time.perf_counter()
    call_command("seed_demo", scale=scale)
    print(f"  seeded in {time.perf_counter() - started:.0f} s")
    _analyze()


def _analyze() -> None:
    """Fresh planner statistics and visibility maps, so every run plans its queries on the same
    facts as a production database that autovacuum keeps: a bulk-loaded table is never vacuumed
    until autovacuum gets to it, and until then PostgreSQL cannot use index-only scans on it
    (the candidate search's skill match read 1,768 heap blocks instead of 19)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def pick_subjects():
    from django.db.models import Count

    from accounts.models import User
    from callplans.models import CallPlan
    from joborders.models import JobOrder

    salesperson = User.objects.get(username="bulk1_t1_s1")
    manager = User.objects.get(username="bulk1_t1_m")
    plan = (
        CallPlan.objects.filter(author=salesperson)
        .annotate(n=Count("submittal__job_order__requirements"))
        .order_by("-n", "pk")
        .first()
    )
    job = JobOrder.objects.filter(owner=salesperson).order_by("-updated_at").first()
    return salesperson, manager, plan, job


def time_page(
    client, url: str, requests: int, *, baseline: tuple | None = None
) -> tuple[float, float, int, int, float]:
    """Median and p95 seconds, queries and status of `url`, and the median of the bare page
    timed interleaved with it (`baseline`: its client and URL, one request before each of the
    page's), so both see the same machine: other engineers' test runs share these two cores."""
    from django.db import connection

    for _ in range(3):
        response = client.get(url)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    timings, bare = [], []
    for _ in range(requests):
        if baseline is not None:
            started = time.perf_counter()
            baseline[0].get(baseline[1])
            bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - started)
    timings.sort()
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    bare_median = statistics.median(bare) if bare else statistics.median(timings)
    return statistics.median(timings), p95, len(queries), response.status_code, bare_median


def main() -> None:
    args = parse_args()
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = "sqlite:////tmp/dialready-bench-pages.sqlite3"
        args.scale = min(args.scale, 1)
    import django
    from django.test import Client, override_settings

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.urls import NoReverseMatch, reverse

    ensure_data(args.scale)
    salesperson, manager, plan, job = pick_subjects()
    pages = [
        ("baseline (base.html, no queries)", salesperson, "/bench/baseline/"),
        ("dashboard, salesperson", salesperson, "/"),
        ("dashboard, manager", manager, "/"),
        ("job order list", salesperson, "joborders:list"),
        ("job order detail", salesperson, ("joborders:detail", job.pk)),
        ("candidate search by skill (k8s)", salesperson, ("candidates:list", None, "?q=k8s")),
        ("plan page", salesperson, ("callplans:detail", plan.pk)),
        ("plan PDF (unchanged plan)", salesperson, ("callplans:pdf", plan.pk)),
        (
            "manager review list, filtered",
            manager,
            ("review:list", None, "?status=draft&sort=interview"),
        ),
        ("metrics", manager, ("metrics:index", None, "?scope=team")),
        ("money board, salesperson", salesperson, "board:index"),
        ("money board, manager (team)", manager, ("board:index", None, "?scope=team")),
        ("coaching table, manager", manager, "coaching:index"),
        ("notifications", salesperson, "notifications:list"),
    ]
    rows = []
    with override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["*"], DEBUG=False):
        bare = Client()
        bare.force_login(salesperson)
        for _ in range(3):
            bare.get(pages[0][2])
        for label, user, target in pages:
            if args.only and args.only not in label and target != pages[0][2]:
                continue
            url = _url(reverse, NoReverseMatch, target)
            if url is None:
                rows.append((label, None))
                continue
            client = Client()
            client.force_login(user)
            interleaved = None if url == pages[0][2] else (bare, pages[0][2])
            rows.append((label, time_page(client, url, args.requests, baseline=interleaved)))
    vendor = connection.vendor
    version = connection.cursor().connection.info.server_version if vendor == "postgresql" else ""
    header = (
        f"## {datetime.datetime.now():%Y-%m-%d %H:%M} · {machine()} · {vendor} {version}"
        f" · scale {args.scale} · {args.requests} requests per page\n\n"
        "Every request renders the page from the database (there is no page cache).\n\n"
        "Each page's ratio is to the bare page timed interleaved with it (its median in the"
        " last column).\n\n"
        "| page | median ms | p95 ms | × baseline | queries | status | baseline ms |\n"
        "|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for label, result in rows:
        if result is None:
            lines.append(f"| {label} | not built | | | | |")
            continue
        median, p95, queries, status, baseline = result
        lines.append(
            f"| {label} | {median * 1000:.1f} | {p95 * 1000:.1f} | {median / baseline:.2f} |"
            f" {queries} | {status} | {baseline * 1000:.1f} |"
        )
    table = header + "\n".join(lines) + "\n"
    print(table)
    if not args.no_record and vendor == "postgresql":
        with open(ROOT / "bench" / "RESULTS.md", "a") as results:
            results.write("\n" + table)
        print("Appended to bench/RESULTS.md")
    del settings
    sys.exit(0)


def _url(reverse, no_reverse_match, target):
    if isinstance(target, str) and target.startswith("/"):
        return target
    name, arg, query = (target, None, "") if isinstance(target, str) else (*target, "")[:3]
    try:
        return reverse(name, args=[arg] if arg is not None else []) + query
    except no_reverse_match:
        return None


if __name__ == "__main__":
    main()
