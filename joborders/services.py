import copy
import datetime
from decimal import Decimal
from typing import Required, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from candidates.models import Candidate, Skill
from candidates.services import skill_get_or_create
from core.locking import StaleEdit, changes_since, save_versioned
from joborders.dates import RoundTimes, SubmittalDates, day_text, first_problem, round_problem
from joborders.losses import STARTER_REASONS, fits, is_lost
from joborders.models import (
    Client,
    ClientContact,
    Interview,
    JobOrder,
    LossReason,
    Requirement,
    Submittal,
    SubmittalEvent,
)

OFFER_OR_LATER = (Submittal.Status.OFFER, Submittal.Status.PLACED)


def _team_of(owner: User):
    if owner.team_id is None:
        raise ValidationError("Only a member of a team can own team records.")
    return owner.team


@transaction.atomic
def client_create(
    *, owner: User, name: str, industry: str = "", website: str = "", notes: str = ""
) -> Client:
    client = Client(
        owner=owner,
        team=_team_of(owner),
        name=name,
        industry=industry,
        website=website,
        notes=notes,
    )
    client.full_clean()
    client.save()
    return client


@transaction.atomic
def client_contact_create(
    *, client: Client, name: str, title: str = "", email: str = "", phone: str = ""
) -> ClientContact:
    contact = ClientContact(client=client, name=name, title=title, email=email, phone=phone)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def joborder_create(
    *,
    owner: User,
    client: Client,
    title: str,
    contact: ClientContact | None = None,
    status: str = JobOrder.Status.OPEN,
    openings: int = 1,
    start_date: datetime.date | None = None,
    duration_weeks: int | None = None,
    bill_rate: Decimal | None = None,
    employment_type: str = JobOrder.EmploymentType.CONTRACT,
    expected_hours: int | None = None,
    placement_fee: Decimal | None = None,
    project_goal: str = "",
    project_scope: str = "",
    received_on: datetime.date | None = None,
) -> JobOrder:
    team = _team_of(owner)
    if client.team_id != team.pk:
        raise ValidationError({"client": "That client belongs to another team."})
    if contact is not None and contact.client_id != client.pk:
        raise ValidationError({"contact": "That contact works for another client."})
    job_order = JobOrder(
        owner=owner,
        team=team,
        client=client,
        contact=contact,
        title=title,
        status=status,
        openings=openings,
        start_date=start_date,
        duration_weeks=duration_weeks,
        bill_rate=bill_rate,
        employment_type=employment_type,
        expected_hours=expected_hours,
        placement_fee=placement_fee,
        project_goal=project_goal,
        project_scope=project_scope,
        received_on=received_on or timezone.localdate(),
    )
    _refuse_received_on(job_order.received_on)
    job_order.full_clean()
    job_order.save()
    return job_order


# --- Dates that add up (the order of joborders/dates.py) -------------------------------------


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return None if moment is None else timezone.localdate(moment)


def _refuse_received_on(received_on: datetime.date, *, job_order: JobOrder | None = None) -> None:
    """The date received: a real day, not in the future, not after a submittal to the job."""
    today = timezone.localdate()
    if received_on > today:
        raise ValidationError(
            {
                "received_on": f"Received {day_text(received_on)} is in the future: "
                f"today is {day_text(today)}."
            }
        )
    if received_on.year < 2000:
        raise ValidationError({"received_on": "Enter a date received after the year 2000."})
    if job_order is None or job_order.pk is None:
        return
    first = job_order.submittals.select_related("candidate").order_by("submitted_at").first()
    if first is not None and _day(first.submitted_at) < received_on:
        submitted = _day(first.submitted_at)
        raise ValidationError(
            {
                "received_on": f"Received {day_text(received_on)} is after "
                f"{first.candidate} was submitted on {day_text(submitted)}: "
                "a job order is received before anyone is submitted to it."
            }
        )


def _offer_day(submittal: Submittal) -> datetime.date | None:
    if submittal.pk is None:
        return None
    first = (
        submittal.events.filter(to_status__in=OFFER_OR_LATER)
        .order_by("changed_at")
        .values_list("changed_at", flat=True)
        .first()
    )
    return _day(first)


