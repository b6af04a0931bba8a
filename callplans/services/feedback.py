"""Logging the candidate interview feedback call: what the client decided, the closing question
asked, the commitment obtained, and the objections the client actually raised."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from actionplans.services import actionstep_from_next_step
from callplans.models import (
    CallPlan,
    ClosingQuestion,
    FeedbackCall,
    LibraryStatus,
    Objection,
    ObjectionTemplate,
    RaisedObjection,
)
from callplans.services.library import (
    check_rebuttal_fits,
    libraryentry_accept,
    may_manage_library,
    objectiontemplate_create,
)
from core.dates import format_day
from joborders.models import Interview, LossReason, Submittal
from joborders.selectors import round_followed
from joborders.services import interview_schedule, submittal_change_status, submittal_set_loss

# Where the client's decision moves the submittal; "no decision yet" leaves it where it is.
OUTCOME_STAGE: dict[str, str] = {
    FeedbackCall.Outcome.OFFER: Submittal.Status.OFFER,
    FeedbackCall.Outcome.REJECTED: Submittal.Status.REJECTED,
    FeedbackCall.Outcome.NEXT_ROUND: Submittal.Status.INTERVIEW_SCHEDULED,
}

# A call logged for tomorrow morning is a typo in the time zone, not a plan: allow a day.
FUTURE_GRACE = datetime.timedelta(days=1)


@dataclass(frozen=True)
class RaisedInput:
    """One objection the client raised on the call.

    Anticipated: `objection` is one of the plan's objections (its category and text are copied).
    Unanticipated: `text` and `category` say what the client said, and a `rebuttal` typed for it
    is kept with the call; with `add_to_library` it is also offered to the team's library (a
    proposal, or a live entry when a manager logs the call)."""

    handled: str = RaisedObjection.Handled.YES
    objection: Objection | None = None
    text: str = ""
    category: str = Objection.Category.OTHER
    rebuttal: str = ""
    add_to_library: bool = False


@dataclass(frozen=True)
class NextRound:
    """The interview "Next round" schedules: when, and how (phone, video, on-site)."""

    starts_at: datetime.datetime | None
    kind: str = Interview.Kind.VIDEO


@transaction.atomic
def feedbackcall_record(
    *,
    plan: CallPlan,
    called_by: User,
    called_at: datetime.datetime,
    outcome: str,
    closing_question_asked: ClosingQuestion | None,
    commitment: str,
    next_step: str,
    notes: str,
    raised: list[RaisedInput],
    loss_reason: LossReason | None = None,
    next_round: NextRound | None = None,
    next_step_due: datetime.date | None = None,
) -> FeedbackCall:
    """Record the call (on the round it follows), the raised objections and the stage the
    outcome moves the submittal to (written as a SubmittalEvent by `submittal_change_status`),
    all or nothing. "Next round" schedules that round (`next_round`, required with it): after
    the round the call follows, as every round (joborders' `interview_schedule`)."""
    submittal = plan.submittal
    team_id = submittal.job_order.team_id
    if called_at > timezone.now() + FUTURE_GRACE:
        raise ValidationError(
            {"called_at": "The call cannot be more than a day in the future: check the date."}
        )
    if closing_question_asked is not None and closing_question_asked.team_id != team_id:
        raise ValidationError(
            {"closing_question_asked": "Pick one of your team's closing questions."}
        )
    _check_raised(plan, raised)
    _check_next_step_due(next_step, next_step_due, called_at)
    if loss_reason is not None and outcome != FeedbackCall.Outcome.REJECTED:
        raise ValidationError(
            {
                "loss_reason": f"“{loss_reason}” explains a rejection: pick “Rejected”, or set "
                "the reason back to none."
            }
        )

    is_next = outcome == FeedbackCall.Outcome.NEXT_ROUND
    if is_next and (next_round is None or next_round.starts_at is None):
        raise ValidationError(
            {
                "next_starts_at": "“Next round”: when is it? Enter the next interview's date and time."
            }
        )

    call = FeedbackCall(
        plan=plan,
        called_by=called_by,
        called_at=called_at,
        interview=round_followed(submittal, called_at),
        outcome=outcome,
        closing_question_asked=closing_question_asked,
        commitment=commitment,
        next_step=next_step,
        next_step_due=next_step_due if next_step.strip() else None,
        notes=notes,
    )
    call.full_clean()
    call.save()
    for item in raised:
        _record_raised(call, item, team_id=team_id, by=called_by)

    stage = OUTCOME_STAGE.get(outcome)
    if stage is not None and submittal.status != stage:
        submittal_change_status(
            submittal=submittal,
            status=stage,
            changed_by=called_by,
            # The stage moved when the client said so, not when the call was typed in.
            changed_at=min(called_at, timezone.now()),
        )
    if is_next:
        _schedule_next(submittal, next_round, by=called_by)
    if loss_reason is not None:
        submittal_set_loss(
            submittal=submittal, loss_reason=loss_reason, loss_note=submittal.loss_note
        )
    # The next step the client agreed to becomes a dated step of the mutual action plan.
    actionstep_from_next_step(
        submittal=submittal,
        next_step=next_step,
        called_at=called_at,
        called_by=called_by,
        due_on=next_step_due,
    )
    return call


def _check_next_step_due(
    next_step: str, due_on: datetime.date | None, called_at: datetime.datetime
) -> None:
    if due_on is None:
        return
    if not next_step.strip():
        raise ValidationError({"next_step_due": "Say what the next step is, or clear its date."})
    called_on = timezone.localdate(called_at)
    if due_on < called_on:
        raise ValidationError(
            {
                "next_step_due": f"The next step is due {format_day(due_on)}, before the call "
                f"on {format_day(called_on)}: check the date."
            }
        )
    if due_on > called_on + datetime.timedelta(days=366):
        raise ValidationError(
            {"next_step_due": f"{format_day(due_on)} is more than a year ahead: check the year."}
        )


def _schedule_next(submittal: Submittal, next_round: NextRound, *, by: User) -> None:
    try:
        interview_schedule(
            submittal=submittal,
            starts_at=next_round.starts_at,
            kind=next_round.kind,
            scheduled_by=by,
        )
    except ValidationError as error:
        # The feedback form asks for the next round in its own field.
        raise ValidationError({"next_starts_at": error.messages}) from None


def _check_raised(plan: CallPlan, raised: list[RaisedInput]) -> None:
    seen: set[int] = set()
    for item in raised:
        if item.objection is not None:
            if item.objection.plan_id != plan.pk:
                raise ValidationError(
                    {"raised": f"“{item.objection.text}” is not an objection of this plan."}
                )
            if item.objection.pk in seen:
                raise ValidationError({"raised": f"“{item.objection.text}” is ticked twice."})
            seen.add(item.objection.pk)
        elif not item.text.strip():
            raise ValidationError({"raised": "Write what the client said for each new objection."})
        if item.add_to_library and item.objection is None:
            if not item.rebuttal.strip():
                raise ValidationError(
                    {"raised": f"Write the rebuttal for “{item.text}” to add it to the library."}
                )
            try:
                check_rebuttal_fits(category=item.category, rebuttal=item.rebuttal)
            except ValidationError as error:
                raise ValidationError({"raised": f"“{item.text}”: {error.messages[0]}"}) from None


def _record_raised(call: FeedbackCall, item: RaisedInput, *, team_id: int, by: User) -> None:
    anticipated = item.objection
    row = RaisedObjection(
        feedback_call=call,
        objection=anticipated,
        category=anticipated.category if anticipated else item.category,
        text=anticipated.text if anticipated else item.text.strip(),
        handled=item.handled,
        rebuttal="" if anticipated else item.rebuttal.strip(),
    )
    row.full_clean()
    row.save()
    if anticipated is None and item.add_to_library:
        existing = (
            ObjectionTemplate.objects.filter(
                team_id=team_id, category=row.category, text=row.text, rebuttal=row.rebuttal
            )
            .exclude(status=LibraryStatus.RETIRED)
            .first()
        )
        if existing is not None:
            # The same entry twice is stored once; a manager's tick accepts a waiting proposal.
            if existing.status == LibraryStatus.PROPOSED and may_manage_library(by):
                libraryentry_accept(entry=existing)
        else:
            objectiontemplate_create(
                team=call.plan.submittal.job_order.team,
                category=row.category,
                text=row.text,
                rebuttal=row.rebuttal,
                added_by=by,
            )
