"""Suggested objections: the gap analysis read the way the client will read it.

Each weak requirement maps to one of the source's "Potential Objections" questions:
skill lacking → skill_gap; experience lacking → experience_gap; challenge never solved →
not_solved_before; deliverable or result never delivered → not_delivered_before; a project
bigger than any the candidate worked on → scope."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from callplans.gaps import CONCERN, GAP, PARTIAL, GapRow, GapView
from callplans.models import Objection, ObjectionTemplate

C = Objection.Category
L = Objection.Likelihood

CATEGORY_FOR_KIND = {
    "skill": C.SKILL_GAP,
    "experience": C.EXPERIENCE_GAP,
    "challenge": C.NOT_SOLVED_BEFORE,
    "deliverable": C.NOT_DELIVERED_BEFORE,
    "result": C.NOT_DELIVERED_BEFORE,
}

PROMPTS = {
    C.SKILL_GAP: "Which adjacent skill do they have, and how fast did they learn the last new tool?",
    C.EXPERIENCE_GAP: "Which project comes closest, and what did the reference say about it?",
    C.NOT_SOLVED_BEFORE: "When did they solve something like it, for whom, and with what result?",
    C.NOT_DELIVERED_BEFORE: "Which comparable deliverable or result can you point to, with numbers?",
    C.SCOPE: "How many people and systems did their biggest project have?",
    C.OTHER: "What evidence answers this concern?",
}

LIKELIHOOD_RANK = {L.HIGH: 0, L.MEDIUM: 1, L.LOW: 2}
MOST_LIKELY_COUNT = 4


@dataclass(frozen=True)
class SuggestedObjection:
    key: str
    requirement_id: int | None
    category: str
    category_label: str
    text: str
    rebuttal: str
    prompt: str
    likelihood: str
    template_id: int | None


def likelihood_for(row: GapRow) -> str:
    if row.must_have and row.status in (GAP, CONCERN):
        return L.HIGH
    if row.must_have or row.status == GAP:
        return L.MEDIUM
    return L.LOW


def objection_text(row: GapRow, first_name: str) -> str:
    if row.status == CONCERN:
        return f"A reference had doubts about “{row.text}” — the client may too."
    if row.kind == "skill":
        if row.status == PARTIAL and row.skill_evidence is not None:
            return f"We asked for {row.text}; {first_name} has less than that."
        return f"We need {row.text} and I don't see it on {first_name}'s résumé."
    if row.kind == "experience":
        return f"This role needs “{row.text}”. Has {first_name} done that?"
    if row.kind == "challenge":
        return f"Has {first_name} actually solved “{row.text}” before?"
    return f"Has {first_name} delivered “{row.text}” before?"


def best_template(
    templates: Iterable[ObjectionTemplate], category: str, skill_id: int | None
) -> ObjectionTemplate | None:
    """Same category and skill first, then the category's general entry, then any of it."""
    same_category = [t for t in templates if t.category == category]
    for wanted in (skill_id, None):
        for template in same_category:
            if template.skill_id == wanted:
                return template
    return same_category[0] if same_category else None


def suggest_objections(
    view: GapView,
    *,
    first_name: str,
    skill_ids: dict[int, int | None],
    templates: list[ObjectionTemplate],
    covered: set[tuple[int | None, str]],
    scope_gap: str | None,
) -> list[SuggestedObjection]:
    """Objections worth preparing, most likely first, leaving out those the plan already has."""
    suggestions = []
    for row in view.rows:
        if row.status not in (GAP, PARTIAL, CONCERN):
            continue
        category = CATEGORY_FOR_KIND[row.kind]
        if (row.requirement_id, category) in covered:
            continue
        template = best_template(templates, category, skill_ids.get(row.requirement_id))
        suggestions.append(
            SuggestedObjection(
                key=f"r{row.requirement_id}",
                requirement_id=row.requirement_id,
                category=category,
                category_label=C(category).label,
                text=objection_text(row, first_name),
                rebuttal=template.rebuttal if template else "",
                prompt=PROMPTS[category],
                likelihood=likelihood_for(row),
                template_id=template.pk if template else None,
            )
        )
    if scope_gap and (None, C.SCOPE) not in covered:
        template = best_template(templates, C.SCOPE, None)
        suggestions.append(
            SuggestedObjection(
                key="scope",
                requirement_id=None,
                category=C.SCOPE,
                category_label=C.SCOPE.label,
                text=scope_gap,
                rebuttal=template.rebuttal if template else "",
                prompt=PROMPTS[C.SCOPE],
                likelihood=L.MEDIUM,
                template_id=template.pk if template else None,
            )
        )
    suggestions.sort(key=lambda s: LIKELIHOOD_RANK[s.likelihood])
    return suggestions


