import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from candidates.models import Candidate
from candidates.selectors import candidates_visible_to
from core.access import can_write, get_for_user, team_filter
from joborders.dates import DateProblem, SubmittalDates, first_problem
from joborders.losses import SIDE_OF
from joborders.models import (
    Client,
    ClientContact,
    Interview,
    JobOrder,
    LossReason,
    Requirement,
    Submittal,
)


def clients_visible_to(user: User) -> QuerySet[Client]:
    return Client.objects.filter(team_filter(user), archived=False)


def joborders_visible_to(user: User) -> QuerySet[JobOrder]:
    return JobOrder.objects.filter(team_filter(user), archived=False).select_related(
        "client", "owner"
    )


def submittals_visible_to(user: User) -> QuerySet[Submittal]:
    return Submittal.objects.filter(team_filter(user, "job_order__team")).select_related(
        "job_order__client", "candidate", "submitted_by"
    )


def get_client_for_user(user: User, pk: int, *, write: bool = False) -> Client:
    return get_for_user(Client.objects.all(), user, pk, write=write)


def get_joborder_for_user(user: User, pk: int, *, write: bool = False) -> JobOrder:
    queryset = JobOrder.objects.select_related("client", "contact", "owner")
    return get_for_user(queryset, user, pk, write=write)


def get_submittal_for_user(user: User, pk: int, *, write: bool = False) -> Submittal:
    """A submittal belongs to its job order's team; its submitter and the managers change it."""
    queryset = Submittal.objects.select_related(
        "job_order__client", "candidate", "submitted_by", "loss_reason"
    )
    return get_for_user(
        queryset, user, pk, team_field="job_order__team", owner_field="submitted_by", write=write
    )


# --- Job order pages ------------------------------------------------------------------------

LIST_SORTS = {
    "updated": (F("updated_at").desc(), F("pk").desc()),
    "start": (F("start_date").asc(nulls_last=True), F("updated_at").desc(), F("pk").desc()),
}


@dataclass(frozen=True)
class Qualification:
    """How many of the source's four project-overview questions the job order answers."""

    goal: bool
    challenges: bool
    deliverables: bool
    results: bool

    @property
    def answered(self) -> int:
        return sum((self.goal, self.challenges, self.deliverables, self.results))


def _has_kind(kind: str) -> Exists:
    return Exists(Requirement.objects.filter(job_order=OuterRef("pk"), kind=kind))


def _as_int(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def joborder_list(
    user: User,
    *,
    status: str = "",
    owner: User | None = None,
    client: Client | None = None,
    q: str = "",
    sort: str = "updated",
) -> QuerySet[JobOrder]:
    """The list page: the four qualification answers annotated in SQL, must-have skills in one
    prefetch (`must_have_skills`), so a page costs the same few queries whatever its size."""
    has_goal = ~Q(project_goal="")
    queryset = joborders_visible_to(user).annotate(
        has_goal=ExpressionWrapper(has_goal, output_field=BooleanField()),
        has_challenge=_has_kind(Requirement.Kind.CHALLENGE),
        has_deliverable=_has_kind(Requirement.Kind.DELIVERABLE),
        has_result=_has_kind(Requirement.Kind.RESULT),
    )
    queryset = queryset.annotate(
        answered=_as_int(has_goal)
        + _as_int(Q(has_challenge=True))
        + _as_int(Q(has_deliverable=True))
        + _as_int(Q(has_result=True))
    )
    if status:
        queryset = queryset.filter(status=status)
    if owner is not None:
        queryset = queryset.filter(owner=owner)
    if client is not None:
        queryset = queryset.filter(client=client)
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(client__name__icontains=q))
    must_haves = (
        Requirement.objects.filter(kind=Requirement.Kind.SKILL, must_have=True)
        .select_related("skill")
        .only("job_order_id", "min_years", "skill__name")
    )
    # Only the columns the list shows: not the long qualification answers, the client's notes
    # or the owner's password hash.
    return (
        queryset.only(*LIST_COLUMNS)
        .prefetch_related(Prefetch("requirements", queryset=must_haves, to_attr="must_have_skills"))
        .order_by(*LIST_SORTS.get(sort, LIST_SORTS["updated"]))
    )


LIST_COLUMNS = (
    "title",
    "status",
    "start_date",
    "updated_at",
    "client__name",
    "owner__first_name",
    "owner__last_name",
    "owner__username",
)