def _refuse_bad_order(submittal: Submittal, *, offer: datetime.date | None) -> None:
    """Raise the first rule of joborders/dates.py that the submittal's dates break."""
    problem = first_problem(
        SubmittalDates(
            received=submittal.job_order.received_on,
            submitted=_day(submittal.submitted_at),
            interview=_day(submittal.interview_at),
            offer=offer,
            start=submittal.start_on,
        )
    )
    if problem is not None:
        raise ValidationError({problem.field: problem.message})


def _refuse_future_submission(submitted_at: datetime.datetime) -> None:
    today = timezone.localdate()
    submitted = _day(submitted_at)
    if submitted > today:
        raise ValidationError(
            {
                "submitted_on": f"Submitted {day_text(submitted)} is in the "
                f"future: today is {day_text(today)}."
            }
        )


@transaction.atomic
def requirement_add(
    *,
    job_order: JobOrder,
    kind: str,
    description: str = "",
    skill: Skill | None = None,
    min_years: Decimal | int | None = None,
    must_have: bool = True,
) -> Requirement:
    last = job_order.requirements.order_by("-position").values_list("position", flat=True).first()
    requirement = Requirement(
        job_order=job_order,
        kind=kind,
        description=description,
        skill=skill,
        min_years=None if min_years is None else Decimal(str(min_years)),
        must_have=must_have,
        position=0 if last is None else last + 1,
    )
    if not description and skill is None:
        raise ValidationError({"description": "Describe the requirement."})
    requirement.full_clean()
    requirement.save()
    return requirement


@transaction.atomic
def submittal_create(
    *,
    job_order: JobOrder,
    candidate: Candidate,
    submitted_by: User,
    submitted_at: datetime.datetime | None = None,
) -> Submittal:
    """Put `candidate` in the job order's pipeline; an archived candidate, or one already in it,
    is refused (codes "archived" and "duplicate")."""
    if candidate.archived:
        raise ValidationError(f"{candidate} is archived and cannot be submitted.", code="archived")
    duplicate = ValidationError(
        f"{candidate} is already submitted to this job order: the pipeline below is unchanged.",
        code="duplicate",
    )
    if Submittal.objects.filter(job_order=job_order, candidate=candidate).exists():
        raise duplicate
    submittal = Submittal(
        job_order=job_order,
        candidate=candidate,
        submitted_by=submitted_by,
        submitted_at=submitted_at or timezone.now(),
    )
    _refuse_future_submission(submittal.submitted_at)
    _refuse_bad_order(submittal, offer=None)
    submittal.full_clean()
    try:
        with transaction.atomic():
            submittal.save()
    except IntegrityError:
        # Two people submitting the same candidate at once: the database is the referee.
        raise duplicate from None
    SubmittalEvent.objects.create(
        submittal=submittal,
        from_status="",
        to_status=submittal.status,
        changed_by=submitted_by,
        changed_at=submittal.submitted_at,
    )
    return submittal


@transaction.atomic
def submittal_change_status(
    *,
    submittal: Submittal,
    status: str,
    changed_by: User,
    interview_at: datetime.datetime | None = None,
    changed_at: datetime.datetime | None = None,
) -> Submittal:
    """Move a submittal to another stage; every move is kept as a SubmittalEvent."""
    return _change_status(
        submittal=submittal,
        status=status,
        changed_by=changed_by,
        interview_at=interview_at,
        changed_at=changed_at,
    )


def _change_status(
    *,
    submittal: Submittal,
    status: str,
    changed_by: User,
    interview_at: datetime.datetime | None,
    changed_at: datetime.datetime | None,
    follow_rounds: bool = True,
) -> Submittal:
    if status not in Submittal.Status.values:
        raise ValidationError({"status": f"“{status}” is not a submittal stage."})
    previous = submittal.status
    submittal.status = status
    if interview_at is not None:
        submittal.interview_at = interview_at
    changed_at = changed_at or timezone.now()
    offer = _offer_day(submittal)
    if offer is None and status in OFFER_OR_LATER and previous != status:
        offer = _day(changed_at)
    _refuse_bad_order(submittal, offer=offer)
    fields = ["status", "interview_at"]
    if not is_lost(status) and (submittal.loss_reason_id or submittal.loss_note):
        # Back in the running: the reason it was lost no longer holds.
        submittal.loss_reason, submittal.loss_note = None, ""
        fields += ["loss_reason", "loss_note"]
    submittal.full_clean(validate_constraints=False)
    submittal.save(update_fields=fields)
    if follow_rounds and interview_at is not None:
        _pipeline_sets_interview(submittal, interview_at)
    if previous != status:
        SubmittalEvent.objects.create(
            submittal=submittal,
            from_status=previous,
            to_status=status,
            changed_by=changed_by,
            changed_at=changed_at,
        )
    return submittal


