import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from accounts.access import get_for_user, team_filter
from accounts.models import User
from callplans.checklist import Checklist, ready_checklist
from callplans.gaps import (
    EngagementEvidence,
    GapRow,
    GapView,
    ReferenceEvidence,
    SkillEvidence,
    Suggestion,
    match_score,
    outcome_status,
    skill_status,
    strengths_and_weaknesses,
)
from callplans.matching import overlap_score, terms_for
from callplans.models import CallPlan, ClosingQuestion, Objection, ObjectionTemplate, PlanEvidence
from callplans.objections import (
    SuggestedObjection,
    most_likely_ids,
    scope_gap_text,
    suggest_objections,
)
from candidates.models import CandidateSkill, Engagement
from joborders.models import Requirement, Submittal
from references.models import ReferenceCall, ReferenceFinding

_PLAN_TEAM = "submittal__job_order__team"


def callplans_visible_to(user: User) -> QuerySet[CallPlan]:
    return CallPlan.objects.filter(team_filter(user, _PLAN_TEAM)).select_related(
        "submittal__job_order__client", "submittal__candidate", "author"
    )


def get_callplan_for_user(user: User, pk: int, *, write: bool = False) -> CallPlan:
    queryset = CallPlan.objects.select_related(
        "submittal__job_order__client", "submittal__candidate", "author"
    )
    return get_for_user(
        queryset, user, pk, team_field=_PLAN_TEAM, owner_field="author", write=write
    )


def gap_view_for(submittal: Submittal) -> GapView:
    """Each requirement of the submittal's job beside the candidate's evidence (see gaps.py)."""
    job_order, candidate = submittal.job_order, submittal.candidate
    requirements = list(job_order.requirements.select_related("skill").order_by("position", "id"))
    skills = {
        cs.skill_id: SkillEvidence(cs.skill.name, cs.years, cs.last_used_year)
        for cs in CandidateSkill.objects.filter(candidate=candidate).select_related("skill")
    }
    engagements = list(
        Engagement.objects.filter(candidate=candidate)
        .prefetch_related("skills")
        .order_by("-start_date")
    )
    links = defaultdict(dict)
    for link in PlanEvidence.objects.filter(plan__submittal=submittal):
        links[link.requirement_id][link.engagement_id] = (link.pk, link.similarity_note)
    findings = defaultdict(list)
    for finding in (
        ReferenceFinding.objects.filter(
            requirement__job_order=job_order,
            call__reference__candidate=candidate,
            call__team_id=job_order.team_id,
        )
        .exclude(assessment="")
        .select_related("call__reference")
        .order_by("-call__called_at", "id")
    ):
        reference = finding.call.reference
        findings[finding.requirement_id].append(
            ReferenceEvidence(
                call_id=finding.call_id,
                reference=reference.name,
                title=reference.title,
                company=reference.company,
                assessment=finding.assessment,
                quote=finding.quote,
            )
        )
    suggestions = _suggest_engagements(requirements, engagements, links)
    rows = tuple(
        _gap_row(r, skills, engagements, links[r.pk], tuple(findings[r.pk]), suggestions[r.pk])
        for r in requirements
    )
    strengths, weaknesses = strengths_and_weaknesses(rows)
    return GapView(
        submittal_id=submittal.pk,
        rows=rows,
        score=match_score(rows),
        strengths=strengths,
        weaknesses=weaknesses,
    )


