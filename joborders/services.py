import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from candidates.models import Candidate, Skill
from joborders.models import Client, ClientContact, JobOrder, Requirement, Submittal, SubmittalEvent


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
    project_goal: str = "",
    project_scope: str = "",
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
        project_goal=project_goal,
        project_scope=project_scope,
    )
    job_order.full_clean()
    job_order.save()
    return job_order


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
    submittal = Submittal(
        job_order=job_order,
        candidate=candidate,
        submitted_by=submitted_by,
        submitted_at=submitted_at or timezone.now(),
    )
    submittal.full_clean()
    try:
        with transaction.atomic():
            submittal.save()
    except IntegrityError:
        # Two people submitting the same candidate at once: the database is the referee.
        raise ValidationError("This candidate is already submitted to this job order.") from None
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
    if status not in Submittal.Status.values:
        raise ValidationError({"status": f"“{status}” is not a submittal stage."})
    previous = submittal.status
    submittal.status = status
    if interview_at is not None:
        submittal.interview_at = interview_at
    submittal.full_clean(validate_constraints=False)
    submittal.save(update_fields=["status", "interview_at"])
    if previous != status:
        SubmittalEvent.objects.create(
            submittal=submittal,
            from_status=previous,
            to_status=status,
            changed_by=changed_by,
            changed_at=changed_at or timezone.now(),
        )
    return submittal
