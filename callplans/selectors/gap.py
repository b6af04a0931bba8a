"""The gap analysis read from the database: `gap_view_for(submittal)` (rules in gaps.py)."""

import json
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from django.db.models import CharField, OuterRef, QuerySet, StringAgg, Subquery, Value
from django.db.models.functions import Cast

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
from callplans.matching import lexemes, overlap_score, shown_words, terms_of
from callplans.models import PlanEvidence
from candidates.models import CandidateSkill, Engagement
from core.queries import built_once, json_rows
from joborders.models import Requirement, Submittal
from references.models import ReferenceCall, ReferenceFinding


class HeldSkill(NamedTuple):
    """One skill of the candidate, as the gap analysis reads it."""

    skill_id: int
    name: str
    family_id: int | None
    years: Decimal
    last_used_year: int | None


def candidate_skills_json(candidate_ref: str) -> Subquery:
    """The candidate's skills as comma-separated JSON objects, read in the row of whatever
    `candidate_ref` (an OuterRef path to the candidate's id) belongs to: the plan page takes
    them in the plan's own row. `held_skills` reads them back."""
    return json_rows(
        CandidateSkill.objects.filter(candidate_id=OuterRef(candidate_ref)),
        "candidate_id",
        skill="skill_id",
        name="skill__name",
        family="skill__family_id",
        years="years",
        last_used="last_used_year",
    )


_TENTHS = Decimal("0.1")


def held_skills(text: str | None) -> list[HeldSkill]:
    """`candidate_skills_json` read back; years as the model's one-decimal Decimal whatever the
    database wrote in its JSON (PostgreSQL 3.0, SQLite 3)."""
    return [
        HeldSkill(
            row["skill"],
            row["name"],
            row["family"],
            Decimal(str(row["years"])).quantize(_TENTHS),
            row["last_used"],
        )
        for row in json.loads(f"[{text or ''}]")
    ]


def gap_view_for(
    submittal: Submittal,
    *,
    reference_calls: Sequence[ReferenceCall] | None = None,
    candidate_skills: Sequence[HeldSkill] | None = None,
) -> GapView:
    """Each requirement of the submittal's job beside the candidate's evidence (see gaps.py).

    `reference_calls`: the candidate's calls in the job's team with their `findings` prefetched,
    when the caller loads them anyway (the plan page shows them): no second read of the findings.
    `candidate_skills`: the candidate's skills when the caller read them already
    (`candidate_skills_json` in its own row)."""
    job_order, candidate = submittal.job_order, submittal.candidate
    requirements = list(_requirement_rows().filter(job_order_id=job_order.pk))
    if candidate_skills is None:
        candidate_skills = [
            HeldSkill(cs.skill_id, cs.skill.name, cs.skill.family_id, cs.years, cs.last_used_year)
            for cs in CandidateSkill.objects.filter(candidate=candidate).select_related("skill")
        ]
    skills = {
        held.skill_id: SkillEvidence(held.name, held.years, held.last_used_year)
        for held in candidate_skills
    }
    by_family = defaultdict(list)  # the candidate's skills per family, for adjacency
    for held in candidate_skills:
        if held.family_id is not None:
            by_family[held.family_id].append((held.skill_id, skills[held.skill_id]))
    engagements = list(
        _engagement_rows().filter(candidate_id=candidate.pk).annotate(links=_links_of(submittal))
    )
    links = defaultdict(dict)
    # Each engagement's skills and the plan's evidence links to it come in its own row: no
    # second query (a link is always to one of the candidate's engagements).
    for e in engagements:
        e.skill_pks = frozenset(int(pk) for pk in (e.skill_ids or "").split(",") if pk)
        for link in sorted(json.loads(f"[{e.links or ''}]"), key=lambda link: link["pk"]):
            links[link["requirement"]][e.pk] = (link["pk"], link["note"])
    findings = defaultdict(list)
    for finding in _assessed_findings(job_order, candidate, reference_calls):
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
        _gap_row(
            r, skills, engagements, links[r.pk], tuple(findings[r.pk]), suggestions[r.pk], by_family
        )
        for r in requirements
    )
    strengths, weaknesses = strengths_and_weaknesses(rows)
    return GapView(
        submittal_id=submittal.pk,
        rows=rows,
        score=match_score(rows),
        strengths=strengths,
        weaknesses=weaknesses,
        team_sizes=tuple(e.team_size for e in engagements),
    )


_ENGAGEMENT_TEXT = ("project_name", "summary", "challenges_solved", "deliverables", "results")

