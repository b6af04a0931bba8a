"""The dashboard: "closest to the money" first (the source's exercise 3).

For a salesperson: their feedback calls due, their interviews of the next seven days, their open
job orders that still miss something, their ratios this month against last, and the latest
manager reviews of their plans. A manager sees the same sections over the whole team, grouped by
salesperson; a superuser over everyone.

Every section is one query (job orders two) whatever the data, and the readiness of the plans
in the two interview sections one more. Plan readiness is therefore not the plan page's
checklist (`plan_page_for` runs the gap analysis in Python, several queries per plan) but its
SQL twin, `callplans.selectors.readiness.with_readiness`, read per row with one correlated
subquery. The approximation it makes is documented there: SQL `TRIM` removes spaces
only, so a goal, rebuttal or next action made only of tabs or line breaks counts as written on
the dashboard and as empty on the plan page. Forms strip their input, so only data written
around the forms can show the difference; on everything else the two scores are equal (tested).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from accounts.models import User
from callplans.models import CallPlan, FeedbackCall, PlanReview
from callplans.selectors.readiness import SubmittalReadiness
from candidates.models import Candidate
from core.access import can_write, team_filter
from core.queries import exists_per_row
from joborders.models import JobOrder, Requirement, Submittal, SubmittalEvent
from joborders.selectors import with_interview_round
from metrics.funnel import Funnel, Ratio, month_bounds, with_stage_dates
from references.models import ReferenceCall

READY_STATUSES = (CallPlan.Status.READY, CallPlan.Status.APPROVED)
# Submittals still heading for an interview decision: each needs a reference call and a plan.
ACTIVE_STATUSES = (
    Submittal.Status.SUBMITTED,
    Submittal.Status.INTERVIEW_SCHEDULED,
    Submittal.Status.INTERVIEWED,
)
FEEDBACK_DUE_STATUSES = (Submittal.Status.INTERVIEW_SCHEDULED, Submittal.Status.INTERVIEWED)
UPCOMING_DAYS = 7
# A dashboard is a to-do list, not a report: past this many rows a section says so and stops.
SECTION_LIMIT = 100
QUALIFICATION = (
    ("goal", "the goal of the project"),
    ("challenges", "the challenges to solve"),
    ("deliverables", "the deliverables"),
    ("results", "the quantifiable results"),
)
RATIOS = (
    ("submit_to_interview", "Submittal → interview"),
    ("interview_to_offer", "Interview → offer"),
    ("offer_to_placement", "Offer → placement"),
)


# --- What the page shows --------------------------------------------------------------------


@dataclass(frozen=True)
class SubmittalRow:
    """A submittal with its plan (if any) and the plan's readiness score."""

    submittal: Submittal
    plan: CallPlan | None
    readiness: int | None  # percent of the checklist items done; None without a plan
    may_write: bool  # may log the call (plan) or prepare the plan (no plan)

    @property
    def ready(self) -> bool:
        return self.plan is not None and self.plan.status in READY_STATUSES


@dataclass(frozen=True)
class JobOrderGaps:
    job_order: JobOrder
    unanswered: tuple[str, ...]  # the qualification questions not answered yet
    without_reference: tuple[Candidate, ...]  # active submittals with no reference call
    without_plan: tuple[SubmittalRow, ...]  # active submittals with no call plan
    may_write: bool


@dataclass(frozen=True)
class RatioRow:
    label: str
    this_month: Ratio
    last_month: Ratio


@dataclass(frozen=True)
class PersonSections:
    person: User
    feedback_due: tuple[SubmittalRow, ...] = ()
    upcoming: tuple[SubmittalRow, ...] = ()
    job_orders: tuple[JobOrderGaps, ...] = ()
    ratios: tuple[RatioRow, ...] = ()

    @property
    def empty(self) -> bool:
        activity = any(r.this_month.denominator or r.last_month.denominator for r in self.ratios)
        return not (self.feedback_due or self.upcoming or self.job_orders or activity)


@dataclass(frozen=True)
class Dashboard:
    team_view: bool  # a manager's or superuser's: grouped by salesperson
    groups: tuple[PersonSections, ...]
    reviews: tuple[PlanReview, ...]
    truncated: frozenset[str] = frozenset()  # sections cut at SECTION_LIMIT rows
    this_month: datetime.date | None = None
    last_month: datetime.date | None = None

    @property
    def quiet(self) -> tuple[User, ...]:
        """Team members with nothing on the dashboard (named once instead of a heading each)."""
        return tuple(g.person for g in self.groups if g.empty)

    @property
    def busy(self) -> tuple[PersonSections, ...]:
        return tuple(g for g in self.groups if not g.empty)


