"""The ready-to-dial checklist. A plan moves from draft to ready only when every item passes."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    hint: str


@dataclass(frozen=True)
class Checklist:
    items: tuple[ChecklistItem, ...]

    @property
    def score(self) -> int:
        return round(100 * sum(i.done for i in self.items) / len(self.items))

    @property
    def missing(self) -> list[str]:
        return [f"{i.label} — {i.hint}" for i in self.items if not i.done]

    @property
    def passes(self) -> bool:
        return all(i.done for i in self.items)


def ready_checklist(
    *,
    qualified: bool,
    reference_call_made: bool,
    must_have_gaps_without_rebuttal: list[str],
    closing_questions: int,
    next_action: str,
    rehearsed: bool,
) -> Checklist:
    gaps = must_have_gaps_without_rebuttal
    return Checklist(
        items=(
            ChecklistItem(
                "qualified",
                "Job order qualified",
                qualified,
                "answer the goal, and at least one challenge, deliverable and result",
            ),
            ChecklistItem(
                "reference",
                "Reference call made for this job",
                reference_call_made,
                "call a reference and share this job's details with them",
            ),
            ChecklistItem(
                "rebuttals",
                "Every must-have gap has an objection with a rebuttal",
                not gaps,
                "write, edit or accept a rebuttal for: " + "; ".join(gaps) if gaps else "",
            ),
            ChecklistItem(
                "closing",
                "At least one closing question picked",
                closing_questions > 0,
                "pick the question that asks for commitment",
            ),
            ChecklistItem(
                "next_action",
                "Next action set",
                bool(next_action.strip()),
                "say what you will ask the client to do next",
            ),
            ChecklistItem(
                "rehearsed",
                "Objections rehearsed",
                rehearsed,
                "practise the most likely objections with a co-worker (Practice objections)",
            ),
        )
    )
