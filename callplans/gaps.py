"""The gap analysis: each requirement of the job beside the candidate's evidence, with a status.

Status rules, applied in this order (each is tested on its own):
1. `concern`: a reference raised a concern about this requirement. A reference's doubt is what
   the client will hear too, so it outranks any other evidence; the reason still says what the
   evidence is (years, a confirmed project), so one fact never hides the other.
2. Skill requirements:
   - `strong`: the candidate has the skill with at least the minimum years (any years when no
     minimum is set), or a reference called them strong on it and the years meet the minimum;
   - `partial`: the candidate has the skill with fewer years, or no years recorded but an
     engagement used it or a reference vouched for it;
   - `partial` (adjacent): none of that, but the candidate has a skill of the same family
     (CloudFormation for Terraform): the reason names its years and the family, and the row's
     `adjacent` lists them. Never counted as the skill itself, and never when they have it;
   - `gap`: none of that.
3. Experience, challenge, deliverable and result requirements:
   - `strong`: the salesperson linked an engagement to it ("this project was like the customer's
     because…"), or a reference called the candidate strong on it;
   - `partial`: only a reference's "adequate";
   - `gap`: no confirmed evidence. Suggested engagements never count until confirmed.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

STRONG, PARTIAL, GAP, CONCERN = "strong", "partial", "gap", "concern"
STATUS_POINTS = {STRONG: 1.0, PARTIAL: 0.5, CONCERN: 0.25, GAP: 0.0}
MUST_HAVE_WEIGHT, NICE_TO_HAVE_WEIGHT = 3, 1


@dataclass(frozen=True)
class SkillEvidence:
    skill: str
    years: Decimal
    last_used_year: int | None


@dataclass(frozen=True)
class EngagementEvidence:
    engagement_id: int
    employer: str
    project_name: str
    role: str
    start_date: datetime.date
    end_date: datetime.date | None
    challenges_solved: str
    deliverables: str
    results: str
    similarity_note: str = ""
    linked: bool = False  # confirmed by the salesperson (PlanEvidence), not just sharing a skill
    link_id: int | None = None


@dataclass(frozen=True)
class ReferenceEvidence:
    call_id: int
    reference: str
    title: str
    company: str
    assessment: str
    quote: str


@dataclass(frozen=True)
class Suggestion:
    engagement_id: int
    employer: str
    project_name: str
    score: float
    matched_words: tuple[str, ...]


@dataclass(frozen=True)
class GapRow:
    requirement_id: int
    kind: str
    kind_label: str
    text: str
    must_have: bool
    min_years: Decimal | None
    skill_evidence: SkillEvidence | None
    engagements: tuple[EngagementEvidence, ...]
    references: tuple[ReferenceEvidence, ...]
    suggestions: tuple[Suggestion, ...]
    status: str
    reason: str
    skill_id: int | None = None
    # The candidate's skills of the required skill's family, most years first (see rule 2).
    adjacent: tuple[SkillEvidence, ...] = ()


@dataclass(frozen=True)
class GapView:
    submittal_id: int
    rows: tuple[GapRow, ...]
    score: int
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    team_sizes: tuple[int | None, ...] = ()  # of the candidate's engagements, newest first


def skill_status(
    *,
    min_years: Decimal | None,
    evidence: SkillEvidence | None,
    used_in_engagements: bool,
    references: tuple[ReferenceEvidence, ...],
    adjacent: tuple[SkillEvidence, ...] = (),
    family: str = "",
) -> tuple[str, str]:
    status, reason = _skill_evidence_status(min_years, evidence, used_in_engagements, references)
    if status == GAP and adjacent:
        reason = _adjacent_reason(adjacent, family) + (
            f" No evidence of the skill itself; needs {years_text(min_years)}."
            if min_years
            else " No evidence of the skill itself."
        )
        status = PARTIAL
    if any(r.assessment == CONCERN for r in references):
        # Both facts: the client hears the doubt, and the salesperson must know the years too.
        return CONCERN, f"A reference raised a concern; {reason[:1].lower()}{reason[1:]}"
    return status, reason


def _skill_evidence_status(min_years, evidence, used_in_engagements, references):
    vouched = any(r.assessment == STRONG for r in references)
    if evidence is not None:
        if min_years is None or evidence.years >= min_years:
            return STRONG, f"{years_text(evidence.years)}" + (
                f" (needs {years_text(min_years)})" if min_years else ""
            )
        return PARTIAL, f"{years_text(evidence.years)}, needs {years_text(min_years)}"
    if used_in_engagements or vouched:
        return PARTIAL, "Used on a project, but no years recorded."
    if min_years:
        return GAP, f"No evidence of this skill; needs {years_text(min_years)}."
    return GAP, "No evidence of this skill."


def _adjacent_reason(adjacent: tuple[SkillEvidence, ...], family: str) -> str:
    """ "4 years of CloudFormation, the same infrastructure as code family." """
    named = " and ".join(f"{years_text(a.years)} of {a.skill}" for a in adjacent[:2])
    return f"{named}, the same {family.lower() or 'skill'} family."


def outcome_status(
    *, engagements: tuple[EngagementEvidence, ...], references: tuple[ReferenceEvidence, ...]
) -> tuple[str, str]:
    linked = [e for e in engagements if e.linked]
    if any(r.assessment == CONCERN for r in references):
        evidence = f"done before at {_employers(linked)}" if linked else "no confirmed project"
        return CONCERN, f"A reference raised a concern; {evidence}."
    if linked:
        return STRONG, f"Done before at {_employers(linked)}."
    if any(r.assessment == STRONG for r in references):
        return STRONG, "A reference vouches for it."
    if any(r.assessment == "adequate" for r in references):
        return PARTIAL, "A reference calls it adequate; link an engagement to make it strong."
    return GAP, "No confirmed evidence yet."


def match_score(rows: tuple[GapRow, ...]) -> int:
    """0–100: the weighted share of requirements met; must-haves weigh three times as much."""
    total = sum(_weight(r) for r in rows)
    if not total:
        return 0
    earned = sum(_weight(r) * STATUS_POINTS[r.status] for r in rows)
    return round(100 * earned / total)


def strengths_and_weaknesses(
    rows: tuple[GapRow, ...],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every strength and every weakness, none left out: must-haves first, then the job's order.
    Weaknesses put a must-have's gap or reference concern before its partial matches."""
    position = {r.requirement_id: i for i, r in enumerate(rows)}
    strengths = tuple(
        f"{r.text}: {r.reason}"
        for r in sorted(rows, key=lambda r: (not r.must_have, position[r.requirement_id]))
        if r.status == STRONG
    )
    order = {CONCERN: 0, GAP: 0, PARTIAL: 1}
    weak = sorted(
        (r for r in rows if r.status != STRONG),
        key=lambda r: (not r.must_have, order[r.status], position[r.requirement_id]),
    )
    return strengths, tuple(f"{r.text}: {r.reason}" for r in weak)


def _weight(row: GapRow) -> int:
    return MUST_HAVE_WEIGHT if row.must_have else NICE_TO_HAVE_WEIGHT


def _employers(engagements) -> str:
    return ", ".join(dict.fromkeys(e.employer for e in engagements))


def years_text(value: Decimal | None) -> str:
    """ "4 years", "1 year", "2.5 years": how every rule and draft writes a number of years."""
    if value is None:
        return ""
    number = f"{value.normalize():f}"
    return f"{number} year" + ("" if value == 1 else "s")
