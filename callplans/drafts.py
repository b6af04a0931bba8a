"""Rebuttal drafts assembled from this plan's facts, for the salesperson to edit or accept.

A draft says only what the records hold, in this order: the candidate's years of the skill; the
confirmed engagements (and, for a skill, the engagements that used it) with the line that answers
the requirement; what a reference said about it, and who (a doubt quoted as "noted", never as
praise); adjacent skills of the same family with their years; and, where the gap is real, an
offer to ramp up. With no evidence it says so, points at a suggested (unconfirmed) engagement
that may answer it, and proposes what to find out and from whom. It never claims what no record
says."""

from collections.abc import Sequence

from callplans.evidence import answering_line
from callplans.gaps import CONCERN, GAP, PARTIAL, STRONG, GapRow, years_text

_DID = {
    "skill": "used {text}",
    "experience": "worked on {text}",
    "challenge": "solved “{text}”",
    "deliverable": "delivered “{text}”",
    "result": "produced “{text}”",
}


def what_was_done(row: GapRow) -> str:
    text = _skill_name(row) if row.kind == "skill" else row.text
    return _DID.get(row.kind, "done “{text}”").format(text=text)


def draft_rebuttal(row: GapRow, *, first_name: str, reference_names: Sequence[str] = ()) -> str:
    name = first_name or "The candidate"
    facts: list[str] = []
    evidence = row.skill_evidence
    if row.kind == "skill" and evidence is not None and evidence.years:
        recency = f", last used in {evidence.last_used_year}" if evidence.last_used_year else ""
        facts.append(f"{name} has {years_text(evidence.years)} of {evidence.skill}{recency}.")
    for engagement in row.engagements:
        if row.kind != "skill" and not engagement.linked:
            continue
        label, line = answering_line(row, engagement)
        period = _period(engagement)
        where = f"At {engagement.employer} ({period})"
        if engagement.similarity_note:
            where += f", a project like yours ({engagement.similarity_note.rstrip('.')})"
        facts.append(f"{where}: {line.rstrip('.')}." if line else f"{where}.")
    for reference in row.references:
        if not reference.quote:
            continue
        who = reference.reference + (f", {reference.title}," if reference.title else "")
        # A doubt is quoted as what it is: the salesperson turns it, the draft never hides it.
        said = "said" if reference.assessment in (STRONG, "adequate") else "noted"
        facts.append(f"{who} {said}: “{reference.quote.strip().rstrip('.')}.”")
    for adjacent in getattr(row, "adjacent", ()) or ():
        facts.append(
            f"{years_text(adjacent.years)} of {adjacent.skill}, a skill of the same family as "
            f"{_skill_name(row)}."
        )
    real_gap = row.status in (GAP, CONCERN) or (row.status == PARTIAL and row.kind == "skill")
    if facts and real_gap and row.kind == "skill":
        facts.append(
            f"If {_skill_name(row)} is needed from day one, offer a ramp-up plan for the first "
            "weeks and a check-in with the hiring manager."
        )
    if not facts:
        ask = _ask_whom(reference_names)
        return (
            f"No evidence on record yet that {name} has {what_was_done(row)}. "
            + _suggested_lead(row)
            + f"Before the call, ask {ask} whether {name} has {what_was_done(row)}, when and where."
        )
    return " ".join(facts)


def _suggested_lead(row: GapRow) -> str:
    """A suggested engagement is a lead, not evidence: the draft names where to look, no claim."""
    if row.kind == "skill" or not row.suggestions:
        return ""
    lead = row.suggestions[0]
    words = ", ".join(lead.matched_words[:3])
    shares = f" (its record mentions {words})" if words else ""
    return (
        f"{lead.employer}{shares} may answer it: read it and confirm it in the gap analysis "
        "if it does. "
    )


def _ask_whom(reference_names: Sequence[str]) -> str:
    names = list(dict.fromkeys(n for n in reference_names if n))[:2]
    if not names:
        return "the candidate and a reference"
    return " or ".join(names)


def _skill_name(row: GapRow) -> str:
    if row.skill_evidence is not None:
        return row.skill_evidence.skill
    return row.text.split(",")[0].strip()


def _period(engagement) -> str:
    start = engagement.start_date.year if engagement.start_date else "?"
    end = engagement.end_date.year if engagement.end_date else "now"
    return f"{start}–{end}" if start != end else str(start)
