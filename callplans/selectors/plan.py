"""Reading call plans: access, the plan page bundle (also the PDF's data) and practice cards."""

import datetime
import json
from dataclasses import dataclass
from functools import cached_property

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import User
from callplans.checklist import Checklist, ready_checklist
from callplans.evidence import EvidenceRow, UsedEngagement, evidence_rows, used_engagements
from callplans.gaps import GapRow, GapView
from callplans.models import (
    CallPlan,
    ClosingQuestion,
    FeedbackCall,
    LibraryStatus,
    Objection,
    ObjectionTemplate,
    PlanEvidence,
    PlanReview,
    PracticeItem,
    PracticeSession,
    RaisedObjection,
)
from callplans.objections import (
    ObjectionRank,
    SuggestedObjection,
    most_likely_ids,
    rank_objections,
    scope_gap_text,
    suggest_objections,
)
from callplans.selectors.gap import candidate_skills_json, gap_view_for, held_skills
from callplans.selectors.library import RebuttalRecord, record_of, with_records
from core.access import get_for_user, team_filter
from core.queries import built_once, json_rows
from joborders.models import Interview, Requirement, Submittal
from references.models import ReferenceCall, ReferenceFinding

_PLAN_TEAM = "submittal__job_order__team"


def callplans_visible_to(user: User) -> QuerySet[CallPlan]:
    return CallPlan.objects.filter(team_filter(user, _PLAN_TEAM)).select_related(
        "submittal__job_order__client", "submittal__candidate", "author"
    )


def callplans_for_list(
    user: User, *, status: str = "", mine_only: bool = True
) -> QuerySet[CallPlan]:
    """The plan list: the user's (or team's) plans, next interview first; an unknown status
    filter is ignored rather than emptying the list."""
    plans = callplans_visible_to(user).order_by("submittal__interview_at", "-updated_at")
    if status in CallPlan.Status.values:
        plans = plans.filter(status=status)
    if mine_only:
        plans = plans.filter(author=user)
    return plans


def get_callplan_for_user(user: User, pk: int, *, write: bool = False) -> CallPlan:
    queryset = CallPlan.objects.select_related(
        "submittal__job_order__client", "submittal__candidate", "author"
    )
    return get_for_user(
        queryset, user, pk, team_field=_PLAN_TEAM, owner_field="author", write=write
    )


def get_objection_of_plan(plan: CallPlan, pk: int) -> Objection:
    return get_object_or_404(Objection.objects.select_related("plan"), pk=pk, plan=plan)


def objection_ids_of_plan(plan: CallPlan) -> list[int]:
    """The plan's objections in the order the page lists them."""
    return list(plan.objections.order_by("position", "id").values_list("pk", flat=True))


def get_evidence_link_of_plan(plan: CallPlan, pk: int) -> PlanEvidence:
    queryset = PlanEvidence.objects.select_related("plan", "engagement")
    return get_object_or_404(queryset, pk=pk, plan=plan)


def requirement_of_plan(plan: CallPlan, pk: int | None) -> Requirement | None:
    """One of the plan's job order's requirements; None when `pk` names none of them."""
    if pk is None:
        return None
    return Requirement.objects.filter(job_order_id=plan.submittal.job_order_id, pk=pk).first()


@dataclass(frozen=True)
class PlanAccess:
    pk: int
    team_id: int
    author_id: int


def callplan_access_for_user(user: User, pk: int) -> PlanAccess:
    """Whether `user` may read plan `pk` (404 outside the team, as get_callplan_for_user), and
    the team whose page and PDF caches hold it: the one query the cached plan page and PDF run
    before their caches answer, so two joins and no model rows."""
    row = (
        CallPlan.objects.filter(team_filter(user, _PLAN_TEAM), pk=pk)
        .order_by()
        .values_list("submittal__job_order__team_id", "author_id")
        .first()
    )
    if row is None:
        raise Http404("No such record.")
    return PlanAccess(pk, *row)


@dataclass(frozen=True)
class ReferenceHighlight:
    call_id: int
    reference: str
    title: str
    company: str
    relationship: str
    called_at: datetime.datetime
    for_this_job: bool
    would_rehire: str
    rating: int | None
    summary: str
    strengths: str
    concerns: str
    quotes: tuple[tuple[str, str, str], ...]  # (requirement, assessment, quote)


@dataclass(frozen=True)
class ReviewEntry:
    """A manager's review of the plan, as the plan page shows it."""

    decision: str
    decision_label: str
    reviewer: str
    created_at: datetime.datetime
    comment: str