@transaction.atomic
def submittal_set_dates(
    *,
    submittal: Submittal,
    submitted_on: datetime.date | None = None,
    start_on: datetime.date | None = None,
    clear_start: bool = False,
) -> Submittal:
    """Correct the day the candidate was submitted (the time of day is kept) and set the placed
    candidate's start date; the dates must keep the order of joborders/dates.py."""
    return _set_dates(
        submittal=submittal, submitted_on=submitted_on, start_on=start_on, clear_start=clear_start
    )


def _set_dates(
    *,
    submittal: Submittal,
    submitted_on: datetime.date | None,
    start_on: datetime.date | None,
    clear_start: bool,
) -> Submittal:
    fields = []
    if submitted_on is not None and submitted_on != _day(submittal.submitted_at):
        local_time = timezone.localtime(submittal.submitted_at).time()
        submittal.submitted_at = timezone.make_aware(
            datetime.datetime.combine(submitted_on, local_time)
        )
        _refuse_future_submission(submittal.submitted_at)
        fields.append("submitted_at")
    if start_on is not None or clear_start:
        submittal.start_on = start_on
        fields.append("start_on")
    if not fields:
        return submittal
    _refuse_bad_order(submittal, offer=_offer_day(submittal))
    submittal.full_clean(validate_constraints=False)
    submittal.save(update_fields=fields)
    if "submitted_at" in fields:
        # The creation event is the submission: the funnel counts the submittal from it.
        submittal.events.filter(from_status="").update(changed_at=submittal.submitted_at)
    return submittal


@transaction.atomic
def submittal_save_row(
    *,
    submittal: Submittal,
    status: str,
    changed_by: User,
    interview_at: datetime.datetime | None = None,
    submitted_on: datetime.date | None = None,
    start_on: datetime.date | None = None,
    clear_start: bool = False,
) -> Submittal:
    """The pipeline row's form: its dates, then its stage; all of it or nothing."""
    _set_dates(
        submittal=submittal, submitted_on=submitted_on, start_on=start_on, clear_start=clear_start
    )
    return _change_status(
        submittal=submittal,
        status=status,
        changed_by=changed_by,
        interview_at=interview_at,
        changed_at=None,
    )


@transaction.atomic
def submittal_set_rates(
    *, submittal: Submittal, pay_rate: Decimal | None, bill_rate: Decimal | None
) -> Submittal:
    """The candidate's pay rate and the client's bill rate for them, per hour; a pay rate above
    the bill rate (a negative margin) is refused, naming both."""
    for name, rate in (("pay_rate", pay_rate), ("bill_rate", bill_rate)):
        if rate is not None and rate < 0:
            raise ValidationError({name: "A rate cannot be negative."})
    if pay_rate is not None and bill_rate is not None and pay_rate > bill_rate:
        raise ValidationError(
            {
                "pay_rate": f"Pay rate {pay_rate} is above the bill rate {bill_rate}: the margin "
                "would be negative. Check both rates."
            }
        )
    submittal.pay_rate, submittal.bill_rate = pay_rate, bill_rate
    submittal.full_clean(validate_constraints=False)
    submittal.save(update_fields=["pay_rate", "bill_rate"])
    return submittal


# --- Why a candidate was lost ------------------------------------------------------------------


def require_loss_reason_manager(user: User) -> None:
    if not (user.is_superuser or user.is_manager):
        raise PermissionDenied("Only the team's managers change the list of loss reasons.")


def _clean_reason(reason: LossReason) -> LossReason:
    reason.label = " ".join(reason.label.split())
    try:
        reason.full_clean()
    except ValidationError as error:
        # The case-insensitive unique constraint reports on the whole record: say it on the label.
        if "__all__" in error.message_dict:
            raise ValidationError({"label": error.message_dict["__all__"]}) from None
        raise
    return reason


