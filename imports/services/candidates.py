"""Candidates from a file: matched by their external id's link, else by e-mail, else created;
written in bulk (with history) a chunk at a time, with their skills and one work history
entry per row."""

from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.utils import bulk_update_with_history

from candidates.models import CANDIDATE_FIELDS, Candidate, CandidateSkill, Engagement
from core.access import can_write
from imports.rows import Row
from imports.services.copying import insert_with_history
from imports.services.engine import (
    Context,
    Planned,
    first_seen,
    links_for,
    save_links,
    years_of,
)

WHAT = "candidate"
BATCH = 1000  # rows per INSERT/UPDATE statement


def candidate_key(row: Row) -> str:
    record = row.record
    if record["external_id"]:
        return f"id:{record['external_id']}"
    if record["email"]:
        return f"email:{record['email']}"
    # Neither id nor e-mail: the row itself is the key, so the same row again is unchanged
    # and an edited one becomes a new candidate (the preview counts it as new).
    return f"row:{row.fingerprint}"


def candidates_plan(ctx: Context, rows: list[Row]) -> list[Planned]:
    plans = [Planned(row, candidate_key(row)) for row in rows if not row.problems]
    plans = first_seen(ctx, plans, WHAT)
    links = links_for(ctx, [p.key for p in plans])
    # A row whose values are those last imported needs only to know its candidate still exists;
    # the others load their candidate (locked while writing), found by link or by e-mail.
    same = {
        p.key for p in plans if p.key in links and links[p.key].fingerprint == p.row.fingerprint
    }
    still_there = set(
        Candidate.objects.filter(pk__in=[links[k].object_id for k in same]).values_list(
            "pk", flat=True
        )
    )
    unchanged = {k for k in same if links[k].object_id in still_there}
    rest = [p for p in plans if p.key not in unchanged]
    linked = [links[p.key].object_id for p in rest if p.key in links]
    emails = [p.row.record["email"] for p in rest if p.row.record["email"]]
    found = Candidate.objects.none()
    if linked or emails:
        found = Candidate.objects.annotate(email_lower=Lower("email")).filter(
            Q(pk__in=linked) | Q(email_lower__in=emails)
        )
        if ctx.writing:
            found = found.select_for_update(of=("self",))
        found = found.select_related("owner").order_by("pk")
    by_pk = {c.pk: c for c in found}
    by_email: dict[str, Candidate] = {}
    for candidate in by_pk.values():
        by_email.setdefault(candidate.email_lower, candidate)
    planned = []
    for plan in plans:
        record = plan.row.record
        link = links.get(plan.key)
        if plan.key in unchanged:
            plan.action = "unchanged"
            planned.append(plan)
            continue
        target = by_pk.get(link.object_id) if link else None
        if target is None and record["email"]:
            target = by_email.get(record["email"])
        if target is None:
            plan.action = "new"
        else:
            plan.action = "updated"
            owner_team = target.owner.team_id if target.owner_id else None
            if not can_write(ctx.user, team_id=owner_team, owner_id=target.owner_id):
                plan.row.problems.append(
                    (
                        "",
                        record["email"] or record["external_id"],
                        f"This is the candidate {target.full_name}, whom only their owner and "
                        "their team's managers can change.",
                    )
                )
                continue
        plan.target = target
        if plan.action != "unchanged":
            # rows.candidate_row checked every field's length, the e-mail and the status: no
            # full_clean per row here (it would cost a model instance and its validators each).
            for name, _ in record["skills"]:
                ctx.note_unknown(name)
            if "employer_only" in record:
                ctx.note("rows name an employer without a start date: no work history entry")
        planned.append(plan)
    return planned


def _fields(record: dict) -> dict:
    return {name: record[name] for name in CANDIDATE_FIELDS}


def candidates_write(ctx: Context, plans: list[Planned]) -> None:
    new = [p for p in plans if p.action == "new"]
    updated = [p for p in plans if p.action == "updated"]
    for plan in new:
        plan.target = Candidate(owner=ctx.user, **_fields(plan.row.record))
    insert_with_history(Candidate, [p.target for p in new], user=ctx.user, reason=ctx.reason)
    for plan in updated:
        for name, value in _fields(plan.row.record).items():
            setattr(plan.target, name, value)
        plan.target.version += 1
        plan.target.updated_at = ctx.now
    if updated:
        bulk_update_with_history(
            [p.target for p in updated],
            Candidate,
            [*CANDIDATE_FIELDS, "version", "updated_at"],
            batch_size=BATCH,
            default_user=ctx.user,
            default_change_reason=ctx.reason,
        )
    written = new + updated
    _write_skills(ctx, written, [p.target.pk for p in updated])
    _write_engagements(ctx, written, [p.target.pk for p in updated])
    save_links(ctx, written)


def _write_skills(ctx: Context, plans: list[Planned], existing_for: list[int]) -> None:
    existing = {
        (s.candidate_id, s.skill_id): s
        for s in CandidateSkill.objects.filter(candidate_id__in=existing_for)
    }
    create, change = [], []
    for plan in plans:
        for name, years in plan.row.record["skills"]:
            skill_id = ctx.skill_id(name)
            if skill_id is None:
                continue
            row = existing.get((plan.target.pk, skill_id))
            if row is None:
                row = CandidateSkill(
                    candidate_id=plan.target.pk, skill_id=skill_id, years=years_of(years)
                )
                existing[(plan.target.pk, skill_id)] = row
                create.append(row)
            elif years is not None and row.years != years_of(years):
                row.years = years_of(years)
                if row.pk:
                    change.append(row)
    insert_with_history(CandidateSkill, create, user=ctx.user, reason=ctx.reason)
    if change:
        bulk_update_with_history(
            change,
            CandidateSkill,
            ["years"],
            batch_size=BATCH,
            default_user=ctx.user,
            default_change_reason=ctx.reason,
        )


def _write_engagements(ctx: Context, plans: list[Planned], existing_for: list[int]) -> None:
    existing = {
        (e.candidate_id, e.employer.casefold(), e.start_date.isoformat()): e
        for e in Engagement.objects.filter(candidate_id__in=existing_for)
    }
    create, change = [], []
    for plan in plans:
        entry = plan.row.record.get("engagement")
        if not entry:
            continue
        found = existing.get((plan.target.pk, entry["employer"].casefold(), entry["start_date"]))
        values = {
            "role": entry["role"],
            "project_name": entry["project_name"],
            "end_date": entry["end_date"],
        }
        if found is None:
            create.append(
                Engagement(
                    candidate=plan.target,
                    employer=entry["employer"],
                    start_date=entry["start_date"],
                    **values,
                )
            )
        else:
            current = {
                "role": found.role,
                "project_name": found.project_name,
                "end_date": found.end_date.isoformat() if found.end_date else None,
            }
            if current != values:
                for name, value in values.items():
                    setattr(found, name, value)
                change.append(found)
    insert_with_history(Engagement, create, user=ctx.user, reason=ctx.reason)
    if change:
        bulk_update_with_history(
            change,
            Engagement,
            ["role", "project_name", "end_date"],
            batch_size=BATCH,
            default_user=ctx.user,
            default_change_reason=ctx.reason,
        )