@dataclass(frozen=True)
class HistoryEntry:
    who: str
    when: datetime.datetime
    what: str


@dataclass(frozen=True)
class PlanPage:
    """Everything the plan page and its PDF show, read in a fixed number of queries."""

    plan: CallPlan
    gap: GapView
    objections: tuple[Objection, ...]
    ranks: dict[int, ObjectionRank]
    suggestions: tuple[SuggestedObjection, ...]
    library: tuple[ObjectionTemplate, ...]
    closing_library: tuple[ClosingQuestion, ...]
    chosen_question_ids: frozenset[int]
    references: tuple[ReferenceHighlight, ...]
    checklist: Checklist
    history: tuple[HistoryEntry, ...]
    reviews: tuple[ReviewEntry, ...]
    feedback_calls: tuple[FeedbackCall, ...]
    raised: dict[int, tuple[RaisedObjection, ...]]  # each call's raised objections, by call pk
    records: dict[int, RebuttalRecord]

    @property
    def suggestion_cards(self):
        """Each suggestion with the record of the rebuttal it offers, and the team library's
        alternatives each with its record ("raised 6×, handled well 5×, 4 offers")."""
        return tuple(
            (
                s,
                self.records.get(s.template_id),
                tuple((t, self.records.get(t.pk)) for t in s.alternatives),
            )
            for s in self.suggestions
        )

    @property
    def job_order(self):
        return self.plan.submittal.job_order

    @property
    def candidate(self):
        return self.plan.submittal.candidate

    @property
    def overview(self) -> dict[str, tuple[GapRow, ...]]:
        """The job order's challenge, deliverable and result rows, by kind, for the overview."""
        kinds = ("challenge", "deliverable", "result")
        return {kind: tuple(r for r in self.gap.rows if r.kind == kind) for kind in kinds}

    @property
    def chosen_questions(self) -> tuple[ClosingQuestion, ...]:
        return tuple(q for q in self.closing_library if q.pk in self.chosen_question_ids)

    @property
    def likely_ids(self) -> frozenset[int]:
        return frozenset(pk for pk, rank in self.ranks.items() if rank.most_likely)

    @property
    def objection_ranks(self) -> tuple[tuple[Objection, ObjectionRank], ...]:
        """The plan's objections in plan order, each with whether it is most likely and why."""
        return tuple((o, self.ranks[o.pk]) for o in self.objections)

    @property
    def most_likely(self) -> tuple[Objection, ...]:
        """The call card's objections: the most likely, in the order they rank."""
        by_pk = {o.pk: o for o in self.objections}
        return tuple(by_pk[pk] for pk, rank in self.ranks.items() if rank.most_likely)

    @cached_property
    def evidence(self) -> tuple[EvidenceRow, ...]:
        return evidence_rows(self.gap.rows)

    @cached_property
    def engagements_used(self) -> tuple[UsedEngagement, ...]:
        return used_engagements(self.gap.rows)

    @property
    def calls_with_raised(self) -> tuple[tuple[FeedbackCall, tuple[RaisedObjection, ...]], ...]:
        return tuple((call, self.raised[call.pk]) for call in self.feedback_calls)

    @property
    def latest_call(self) -> FeedbackCall | None:
        return self.feedback_calls[0] if self.feedback_calls else None

    @property
    def interview_round(self) -> int:
        """The current round's number (1 for an interview date with no rounds)."""
        return self.plan.current_round or 1

    @property
    def interview_kind(self) -> str:
        return (
            Interview.Kind(self.plan.current_round_kind).label
            if self.plan.current_round_kind
            else ""
        )

    @property
    def current_call(self) -> FeedbackCall | None:
        """The feedback call of the current round, what the plan counts as "called": once the
        next round is scheduled the plan is prepared again, and the earlier calls are history."""
        call = self.latest_call
        if call is None or self.plan.current_round_pk is None:
            return call
        return call if call.interview_id == self.plan.current_round_pk else None


def with_current_round(plans: QuerySet[CallPlan]) -> QuerySet[CallPlan]:
    """Annotate the plan's current (highest) interview round: `current_round` (its number),
    `current_round_pk` and `current_round_kind`, None without rounds; in the plan's query."""
    latest = Interview.objects.filter(submittal_id=OuterRef("submittal_id")).order_by("-round")
    return plans.annotate(
        current_round=Subquery(latest.values("round")[:1]),
        current_round_pk=Subquery(latest.values("pk")[:1]),
        current_round_kind=Subquery(latest.values("kind")[:1]),
    )