_TEAM_SIZE = re.compile(
    r"(?:team|squad|group) of (\d+)|(\d+)\s*(?:people|engineers|developers|consultants)", re.I
)


def scope_gap_text(
    project_scope: str, engagement_team_sizes: list[int | None], first_name: str
) -> str | None:
    """A scope objection when the job's team is bigger than any the candidate worked in."""
    match = _TEAM_SIZE.search(project_scope or "")
    if not match:
        return None
    needed = int(match.group(1) or match.group(2))
    known = [size for size in engagement_team_sizes if size]
    if known and max(known) >= needed:
        return None
    biggest = f"a team of {max(known)}" if known else "a team of unknown size"
    return (
        f"Our team is {needed} people; {first_name}'s biggest project was {biggest}. "
        f"Has {first_name} worked at this scope?"
    )


@dataclass(frozen=True)
class ObjectionRank:
    most_likely: bool
    reason: str  # why it ranks where it does: "High likelihood · must-have · no years"


_STATUS_RANK = {CONCERN: 0, GAP: 0, PARTIAL: 1}


def rank_objections(
    objections: list[Objection], rows: dict[int, GapRow] | None = None
) -> dict[int, ObjectionRank]:
    """Which objections to rehearse first, and why: the salesperson's likelihood, then a
    must-have before a nice-to-have, a gap or a reference's doubt before a partial match, then
    plan order. Exactly the top four are "most likely" (all of them when a plan has fewer)."""
    rows = rows or {}

    def key(objection: Objection):
        row = rows.get(objection.requirement_id)
        return (
            LIKELIHOOD_RANK[objection.likelihood],
            not (row and row.must_have),
            _STATUS_RANK.get(row.status, 2) if row else 2,
            objection.position,
            objection.pk,
        )

    ranked = sorted(objections, key=key)
    top = {o.pk for o in ranked[:MOST_LIKELY_COUNT]}
    return {  # in rank order
        o.pk: ObjectionRank(o.pk in top, _rank_reason(o, rows.get(o.requirement_id)))
        for o in ranked
    }


def _rank_reason(objection: Objection, row: GapRow | None) -> str:
    parts = [f"{L(objection.likelihood).label} likelihood"]
    if row is not None:
        parts.append("must-have" if row.must_have else "nice-to-have")
        if row.kind == "skill":
            evidence = row.skill_evidence
            if evidence is None or not evidence.years:
                parts.append("no years")
            elif row.min_years and evidence.years < row.min_years:
                parts.append(
                    f"{evidence.years.normalize():f} of {row.min_years.normalize():f} years"
                )
        elif row.status in (GAP, CONCERN) and not any(e.linked for e in row.engagements):
            parts.append("no confirmed project")
        if row.status == CONCERN:
            parts.append("reference concern")
        elif row.status == PARTIAL and row.kind != "skill":
            parts.append("partial evidence")
    elif objection.category == C.SCOPE:
        parts.append("bigger team than the candidate's")
    return " · ".join(parts)


def most_likely_ids(objections: list[Objection], rows: dict[int, GapRow] | None = None) -> set[int]:
    """The objections to rehearse first (see rank_objections)."""
    return {pk for pk, rank in rank_objections(objections, rows).items() if rank.most_likely}