def _gap_row(requirement, skills, engagements, linked_notes, references, suggestions) -> GapRow:
    if requirement.kind == Requirement.Kind.SKILL:
        used_in = tuple(
            _engagement_evidence(e, linked_notes)
            for e in engagements
            if e.pk in linked_notes or any(s.pk == requirement.skill_id for s in e.skills.all())
        )
        status, reason = skill_status(
            min_years=requirement.min_years,
            evidence=skills.get(requirement.skill_id),
            used_in_engagements=bool(used_in),
            references=references,
        )
        skill_evidence = skills.get(requirement.skill_id)
    else:
        used_in = tuple(
            _engagement_evidence(e, linked_notes) for e in engagements if e.pk in linked_notes
        )
        status, reason = outcome_status(engagements=used_in, references=references)
        skill_evidence = None
    return GapRow(
        requirement_id=requirement.pk,
        kind=requirement.kind,
        kind_label=requirement.get_kind_display(),
        text=str(requirement),
        must_have=requirement.must_have,
        min_years=requirement.min_years,
        skill_evidence=skill_evidence,
        engagements=used_in,
        references=references,
        suggestions=suggestions,
        status=status,
        reason=reason,
        skill_id=requirement.skill_id,
    )


def _engagement_evidence(engagement: Engagement, linked_notes: dict) -> EngagementEvidence:
    return EngagementEvidence(
        engagement_id=engagement.pk,
        employer=engagement.employer,
        project_name=engagement.project_name,
        role=engagement.role,
        start_date=engagement.start_date,
        end_date=engagement.end_date,
        challenges_solved=engagement.challenges_solved,
        deliverables=engagement.deliverables,
        results=engagement.results,
        similarity_note=linked_notes.get(engagement.pk, (None, ""))[1],
        linked=engagement.pk in linked_notes,
        link_id=linked_notes.get(engagement.pk, (None, ""))[0],
    )


_SUGGESTED_KINDS = {
    Requirement.Kind.CHALLENGE,
    Requirement.Kind.DELIVERABLE,
    Requirement.Kind.RESULT,
    Requirement.Kind.EXPERIENCE,
}
_MIN_SUGGESTION_SCORE = 0.2


def _suggest_engagements(requirements, engagements, links) -> dict[int, tuple[Suggestion, ...]]:
    """Engagements that look like each outcome requirement, best first, not yet linked to it."""
    wanted = [r for r in requirements if r.kind in _SUGGESTED_KINDS]
    result: dict[int, tuple[Suggestion, ...]] = defaultdict(tuple)
    if not wanted or not engagements:
        return result
    job_skills = {r.skill_id for r in requirements if r.skill_id}
    texts = [r.description for r in wanted] + [
        " ".join([e.project_name, e.summary, e.challenges_solved, e.deliverables, e.results])
        for e in engagements
    ]
    terms = terms_for(texts)
    requirement_terms, engagement_terms = terms[: len(wanted)], terms[len(wanted) :]
    for requirement, req_terms in zip(wanted, requirement_terms, strict=True):
        ranked = []
        for engagement, eng_terms in zip(engagements, engagement_terms, strict=True):
            if engagement.pk in links[requirement.pk]:
                continue
            shared = [s.name for s in engagement.skills.all() if s.pk in job_skills]
            score, matched = overlap_score(req_terms, eng_terms, shared)
            if matched and score >= _MIN_SUGGESTION_SCORE:
                ranked.append(
                    Suggestion(
                        engagement_id=engagement.pk,
                        employer=engagement.employer,
                        project_name=engagement.project_name,
                        score=round(score, 2),
                        matched_words=matched,
                    )
                )
        ranked.sort(key=lambda s: (-s.score, s.employer))
        result[requirement.pk] = tuple(ranked[:3])
    return result


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
    likely_ids: frozenset[int]
    suggestions: tuple[SuggestedObjection, ...]
    library: tuple[ObjectionTemplate, ...]
    closing_library: tuple[ClosingQuestion, ...]
    chosen_question_ids: frozenset[int]
    references: tuple[ReferenceHighlight, ...]
    checklist: Checklist
    history: tuple[HistoryEntry, ...]

    @property
    def job_order(self):
        return self.plan.submittal.job_order

    @property
    def candidate(self):
        return self.plan.submittal.candidate

    def requirements_of(self, kind: str) -> tuple[GapRow, ...]:
        return tuple(r for r in self.gap.rows if r.kind == kind)

    @property
    def chosen_questions(self) -> tuple[ClosingQuestion, ...]:
        return tuple(q for q in self.closing_library if q.pk in self.chosen_question_ids)