def joborder_owner_choices(user: User) -> QuerySet[User]:
    """People whose job orders the user may filter by: their team (everyone for a superuser)."""
    return User.objects.filter(team_filter(user), is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def clients_of_team(team_id: int | None) -> QuerySet[Client]:
    return Client.objects.filter(team_id=team_id, archived=False).order_by("name")


def contacts_of_team(
    team_id: int | None, *, client: Client | None = None
) -> QuerySet[ClientContact]:
    contacts = ClientContact.objects.filter(
        client__team_id=team_id, client__archived=False
    ).select_related("client")
    if client is not None:
        contacts = contacts.filter(client=client)
    return contacts.order_by("client__name", "name")


def requirements_of(job_order: JobOrder) -> QuerySet[Requirement]:
    return Requirement.objects.filter(job_order=job_order).select_related("skill")


def requirement_ids_of_kind(requirement: Requirement) -> list[int]:
    """The rows of the requirement's kind on its job order, in the edit page's order."""
    same_kind = Requirement.objects.filter(
        job_order_id=requirement.job_order_id, kind=requirement.kind
    )
    return list(same_kind.order_by("position", "id").values_list("pk", flat=True))


def requirement_place(requirement: Requirement) -> tuple[int, int]:
    """The row's number (1, 2, …) in its job order's list of the same kind, and that list's
    length, as the edit page shows them."""
    ids = requirement_ids_of_kind(requirement)
    return ids.index(requirement.pk) + 1, len(ids)


def qualification_of(job_order: JobOrder, requirements: list[Requirement]) -> Qualification:
    kinds = {r.kind for r in requirements}
    return Qualification(
        goal=bool(job_order.project_goal),
        challenges=Requirement.Kind.CHALLENGE in kinds,
        deliverables=Requirement.Kind.DELIVERABLE in kinds,
        results=Requirement.Kind.RESULT in kinds,
    )


def joborder_pipeline(job_order: JobOrder) -> QuerySet[Submittal]:
    return (
        Submittal.objects.filter(job_order=job_order)
        # "plan" is the call plan's reverse one-to-one: the row offers to open or prepare it.
        .select_related("candidate", "submitted_by", "plan", "loss_reason")
        .order_by("-submitted_at", "-pk")
    )


def joborder_reference_calls(job_order: JobOrder) -> QuerySet:
    """Reference calls made for this job (the reverse relation: joborders does not import
    references, which sits above it)."""
    return (
        job_order.reference_calls.filter(team_id=job_order.team_id)
        .select_related("reference__candidate", "called_by")
        .order_by("-called_at", "-pk")
    )


def candidates_to_submit(user: User, text: str, *, limit: int = 10) -> list[Candidate]:
    """Candidates whose name or headline holds every word typed, for "Submit a candidate"."""
    words = text.split()[:5]
    if not words:
        return []
    candidates = candidates_visible_to(user)
    for word in words:
        candidates = candidates.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(headline__icontains=word)
        )
    return list(candidates.order_by("last_name", "first_name", "pk")[:limit])


def get_requirement_for_user(
    user: User, joborder_pk: int, pk: int, *, write: bool = False
) -> Requirement:
    """A requirement is reached through its job order: same 404 / 403 rules."""
    job_order = get_joborder_for_user(user, joborder_pk, write=write)
    requirement = requirements_of(job_order).filter(pk=pk).first()
    if requirement is None:
        raise Http404("No such requirement.")
    requirement.job_order = job_order
    return requirement


def get_submittal_to_run_for_user(user: User, pk: int) -> Submittal:
    """A submittal its submitter, its job order's owner or the team's managers may change."""
    submittal = get_submittal_for_user(user, pk)
    return get_pipeline_submittal_for_user(user, submittal.job_order_id, pk, write=True)


def get_pipeline_submittal_for_user(
    user: User, joborder_pk: int, pk: int, *, write: bool = False
) -> Submittal:
    """A submittal on this job order's pipeline. Besides its submitter and the team's managers,
    the job order's owner may move it: the pipeline is theirs to run."""
    submittal = get_submittal_for_user(user, pk)
    if submittal.job_order_id != joborder_pk:
        raise Http404("No such submittal on this job order.")
    job_order = submittal.job_order
    if write and not (
        can_write(user, team_id=job_order.team_id, owner_id=submittal.submitted_by_id)
        or can_write(user, team_id=job_order.team_id, owner_id=job_order.owner_id)
    ):
        raise PermissionDenied("Only the owner and the team's managers can change this.")
    return submittal


# --- A submittal's detail page: its timeline ------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime.datetime | datetime.date
    what: str
    who: str = ""
    kind: str = "stage"  # "received", "stage", "interview", "start"


