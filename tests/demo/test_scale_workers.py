"""Worker processes (`seed_demo --scale N --workers 2`, PostgreSQL): each unit is committed whole
by one process, its rows keep to its own teams, and the parent goes on with a working connection."""

import os

import pytest
from django.db import connection
from django.db.models import F
from django.utils import timezone

from accounts.models import Team, User
from callplans.models import CallPlan, Objection
from candidates.models import Candidate, CandidateSkill, Engagement
from demo.scale import load, seed_scale
from demo.scale.generate import generate_unit, team_prefix, unit_sizes
from demo.scale.load import ensure_skills
from joborders.models import (
    Client,
    ClientContact,
    Interview,
    JobOrder,
    Requirement,
    Submittal,
    SubmittalEvent,
)
from references.models import Reference, ReferenceCall, ReferenceFinding

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite loads in one process"
)

UNIT_SIZE = 0.02

# How each model's rows reach the team that owns them.
TEAM_OF = {
    Team: "name",
    User: "team__name",
    Client: "team__name",
    ClientContact: "client__team__name",
    JobOrder: "team__name",
    Requirement: "job_order__team__name",
    Candidate: "owner__team__name",
    CandidateSkill: "candidate__owner__team__name",
    Engagement: "candidate__owner__team__name",
    Engagement.skills.through: "engagement__candidate__owner__team__name",
    Reference: "candidate__owner__team__name",
    Submittal: "job_order__team__name",
    SubmittalEvent: "submittal__job_order__team__name",
    Interview: "submittal__job_order__team__name",
    CallPlan: "submittal__job_order__team__name",
    Objection: "plan__submittal__job_order__team__name",
    ReferenceCall: "team__name",
    ReferenceFinding: "call__team__name",
}


def _expected_counts(unit: int) -> dict[str, int]:
    skills, _ = ensure_skills()
    rows = generate_unit(
        unit=unit,
        sizes=unit_sizes(UNIT_SIZE),
        skills=skills,
        password="unused",
        now=timezone.now(),
        seed=1,
    )
    return rows.counts()


def _counts_in_db(unit: int) -> dict[str, int]:
    prefix = team_prefix(unit)
    return {
        model._meta.object_name: model.objects.filter(**{f"{path}__startswith": prefix}).count()
        for model, path in TEAM_OF.items()
    }


def _assert_unit_keeps_to_its_teams(unit: int) -> None:
    prefix = team_prefix(unit)
    subs = Submittal.objects.filter(job_order__team__name__startswith=prefix)
    assert not subs.exclude(candidate__owner__team__name__startswith=prefix).exists()
    assert not subs.exclude(submitted_by__team=F("job_order__team")).exists()
    jobs = JobOrder.objects.filter(team__name__startswith=prefix)
    assert not jobs.exclude(client__team=F("team")).exists()
    assert not jobs.exclude(owner__team=F("team")).exists()
    assert not jobs.exclude(contact__client=F("client")).exists()
    plans = CallPlan.objects.filter(submittal__in=subs)
    assert not plans.exclude(author__team=F("submittal__job_order__team")).exists()
    calls = ReferenceCall.objects.filter(team__name__startswith=prefix)
    assert not calls.exclude(called_by__team=F("team")).exists()
    assert not calls.exclude(job_order__team=F("team")).exists()
    assert not calls.exclude(reference__candidate__owner__team__name__startswith=prefix).exists()
    refs = Reference.objects.filter(candidate__owner__team__name__startswith=prefix)
    assert not refs.exclude(engagement__candidate=F("candidate")).exists()
    tied = Objection.objects.filter(plan__in=plans).exclude(requirement=None)
    assert not tied.exclude(requirement__job_order=F("plan__submittal__job_order")).exists()
    findings = ReferenceFinding.objects.filter(call__in=calls)
    assert not findings.exclude(requirement__job_order=F("call__job_order")).exists()


def test_worker_processes_commit_whole_units_that_keep_to_their_teams(transactional_db):
    lines: list[str] = []
    counts = seed_scale(scale=4, progress=lines.append, unit_size=UNIT_SIZE, workers=2)

    # Each unit was made by a worker process, not by this one, and this one can still query.
    assert len(lines) == 4
    assert all(f"in process {os.getpid()})" not in line for line in lines)
    assert all(" in process " in line for line in lines)
    assert Team.objects.filter(name__startswith="Bulk team ").count() == 40

    for unit in range(1, 5):
        assert _counts_in_db(unit) == _expected_counts(unit)
        _assert_unit_keeps_to_its_teams(unit)
    expected = [_expected_counts(unit) for unit in range(1, 5)]
    assert counts.pop("Skill") == 63
    assert counts == {name: sum(unit[name] for unit in expected) for name in expected[0]}
    assert JobOrder.objects.count() == 4 * 20
    assert Submittal.objects.count() == CallPlan.objects.count() == 4 * 100

    # Running again finds every unit and adds nothing.
    assert seed_scale(scale=4, progress=lambda _line: None, workers=2) == {}
    assert JobOrder.objects.count() == 4 * 20


def test_a_unit_that_fails_in_a_worker_leaves_nothing_and_the_next_run_adds_it(
    transactional_db, monkeypatch
):
    copy_unit = load._copy_unit

    def copy_then_fail_unit_2(rows, now):
        copy_unit(rows, now)  # every table of the unit is written before the failure
        if rows.unit == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr(load, "_copy_unit", copy_then_fail_unit_2)
    lines: list[str] = []
    with pytest.raises(RuntimeError, match="Unit 2 failed"):
        seed_scale(scale=3, progress=lines.append, unit_size=UNIT_SIZE, workers=2)

    assert "unit 2/3: failed, nothing saved (RuntimeError: disk full in process" in "".join(lines)
    assert _counts_in_db(2) == dict.fromkeys(_expected_counts(2), 0)
    assert not User.objects.filter(username__startswith="bulk2_").exists()
    for unit in (1, 3):
        assert _counts_in_db(unit) == _expected_counts(unit)
    assert Submittal.objects.count() == 2 * 100

    monkeypatch.undo()
    lines.clear()
    seed_scale(scale=3, progress=lines.append, unit_size=UNIT_SIZE, workers=2)
    assert lines[:2] == ["unit 1/3: already there, skipped", "unit 3/3: already there, skipped"]
    assert _counts_in_db(2) == _expected_counts(2)
    _assert_unit_keeps_to_its_teams(2)
    assert Submittal.objects.count() == 3 * 100


def test_workers_refuse_to_run_inside_a_transaction(db):
    with pytest.raises(RuntimeError, match="outside a transaction"):
        seed_scale(scale=2, progress=lambda _line: None, unit_size=UNIT_SIZE, workers=2)
    assert not Team.objects.exists()
