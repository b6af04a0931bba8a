"""Writes for action plans: steps (added, edited, moved, removed, started from the template,
added from a feedback call's next step), shared links (made, revoked) and the client's actions
on the shared page (a client step marked done, a comment), each recorded with its address."""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import Team, User
from actionplans.models import ActionStep, ClientAction, SharedLink, TemplateStep
from actionplans.rules import (
    STARTER_TEMPLATE,
    due_date_problem,
    next_step_due,
    template_anchor,
    template_dates,
)
from actionplans.selectors import LINK_PREFIX, secret_hash, steps_of, template_of
from joborders.models import ClientContact, Submittal

# --- Steps ----------------------------------------------------------------------------------


def _check_due(due_on: datetime.date) -> None:
    problem = due_date_problem(due_on, today=timezone.localdate())
    if problem:
        raise ValidationError({"due_on": problem})


def _finish(step: ActionStep, status: str) -> None:
    """Keep `done_at` true to the status: set when it becomes done, cleared when reopened."""
    if status == ActionStep.Status.DONE and step.done_at is None:
        step.done_at = timezone.now()
    elif status != ActionStep.Status.DONE:
        step.done_at = None
    step.status = status


def _next_position(submittal: Submittal) -> int:
    last = ActionStep.objects.filter(submittal=submittal).aggregate(m=Max("position"))["m"]
    return 0 if last is None else last + 1


@transaction.atomic
def actionstep_add(
    *,
    submittal: Submittal,
    title: str,
    side: str,
    person: str,
    due_on: datetime.date,
    status: str = ActionStep.Status.TODO,
) -> ActionStep:
    """A step at the end of the plan."""
    _check_due(due_on)
    step = ActionStep(
        submittal=submittal,
        title=title.strip(),
        side=side,
        person=person.strip(),
        due_on=due_on,
        position=_next_position(submittal),
    )
    _finish(step, status)
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def actionstep_update(
    *, step: ActionStep, title: str, side: str, person: str, due_on: datetime.date, status: str
) -> ActionStep:
    if due_on != step.due_on:
        _check_due(due_on)
    step.title, step.side, step.person, step.due_on = title.strip(), side, person.strip(), due_on
    _finish(step, status)
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def actionstep_set_status(*, step: ActionStep, status: str) -> ActionStep:
    if status not in ActionStep.Status.values:
        raise ValidationError({"status": "Pick one of the statuses."})
    _finish(step, status)
    step.save(update_fields=["status", "done_at", "updated_at"])
    return step


@transaction.atomic
def actionstep_delete(*, step: ActionStep) -> None:
    step.delete()


