"""Time the import of 50,000 candidate rows (Bullhorn Candidate layout, 3 skills each, half of
them with a work history entry) through the same services as /import/: preview, then the
write in one transaction, on the database DATABASE_URL names.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dialready_imp \\
        .venv/bin/python bench/import_candidates.py [ROWS]

Target: under 60 s on PostgreSQL for the whole (preview + write). The imported candidates are
deleted afterwards; the figure is printed and, on PostgreSQL, appended to RESULTS.md."""

import datetime
import resource
import sys
import tempfile
import time
from pathlib import Path

from _setup import machine, setup_django

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
TARGET_S = 60.0
SKILLS = ("Kubernetes", "Terraform", "Python", "Kafka", "Go", "PostgreSQL", "React", "AWS")


def write_csv(path: Path, n: int) -> None:
    """The file on disk, written a line at a time: the import reads it as a stream, so the
    peak memory measured is the import's own."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "id,firstName,lastName,email,mobile,occupation,address.city,status,skillSet,"
            "companyName\n"
        )
        for i in range(n):
            skills = ", ".join(
                f"{SKILLS[(i + k) % len(SKILLS)]} ({(i + k) % 9 + 1})" for k in range(3)
            )
            out.write(
                f"B{i},First{i},Last{i},bench{i}@example.test,+1 555 {i:07d},Engineer {i % 40},"
                f'City {i % 90},Active,"{skills}",Employer {i % 500}\n'
            )


def _file(path: Path):
    from django.core.files import File

    return File(path.open("rb"), name="bench.csv")


def main() -> None:
    vendor = setup_django()
    from django.conf import settings
    from django.db import connection, transaction

    from accounts.models import User

    settings.IMPORT_MAX_BYTES = 100_000_000
    user = User.objects.filter(role=User.Role.MANAGER, team__isnull=False).first()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.csv"
        write_csv(path, ROWS)
        with transaction.atomic():  # rolled back: the database is left as it was
            line = _measure(user, path, vendor)
            transaction.set_rollback(True)
    print(line)
    print(machine())
    if connection.vendor == "postgresql":
        _record(line)


def _measure(user, path: Path, vendor: str) -> str:
    from imports.models import ImportRun
    from imports.services import (
        importrun_analyse,
        importrun_confirm,
        importrun_create,
        importrun_execute,
    )

    started = time.perf_counter()
    run = importrun_create(user=user, kind="candidates", file=_file(path))
    run = importrun_analyse(run_id=run.pk)
    previewed = time.perf_counter()
    importrun_confirm(run=run, user=user, skill_choices={}, enqueue=lambda pk: None)
    run = importrun_execute(run_id=run.pk)
    finished = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    assert run.status == ImportRun.Status.DONE, run.message
    total = finished - started
    # The same file again: every row matched to its link and found unchanged, nothing written.
    again_started = time.perf_counter()
    again = importrun_create(user=user, kind="candidates", file=_file(path))
    again = importrun_analyse(run_id=again.pk)
    importrun_confirm(run=again, user=user, skill_choices={}, enqueue=lambda pk: None)
    again = importrun_execute(run_id=again.pk)
    again_s = time.perf_counter() - again_started
    assert again.result["unchanged"] == run.total, again.result
    line = (
        f"{run.total:,} candidate rows ({path.stat().st_size / 1e6:.1f} MB CSV) on {vendor}: preview "
        f"{previewed - started:.1f} s, write {finished - previewed:.1f} s, total {total:.1f} s "
        f"(target {TARGET_S:.0f} s: {'met' if total < TARGET_S else 'MISSED'}); process memory "
        f"peak (RSS) {peak / 1e6:.0f} MB; result {run.result}; the same file again "
        f"{again_s:.1f} s ({again.result['unchanged']:,} unchanged)"
    )
    return line


def _record(line: str) -> None:
    from django.db import connection

    if True:
        stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            pg = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        with (Path(__file__).parent / "RESULTS.md").open("a") as results:
            results.write(
                f"\n## {stamp} · import_candidates · {machine()} · {pg}\n\n"
                f"`bench/import_candidates.py`: a Bullhorn Candidate export of {ROWS:,} rows "
                "(3 skills each) read, matched and previewed, then written in one transaction "
                "with history (bulk inserts), through the /import/ services.\n\n"
                f"- {line}\n"
            )


if __name__ == "__main__":
    main()