@transaction.atomic
def lossreason_create(*, team, label: str, side: str = "either") -> LossReason:
    last = LossReason.objects.filter(team=team).order_by("-position").first()
    reason = LossReason(
        team=team, label=label, side=side, position=(last.position + 1) if last else 0
    )
    _clean_reason(reason).save()
    return reason


@transaction.atomic
def lossreason_update(*, reason: LossReason, label: str, side: str) -> LossReason:
    reason.label, reason.side = label, side
    _clean_reason(reason).save(update_fields=["label", "side"])
    return reason


@transaction.atomic
def lossreason_set_retired(*, reason: LossReason, retired: bool) -> LossReason:
    """Retire a reason (no longer offered; the submittals that used it keep it) or bring it back."""
    reason.retired = retired
    reason.save(update_fields=["retired"])
    return reason


@transaction.atomic
def lossreasons_start(*, team) -> int:
    """Add the starter reasons (joborders/losses.py) the team lacks; safe to run again. Returns
    how many were added."""
    have = {label.lower() for label in team.loss_reasons.values_list("label", flat=True)}
    added = 0
    for label, side in STARTER_REASONS:
        if label.lower() not in have:
            lossreason_create(team=team, label=label, side=side)
            added += 1
    return added


@transaction.atomic
def submittal_set_loss(
    *, submittal: Submittal, loss_reason: LossReason | None, loss_note: str = ""
) -> Submittal:
    """Say why a rejected or withdrawn candidate was lost: one of the team's reasons that fits who
    said no (a retired one only if it is already the submittal's), and a note."""
    if not is_lost(submittal.status):
        raise ValidationError(
            {
                "loss_reason": f"{submittal.candidate} is “{submittal.get_status_display()}”, not "
                "rejected or withdrawn: there is no loss to explain."
            }
        )
    if loss_reason is not None:
        if loss_reason.team_id != submittal.job_order.team_id:
            raise ValidationError({"loss_reason": "Pick one of your team's reasons."})
        if loss_reason.retired and loss_reason.pk != submittal.loss_reason_id:
            raise ValidationError(
                {"loss_reason": f"“{loss_reason}” is retired: pick a reason in use."}
            )
        if not fits(loss_reason.side, submittal.status):
            who = "the client" if submittal.status == Submittal.Status.REJECTED else "the candidate"
            raise ValidationError(
                {
                    "loss_reason": f"“{loss_reason}” is not why {who} says no: pick a reason of "
                    f"{who}'s side (or change the stage)."
                }
            )
    submittal.loss_reason, submittal.loss_note = loss_reason, loss_note.strip()
    submittal.full_clean(validate_constraints=False)
    submittal.save(update_fields=["loss_reason", "loss_note"])
    return submittal


# --- The qualification form: job order with its client, contact and requirement rows ---------

STALE_MESSAGE = (
    "Someone else changed this job order since you opened it. Your input is still below: "
    "open the job order again in another tab to see their changes, then save yours."
)

# Which statuses a job order may move to from the detail page; a closed job can be reopened.
JOBORDER_TRANSITIONS: dict[str, tuple[str, ...]] = {
    JobOrder.Status.OPEN: (
        JobOrder.Status.ON_HOLD,
        JobOrder.Status.FILLED,
        JobOrder.Status.LOST,
        JobOrder.Status.CANCELLED,
    ),
    JobOrder.Status.ON_HOLD: (
        JobOrder.Status.OPEN,
        JobOrder.Status.FILLED,
        JobOrder.Status.LOST,
        JobOrder.Status.CANCELLED,
    ),
    JobOrder.Status.FILLED: (JobOrder.Status.OPEN,),
    JobOrder.Status.LOST: (JobOrder.Status.OPEN,),
    JobOrder.Status.CANCELLED: (JobOrder.Status.OPEN,),
}

# Requirement kinds whose rows are free text (a skill row names a skill instead).
TEXT_KINDS = (
    Requirement.Kind.CHALLENGE,
    Requirement.Kind.DELIVERABLE,
    Requirement.Kind.RESULT,
    Requirement.Kind.EXPERIENCE,
)