@dataclass(frozen=True)
class SubmittalDetail:
    submittal: Submittal
    timeline: tuple[TimelineEntry, ...]
    dates: SubmittalDates
    problem: DateProblem | None


def _sort_key(entry: TimelineEntry) -> datetime.datetime:
    when = entry.when
    if not isinstance(when, datetime.datetime):
        # A day without a time sorts at its start (received) or its end (a start date).
        clock = datetime.time.min if entry.kind == "received" else datetime.time.max
        when = timezone.make_aware(datetime.datetime.combine(when, clock))
    return when


def submittal_detail_of(
    submittal: Submittal, *, rounds: list[Interview] | None = None
) -> SubmittalDetail:
    """The submittal's timeline — the day the job order was received, every stage change with
    who and when, the interview, the start date — oldest first, and its dates' order
    (joborders/dates.py). One query: the events with who made them."""
    events = list(submittal.events.select_related("changed_by").order_by("changed_at", "pk"))
    labels = dict(Submittal.Status.choices)
    entries = [
        TimelineEntry(submittal.job_order.received_on, "Job order received", kind="received")
    ]
    for event in events:
        if event.from_status:
            what = f"{labels.get(event.from_status)} → {labels.get(event.to_status)}"
        else:
            what = f"Submitted to {submittal.job_order.client}"
        entries.append(TimelineEntry(event.changed_at, what, str(event.changed_by)))
    for item in rounds or ():
        what = f"Interview round {item.round} ({item.get_kind_display().lower()})"
        names = ", ".join(c.name for c in item.interviewers.all())
        what += f" with {names}" if names else ""
        entries.append(TimelineEntry(item.starts_at, what, kind="interview"))
    if submittal.interview_at and not rounds:
        entries.append(TimelineEntry(submittal.interview_at, "Interview", kind="interview"))
    if submittal.start_on:
        entries.append(TimelineEntry(submittal.start_on, "Start date", kind="start"))
    offer = next((e.changed_at for e in events if e.to_status in ("offer", "placed")), None)
    dates = SubmittalDates(
        received=submittal.job_order.received_on,
        submitted=timezone.localdate(submittal.submitted_at),
        interview=timezone.localdate(submittal.interview_at) if submittal.interview_at else None,
        offer=timezone.localdate(offer) if offer else None,
        start=submittal.start_on,
    )
    return SubmittalDetail(
        submittal=submittal,
        timeline=tuple(sorted(entries, key=_sort_key)),
        dates=dates,
        problem=first_problem(dates),
    )


# --- Why candidates were lost -----------------------------------------------------------------


def loss_reasons_of(team_id: int | None) -> QuerySet[LossReason]:
    """The team's loss reasons, in use first, in the team's order."""
    return LossReason.objects.filter(team_id=team_id)


def loss_reasons_for_submittal(submittal: Submittal) -> QuerySet[LossReason]:
    """The reasons that can explain this submittal's loss: the team's reasons in use of the side
    that said no, and the one it already has (even retired)."""
    side = SIDE_OF.get(submittal.status)
    sides = ["either", side] if side else ["either", "client", "candidate"]
    keep = Q(retired=False, side__in=sides)
    if submittal.loss_reason_id:
        keep |= Q(pk=submittal.loss_reason_id)
    return loss_reasons_of(submittal.job_order.team_id).filter(keep)


# --- Interview rounds -------------------------------------------------------------------------


def with_interview_round(submittals: QuerySet[Submittal]) -> QuerySet[Submittal]:
    """Annotate `interview_round`: the current (highest) round's number, None without rounds;
    a subquery in the list's own query."""
    latest = Interview.objects.filter(submittal_id=OuterRef("pk")).order_by("-round")
    return submittals.annotate(interview_round=Subquery(latest.values("round")[:1]))


def rounds_of(submittal: Submittal) -> list[Interview]:
    """The submittal's rounds, first first, with their interviewers and whether each has its
    feedback call logged (by the related name the callplans app gives the calls): two queries."""
    return list(
        submittal.interviews.annotate(call_count=Count("feedback_calls"))
        .prefetch_related("interviewers")
        .order_by("round")
    )


def round_followed(submittal: Submittal, called_at: datetime.datetime) -> Interview | None:
    """The round a feedback call at `called_at` follows: the latest one begun by then."""
    return submittal.interviews.filter(starts_at__lte=called_at).order_by("-round").first()


def contacts_for_interview(submittal: Submittal) -> QuerySet[ClientContact]:
    """Who can interview: the contacts of the job order's client."""
    return ClientContact.objects.filter(client_id=submittal.job_order.client_id).order_by("name")
