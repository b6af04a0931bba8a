"""Suggested objections: the gap analysis read the way the client will read it.

Each weak requirement maps to one of the source's "Potential Objections" questions:
skill lacking → skill_gap; experience lacking → experience_gap; challenge never solved →
not_solved_before; deliverable or result never delivered → not_delivered_before; a project
bigger than any the candidate worked on → scope."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from callplans.drafts import draft_rebuttal
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

MOST_LIKELY_COUNT = 4


@dataclass(frozen=True)
class SuggestedObjection:
    key: str
    requirement_id: int | None
    category: str
    category_label: str
    text: str  # as the client says it
    rebuttal: str  # a draft from this plan's evidence
    prompt: str
    likelihood: str
    template_id: int | None  # the library entry whose rebuttal is offered first, if any
    note: str = ""  # what the salesperson knows and the client may not (a reference's doubt)
    score: int = 0
    reasons: tuple[str, ...] = ()
    alternatives: tuple[ObjectionTemplate, ...] = ()  # the team library's rebuttals for it


def likelihood_score(
    row: GapRow | None, *, category: str, raised: dict[str, int] | None = None
) -> tuple[int, tuple[str, ...]]:
    """How likely the client is to raise it, from what the plan knows, with the reasons:
    must-have +3; no years of a skill +3 (+2 with an adjacent skill), fewer years +2; no confirmed
    project for any other need +2, only partial evidence +1; a reference's concern +3; a team
    bigger than any the candidate worked in +3; +1 for each time the team's clients raised this
    category or this skill, at most +3."""
    score, reasons = 0, []
    if row is not None:
        if row.must_have:
            score += 3
            reasons.append("must-have")
        if row.kind == "skill":
            evidence = row.skill_evidence
            if evidence is None or not evidence.years:
                adjacent = getattr(row, "adjacent", ()) or ()
                score += 2 if adjacent else 3
                reasons.append(
                    f"no years, adjacent {adjacent[0].skill}" if adjacent else "no years"
                )
            elif row.min_years and evidence.years < row.min_years:
                score += 2
                reasons.append(
                    f"{evidence.years.normalize():f} of {row.min_years.normalize():f} years"
                )
        elif not any(e.linked for e in row.engagements):
            score += 2
            reasons.append("no confirmed project")
        elif row.status == PARTIAL:
            score += 1
            reasons.append("partial evidence")
        if row.status == CONCERN:
            score += 3
            reasons.append("reference concern")
    elif category == C.SCOPE:
        score += 3
        reasons.append("bigger team than the candidate's")
    raised = raised or {}
    times = raised.get(category, 0) + (raised.get(f"skill:{row.skill_id}", 0) if row else 0)
    if times:
        score += min(times, 3)
        reasons.append(f"raised {times}× by the team's clients")
    return score, tuple(reasons)


def likelihood_of(score: int) -> str:
    return L.HIGH if score >= 6 else L.MEDIUM if score >= 3 else L.LOW


def likelihood_for(row: GapRow) -> str:
    return likelihood_of(likelihood_score(row, category=CATEGORY_FOR_KIND[row.kind])[0])


def objection_text(row: GapRow, first_name: str) -> str:
    """The objection in the client's words: what they asked for and do not see."""
    name = first_name or "the candidate"
    if row.kind == "skill":
        skill = row.skill_evidence.skill if row.skill_evidence else row.text.split(",")[0]
        wanted = f"{row.min_years.normalize():f} years of {skill}" if row.min_years else f"{skill}"
        if row.skill_evidence is not None and row.skill_evidence.years and row.status != CONCERN:
            have = f"{row.skill_evidence.years.normalize():f}"
            return f"We asked for {wanted}; {name} has {have}."
        return f"We need {wanted} and I don't see it on {name}'s résumé."
    if row.kind == "experience":
        return f"This role needs {_quoted(row.text)}. Where has {name} done that?"
    if row.kind == "challenge":
        return f"Has {name} actually solved {_quoted(row.text)} before?"
    if row.kind == "deliverable":
        return f"Has {name} delivered {_quoted(row.text)} before?"
    return f"Has {name} produced a result like {_quoted(row.text)} before?"


def objection_note(row: GapRow) -> str:
    """What the salesperson knows and the client may not: shown beside, never in their mouth."""
    doubting = [r for r in row.references if r.assessment == CONCERN]
    if not doubting:
        return ""
    who = ", ".join(dict.fromkeys(r.reference for r in doubting))
    quote = next((r.quote for r in doubting if r.quote), "")
    return f"For you: {who} had doubts about this" + (f": “{quote}”" if quote else ".")


def _quoted(text: str) -> str:
    return f"“{text.rstrip('.')}”"


def templates_for(
    templates: Iterable[ObjectionTemplate], category: str, skill_id: int | None
) -> tuple[ObjectionTemplate, ...]:
    """The library's rebuttals for an objection: same category and skill first, then general."""
    same = [t for t in templates if t.category == category]
    return tuple(sorted(same, key=lambda t: (t.skill_id != skill_id, t.skill_id is not None, t.pk)))


