"""Job orders from a file, row by row through the joborders services, with their skill
requirements. Matched by the external id's link, else by the natural key client + title +
received date within the team; a client the row names that DialReady lacks is created."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from core.access import can_write
from core.locking import save_versioned
from imports.rows import Row
from imports.services.clients import client_for
from imports.services.engine import Context, Planned, first_seen, links_for, save_links
from joborders.models import JobOrder, Requirement
from joborders.services import client_create, joborder_create, requirement_add

FIELDS = (
    "title",
    "status",
    "openings",
    "start_date",
    "duration_weeks",
    "bill_rate",
    "employment_type",
    "expected_hours",
    "placement_fee",
    "project_goal",
    "received_on",
)


def _natural(record: dict) -> str:
    client = record["client"] or f"#{record['client_external_id']}"
    return f"job:{client.casefold()}|{record['title'].casefold()}|{record['received_on'] or ''}"


def _values(record: dict) -> dict:
    values = {name: record[name] for name in FIELDS}
    for name in ("start_date", "received_on"):
        if values[name]:
            values[name] = datetime.date.fromisoformat(values[name])
    for name in ("bill_rate", "placement_fee"):
        if values[name] is not None:
            values[name] = Decimal(values[name])
    return values


def joborders_plan(ctx: Context, rows: list[Row]) -> list[Planned]:
    plans = []
    for row in rows:
        if row.problems:
            continue
        key = (
            f"id:{row.record['external_id']}" if row.record["external_id"] else _natural(row.record)
        )
        plan = Planned(row, key)
        plan.client = client_for(ctx, row.record)
        if plan.client is None and not row.record["client"]:
            row.problems.append(
                (
                    "",
                    row.record["client_external_id"],
                    "No client with this id was imported yet: import the clients first.",
                )
            )
            continue
        plans.append(plan)
    plans = first_seen(ctx, plans, "job order")
    links = links_for(ctx, [p.key for p in plans])
    kept = []
    for plan in plans:
        record = plan.row.record
        link = links.get(plan.key)
        jobs = JobOrder.objects.filter(team=ctx.team)
        target = jobs.filter(pk=link.object_id).first() if link else None
        if target is None and plan.client is not None and record["received_on"]:
            target = jobs.filter(
                client=plan.client, title__iexact=record["title"], received_on=record["received_on"]
            ).first()
        if target is None:
            plan.action = "new"
        elif link and link.object_id == target.pk and link.fingerprint == plan.row.fingerprint:
            plan.action = "unchanged"
        else:
            plan.action = "updated"
            if not can_write(ctx.user, team_id=target.team_id, owner_id=target.owner_id):
                plan.row.problems.append(
                    (
                        "",
                        record["title"],
                        "Only this job order's owner and the team's managers can change it.",
                    )
                )
                continue
        plan.target = target
        if plan.action != "unchanged":
            draft = JobOrder(**_values(record))
            if not draft.received_on:
                draft.received_on = ctx.now.date()
            try:
                draft.full_clean(
                    exclude=["client", "owner", "team"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    plan.row.problems += [(name, "", m) for m in messages]
                continue
            if plan.client is None:
                ctx.note("job orders name a client that is not in DialReady yet: it is created")
            for name, _ in record["requirements"]:
                ctx.note_unknown(name)
        kept.append(plan)
    return kept


def joborders_write(ctx: Context, plans: list[Planned]) -> None:
    for plan in plans:
        record = plan.row.record
        client = (
            plan.client
            or client_for(ctx, record)
            or client_create(owner=ctx.user, name=record["client"])
        )
        values = _values(record)
        if plan.action == "new":
            values["received_on"] = values["received_on"] or None
            plan.target = joborder_create(owner=ctx.user, client=client, **values)
        else:
            if not values["received_on"]:
                values.pop("received_on")
            changes = {"client": client, **values}
            plan.target = save_versioned(
                plan.target,
                version=plan.target.version,
                changes=changes,
                stale="Someone changed this job order during the import.",
            )
        _requirements(ctx, plan.target, record["requirements"])
    save_links(ctx, plans)


def _requirements(ctx: Context, job: JobOrder, wanted: list) -> None:
    have = {r.skill_id: r for r in Requirement.objects.filter(job_order=job, kind="skill")}
    for name, years in wanted:
        skill_id = ctx.skill_id(name)
        if skill_id is None:
            continue
        minimum = None if years is None else Decimal(years)
        found = have.get(skill_id)
        if found is None:
            from candidates.models import Skill

            have[skill_id] = requirement_add(
                job_order=job, kind="skill", skill=Skill.objects.get(pk=skill_id), min_years=minimum
            )
        elif minimum is not None and found.min_years != minimum:
            found.min_years = minimum
            found.full_clean()
            found.save(update_fields=["min_years"])