@built_once
def _plan_rows() -> QuerySet[CallPlan]:
    """The plan page's plan rows with everything that comes in them."""
    plans = CallPlan.objects.select_related(
        "submittal__job_order__client",
        "submittal__job_order__contact",
        "submittal__candidate",
        "author",
    ).order_by()
    return with_current_round(plans).annotate(
        reviews_json=_reviews_json(),
        history_json=_history_json(),
        skills_json=candidate_skills_json("submittal__candidate_id"),
    )


@built_once
def _objection_rows() -> QuerySet[Objection]:
    return with_last_practice(Objection.objects.select_related("requirement__skill")).order_by(
        "position"
    )


@built_once
def _library_rows() -> QuerySet[ObjectionTemplate]:
    """The team library's active rebuttals with their records (filtered by team)."""
    active = ObjectionTemplate.objects.filter(status=LibraryStatus.ACTIVE)
    return with_records(active).order_by("category", "position", "id")


@built_once
def _feedback_call_rows() -> QuerySet[FeedbackCall]:
    return (
        FeedbackCall.objects.select_related("called_by", "closing_question_asked")
        .annotate(raised_json=_raised_json())
        .order_by("-called_at")
    )


def plan_page_for(plan_pk: int, *, user: User | None = None) -> PlanPage:
    """The page's bundle; with `user`, also the access check (another team's plan is a 404), in
    the same query that loads the plan."""
    plans = _plan_rows()
    if user is not None:
        plans = plans.filter(team_filter(user, _PLAN_TEAM))
    plan = next(iter(plans.filter(pk=plan_pk)), None)
    if plan is None:
        raise Http404("No such record.")
    submittal, job = plan.submittal, plan.submittal.job_order
    calls = _reference_calls(submittal)
    gap = gap_view_for(
        submittal, reference_calls=calls, candidate_skills=held_skills(plan.skills_json)
    )
    objections = tuple(_objection_rows().filter(plan_id=plan.pk))
    library = tuple(_library_rows().filter(team_id=job.team_id))
    active = LibraryStatus.ACTIVE
    picked = CallPlan.closing_questions.through.objects.filter(
        callplan_id=plan.pk, closingquestion_id=OuterRef("pk")
    )
    closing_library = tuple(
        ClosingQuestion.objects.filter(team_id=job.team_id)
        .annotate(chosen=Exists(picked))
        .filter(Q(status=active) | Q(chosen=True))
    )
    chosen = frozenset(q.pk for q in closing_library if q.chosen)
    references = _reference_highlights(submittal, calls)
    team_sizes = list(gap.team_sizes)
    first_name = submittal.candidate.first_name
    covered = {(o.requirement_id, o.category) for o in objections}
    raised = raised_counts(job.team_id)
    suggestions = suggest_objections(
        gap,
        first_name=first_name,
        skill_ids={r.requirement_id: r.skill_id for r in gap.rows},
        templates=list(library),
        covered=covered,
        scope_gap=scope_gap_text(job.project_scope, team_sizes, first_name),
        raised=raised,
        reference_names=tuple(r.reference for r in references),
    )
    checklist = _checklist(plan, gap, objections, references, len(chosen))
    feedback_calls = tuple(_feedback_call_rows().filter(plan_id=plan.pk))
    return PlanPage(
        plan=plan,
        gap=gap,
        objections=objections,
        ranks=rank_objections(list(objections), {r.requirement_id: r for r in gap.rows}, raised),
        suggestions=tuple(suggestions),
        library=library,
        closing_library=closing_library,
        chosen_question_ids=chosen,
        references=references,
        checklist=checklist,
        history=_history(plan.history_json),
        reviews=_reviews(plan.reviews_json),
        feedback_calls=feedback_calls,
        raised={call.pk: _raised(call) for call in feedback_calls},
        records={t.pk: record_of(t) for t in library},
    )