@transaction.atomic
def actionstep_move(*, step: ActionStep, direction: str) -> bool:
    """Swap the step with its neighbour above ("up") or below ("down"); False at an end. The
    plan's positions are renumbered 0, 1, 2… first, so equal or missing numbers cannot stick."""
    if direction not in ("up", "down"):
        raise ValidationError("A step moves up or down.")
    steps = list(steps_of(step.submittal).select_for_update())
    ids = [s.pk for s in steps]
    index = ids.index(step.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(steps):
        return False
    steps[index], steps[other] = steps[other], steps[index]
    for position, each in enumerate(steps):
        each.position = position
    ActionStep.objects.bulk_update(steps, ["position"])
    return True


@transaction.atomic
def actionplan_start_from_template(*, submittal: Submittal) -> list[ActionStep]:
    """The team's template steps (else the starter template's), dated from the interview day
    (if still ahead) or today, named for who does each: the salesperson, the job order's
    contact, the candidate."""
    submittal = Submittal.objects.select_for_update().get(pk=submittal.pk)
    if ActionStep.objects.filter(submittal=submittal).exists():
        raise ValidationError("This plan already has steps: add to them instead.")
    submittal = Submittal.objects.select_related(
        "submitted_by", "candidate", "job_order__contact"
    ).get(pk=submittal.pk)
    today = timezone.localdate()
    interview = timezone.localdate(submittal.interview_at) if submittal.interview_at else None
    contact = submittal.job_order.contact
    people = {
        ActionStep.Side.US: str(submittal.submitted_by),
        ActionStep.Side.CLIENT: contact.name if contact else "",
        ActionStep.Side.CANDIDATE: submittal.candidate.first_name,
    }
    steps = [
        ActionStep(
            submittal=submittal,
            title=step.title,
            side=step.side,
            person=people[step.side][:120],
            due_on=due_on,
            position=position,
        )
        for position, (step, due_on) in enumerate(
            template_dates(
                template_of(submittal.job_order.team_id),
                anchor=template_anchor(today=today, interview=interview),
            )
        )
    ]
    for step in steps:
        step.full_clean()
    return ActionStep.objects.bulk_create(steps)


@transaction.atomic
def actionstep_from_next_step(
    *,
    submittal: Submittal,
    next_step: str,
    called_at: datetime.datetime,
    called_by: User,
    due_on: datetime.date | None = None,
) -> ActionStep | None:
    """The feedback call's next step as a dated step of ours (callplans.feedbackcall_record
    calls it). Without a date of its own it is due two days after the call, moved off a weekend
    (actionplans.rules.next_step_due). A blank next step adds nothing."""
    title = " ".join(next_step.split())
    if not title:
        return None
    due_on = due_on or next_step_due(timezone.localdate(called_at))
    return actionstep_add(
        submittal=submittal,
        title=title[:160],
        side=ActionStep.Side.US,
        person=str(called_by)[:120],
        due_on=max(due_on, timezone.localdate() - datetime.timedelta(days=1)),
    )


# --- Shared links ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NewLink:
    link: SharedLink
    secret: str  # shown to the salesperson once, never stored


@transaction.atomic
def sharedlink_create(
    *, submittal: Submittal, contact: ClientContact, created_by: User, days: int | None = None
) -> NewLink:
    """A new secret link for the contact; the one they had for this plan stops working."""
    if contact.client_id != submittal.job_order.client_id:
        raise ValidationError({"contact": "Pick one of this client's contacts."})
    days = days or settings.ACTION_PLAN_LINK_DAYS
    sharedlink_revoke(submittal=submittal, contact=contact)
    secret = LINK_PREFIX + secrets.token_urlsafe(32)
    link = SharedLink(
        submittal=submittal,
        contact=contact,
        created_by=created_by,
        prefix=secret[:10],
        key_hash=secret_hash(secret),
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    link.full_clean()
    link.save()
    return NewLink(link=link, secret=secret)


@transaction.atomic
def sharedlink_revoke(*, submittal: Submittal, contact: ClientContact) -> int:
    """Revoke the contact's live link to the plan (if any): it answers 404 from now on."""
    return SharedLink.objects.filter(
        submittal=submittal, contact=contact, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


# --- What the client does -------------------------------------------------------------------


def _record(link: SharedLink, kind: str, *, ip_address: str | None, **fields) -> ClientAction:
    action = ClientAction(
        link=link, submittal_id=link.submittal_id, kind=kind, ip_address=ip_address, **fields
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def sharedlink_open(*, link: SharedLink, ip_address: str | None) -> None:
    """The client opened the page: recorded once an hour per link, so a reload is not news."""
    now = timezone.now()
    if link.last_used_at is None or now - link.last_used_at > datetime.timedelta(hours=1):
        SharedLink.objects.filter(pk=link.pk).update(last_used_at=now)
        link.last_used_at = now
        _record(link, ClientAction.Kind.OPENED, ip_address=ip_address)


@transaction.atomic
def clientaction_mark_done(*, link: SharedLink, step_pk: int, ip_address: str | None) -> ActionStep:
    """The client marks one of the client's own steps done; any other step is refused."""
    step = (
        ActionStep.objects.select_for_update()
        .filter(pk=step_pk, submittal_id=link.submittal_id, side=ActionStep.Side.CLIENT)
        .first()
    )
    if step is None:
        raise ValidationError("Only your own steps can be marked done here.")
    if step.status != ActionStep.Status.DONE:
        _finish(step, ActionStep.Status.DONE)
        step.save(update_fields=["status", "done_at", "updated_at"])
        _record(link, ClientAction.Kind.STEP_DONE, ip_address=ip_address, step=step)
    return step


@transaction.atomic
def clientaction_comment(*, link: SharedLink, comment: str, ip_address: str | None) -> ClientAction:
    text = comment.strip()
    if not text:
        raise ValidationError({"comment": "Write a comment first."})
    return _record(link, ClientAction.Kind.COMMENT, ip_address=ip_address, comment=text)


# --- The team's template --------------------------------------------------------------------


def require_template_manager(user: User) -> None:
    if not (user.is_superuser or user.is_manager):
        raise PermissionDenied("Only the team's managers change the action-plan template.")


def _clean_template_step(row: TemplateStep) -> TemplateStep:
    row.title = " ".join(row.title.split())
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def templatesteps_customize(*, team: Team) -> int:
    """Copy the starter template into the team's own rows, to reword and redate; a team that
    has rows keeps them. Returns how many were added."""
    if TemplateStep.objects.filter(team=team).exists():
        return 0
    for position, step in enumerate(STARTER_TEMPLATE):
        _clean_template_step(
            TemplateStep(
                team=team,
                title=step.title,
                side=step.side,
                offset_days=step.offset_days,
                position=position,
            )
        )
    return len(STARTER_TEMPLATE)


@transaction.atomic
def templatestep_add(*, team: Team, title: str, side: str, offset_days: int) -> TemplateStep:
    """A step at the end of the team's template (the starter's steps copied in first)."""
    templatesteps_customize(team=team)
    last = TemplateStep.objects.filter(team=team).aggregate(m=Max("position"))["m"]
    row = TemplateStep(
        team=team, title=title, side=side, offset_days=offset_days, position=(last or 0) + 1
    )
    return _clean_template_step(row)


@transaction.atomic
def templatestep_update(
    *, row: TemplateStep, title: str, side: str, offset_days: int
) -> TemplateStep:
    row.title, row.side, row.offset_days = title, side, offset_days
    return _clean_template_step(row)


@transaction.atomic
def templatestep_delete(*, row: TemplateStep) -> None:
    row.delete()


@transaction.atomic
def templatestep_move(*, row: TemplateStep, direction: str) -> bool:
    if direction not in ("up", "down"):
        raise ValidationError("A step moves up or down.")
    rows = list(
        TemplateStep.objects.filter(team_id=row.team_id)
        .order_by("position", "pk")
        .select_for_update()
    )
    index = [r.pk for r in rows].index(row.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(rows):
        return False
    rows[index], rows[other] = rows[other], rows[index]
    for position, each in enumerate(rows):
        each.position = position
    TemplateStep.objects.bulk_update(rows, ["position"])
    return True