def plan_page_for(plan_pk: int) -> PlanPage:
    plan = CallPlan.objects.select_related(
        "submittal__job_order__client",
        "submittal__job_order__contact",
        "submittal__candidate",
        "author",
    ).get(pk=plan_pk)
    submittal, job = plan.submittal, plan.submittal.job_order
    gap = gap_view_for(submittal)
    objections = tuple(plan.objections.select_related("requirement__skill").order_by("position"))
    library = tuple(ObjectionTemplate.objects.filter(team_id=job.team_id).order_by("category"))
    closing_library = tuple(ClosingQuestion.objects.filter(team_id=job.team_id))
    chosen = frozenset(plan.closing_questions.values_list("pk", flat=True))
    references = _reference_highlights(submittal)
    team_sizes = list(
        Engagement.objects.filter(candidate_id=submittal.candidate_id).values_list(
            "team_size", flat=True
        )
    )
    first_name = submittal.candidate.first_name
    covered = {(o.requirement_id, o.category) for o in objections}
    suggestions = suggest_objections(
        gap,
        first_name=first_name,
        skill_ids={r.requirement_id: r.skill_id for r in gap.rows},
        templates=list(library),
        covered=covered,
        scope_gap=scope_gap_text(job.project_scope, team_sizes, first_name),
    )
    checklist = _checklist(plan, gap, objections, references, len(chosen))
    return PlanPage(
        plan=plan,
        gap=gap,
        objections=objections,
        likely_ids=frozenset(most_likely_ids(list(objections))),
        suggestions=tuple(suggestions),
        library=library,
        closing_library=closing_library,
        chosen_question_ids=chosen,
        references=references,
        checklist=checklist,
        history=_history(plan),
    )


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
    answered = {o.requirement_id for o in objections if o.rebuttal.strip()}
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


def _reference_highlights(submittal: Submittal) -> tuple[ReferenceHighlight, ...]:
    calls = (
        ReferenceCall.objects.filter(
            reference__candidate_id=submittal.candidate_id,
            team_id=submittal.job_order.team_id,
        )
        .select_related("reference")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=ReferenceFinding.objects.select_related("requirement__skill").exclude(
                    quote=""
                ),
            )
        )
        .order_by("-called_at")
    )
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
            ),
        )
        for call in calls
    )


def _history(plan: CallPlan, limit: int = 12) -> tuple[HistoryEntry, ...]:
    records = plan.history.select_related("history_user").order_by("-history_date")[:limit]
    return tuple(
        HistoryEntry(
            who=str(r.history_user) if r.history_user else "DialReady",
            when=r.history_date,
            what=r.history_change_reason or "Saved",
        )
        for r in records
    )


@dataclass(frozen=True)
class PracticeCard:
    key: str
    objection: str
    rebuttal: str
    category: str
    from_library: bool


def practice_cards(plan: CallPlan, *, include_library: bool = False) -> list[PracticeCard]:
    """The plan's objections, most likely first; optionally the team library's for the job's skills."""
    objections = list(plan.objections.order_by("position", "id"))
    likely = most_likely_ids(objections)
    objections.sort(key=lambda o: (o.pk not in likely, o.position))
    cards = [
        PracticeCard(f"o{o.pk}", o.text, o.rebuttal, o.get_category_display(), False)
        for o in objections
    ]
    if include_library:
        job = plan.submittal.job_order
        templates = ObjectionTemplate.objects.filter(
            team_id=job.team_id, skill__requirements__job_order=job
        ).distinct()
        cards += [
            PracticeCard(f"t{t.pk}", t.text, t.rebuttal, t.get_category_display(), True)
            for t in templates
        ]
    return cards