def suggest_objections(
    view: GapView,
    *,
    first_name: str,
    skill_ids: dict[int, int | None],
    templates: list[ObjectionTemplate],
    covered: set[tuple[int | None, str]],
    scope_gap: str | None,
    raised: dict[str, int] | None = None,
    reference_names: tuple[str, ...] = (),
) -> list[SuggestedObjection]:
    """Objections worth preparing, most likely first, leaving out those the plan already has.
    Each carries a rebuttal drafted from the evidence and the library's as alternatives."""
    suggestions = []
    for row in view.rows:
        if row.status not in (GAP, PARTIAL, CONCERN):
            continue
        category = CATEGORY_FOR_KIND[row.kind]
        if (row.requirement_id, category) in covered:
            continue
        alternatives = templates_for(templates, category, skill_ids.get(row.requirement_id))
        score, reasons = likelihood_score(row, category=category, raised=raised)
        suggestions.append(
            SuggestedObjection(
                key=f"r{row.requirement_id}",
                requirement_id=row.requirement_id,
                category=category,
                category_label=C(category).label,
                text=objection_text(row, first_name),
                rebuttal=draft_rebuttal(
                    row, first_name=first_name, reference_names=reference_names
                ),
                prompt=PROMPTS[category],
                likelihood=likelihood_of(score),
                template_id=None,
                note=objection_note(row),
                score=score,
                reasons=reasons,
                alternatives=alternatives,
            )
        )
    if scope_gap and (None, C.SCOPE) not in covered:
        score, reasons = likelihood_score(None, category=C.SCOPE, raised=raised)
        alternatives = templates_for(templates, C.SCOPE, None)
        suggestions.append(
            SuggestedObjection(
                key="scope",
                requirement_id=None,
                category=C.SCOPE,
                category_label=C.SCOPE.label,
                text=scope_gap,
                rebuttal=alternatives[0].rebuttal if alternatives else "",
                prompt=PROMPTS[C.SCOPE],
                likelihood=likelihood_of(score),
                template_id=alternatives[0].pk if alternatives else None,
                score=score,
                reasons=reasons,
                alternatives=alternatives,
            )
        )
    suggestions.sort(key=lambda s: -s.score)
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


# The salesperson's own judgement moves the score: they may know the client.
_LIKELIHOOD_POINTS = {L.HIGH: 2, L.MEDIUM: 0, L.LOW: -2}


def rank_objections(
    objections: list[Objection],
    rows: dict[int, GapRow] | None = None,
    raised: dict[str, int] | None = None,
) -> dict[int, ObjectionRank]:
    """Which objections to rehearse first, and why: the likelihood score of what the plan knows
    (see likelihood_score) moved by the salesperson's likelihood, then plan order. Exactly the top
    four are "most likely" (all of them when a plan has fewer)."""
    rows = rows or {}
    scored = {}
    for objection in objections:
        score, reasons = likelihood_score(
            rows.get(objection.requirement_id), category=objection.category, raised=raised
        )
        scored[objection.pk] = (score + _LIKELIHOOD_POINTS[objection.likelihood], reasons)
    ranked = sorted(objections, key=lambda o: (-scored[o.pk][0], o.position, o.pk))
    top = {o.pk for o in ranked[:MOST_LIKELY_COUNT]}
    return {  # in rank order
        o.pk: ObjectionRank(
            o.pk in top,
            " · ".join((f"{L(o.likelihood).label} likelihood", *scored[o.pk][1])),
        )
        for o in ranked
    }


def most_likely_ids(
    objections: list[Objection],
    rows: dict[int, GapRow] | None = None,
    raised: dict[str, int] | None = None,
) -> set[int]:
    """The objections to rehearse first (see rank_objections)."""
    ranks = rank_objections(objections, rows, raised)
    return {pk for pk, rank in ranks.items() if rank.most_likely}


def most_likely_ranker(raised: dict[str, int] | None = None):
    """For a page that ranks many plans of one team without their gap rows (the money board):
    a function giving a plan's most likely objections in rank order, the same as the most likely
    of `rank_objections(objections, None, raised)`. Without gap rows an objection's score
    depends only on its category and likelihood, so each category is scored once, not once per
    objection (and no reasons are written: the board shows none)."""
    points: dict[str, int] = {}

    def score(objection: Objection) -> int:
        category = objection.category
        if category not in points:
            points[category] = likelihood_score(None, category=category, raised=raised)[0]
        return points[category] + _LIKELIHOOD_POINTS[objection.likelihood]

    def most_likely(objections: list[Objection]) -> list[Objection]:
        ranked = sorted(objections, key=lambda o: (-score(o), o.position, o.pk))
        return ranked[:MOST_LIKELY_COUNT]

    return most_likely
