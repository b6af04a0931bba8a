"""The sales pipeline of one unit as rows: submittals and their status events, a call plan with
objections for each, and reference calls with findings for the candidates who have a reference."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from callplans.models import CallPlan, Objection
from demo.scale.rows import Row, UnitRows, fill, lc, weighted
from demo.scale.vocabulary import (
    NEXT_ACTIONS,
    OBJECTION_CATEGORY,
    OBJECTION_TEXT,
    PLAN_STATUS_WEIGHTS,
    QUOTES,
    REBUTTALS,
    SUBMITTAL_STATUS_WEIGHTS,
)
from joborders.models import Interview, Requirement, Submittal, SubmittalEvent
from references.models import ReferenceCall, ReferenceFinding

REFERENCE_EVERY = 5  # one reference per 5 candidates; one submittal in 5 gets a reference call


@dataclass(frozen=True)
class People:
    """The unit's candidates, each one's latest engagement, and who has a reference."""

    candidates: list[Row]
    latest_engagement: list[Row]  # by candidate index
    referenced: list[int]  # candidate indexes
    unreferenced: list[int]
    reference_of: dict[int, Row]  # by candidate id


def add_pipeline(
    rng: random.Random,
    rows: UnitRows,
    *,
    submittals: int,
    jobs: list[Row],
    reqs_of: dict[int, list[Row]],
    people: People,
    sales_by_team: dict[int, list[Row]],
    now: datetime,
) -> None:
    subs = _submittals(rng, rows, submittals, jobs, people, sales_by_team, now=now)
    _date_received(jobs, subs, now=now)
    _events(rng, rows, subs, now=now)
    index_of = {cand["id"]: i for i, cand in enumerate(people.candidates)}
    recent = [people.latest_engagement[index_of[sub["candidate_id"]]] for sub in subs]
    plans = _plans(rng, rows, subs, recent)
    _objections(rng, rows, plans, subs, recent, reqs_of)
    _reference_calls(rng, rows, subs, recent, reqs_of, people, now=now)


def _submittals(
    rng: random.Random,
    rows: UnitRows,
    count: int,
    jobs: list[Row],
    people: People,
    sales_by_team: dict[int, list[Row]],
    *,
    now: datetime,
) -> list[Row]:
    """Each submittal, with the rows it links under `_job` and `_candidate`."""
    candidates = people.candidates
    referenced, unreferenced = people.referenced, people.unreferenced
    job_slots = [k % len(jobs) for k in range(count)]
    rng.shuffle(job_slots)
    statuses = weighted(rng, SUBMITTAL_STATUS_WEIGHTS, count)
    pairs: set[tuple[int, int]] = set()
    subs: list[Row] = []
    for k in range(count):
        job = jobs[job_slots[k]]
        pool = referenced if k % REFERENCE_EVERY == 0 and referenced else unreferenced or referenced
        cand = None
        for _ in range(30):
            c = candidates[rng.choice(pool)]
            if (job["id"], c["id"]) not in pairs:
                cand = c
                break
        if cand is None:  # tiny datasets only: take any candidate not yet sent to this job
            cand = next((c for c in candidates if (job["id"], c["id"]) not in pairs), None)
            if cand is None:
                continue
        pairs.add((job["id"], cand["id"]))
        status = statuses[k]
        interview_at = None
        if status == Submittal.Status.INTERVIEW_SCHEDULED:
            interview_at = now + timedelta(minutes=rng.randint(-7 * 1440, 14 * 1440 - 60))
            interview_at = interview_at.replace(minute=rng.choice((0, 30)), second=0, microsecond=0)
            submitted_at = min(now, interview_at) - timedelta(minutes=rng.randint(2880, 20160))
        elif status == Submittal.Status.INTERVIEWED:
            interview_at = now - timedelta(minutes=rng.randint(720, 60 * 1440 - 60))
            interview_at = interview_at.replace(minute=rng.choice((0, 30)), second=0, microsecond=0)
            submitted_at = interview_at - timedelta(minutes=rng.randint(2880, 20160))
        else:
            submitted_at = now - timedelta(minutes=rng.randint(60, 90 * 1440))
        sub = rows.add(
            Submittal,
            job_order_id=job["id"],
            candidate_id=cand["id"],
            submitted_by_id=rng.choice(sales_by_team[job["team_id"]])["id"],
            submitted_at=submitted_at,
            status=status,
            interview_at=interview_at,
        )
        sub["_job"], sub["_candidate"] = job, cand
        subs.append(sub)
    return subs


RECEIVED_SPREAD_DAYS = 21


def _date_received(jobs: list[Row], subs: list[Row], *, now: datetime) -> None:
    """Each job order received before its first submittal (joborders/dates.py): 0 to 20 days
    before it, or before today for a job order nobody was submitted to. Drawn from no random
    number, so every other row stays what it was."""
    first: dict[int, date] = {}
    for sub in subs:
        day = timezone.localdate(sub["submitted_at"])
        if sub["job_order_id"] not in first or day < first[sub["job_order_id"]]:
            first[sub["job_order_id"]] = day
    today = timezone.localdate(now)
    for index, job in enumerate(jobs):
        latest = min(first.get(job["id"], today), today)
        job["received_on"] = latest - timedelta(days=index % RECEIVED_SPREAD_DAYS)


def _events(rng: random.Random, rows: UnitRows, subs: list[Row], *, now: datetime) -> None:
    """The creation event of every submittal, and the move to its current status."""
    for sub in subs:
        rows.add(
            SubmittalEvent,
            submittal_id=sub["id"],
            from_status="",
            to_status=Submittal.Status.SUBMITTED,
            changed_by_id=sub["submitted_by_id"],
            changed_at=sub["submitted_at"],
        )
        if sub["interview_at"] is not None:
            # Its round 1, as the services write one (`Submittal.interview_at` is its start).
            rows.add(
                Interview,
                submittal_id=sub["id"],
                round=1,
                kind=Interview.Kind.VIDEO,
                starts_at=sub["interview_at"],
                ends_at=sub["interview_at"] + timedelta(hours=1),
                location="",
                meeting_url="",
                notes="",
                created_at=sub["submitted_at"],
            )
        if sub["status"] == Submittal.Status.SUBMITTED:
            continue
        if sub["status"] == Submittal.Status.INTERVIEWED:
            changed_at = min(now, sub["interview_at"] + timedelta(hours=rng.randint(2, 48)))
        else:
            latest = min(now, sub["interview_at"]) if sub["interview_at"] else now
            span = max(0.0, (latest - sub["submitted_at"]).total_seconds())
            changed_at = sub["submitted_at"] + timedelta(seconds=span * rng.uniform(0.1, 0.9))
        rows.add(
            SubmittalEvent,
            submittal_id=sub["id"],
            from_status=Submittal.Status.SUBMITTED,
            to_status=sub["status"],
            changed_by_id=sub["submitted_by_id"],
            changed_at=changed_at,
        )


def _plans(rng: random.Random, rows: UnitRows, subs: list[Row], recent: list[Row]) -> list[Row]:
    """One plan per submittal, written by the submitter."""
    statuses = weighted(rng, PLAN_STATUS_WEIGHTS, len(subs))
    plans: list[Row] = []
    for sub, eng, status in zip(subs, recent, statuses, strict=True):
        plans.append(
            rows.add(
                CallPlan,
                submittal_id=sub["id"],
                author_id=sub["submitted_by_id"],
                status=status,
                candidate_story=(
                    f"{sub['_candidate']['first_name']}'s latest role: {eng['role']} at "
                    f"{eng['employer']}. The problem: {eng['challenges_solved']} "
                    f"The result: {eng['results']}"
                ),
                next_action=rng.choice(NEXT_ACTIONS),
                rehearsed_at=(
                    sub["submitted_at"] + timedelta(hours=rng.randint(1, 48))
                    if status in (CallPlan.Status.READY, CallPlan.Status.APPROVED)
                    else None
                ),
            )
        )
    return plans


def _objections(
    rng: random.Random,
    rows: UnitRows,
    plans: list[Row],
    subs: list[Row],
    recent: list[Row],
    reqs_of: dict[int, list[Row]],
) -> None:
    """Two to four objections per plan, on requirements of the plan's job order or general."""
    for plan, sub, eng in zip(plans, subs, recent, strict=True):
        known = {
            "employer": eng["employer"],
            "deliverable_lc": lc(eng["deliverables"]),
            "result_lc": lc(eng["results"]),
            "challenge_lc": lc(eng["challenges_solved"]),
        }
        reqs = reqs_of[sub["job_order_id"]]
        count = rng.randint(2, 4)
        targets: list[Row | None] = rng.sample(reqs, min(count, len(reqs)))
        if rng.random() < 0.3:
            targets[-1] = None  # a general objection, not tied to a requirement
        for pos, req in enumerate(targets):
            if req is None:
                category = rng.choice((Objection.Category.SCOPE, Objection.Category.OTHER))
                subject = sub["_job"]["title"]
            else:
                category = OBJECTION_CATEGORY[req["kind"]]
                subject = (
                    req["_skill_name"]
                    if req["kind"] == Requirement.Kind.SKILL
                    else req["description"]
                )
            rows.add(
                Objection,
                plan_id=plan["id"],
                requirement_id=req["id"] if req else None,
                category=category,
                text=fill(rng, rng.choice(OBJECTION_TEXT[category]), subject=subject)[:500],
                rebuttal=rng.choice(REBUTTALS).format(**known),
                likelihood=rng.choice(list(Objection.Likelihood)),
                source=rng.choice(list(Objection.Source)),
                position=pos,
            )


