"""Time one skill merge that moves 1,000 candidate skills (100 of them onto candidates who also
have the survivor, so combined) in one transaction, on the database DATABASE_URL names.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dialready_h_skills \\
        .venv/bin/python bench/skill_merge.py

Target: under 2 s on PostgreSQL. The rows are made inside a transaction that is rolled back, so
the database is left as it was; the figure is appended to RESULTS.md (PostgreSQL only)."""

import datetime
import statistics
import time
from pathlib import Path

from _setup import machine, setup_django

ROWS, COMBINED, RUNS = 1_000, 100, 5
TARGET_S = 2.0


def main() -> None:
    vendor = setup_django()
    from django.db import connection, transaction

    from accounts.models import User
    from candidates.models import Candidate, CandidateSkill
    from candidates.services import skill_create
    from skills.services import skill_merge

    manager = User.objects.filter(role=User.Role.MANAGER).first()
    owner = User.objects.filter(role=User.Role.SALESPERSON).first()
    timings = []
    for run in range(RUNS):
        with transaction.atomic():
            source = skill_create(name=f"Bench merge source {run}")
            target = skill_create(name=f"Bench merge target {run}")
            people = Candidate.objects.bulk_create(
                Candidate(first_name="Bench", last_name=f"{run}-{i}", owner=owner)
                for i in range(ROWS)
            )
            CandidateSkill.objects.bulk_create(
                CandidateSkill(candidate=c, skill=source, years=3) for c in people
            )
            CandidateSkill.objects.bulk_create(
                CandidateSkill(candidate=c, skill=target, years=1) for c in people[:COMBINED]
            )
            started = time.perf_counter()
            with transaction.atomic():
                merge = skill_merge(source=source, target=target, by=manager)
            timings.append(time.perf_counter() - started)
            assert len(merge.moved["candidate_skills"]) + len(merge.moved["combined"]) == ROWS
            transaction.set_rollback(True)
    median, worst = statistics.median(timings), max(timings)
    line = (
        f"skill merge of {ROWS} candidate skills ({COMBINED} combined), {vendor}: median "
        f"{median:.2f} s, worst {worst:.2f} s of {RUNS} (target < {TARGET_S:.0f} s)"
    )
    print(line)
    print(machine())
    if connection.vendor == "postgresql":
        version = connection.cursor().connection.info.server_version
        stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
        pg = f"PostgreSQL {version // 10000}.{version % 10000}"
        with (Path(__file__).parent / "RESULTS.md").open("a") as results:
            results.write(
                f"\n## {stamp} · skill_merge · {machine()} · {pg}\n\n"
                f"One `skills.services.skill_merge` moving {ROWS} candidate skills to the "
                f"survivor in one transaction ({ROWS - COMBINED} re-pointed, {COMBINED} combined "
                f"with the survivor's row, larger years kept), with a history row for each, "
                f"timed {RUNS} times on fresh rows that are then rolled back. Shared 2 cores.\n\n"
                f"| figure | value |\n|---|---|\n"
                f"| median | {median:.2f} s |\n| worst | {worst:.2f} s |\n"
                f"| target | < {TARGET_S:.0f} s |\n"
            )


if __name__ == "__main__":
    main()
