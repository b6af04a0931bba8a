"""`seed_scale`: make the missing units, in this process or in worker processes.

A unit is generated and loaded in one transaction by one process, so a unit is in the database
completely or not at all. Units whose teams already exist (by the name prefix "Bulk team <unit>-")
are skipped: running `--scale 10` twice adds nothing, and `--scale 20` after `--scale 10` adds
units 11 to 20.

With `workers` > 1 (PostgreSQL only), forked worker processes take whole units. A forked child
must not use the parent's database connection (both would talk over one socket and the server
closes it), so the parent closes every connection before forking, each child opens its own and
closes it after each unit, and the parent opens a fresh one when it next queries.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.contrib.auth.hashers import make_password
from django.db import connection, connections
from django.utils import timezone

from accounts.models import Team
from demo.scale.generate import BULK_PASSWORD, generate_unit, team_prefix, unit_sizes
from demo.scale.load import ensure_skills, load_unit
from demo.scale.rows import Sizes, Skills


@dataclass(frozen=True)
class _Run:
    """Everything a process needs to make any unit of this run."""

    scale: int
    sizes: Sizes
    skills: Skills
    password: str
    now: datetime
    seed: int


@dataclass(frozen=True)
class _Made:
    unit: int
    counts: dict[str, int]
    seconds: float
    pid: int


def seed_scale(
    *,
    scale: int,
    progress: Callable[[str], None],
    unit_size: float = 1.0,
    seed: int = 1,
    workers: int = 1,
) -> dict[str, int]:
    """Create `scale` units of bulk data, skipping units that already exist.

    `unit_size` scales the per-unit job orders, candidates and submittals (teams and people stay
    at 10 teams of 5), so tests can make a small but complete dataset. `workers` > 1 loads units
    in that many processes (PostgreSQL only, and not inside a transaction). Returns the number of
    rows created per model (keyed by model name; "Engagement_skills" is the engagement-skill link).
    """
    if workers > 1 and connection.vendor != "postgresql":
        raise ValueError("Only PostgreSQL loads in several processes; SQLite takes one writer.")
    present = _units_present()
    missing = [unit for unit in range(1, scale + 1) if unit not in present]
    for unit in sorted(present):
        if unit <= scale:
            progress(f"unit {unit}/{scale}: already there, skipped")
    if not missing:
        return {}
    counts: Counter[str] = Counter()
    skills, new_skills = ensure_skills()
    if new_skills:
        counts["Skill"] = new_skills
    run = _Run(
        scale=scale,
        sizes=unit_sizes(unit_size),
        skills=skills,
        password=make_password(BULK_PASSWORD),
        now=timezone.now(),
        seed=seed,
    )
    if workers > 1 and len(missing) > 1:
        made: Iterable[_Made] = _in_workers(run, missing, min(workers, len(missing)))
    else:
        made = (_make_unit(run, unit) for unit in missing)
    for unit in made:
        counts.update(unit.counts)
        progress(_report(run, unit))
    return dict(counts)


def _units_present() -> set[int]:
    names = Team.objects.filter(name__startswith="Bulk team ").values_list("name", flat=True)
    units: set[int] = set()
    for name in names:
        number = name.removeprefix("Bulk team ").partition("-")[0]
        if number.isdigit() and name.startswith(team_prefix(int(number))):
            units.add(int(number))
    return units


def _make_unit(run: _Run, unit: int) -> _Made:
    started = time.perf_counter()
    rows = generate_unit(
        unit=unit,
        sizes=run.sizes,
        skills=run.skills,
        password=run.password,
        now=run.now,
        seed=run.seed,
    )
    load_unit(rows, now=timezone.now())
    return _Made(
        unit=unit, counts=rows.counts(), seconds=time.perf_counter() - started, pid=os.getpid()
    )


def _make_unit_in_worker(run: _Run, unit: int) -> _Made:
    try:
        return _make_unit(run, unit)
    finally:
        connections.close_all()  # the worker's own connection; the pool may end the process


def _in_workers(run: _Run, units: list[int], workers: int) -> Iterator[_Made]:
    if connection.in_atomic_block:
        raise RuntimeError("Worker processes commit their own units; call outside a transaction.")
    connections.close_all()  # before forking: a child must never share the parent's socket
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        yield from pool.imap_unordered(partial(_make_unit_in_worker, run), units)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _report(run: _Run, made: _Made) -> str:
    c = made.counts
    where = "" if made.pid == os.getpid() else f" in process {made.pid}"
    return (
        f"unit {made.unit}/{run.scale}: {c.get('JobOrder', 0)} job orders, "
        f"{c.get('Candidate', 0)} candidates, {c.get('Engagement', 0)} engagements, "
        f"{c.get('Submittal', 0)} submittals, {c.get('CallPlan', 0)} call plans, "
        f"{c.get('ReferenceCall', 0)} reference calls ({made.seconds:.1f} s{where})"
    )