def _renamed(error: ValidationError, names: dict[str, str], default: str) -> ValidationError:
    """Report a nested service's errors under the caller's argument names."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {names.get(field, default): messages for field, messages in error.error_dict.items()}
        )
    return ValidationError({default: error.error_list})


def _client_and_contact(
    *,
    owner: User,
    client: Client | None = None,
    new_client_name: str = "",
    new_client_industry: str = "",
    contact: ClientContact | None = None,
    new_contact_name: str = "",
    new_contact_title: str = "",
    new_contact_phone: str = "",
    new_contact_email: str = "",
) -> tuple[Client, ClientContact | None]:
    """The client and contact the form points at, creating the new ones it typed in."""
    new_client_name = " ".join(new_client_name.split())
    new_contact_name = " ".join(new_contact_name.split())
    if client is not None and new_client_name:
        raise ValidationError({"new_client_name": "Pick a client or type a new one, not both."})
    if client is None and not new_client_name:
        raise ValidationError({"client": "Pick the client, or type the name of a new one."})
    if contact is not None and new_contact_name:
        raise ValidationError({"new_contact_name": "Pick a contact or add a new one, not both."})
    if not new_contact_name and (new_contact_title or new_contact_phone or new_contact_email):
        raise ValidationError({"new_contact_name": "Give the new contact a name."})
    if client is None:
        team = _team_of(owner)
        if Client.objects.filter(team=team, name__iexact=new_client_name).exists():
            raise ValidationError(
                {"new_client_name": f"“{new_client_name}” is already a client: pick it instead."}
            )
        try:
            client = client_create(owner=owner, name=new_client_name, industry=new_client_industry)
        except ValidationError as error:
            names = {"name": "new_client_name", "industry": "new_client_industry"}
            raise _renamed(error, names, "new_client_name") from None
    if contact is not None and contact.client_id != client.pk:
        raise ValidationError({"contact": "That contact works for another client."})
    if new_contact_name:
        try:
            contact = client_contact_create(
                client=client,
                name=new_contact_name,
                title=new_contact_title,
                phone=new_contact_phone,
                email=new_contact_email,
            )
        except ValidationError as error:
            names = {
                "name": "new_contact_name",
                "title": "new_contact_title",
                "phone": "new_contact_phone",
                "email": "new_contact_email",
            }
            raise _renamed(error, names, "new_contact_name") from None
    return client, contact


class ClientPick(TypedDict, total=False):
    """The client and contact a qualification form points at: picked, or typed in as new."""

    client: Client | None
    new_client_name: str
    new_client_industry: str
    contact: ClientContact | None
    new_contact_name: str
    new_contact_title: str
    new_contact_phone: str
    new_contact_email: str


class JobOrderDetails(TypedDict, total=False):
    """The job order's own fields on the qualification form."""

    title: Required[str]
    status: str
    openings: int
    start_date: datetime.date | None
    duration_weeks: int | None
    bill_rate: Decimal | None
    employment_type: str
    expected_hours: int | None
    placement_fee: Decimal | None
    project_goal: str
    project_scope: str
    received_on: datetime.date | None


class Qualification(ClientPick, JobOrderDetails):
    """Everything the main qualification form posts (requirement rows aside)."""


def _default_of(name: str) -> object:
    return JobOrder._meta.get_field(name).get_default()


def _split(fields: Qualification) -> tuple[ClientPick, dict[str, object]]:
    """The client pick, and the job order's fields with a default for each one not given."""
    unknown = set(fields) - set(Qualification.__annotations__)
    if unknown:
        raise TypeError(f"Not a qualification field: {sorted(unknown)}")
    pick = ClientPick(**{k: v for k, v in fields.items() if k in ClientPick.__annotations__})
    # Left out, the date received is today for a new job order and unchanged for an edit.
    details = {
        name: fields.get(name, None if name == "received_on" else _default_of(name))
        for name in JobOrderDetails.__annotations__
    }
    return pick, details


@transaction.atomic
def joborder_create_qualified(
    *,
    owner: User,
    challenges: list[str] | tuple[str, ...] = (),
    deliverables: list[str] | tuple[str, ...] = (),
    results: list[str] | tuple[str, ...] = (),
    **fields: Unpack[Qualification],
) -> JobOrder:
    """The qualification form in one go: client and contact (picked or new), the job order, and
    one requirement row per challenge, deliverable and result. All of it or nothing."""
    pick, details = _split(fields)
    client, contact = _client_and_contact(owner=owner, **pick)
    job_order = joborder_create(owner=owner, client=client, contact=contact, **details)
    rows = (
        (Requirement.Kind.CHALLENGE, "challenges", challenges),
        (Requirement.Kind.DELIVERABLE, "deliverables", deliverables),
        (Requirement.Kind.RESULT, "results", results),
    )
    for kind, argument, lines in rows:
        for number, line in enumerate(lines, start=1):
            try:
                requirement_add(job_order=job_order, kind=kind, description=line)
            except ValidationError as error:
                messages = [f"Line {number}: {m}" for m in _messages_of(error)]
                raise ValidationError({argument: messages}) from None
    return job_order