def raised_counts(team_id: int) -> dict[str, int]:
    """How often the team's clients raised each category of objection, and objections about each
    skill ("skill:<id>"), on logged feedback calls: one grouped query."""
    counts: dict[str, int] = {}
    rows = (
        RaisedObjection.objects.filter(feedback_call__plan__submittal__job_order__team_id=team_id)
        .values_list("category", "objection__requirement__skill_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for category, skill_id, n in rows:
        counts[category] = counts.get(category, 0) + n
        if skill_id is not None:
            counts[f"skill:{skill_id}"] = counts.get(f"skill:{skill_id}", 0) + n
    return counts


def _checklist(plan, gap, objections, references, chosen_count) -> Checklist:
    kinds = {r.kind for r in gap.rows}
    qualified = (
        bool(plan.submittal.job_order.project_goal.strip())
        and {
            Requirement.Kind.CHALLENGE,
            Requirement.Kind.DELIVERABLE,
            Requirement.Kind.RESULT,
        }
        <= kinds
    )
    # A drafted rebuttal counts only once the salesperson has edited or accepted it.
    answered = {o.requirement_id for o in objections if o.rebuttal.strip() and not o.rebuttal_draft}
    unanswered = [
        r.text
        for r in gap.rows
        if r.must_have and r.status in ("gap", "concern") and r.requirement_id not in answered
    ]
    return ready_checklist(
        qualified=qualified,
        reference_call_made=any(r.for_this_job for r in references),
        must_have_gaps_without_rebuttal=unanswered,
        closing_questions=chosen_count,
        next_action=plan.next_action,
        rehearsed=plan.rehearsed_at is not None,
    )


def _reference_calls(submittal: Submittal) -> list[ReferenceCall]:
    """The candidate's reference calls in the job's team, newest first, each with its findings
    that say something (a quote or an assessment): the references section and the gap view."""
    said = ReferenceFinding.objects.select_related("requirement__skill").exclude(
        quote="", assessment=""
    )
    return list(
        ReferenceCall.objects.filter(
            reference__candidate_id=submittal.candidate_id,
            team_id=submittal.job_order.team_id,
        )
        .select_related("reference")
        .prefetch_related(Prefetch("findings", queryset=said))
        .order_by("-called_at")
    )


def _reference_highlights(
    submittal: Submittal, calls: list[ReferenceCall]
) -> tuple[ReferenceHighlight, ...]:
    return tuple(
        ReferenceHighlight(
            call_id=call.pk,
            reference=call.reference.name,
            title=call.reference.title,
            company=call.reference.company,
            relationship=call.reference.get_relationship_display(),
            called_at=call.called_at,
            for_this_job=call.job_order_id == submittal.job_order_id,
            would_rehire=call.get_would_rehire_display() if call.would_rehire else "",
            rating=call.rating,
            summary=call.summary,
            strengths=call.strengths,
            concerns=call.concerns,
            quotes=tuple(
                (str(f.requirement) if f.requirement else "General", f.assessment, f.quote)
                for f in call.findings.all()
                if f.quote
            ),
        )
        for call in calls
    )


# The reviews and the last changes come in the plan's own row, each as comma-separated JSON
# objects (two queries fewer on every plan page and PDF).
HISTORY_SHOWN = 12


def _user_fields(user: str) -> dict[str, str]:
    """The JSON fields `_name` reads back as the user's `str()`."""
    return {
        "first": f"{user}__first_name",
        "last": f"{user}__last_name",
        "username": f"{user}__username",
    }


def _reviews_json() -> Subquery:
    reviews = PlanReview.objects.filter(plan_id=OuterRef("pk"))
    return json_rows(
        reviews,
        "plan_id",
        pk="pk",
        decision="decision",
        comment="comment",
        at="created_at",
        **_user_fields("reviewer"),
    )


def _history_json() -> Subquery:
    """The plan's last HISTORY_SHOWN versions (ties on the date may add a few; cut in Python)."""
    versions = CallPlan.history.model.objects.filter(id=OuterRef("pk"))
    oldest_shown = versions.order_by("-history_date").values("history_date")[
        HISTORY_SHOWN - 1 : HISTORY_SHOWN
    ]
    shown = CallPlan.history.model.objects.filter(id=OuterRef("pk")).filter(
        Q(history_date__gte=Subquery(oldest_shown)) | ~Exists(oldest_shown)
    )
    return json_rows(
        shown,
        "id",
        pk="history_id",
        at="history_date",
        what="history_change_reason",
        **_user_fields("history_user"),
    )


# The raised objection's fields the plan page and the API show, by their model names.
_RAISED_FIELDS = ("pk", "objection_id", "category", "text", "handled", "rebuttal")


def _raised_json() -> Subquery:
    """A feedback call's raised objections in the call's own row (no query of their own)."""
    raised = RaisedObjection.objects.filter(feedback_call_id=OuterRef("pk"))
    return json_rows(raised, "feedback_call_id", **{name: name for name in _RAISED_FIELDS})


def _raised(call: FeedbackCall) -> tuple[RaisedObjection, ...]:
    rows = sorted(json.loads(f"[{call.raised_json or ''}]"), key=lambda row: row["pk"])
    return tuple(RaisedObjection(feedback_call=call, **row) for row in rows)


def _parsed(text: str | None) -> list[dict]:
    rows = json.loads(f"[{text or ''}]")
    for row in rows:
        at = parse_datetime(row["at"])
        row["at"] = at if timezone.is_aware(at) else timezone.make_aware(at, datetime.UTC)
    return sorted(rows, key=lambda row: (row["at"], row["pk"]), reverse=True)


def _name(row: dict) -> str:
    """`str(user)` of the JSON row's user: the full name, or the username."""
    return f"{row['first'] or ''} {row['last'] or ''}".strip() or row["username"]


def _reviews(text: str | None) -> tuple[ReviewEntry, ...]:
    labels = dict(PlanReview.Decision.choices)
    return tuple(
        ReviewEntry(
            decision=row["decision"],
            decision_label=labels.get(row["decision"], row["decision"]),
            reviewer=_name(row),
            created_at=row["at"],
            comment=row["comment"],
        )
        for row in _parsed(text)
    )


def _history(text: str | None) -> tuple[HistoryEntry, ...]:
    return tuple(
        HistoryEntry(
            who=_name(row) if row["username"] else "DialReady",
            when=row["at"],
            what=row["what"] or "Saved",
        )
        for row in _parsed(text)[:HISTORY_SHOWN]
    )


@dataclass(frozen=True)
class PracticeCard:
    key: str
    objection: str
    rebuttal: str
    category: str
    from_library: bool
    objection_id: int | None = None
    most_likely: bool = False
    last_result: str = ""  # how the last practice of this objection went ("" if never)


def with_last_practice(objections: QuerySet[Objection]) -> QuerySet[Objection]:
    """Each objection with how its last practised card went (`last_practice`: nailed, shaky,
    missed, or None), in the same query."""
    last = PracticeItem.objects.filter(objection=OuterRef("pk")).order_by(
        "-session__practised_at", "-pk"
    )
    return objections.annotate(last_practice=Subquery(last.values("result")[:1]))


def practice_cards(plan: CallPlan, *, include_library: bool = False) -> list[PracticeCard]:
    """The plan's objections, most likely first; optionally the team library's for the job's skills."""
    objections = list(with_last_practice(plan.objections.order_by("position", "id")))
    rows = {r.requirement_id: r for r in gap_view_for(plan.submittal).rows}
    # Ranked as on the plan page, so the cards rehearse the same "most likely" first.
    likely = most_likely_ids(objections, rows, raised_counts(plan.submittal.job_order.team_id))
    objections.sort(key=lambda o: (o.pk not in likely, o.position))
    results = dict(PracticeItem.Result.choices)
    cards = [
        PracticeCard(
            f"o{o.pk}",
            o.text,
            o.rebuttal,
            o.get_category_display(),
            False,
            objection_id=o.pk,
            most_likely=o.pk in likely,
            last_result=results.get(o.last_practice, ""),
        )
        for o in objections
    ]
    if include_library:
        job = plan.submittal.job_order
        templates = ObjectionTemplate.objects.filter(
            team_id=job.team_id, status=LibraryStatus.ACTIVE, skill__requirements__job_order=job
        ).distinct()
        cards += [
            PracticeCard(f"t{t.pk}", t.text, t.rebuttal, t.get_category_display(), True)
            for t in templates
        ]
    return cards


RECENT_SESSIONS = 5


def _recent_sessions(sessions: QuerySet[PracticeSession], viewer: User) -> list[PracticeSession]:
    """The last of `sessions` that `viewer` may see (their own; a manager, director or
    superuser sees everyone's), newest first, each with its cards or rounds: two queries."""
    if not (viewer.is_superuser or viewer.leads_teams):
        sessions = sessions.filter(author=viewer)
    return list(
        sessions.select_related("author", "closing_question").prefetch_related(
            Prefetch("items", queryset=PracticeItem.objects.order_by("position", "pk"))
        )[:RECENT_SESSIONS]
    )


def practice_sessions_of(plan: CallPlan, *, viewer: User) -> list[PracticeSession]:
    """The plan's last practice sessions (objection cards, closing role-plays) `viewer` may see."""
    return _recent_sessions(plan.practice_sessions.all(), viewer)


def reference_roleplays_of(job_order, candidate, *, viewer: User) -> list[PracticeSession]:
    """The last reference-call role-plays about `candidate` for `job_order` `viewer` may see."""
    sessions = PracticeSession.objects.filter(
        kind=PracticeSession.Kind.REFERENCE, job_order=job_order, candidate=candidate
    )
    return _recent_sessions(sessions, viewer)
