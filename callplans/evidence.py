"""The evidence section as a reader takes it in: each engagement the plan relies on once, and each
requirement row naming its engagements and quoting only the line that answers it.

The line, in this order: the sentence of the engagement's solved / delivered / results text that
shares the most words with the requirement; on a tie, the field that answers the requirement's
kind (a challenge is answered by what was solved, a deliverable by what was delivered, a result by
the results), then the earlier sentence; with no shared word, the first sentence of that field,
else the first sentence there is."""

import re
from dataclasses import dataclass

from callplans.gaps import EngagementEvidence, GapRow, Suggestion
from callplans.matching import simple_terms

_FIELDS = (("Solved", "challenges_solved"), ("Delivered", "deliverables"), ("Results", "results"))
_ANSWERS = {"challenge": "Solved", "deliverable": "Delivered", "result": "Results"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class Citation:
    engagement: EngagementEvidence
    label: str  # "Solved", "Delivered", "Results", or "" when the engagement has no text
    line: str


@dataclass(frozen=True)
class EvidenceRow:
    row: GapRow
    citations: tuple[Citation, ...]
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class UsedEngagement:
    engagement: EngagementEvidence
    notes: tuple[str, ...]  # "how it was like the customer's project", one per linked need


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE.split(text or "") if part.strip()]


def answering_line(row: GapRow, engagement: EngagementEvidence) -> tuple[str, str]:
    wanted = simple_terms(row.text)
    preferred = _ANSWERS.get(row.kind)
    candidates = [
        (label, line) for label, field in _FIELDS for line in sentences(getattr(engagement, field))
    ]
    if not candidates:
        return "", ""
    best = max(
        enumerate(candidates),
        key=lambda item: (
            len(wanted & simple_terms(item[1][1])),
            item[1][0] == preferred,
            -item[0],
        ),
    )
    return best[1]


def evidence_rows(rows: tuple[GapRow, ...]) -> tuple[EvidenceRow, ...]:
    return tuple(
        EvidenceRow(
            row=row,
            citations=tuple(Citation(e, *answering_line(row, e)) for e in row.engagements),
            suggestions=row.suggestions,
        )
        for row in rows
    )


def used_engagements(rows: tuple[GapRow, ...]) -> tuple[UsedEngagement, ...]:
    """Every engagement any row cites, once, in the order the rows first cite them."""
    seen: dict[int, EngagementEvidence] = {}
    notes: dict[int, list[str]] = {}
    for row in rows:
        for engagement in row.engagements:
            seen.setdefault(engagement.engagement_id, engagement)
            note = engagement.similarity_note.strip()
            if note and note not in notes.setdefault(engagement.engagement_id, []):
                notes[engagement.engagement_id].append(note)
    return tuple(UsedEngagement(e, tuple(notes.get(pk, ()))) for pk, e in seen.items())
