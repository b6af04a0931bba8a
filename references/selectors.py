import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from candidates.models import Candidate
from core.access import can_write, get_for_user, in_scope, team_filter
from joborders.models import JobOrder, Requirement, Submittal
from joborders.selectors import joborders_visible_to
from references.models import Reference, ReferenceCall, ReferenceFinding, ReferenceQuestion

# The order in which a salesperson walks the reference through the job.
KIND_ORDER = (
    Requirement.Kind.CHALLENGE,
    Requirement.Kind.DELIVERABLE,
    Requirement.Kind.RESULT,
    Requirement.Kind.EXPERIENCE,
    Requirement.Kind.SKILL,
)

KIND_HEADINGS = {
    Requirement.Kind.CHALLENGE: "Challenges to solve",
    Requirement.Kind.DELIVERABLE: "Deliverables",
    Requirement.Kind.RESULT: "Quantifiable results",
    Requirement.Kind.EXPERIENCE: "Experience",
    Requirement.Kind.SKILL: "Skills",
}

# What to ask about each kind of requirement: "Tell me about a time <candidate> …".
PROMPTS = {
    Requirement.Kind.CHALLENGE: "Tell me about a time {name} solved a challenge like this: {text}…",
    Requirement.Kind.DELIVERABLE: "Tell me about a time {name} delivered something like this: {text}…",
    Requirement.Kind.RESULT: "Tell me about a time {name} produced a result like this: {text}…",
    Requirement.Kind.EXPERIENCE: "Tell me about a time {name} worked in a setting like this: {text}…",
    Requirement.Kind.SKILL: "Tell me about a time {name} used {text}. How deep did it go?",
}

PICKER_LIMIT = 100  # open job orders offered besides the ones the candidate is submitted to


def references_for_candidate(candidate_id: int) -> QuerySet[Reference]:
    """References are firm-wide: anyone signed in may read who vouches for a candidate."""
    return Reference.objects.filter(candidate_id=candidate_id).select_related("engagement")


@dataclass(frozen=True)
class CandidateReferences:
    candidate: Candidate
    references: tuple[Reference, ...]


def references_for_job(job_order: JobOrder, *, candidate_id: int | None = None):
    """Who could vouch for the candidates submitted to `job_order` (or for one of them), so a
    reference call can start from the job: each candidate with their references, in two queries."""
    submittals = Submittal.objects.filter(job_order=job_order).select_related("candidate")
    if candidate_id is not None:
        submittals = submittals.filter(candidate_id=candidate_id)
    candidates = {s.candidate_id: s.candidate for s in submittals.order_by("-submitted_at", "id")}
    references: dict[int, list[Reference]] = {pk: [] for pk in candidates}
    for reference in Reference.objects.filter(candidate_id__in=candidates).order_by("name", "id"):
        references[reference.candidate_id].append(reference)
    return tuple(CandidateReferences(c, tuple(references[pk])) for pk, c in candidates.items())


def get_reference_for_user(user: User, pk: int) -> Reference:
    return get_object_or_404(Reference.objects.select_related("candidate", "engagement"), pk=pk)


def referencecalls_visible_to(user: User) -> QuerySet[ReferenceCall]:
    return ReferenceCall.objects.filter(team_filter(user)).select_related(
        "reference__candidate", "job_order", "called_by"
    )


def referencecalls_for_joborder(user: User, job_order: JobOrder) -> QuerySet[ReferenceCall]:
    """The calls the user's team made about this job order, newest first."""
    return referencecalls_visible_to(user).filter(job_order=job_order).order_by("-called_at", "-pk")


def referencecalls_for_candidate(user: User, candidate: Candidate) -> QuerySet[ReferenceCall]:
    """The calls the user's team made to this candidate's references, newest first."""
    return (
        referencecalls_visible_to(user)
        .filter(reference__candidate=candidate)
        .order_by("-called_at", "-pk")
    )


def referencecall_search(
    user: User,
    *,
    status: str = "",
    job_order_id: int | None = None,
    mine: bool = False,
    query: str = "",
) -> QuerySet[ReferenceCall]:
    """The team's calls for the list page; `query` matches candidate or reference names."""
    calls = referencecalls_visible_to(user)
    if status:
        calls = calls.filter(status=status)
    if job_order_id is not None:
        calls = calls.filter(job_order_id=job_order_id)
    if mine:
        calls = calls.filter(called_by=user)
    for word in query.split()[:5]:
        calls = calls.filter(
            Q(reference__name__icontains=word)
            | Q(reference__candidate__first_name__icontains=word)
            | Q(reference__candidate__last_name__icontains=word)
        )
    return calls.order_by("-called_at", "-pk")


def joborders_with_calls(user: User) -> QuerySet[JobOrder]:
    """Job orders the team has called references about: the list page's job filter."""
    has_calls = ReferenceCall.objects.filter(team_filter(user), job_order=OuterRef("pk"))
    return (
        JobOrder.objects.filter(team_filter(user))
        .filter(Exists(has_calls))
        .select_related("client")
        .order_by("title", "pk")
    )


def get_referencecall_for_user(user: User, pk: int, *, write: bool = False) -> ReferenceCall:
    queryset = ReferenceCall.objects.select_related(
        "reference__candidate", "job_order__client", "called_by"
    )
    return get_for_user(queryset, user, pk, owner_field="called_by", write=write)