# The engagement's skill ids, "3,17,40", as a subquery of the engagement's row.
_skill_ids = (
    Engagement.skills.through.objects.filter(engagement_id=OuterRef("pk"))
    .order_by()
    .values("engagement_id")
    .annotate(ids=StringAgg(Cast("skill_id", CharField()), Value(",")))
    .values("ids")
)


@built_once
def _requirement_rows() -> QuerySet[Requirement]:
    rows = Requirement.objects.select_related("skill__family").order_by("position", "id")
    return _with_lexemes(rows, "description")


@built_once
def _engagement_rows() -> QuerySet[Engagement]:
    rows = Engagement.objects.annotate(skill_ids=Subquery(_skill_ids)).order_by("-start_date")
    return _with_lexemes(rows, *_ENGAGEMENT_TEXT)


def _links_of(submittal: Submittal) -> Subquery:
    """The plan's evidence links to the engagement, as comma-separated JSON objects."""
    links = PlanEvidence.objects.filter(plan__submittal=submittal, engagement_id=OuterRef("pk"))
    return json_rows(
        links, "engagement_id", pk="pk", requirement="requirement_id", note="similarity_note"
    )


def _with_lexemes(rows, *fields):
    """On PostgreSQL, each row with the full-text lexemes of `fields` (`lexemes`), read in the
    rows' own query; elsewhere the rows as they are (their words are tokenized here)."""
    expression = lexemes(*fields)
    return rows if expression is None else rows.annotate(lexemes=expression)


def _assessed_findings(job_order, candidate, calls) -> list[ReferenceFinding]:
    """The findings on this job's requirements with an assessment, newest call first."""
    if calls is None:
        return list(
            ReferenceFinding.objects.filter(
                requirement__job_order=job_order,
                call__reference__candidate=candidate,
                call__team_id=job_order.team_id,
            )
            .exclude(assessment="")
            .select_related("call__reference")
            .order_by("-call__called_at", "id")
        )
    found = []
    for call in calls:
        for finding in call.findings.all():
            requirement = finding.requirement
            if finding.assessment and requirement and requirement.job_order_id == job_order.pk:
                finding.call = call
                found.append(finding)
    found.sort(key=lambda f: f.pk)
    found.sort(key=lambda f: f.call.called_at, reverse=True)
    return found


def _gap_row(
    requirement, skills, engagements, linked_notes, references, suggestions, by_family
) -> GapRow:
    adjacent = ()
    if requirement.kind == Requirement.Kind.SKILL:
        family = requirement.skill.family if requirement.skill_id else None
        if family is not None:
            adjacent = tuple(
                sorted(
                    (e for pk, e in by_family[family.pk] if pk != requirement.skill_id),
                    key=lambda e: (-e.years, e.skill),
                )
            )
        used_in = tuple(
            _engagement_evidence(e, linked_notes)
            for e in engagements
            if e.pk in linked_notes or requirement.skill_id in e.skill_pks
        )
        status, reason = skill_status(
            min_years=requirement.min_years,
            evidence=skills.get(requirement.skill_id),
            used_in_engagements=bool(used_in),
            references=references,
            adjacent=adjacent,
            family=family.name if family is not None else "",
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
        adjacent=adjacent,
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
    engagement_texts = [
        " ".join([e.project_name, e.summary, e.challenges_solved, e.deliverables, e.results])
        for e in engagements
    ]
    requirement_terms = [terms_of(r.description, getattr(r, "lexemes", None)) for r in wanted]
    engagement_terms = [
        terms_of(text, getattr(e, "lexemes", None))
        for e, text in zip(engagements, engagement_texts, strict=True)
    ]
    for requirement, req_terms in zip(wanted, requirement_terms, strict=True):
        ranked = []
        for engagement, eng_terms, eng_text in zip(
            engagements, engagement_terms, engagement_texts, strict=True
        ):
            if engagement.pk in links[requirement.pk]:
                continue
            shared = [pk for pk in engagement.skill_pks if pk in job_skills]
            score, matched = overlap_score(req_terms, eng_terms, shared)
            if matched and score >= _MIN_SUGGESTION_SCORE:
                ranked.append(
                    Suggestion(
                        engagement_id=engagement.pk,
                        employer=engagement.employer,
                        project_name=engagement.project_name,
                        score=round(score, 2),
                        matched_words=shown_words(matched, requirement.description, eng_text),
                    )
                )
        ranked.sort(key=lambda s: (-s.score, s.employer))
        result[requirement.pk] = tuple(ranked[:3])
    return result