def _reference_calls(
    rng: random.Random,
    rows: UnitRows,
    subs: list[Row],
    recent: list[Row],
    reqs_of: dict[int, list[Row]],
    people: People,
    *,
    now: datetime,
) -> None:
    """A call to the reference of every submitted candidate who has one, by the submitter, with
    findings on two of the job order's requirements."""
    calls: list[tuple[Row, list[Row]]] = []
    for sub, eng in zip(subs, recent, strict=True):
        ref = people.reference_of.get(sub["candidate_id"])
        if ref is None:
            continue
        span = max(60.0, (now - sub["submitted_at"]).total_seconds())
        complete = rng.random() < 0.8
        call = rows.add(
            ReferenceCall,
            reference_id=ref["id"],
            job_order_id=sub["job_order_id"],
            team_id=sub["_job"]["team_id"],
            called_by_id=sub["submitted_by_id"],
            called_at=sub["submitted_at"] + timedelta(seconds=span * rng.uniform(0.05, 0.6)),
            status=ReferenceCall.Status.COMPLETE if complete else ReferenceCall.Status.DRAFT,
            job_details_shared=rng.random() < 0.7,
            would_rehire=rng.choice(
                (ReferenceCall.Rehire.YES,) * 3
                + (ReferenceCall.Rehire.UNSURE, ReferenceCall.Rehire.NO)
            ),
            rating=rng.choice((2, 3, 3, 4, 4, 4, 5, 5, 1)),
            summary=f"Worked with {sub['_candidate']['first_name']} at {ref['company']}. "
            f"{eng['results']}",
            strengths=rng.choice(QUOTES[ReferenceFinding.Assessment.STRONG]),
            concerns=rng.choice(QUOTES[ReferenceFinding.Assessment.CONCERN])
            if rng.random() < 0.4
            else "",
        )
        calls.append((call, rng.sample(reqs_of[sub["job_order_id"]], 2)))
    for call, reqs in calls:
        for req in reqs:
            assessment = rng.choice(
                (ReferenceFinding.Assessment.STRONG,) * 3
                + (ReferenceFinding.Assessment.ADEQUATE,) * 2
                + (ReferenceFinding.Assessment.CONCERN,)
            )
            rows.add(
                ReferenceFinding,
                call_id=call["id"],
                requirement_id=req["id"],
                assessment=assessment,
                quote=rng.choice(QUOTES[assessment]),
            )