def dashboard_for(user: User, *, now: datetime.datetime | None = None) -> Dashboard:
    """The dashboard of `user` at `now` (days and months are local: settings.TIME_ZONE)."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    team_view = user.is_superuser or user.leads_teams
    submittals = Submittal.objects.filter(team_filter(user, "job_order__team"))
    job_orders = JobOrder.objects.filter(team_filter(user), status=JobOrder.Status.OPEN)
    if not team_view:
        submittals = submittals.filter(submitted_by=user)
        job_orders = job_orders.filter(owner=user)

    truncated = set()
    due = _limited(feedback_calls_due(submittals, now=now), "feedback_due", truncated)
    upcoming = _limited(upcoming_interviews(submittals, now=now), "upcoming", truncated)
    gaps = _limited(joborders_to_finish(job_orders), "job_orders", truncated)

    this_start, this_end = month_bounds(timezone.localdate(now, tz), tz)
    last_start, _ = month_bounds((this_start - datetime.timedelta(days=1)).date(), tz)
    periods = {"this": (this_start, this_end), "last": (last_start, this_start)}
    # One query for both months, for a salesperson too: two `funnel_for` aggregates cost more
    # in building their filtered expressions than this query does in SQL and Python.
    funnels = funnels_by_person(submittals, periods)
    people = _team_people(user, [*due, *upcoming], gaps, funnels) if team_view else {user.pk: user}

    scores = readiness_of([*due, *upcoming])
    by_person = defaultdict(lambda: defaultdict(list))
    for s in due:
        by_person[s.submitted_by_id]["feedback_due"].append(_row(user, s, scores))
    for s in upcoming:
        by_person[s.submitted_by_id]["upcoming"].append(_row(user, s, scores))
    for j in gaps:
        by_person[j.owner_id]["job_orders"].append(_gaps(user, j))
    groups = [
        PersonSections(
            person=person,
            feedback_due=tuple(by_person[pk]["feedback_due"]),
            upcoming=tuple(by_person[pk]["upcoming"]),
            job_orders=tuple(by_person[pk]["job_orders"]),
            ratios=_ratios(funnels.get(pk)),
        )
        for pk, person in people.items()
    ]
    groups.sort(key=lambda g: (g.person.first_name, g.person.last_name, g.person.username))
    return Dashboard(
        team_view=team_view,
        groups=tuple(groups),
        reviews=tuple(latest_reviews_of(user)),
        truncated=frozenset(truncated),
        this_month=this_start.date(),
        last_month=last_start.date(),
    )


def _team_people(
    user: User, submittals: list[Submittal], job_orders: list[JobOrder], funnels: dict
) -> dict[int, User]:
    """Everyone with a row or a ratio, and for a manager or director every active member of
    their teams (one query: the people already loaded with their rows are not read again)."""
    people = {s.submitted_by_id: s.submitted_by for s in submittals}
    people |= {j.owner_id: j.owner for j in job_orders}
    if user.leads_teams and not user.is_superuser:
        members = team_filter(user) & Q(is_active=True)
    else:
        members = Q(pk__in=[])
    missing = [pk for pk in funnels if pk not in people]
    return people | {u.pk: u for u in User.objects.filter(members | Q(pk__in=missing))}


def _limited(queryset: QuerySet, name: str, truncated: set[str]) -> list:
    """At most SECTION_LIMIT rows; one more is read to know whether the section was cut."""
    rows = list(queryset[: SECTION_LIMIT + 1])
    if len(rows) > SECTION_LIMIT:
        truncated.add(name)
    return rows[:SECTION_LIMIT]


# --- Sections -------------------------------------------------------------------------------


def _has_kind(kind: str, job_order: str = "job_order") -> Exists:
    return Exists(Requirement.objects.filter(job_order=OuterRef(job_order), kind=kind))


def _reference_calls_for_job() -> QuerySet[ReferenceCall]:
    """Reference calls about this submittal's candidate, made for this job by the job's team
    (the plan page's "Reference call made for this job")."""
    return ReferenceCall.objects.filter(
        job_order=OuterRef("job_order"),
        reference__candidate=OuterRef("candidate"),
        team=OuterRef("job_order__team"),
    )


def readiness_of(submittals: list[Submittal]) -> dict[int, int]:
    """The readiness score of the plans of these submittals, {submittal id: score}, in one
    query (none without a plan). Asked of the loaded rows rather than selected in each
    section's query: PostgreSQL then plans the readiness subqueries once, not once per
    section, and planning them took longer than running them (3–6 ms a section at scale 20)."""
    ids = [s.pk for s in submittals if _plan_of(s) is not None]
    scored = Submittal.objects.filter(pk__in=ids).annotate(score=SubmittalReadiness())
    return dict(scored.order_by().values_list("pk", "score")) if ids else {}


def with_plan_readiness(submittals: QuerySet[Submittal]) -> QuerySet[Submittal]:
    """Annotate `plan_readiness`: the readiness score of the submittal's plan (None without a
    plan), computed in SQL by `callplans.selectors.readiness.with_readiness_score`, whose SQL
    is compiled once (`SubmittalReadiness`): building and copying its expression tree took
    longer than running it."""
    return submittals.annotate(plan_readiness=SubmittalReadiness())


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


# What a row of the interview sections shows (the submitter whole: they head the manager's groups).
_ROW_RELATED = ("job_order__client", "candidate", "submitted_by", "plan")
_ROW_FIELDS = (
    *("status", "interview_at", "submitted_by"),
    *("job_order__title", "job_order__team_id", "job_order__client__name"),
    *("candidate__first_name", "candidate__last_name", "plan__status", "plan__author_id"),
)


def feedback_calls_due(
    submittals: QuerySet[Submittal], *, now: datetime.datetime
) -> QuerySet[Submittal]:
    """Submittals interviewed (or interviewing) today or yesterday whose feedback call is not
    logged yet: no feedback call on their plan on or after the interview's day, so a call about
    an earlier round does not hide the next one. Submittals without a plan are due too."""
    today = timezone.localdate(now)
    yesterday, today_start = _day_start(today - datetime.timedelta(days=1)), _day_start(today)
    tomorrow = _day_start(today + datetime.timedelta(days=1))
    last_call = Subquery(
        FeedbackCall.objects.filter(plan__submittal=OuterRef("pk"))
        .order_by("-called_at")
        .values("called_at")[:1]
    )
    return (
        with_interview_round(submittals)
        .filter(
            status__in=FEEDBACK_DUE_STATUSES,
            interview_at__gte=yesterday,
            interview_at__lt=tomorrow,
        )
        .alias(last_call_at=last_call)  # only filtered on: not selected (computed once less)
        .filter(
            Q(last_call_at__isnull=True)
            | Q(interview_at__lt=today_start, last_call_at__lt=yesterday)
            | Q(interview_at__gte=today_start, last_call_at__lt=today_start)
        )
        .select_related(*_ROW_RELATED)
        .only(*_ROW_FIELDS)
        .order_by("interview_at", "pk")
    )


def upcoming_interviews(
    submittals: QuerySet[Submittal], *, now: datetime.datetime
) -> QuerySet[Submittal]:
    """Interviews scheduled from now to seven days ahead, soonest first."""
    return (
        with_interview_round(submittals)
        .filter(
            status=Submittal.Status.INTERVIEW_SCHEDULED,
            interview_at__gte=now,
            interview_at__lt=now + datetime.timedelta(days=UPCOMING_DAYS),
        )
        .select_related(*_ROW_RELATED)
        .only(*_ROW_FIELDS)
        .order_by("interview_at", "pk")
    )


def joborders_to_finish(job_orders: QuerySet[JobOrder]) -> QuerySet[JobOrder]:
    """Open job orders missing a qualification answer, or with an active submittal that has no
    reference call for this job or no call plan ("repeat this exercise for every open job
    order"). The active submittals come prefetched as `active_submittals`, each annotated with
    `has_reference`."""
    active = Submittal.objects.filter(job_order=OuterRef("pk"), status__in=ACTIVE_STATUSES)
    # The missing_* conditions are only filtered on, so they are aliases (not selected): each
    # correlated subquery then runs once per job order, in the WHERE clause, not twice.
    annotated = (
        job_orders.filter(archived=False)
        .annotate(
            has_challenges=_has_kind(Requirement.Kind.CHALLENGE, "pk"),
            has_deliverables=_has_kind(Requirement.Kind.DELIVERABLE, "pk"),
            has_results=_has_kind(Requirement.Kind.RESULT, "pk"),
        )
        .alias(
            missing_plan=Exists(active.filter(plan__isnull=True)),
            missing_reference=Exists(active.exclude(Exists(_reference_calls_for_job()))),
        )
    )
    active_submittals = (
        Submittal.objects.filter(status__in=ACTIVE_STATUSES)
        # Selected per row, not as an EXISTS, which PostgreSQL answers by hashing every team's
        # reference calls (see exists_per_row); in the WHERE above the EXISTS is the faster one.
        .annotate(has_reference=exists_per_row(_reference_calls_for_job()), plan_pk=F("plan"))
        # Only what the section shows: the candidate's name and whether there is a plan (a
        # few hundred rows on a manager's dashboard: whole plans and candidates were waste).
        .select_related("candidate")
        .only(*_ACTIVE_FIELDS)
        .order_by("submitted_at", "pk")
    )
    return (
        annotated.filter(
            Q(project_goal="")
            | Q(has_challenges=False)
            | Q(has_deliverables=False)
            | Q(has_results=False)
            | Q(missing_plan=True)
            | Q(missing_reference=True)
        )
        .select_related("client", "owner")
        .only("title", "team_id", "owner", "project_goal", "client__name")
        .prefetch_related(
            Prefetch("submittals", queryset=active_submittals, to_attr="active_submittals")
        )
        .order_by("-updated_at", "-pk")
    )


_ACTIVE_FIELDS = (
    "job_order_id",
    "submitted_by_id",
    "candidate__first_name",
    "candidate__last_name",
)


def latest_reviews_of(user: User, limit: int = 5) -> QuerySet[PlanReview]:
    """The latest manager reviews of the plans `user` wrote."""
    return (
        PlanReview.objects.filter(
            team_filter(user, "plan__submittal__job_order__team"), plan__author=user
        )
        .select_related("reviewer", "plan__submittal__candidate", "plan__submittal__job_order")
        .order_by("-created_at", "-pk")[:limit]
    )


# --- Ratios ---------------------------------------------------------------------------------


def funnels_by_person(
    submittals: QuerySet[Submittal],
    periods: dict[str, tuple[datetime.datetime, datetime.datetime]],
) -> dict[int, dict[str, Funnel]]:
    """`funnel_for` of each submitter for each period, in one query: {user id: {period: Funnel}}.

    Same definitions as funnel.py: the stage dates come from its `with_stage_dates`, one row per
    submittal active since the earliest period began (the others cannot count in any period),
    and the ratios are counted here instead of in SQL so that they can be split by submitter."""
    earliest = min(start for start, _ in periods.values())
    recent = submittals.filter(
        Q(submitted_at__gte=earliest)
        | Exists(SubmittalEvent.objects.filter(submittal=OuterRef("pk"), changed_at__gte=earliest))
    )
    rows = defaultdict(list)
    for row in (
        with_stage_dates(recent)
        .order_by()
        .values("submitted_by", "submitted_at", "first_interview_at", "first_offer_at", "placed_at")
    ):
        rows[row["submitted_by"]].append(row)
    return {
        person: {key: _funnel(mine, *span) for key, span in periods.items()}
        for person, mine in rows.items()
    }


def _funnel(rows: list[dict], start: datetime.datetime, end: datetime.datetime) -> Funnel:
    def within(name: str) -> list[dict]:
        return [r for r in rows if r[name] is not None and start <= r[name] < end]

    def reached(group: list[dict], name: str) -> int:
        return sum(r[name] is not None for r in group)

    submitted = within("submitted_at")
    interviewed = within("first_interview_at")
    offered = within("first_offer_at")
    return Funnel(
        submitted=len(submitted),
        interviewed=len(interviewed),
        offers=len(offered),
        placements=len(within("placed_at")),
        submit_to_interview=Ratio(reached(submitted, "first_interview_at"), len(submitted)),
        interview_to_offer=Ratio(reached(interviewed, "first_offer_at"), len(interviewed)),
        offer_to_placement=Ratio(reached(offered, "placed_at"), len(offered)),
    )


def _ratios(funnels: dict[str, Funnel] | None) -> tuple[RatioRow, ...]:
    empty = Ratio(0, 0)
    return tuple(
        RatioRow(
            label,
            getattr(funnels["this"], name) if funnels else empty,
            getattr(funnels["last"], name) if funnels else empty,
        )
        for name, label in RATIOS
    )


# --- Rows -----------------------------------------------------------------------------------


def _plan_of(submittal: Submittal) -> CallPlan | None:
    try:
        return submittal.plan  # select_related: no query either way
    except CallPlan.DoesNotExist:
        return None


def _row(user: User, submittal: Submittal, scores: dict[int, int]) -> SubmittalRow:
    plan = _plan_of(submittal)
    team_id = submittal.job_order.team_id
    if plan is None:
        may_write = can_write(user, team_id=team_id, owner_id=submittal.submitted_by_id)
        readiness = None
    else:
        may_write = can_write(user, team_id=team_id, owner_id=plan.author_id)
        readiness = scores.get(submittal.pk)  # None only if the plan was just deleted
    return SubmittalRow(submittal, plan, readiness, may_write)


def _gaps(user: User, job_order: JobOrder) -> JobOrderGaps:
    answered = {
        "goal": bool(job_order.project_goal),
        "challenges": job_order.has_challenges,
        "deliverables": job_order.has_deliverables,
        "results": job_order.has_results,
    }
    active = job_order.active_submittals
    return JobOrderGaps(
        job_order=job_order,
        unanswered=tuple(label for key, label in QUALIFICATION if not answered[key]),
        without_reference=tuple(s.candidate for s in active if not s.has_reference),
        without_plan=tuple(
            SubmittalRow(
                s,
                None,
                None,
                can_write(user, team_id=job_order.team_id, owner_id=s.submitted_by_id),
            )
            for s in active
            if s.plan_pk is None
        ),
        may_write=can_write(user, team_id=job_order.team_id, owner_id=job_order.owner_id),
    )