def _messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@transaction.atomic
def joborder_update(
    *, job_order: JobOrder, version: int, **fields: Unpack[Qualification]
) -> JobOrder:
    """Save the main qualification form, only if nobody changed the job order since `version`.

    A stale save raises StaleEdit and writes nothing (new clients and contacts included)."""
    current = JobOrder.objects.filter(pk=job_order.pk).values_list("version", flat=True).first()
    if current != version:
        raise StaleEdit(STALE_MESSAGE, newer=changes_since(job_order, version))
    pick, details = _split(fields)
    details["received_on"] = details["received_on"] or job_order.received_on
    _refuse_received_on(details["received_on"], job_order=job_order)
    client, contact = _client_and_contact(owner=job_order.owner, **pick)
    if client.team_id != job_order.team_id:
        raise ValidationError({"client": "That client belongs to another team."})
    changes = {"client": client, "contact": contact, **details}
    draft = copy.copy(job_order)
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.full_clean()
    return save_versioned(job_order, version=version, changes=changes, stale=STALE_MESSAGE)


@transaction.atomic
def joborder_change_status(*, job_order: JobOrder, status: str) -> JobOrder:
    """Open → on hold → filled / lost / cancelled (and back to open). A change is an edit:
    it moves the version on, so a form opened before it cannot overwrite it."""
    allowed = JOBORDER_TRANSITIONS.get(job_order.status, ())
    if status not in allowed:
        label = dict(JobOrder.Status.choices).get(status, status)
        current = job_order.get_status_display()
        raise ValidationError({"status": f"A job order that is {current} cannot become {label}."})
    return save_versioned(job_order, version=None, changes={"status": status}, stale=STALE_MESSAGE)


def _skill_for(text: str, *, confirmed: bool = True) -> Skill:
    """The skill a salesperson typed: a name or alias resolves, an unknown name is added; with
    `confirmed=False` a name close to a known skill asks "Did you mean …?" first."""
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"skill": "Name the skill."})
    if "|" in text:
        raise ValidationError({"skill": "A skill name cannot contain “|”."})
    try:
        return skill_get_or_create(text=text, confirmed=confirmed)
    except ValidationError as error:
        raise _renamed(error, {}, "skill") from None


def _refuse_repeated_skill(job_order: JobOrder, skill: Skill, *, exclude_pk: int | None) -> None:
    repeats = job_order.requirements.filter(kind=Requirement.Kind.SKILL, skill=skill)
    if exclude_pk is not None:
        repeats = repeats.exclude(pk=exclude_pk)
    if repeats.exists():
        raise ValidationError({"skill": f"{skill.name} is already on this job order."})


@transaction.atomic
def requirement_add_skill(
    *,
    job_order: JobOrder,
    skill_name: str,
    min_years: Decimal | int | None = None,
    must_have: bool = True,
    confirmed: bool = True,
) -> Requirement:
    """Add a skill row by the name the salesperson typed (aliases resolve: "k8s" → Kubernetes)."""
    skill = _skill_for(skill_name, confirmed=confirmed)
    _refuse_repeated_skill(job_order, skill, exclude_pk=None)
    return requirement_add(
        job_order=job_order,
        kind=Requirement.Kind.SKILL,
        skill=skill,
        min_years=min_years,
        must_have=must_have,
    )


@transaction.atomic
def requirement_update(
    *,
    requirement: Requirement,
    description: str = "",
    skill_name: str = "",
    min_years: Decimal | int | None = None,
    must_have: bool = True,
    confirmed: bool = True,
) -> Requirement:
    """Correct a row in place. A skill row takes a skill name; the other kinds take text."""
    if requirement.kind == Requirement.Kind.SKILL:
        skill = _skill_for(skill_name, confirmed=confirmed)
        _refuse_repeated_skill(requirement.job_order, skill, exclude_pk=requirement.pk)
        requirement.skill = skill
        requirement.min_years = None if min_years is None else Decimal(str(min_years))
    else:
        description = description.strip()
        if not description:
            raise ValidationError({"description": "Describe the requirement."})
        requirement.description = description
    requirement.must_have = must_have
    requirement.full_clean()
    requirement.save()
    return requirement