def referencecall_by_draft_key(
    user: User, draft_key: uuid.UUID, *, write: bool = False
) -> ReferenceCall | None:
    """The call saved under `draft_key`, or None before its first save.

    Another team's call is a 404 like any other; a teammate's call the user may not change is
    a 403, so a copied key never opens someone else's notes."""
    call = (
        ReferenceCall.objects.select_related("reference__candidate", "job_order__client")
        .filter(draft_key=draft_key)
        .first()
    )
    if call is None:
        return None
    if not in_scope(user, call.team_id):
        raise Http404("No such record.")
    if write and not can_write(user, team_id=call.team_id, owner_id=call.called_by_id):
        raise PermissionDenied("Only the caller and the team's managers can change this call.")
    return call


def referencecall_detail(user: User, pk: int) -> ReferenceCall:
    """One call with everything its page shows: findings with their requirements."""
    findings = ReferenceFinding.objects.select_related("requirement__skill").order_by(
        "requirement__position", "id"
    )
    queryset = ReferenceCall.objects.select_related(
        "reference__candidate", "reference__engagement", "job_order__client", "called_by"
    ).prefetch_related(Prefetch("findings", queryset=findings))
    return get_for_user(queryset, user, pk, owner_field="called_by")


def requirements_to_discuss(job_order: JobOrder | None) -> list[Requirement]:
    """The job's requirements in the order they are talked through: challenges first."""
    if job_order is None:
        return []
    requirements = job_order.requirements.select_related("skill").order_by("position", "id")
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    return sorted(requirements, key=lambda r: rank.get(r.kind, len(rank)))


def requirement_prompt(requirement: Requirement, candidate_name: str) -> str:
    template = PROMPTS.get(requirement.kind, PROMPTS[Requirement.Kind.CHALLENGE])
    if requirement.kind == Requirement.Kind.SKILL and requirement.skill_id:
        text = requirement.skill.name
    else:
        text = _mid_sentence(requirement.description.strip().rstrip("."))
        text = text or requirement.get_kind_display().lower()
    return template.format(name=candidate_name or "the candidate", text=text)


def _mid_sentence(text: str) -> str:
    """`text` read after "…like this: ": a capital only for an ordinary first word ("Releases"),
    never for an acronym or a name written with capitals inside ("CI/CD", "AWS", "iOS")."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower() and first.isalpha():
        return text[:1].lower() + text[1:]
    return text


@dataclass(frozen=True)
class JobBrief:
    """What the salesperson shares with the reference: the source's project overview."""

    job_order: JobOrder
    goal: str
    scope: str
    challenges: list[Requirement]
    deliverables: list[Requirement]
    results: list[Requirement]
    skills: list[Requirement]


def job_brief(job_order: JobOrder | None, requirements: list[Requirement]) -> JobBrief | None:
    if job_order is None:
        return None

    def of(*kinds: str) -> list[Requirement]:
        return [r for r in requirements if r.kind in kinds]

    K = Requirement.Kind
    return JobBrief(
        job_order=job_order,
        goal=job_order.project_goal,
        scope=job_order.project_scope,
        challenges=of(K.CHALLENGE),
        deliverables=of(K.DELIVERABLE),
        results=of(K.RESULT),
        skills=of(K.SKILL, K.EXPERIENCE),
    )


def referencequestions_for_team(team_id: int | None) -> QuerySet[ReferenceQuestion]:
    """The team's bank of tough, pointed reference questions."""
    return ReferenceQuestion.objects.filter(team_id=team_id).order_by("category", "id")


def may_edit_question_bank(user: User) -> bool:
    """A team's managers keep its bank of reference questions (a superuser uses the admin)."""
    return user.team_id is not None and user.is_manager


def get_referencequestion_for_user(user: User, pk: int) -> ReferenceQuestion:
    """A question to remove: outside the team 404, a salesperson of the team 403."""
    question = ReferenceQuestion.objects.filter(team_filter(user), pk=pk).first()
    if question is None:
        raise Http404("No such question.")
    if not (user.is_superuser or may_edit_question_bank(user)):
        raise PermissionDenied("Only the team's managers change its question bank.")
    return question


@dataclass(frozen=True)
class JobChoices:
    submitted: list[JobOrder]
    others: list[JobOrder]


def joborders_to_discuss(user: User, candidate: Candidate) -> JobChoices:
    """The team's open job orders a reference could hear about: those the candidate is
    submitted to first, then the others (most recently updated, at most PICKER_LIMIT)."""
    submitted = Submittal.objects.filter(job_order=OuterRef("pk"), candidate=candidate)
    jobs = (
        joborders_visible_to(user)
        .filter(status=JobOrder.Status.OPEN)
        .annotate(is_submitted=Exists(submitted))
        .order_by("-is_submitted", "-updated_at", "-pk")
    )
    choices = JobChoices(submitted=[], others=[])
    for job in jobs[: PICKER_LIMIT + 50]:
        if job.is_submitted:
            choices.submitted.append(job)
        elif len(choices.others) < PICKER_LIMIT:
            choices.others.append(job)
    return choices


@dataclass(frozen=True)
class FindingsOfKind:
    heading: str
    findings: list[ReferenceFinding]


def findings_by_kind(findings: Iterable[ReferenceFinding]) -> list[FindingsOfKind]:
    """A call's findings grouped by requirement kind, in talking order; general notes last."""
    findings = list(findings)
    groups = []
    for kind in KIND_ORDER:
        of_kind = [f for f in findings if f.requirement and f.requirement.kind == kind]
        if of_kind:
            groups.append(FindingsOfKind(KIND_HEADINGS[kind], of_kind))
    general = [f for f in findings if f.requirement is None]
    if general:
        groups.append(FindingsOfKind("General", general))
    return groups