def _renumber(job_order: JobOrder, ordered: list[Requirement]) -> None:
    """Positions stay dense (0, 1, 2…) across the job order's requirements."""
    changed = []
    for position, requirement in enumerate(ordered):
        if requirement.position != position:
            requirement.position = position
            changed.append(requirement)
    Requirement.objects.bulk_update(changed, ["position"])


def _locked_requirements(job_order: JobOrder) -> list[Requirement]:
    # Lock the job order so two reorderings of its rows cannot interleave.
    JobOrder.objects.select_for_update().filter(pk=job_order.pk).first()
    return list(Requirement.objects.filter(job_order=job_order).order_by("position", "id"))


@transaction.atomic
def requirement_remove(*, requirement: Requirement) -> None:
    job_order = requirement.job_order
    requirement.delete()
    _renumber(job_order, _locked_requirements(job_order))


@transaction.atomic
def requirement_move(*, requirement: Requirement, direction: str) -> None:
    """Move a row one place up or down among the rows of its kind (a no-op at either end)."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": "Move a row up or down."})
    ordered = _locked_requirements(requirement.job_order)
    same_kind = [r for r in ordered if r.kind == requirement.kind]
    index = next((i for i, r in enumerate(same_kind) if r.pk == requirement.pk), None)
    if index is None:
        return  # removed meanwhile: nothing to move
    neighbour_index = index - 1 if direction == "up" else index + 1
    if 0 <= neighbour_index < len(same_kind):
        mine = ordered.index(same_kind[index])
        theirs = ordered.index(same_kind[neighbour_index])
        ordered[mine], ordered[theirs] = ordered[theirs], ordered[mine]
    _renumber(requirement.job_order, ordered)


# --- Interview rounds -------------------------------------------------------------------------

INTERVIEW_LENGTH = datetime.timedelta(minutes=60)  # a round typed without an end
# Scheduling a round puts the candidate (back) at "Interview scheduled" from these stages.
_TO_SCHEDULED = (Submittal.Status.SUBMITTED, Submittal.Status.INTERVIEWED)


def _refuse_interviewers(submittal: Submittal, interviewers: list[ClientContact]) -> None:
    client_id = submittal.job_order.client_id
    strangers = [c for c in interviewers if c.client_id != client_id]
    if strangers:
        names = ", ".join(c.name for c in strangers)
        raise ValidationError(
            {
                "interviewers": f"{names} is not a contact of {submittal.job_order.client}: "
                "the interviewers are the client's people."
            }
        )


def _refuse_bad_rounds(submittal: Submittal, rounds: list[Interview]) -> None:
    problem = round_problem(
        [RoundTimes(r.round, r.starts_at, r.ends_at) for r in rounds],
        submitted=_day(submittal.submitted_at),
        day_of=_day,
    )
    if problem is not None:
        raise ValidationError({problem.field: problem.message})


def _locked_rounds(submittal: Submittal) -> list[Interview]:
    # The submittal's row lock serialises two people scheduling the next round at once.
    Submittal.objects.select_for_update().filter(pk=submittal.pk).first()
    return list(submittal.interviews.order_by("round"))


def _follow_current_round(submittal: Submittal, rounds: list[Interview]) -> None:
    """`interview_at` is the current (highest) round's start: the lists read it without a join."""
    current = rounds[-1].starts_at if rounds else None
    if submittal.interview_at != current:
        submittal.interview_at = current
        _refuse_bad_order(submittal, offer=_offer_day(submittal))
        submittal.save(update_fields=["interview_at"])


def _save_round(interview: Interview, interviewers: list[ClientContact] | None) -> Interview:
    interview.full_clean(exclude=["submittal"], validate_constraints=False)
    interview.save()
    if interviewers is not None:
        interview.interviewers.set(interviewers)
    return interview


@transaction.atomic
def interview_schedule(
    *,
    submittal: Submittal,
    starts_at: datetime.datetime,
    scheduled_by: User,
    ends_at: datetime.datetime | None = None,
    kind: str = Interview.Kind.VIDEO,
    interviewers: list[ClientContact] | None = None,
    location: str = "",
    meeting_url: str = "",
    notes: str = "",
) -> Interview:
    """The next round (1 for the first): after the round before it, on or after the submission,
    its interviewers the client's contacts. A candidate at "Submitted" or "Interviewed" moves to
    "Interview scheduled"; a rejected or withdrawn one is refused."""
    if is_lost(submittal.status):
        raise ValidationError(
            {
                "starts_at": f"{submittal.candidate} is {submittal.get_status_display().lower()}: "
                "move them back into the pipeline before scheduling an interview."
            }
        )
    interviewers = list(interviewers or [])
    _refuse_interviewers(submittal, interviewers)
    rounds = _locked_rounds(submittal)
    interview = Interview(
        submittal=submittal,
        round=rounds[-1].round + 1 if rounds else 1,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at or starts_at + INTERVIEW_LENGTH,
        location=location,
        meeting_url=meeting_url,
        notes=notes,
    )
    _refuse_bad_rounds(submittal, [*rounds, interview])
    _save_round(interview, interviewers)
    if submittal.status in _TO_SCHEDULED:
        submittal.interview_at = interview.starts_at
        _change_status(
            submittal=submittal,
            status=Submittal.Status.INTERVIEW_SCHEDULED,
            changed_by=scheduled_by,
            interview_at=None,
            changed_at=None,
            follow_rounds=False,
        )
    else:
        _follow_current_round(submittal, [*rounds, interview])
    return interview


@transaction.atomic
def interview_update(
    *,
    interview: Interview,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    kind: str = Interview.Kind.VIDEO,
    interviewers: list[ClientContact] | None = None,
    location: str = "",
    meeting_url: str = "",
    notes: str = "",
) -> Interview:
    """Change a round (its interviewers unchanged when `interviewers` is None); it must still
    come after the round before it and before the next."""
    submittal = interview.submittal
    if interviewers is not None:
        interviewers = list(interviewers)
        _refuse_interviewers(submittal, interviewers)
    rounds = [r for r in _locked_rounds(submittal) if r.pk != interview.pk]
    interview.starts_at = starts_at
    interview.ends_at = ends_at or starts_at + INTERVIEW_LENGTH
    interview.kind, interview.location = kind, location
    interview.meeting_url, interview.notes = meeting_url, notes
    ordered = sorted([*rounds, interview], key=lambda r: r.round)
    _refuse_bad_rounds(submittal, ordered)
    _save_round(interview, interviewers)
    _follow_current_round(submittal, ordered)
    return interview


@transaction.atomic
def interview_cancel(*, interview: Interview) -> None:
    """Remove the current round (only the last one, so rounds stay numbered 1, 2, 3…); a round
    with its feedback call logged happened and is kept."""
    submittal = interview.submittal
    rounds = _locked_rounds(submittal)
    if rounds and rounds[-1].pk != interview.pk:
        raise ValidationError(
            f"Only the last round can be cancelled: round {rounds[-1].round} comes after "
            f"round {interview.round}."
        )
    if interview.feedback_calls.exists():
        raise ValidationError(
            f"Round {interview.round} has its feedback call logged: it happened, so it stays."
        )
    interview.delete()
    _follow_current_round(submittal, rounds[:-1])


def _pipeline_sets_interview(submittal: Submittal, interview_at: datetime.datetime) -> None:
    """The pipeline row and the API set one interview date: it is the current round's start
    (round 1 when there is none yet), its length kept."""
    rounds = _locked_rounds(submittal)
    if not rounds:
        interview = Interview(
            submittal=submittal,
            round=1,
            starts_at=interview_at,
            ends_at=interview_at + INTERVIEW_LENGTH,
        )
        _save_round(interview, None)
        return
    current = rounds[-1]
    if current.starts_at == interview_at:
        return
    current.ends_at = interview_at + (current.ends_at - current.starts_at)
    current.starts_at = interview_at
    try:
        _refuse_bad_rounds(submittal, rounds)
    except ValidationError as error:
        # The pipeline row and the API name the one field they set.
        raise ValidationError({"interview_at": error.messages}) from None
    current.save(update_fields=["starts_at", "ends_at"])
