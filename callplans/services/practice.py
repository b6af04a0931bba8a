"""Practice sessions: the objection cards and the closing role-play, stored with each card or
round and how it went. A practice changes the plan in two ways only: a session of the cards that
covered every one of the plan's most likely objections marks it rehearsed, and an objection met
in a closing round is added to the plan when the salesperson asks for it."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from callplans.models import CallPlan, ClosingQuestion, Objection, PracticeItem, PracticeSession
from callplans.services.plan import callplan_change, objection_add

MAX_ITEMS = 80


@dataclass(frozen=True)
class PracticeItemInput:
    result: str
    objection: Objection | None = None
    prompt: str = ""
    answer: str = ""  # closing rounds: "ready" or "not_yet"
    note: str = ""
    add_to_plan: bool = False  # closing rounds: a new objection the partner raised
    transcript: str = ""  # reference-call role-play: what the "reference" answered


def _check_item(plan: CallPlan, kind: str, item: PracticeItemInput, number: int) -> None:
    where = f"Round {number}" if kind == PracticeSession.Kind.CLOSING else f"Card {number}"
    if item.result not in PracticeItem.Result.values:
        raise ValidationError({"items": f"{where}: mark it nailed, shaky or missed."})
    if item.objection is not None and item.objection.plan_id != plan.pk:
        raise ValidationError({"items": f"{where}: that objection is not on this plan."})
    if kind == PracticeSession.Kind.CLOSING:
        if item.answer not in PracticeItem.Answer.values:
            raise ValidationError({"items": f"{where}: did the client say ready, or not yet?"})
        if item.answer == PracticeItem.Answer.NOT_YET and not (
            item.objection or item.prompt.strip()
        ):
            raise ValidationError(
                {"items": f"{where}: “not yet” needs the objection that holds the client back."}
            )


@transaction.atomic
def practicesession_record(
    *,
    plan: CallPlan,
    author: User,
    kind: str,
    items: list[PracticeItemInput],
    partner: str = "",
    note: str = "",
    most_likely_ids: frozenset[int] = frozenset(),
    closing_question: ClosingQuestion | None = None,
    practised_at: datetime.datetime | None = None,
) -> PracticeSession:
    """Store a practice; `most_likely_ids` are the plan's most likely objections as the cards
    were dealt (the plan page's ranking)."""
    if kind not in PracticeSession.Kind.values:
        raise ValidationError({"kind": "Not a kind of practice."})
    if not items:
        what = "round" if kind == PracticeSession.Kind.CLOSING else "card"
        raise ValidationError({"items": f"Mark at least one {what} before finishing the practice."})
    if len(items) > MAX_ITEMS:
        raise ValidationError({"items": f"A practice holds at most {MAX_ITEMS} cards or rounds."})
    for number, item in enumerate(items, start=1):
        _check_item(plan, kind, item, number)
    if (
        closing_question is not None
        and closing_question.team_id != plan.submittal.job_order.team_id
    ):
        raise ValidationError({"closing_question": "Pick one of your team's closing questions."})

    practised = {item.objection.pk for item in items if item.objection is not None}
    covered = (
        kind == PracticeSession.Kind.OBJECTIONS
        and bool(most_likely_ids)
        and set(most_likely_ids) <= practised
    )
    session = PracticeSession(
        plan=plan,
        kind=kind,
        author=author,
        partner=" ".join(partner.split()),
        practised_at=practised_at or timezone.now(),
        closing_question=closing_question,
        covered_most_likely=covered,
        note=note.strip(),
    )
    session.full_clean()
    session.save()
    rows = []
    for position, item in enumerate(items):
        objection = item.objection
        if objection is None and item.add_to_plan and item.prompt.strip():
            objection = objection_add(plan=plan, category="other", text=item.prompt.strip())
        row = PracticeItem(
            session=session,
            position=position,
            objection=objection,
            prompt=(objection.text if objection else item.prompt.strip())[:500],
            answer=item.answer,
            result=item.result,
            note=item.note.strip(),
            transcript=item.transcript.strip(),
        )
        row.full_clean(exclude=["session"])
        rows.append(row)
    PracticeItem.objects.bulk_create(rows)
    if covered:
        tally = Counter(item.result for item in items)
        with_whom = f" with {session.partner}" if session.partner else ""
        callplan_change(
            plan,
            version=None,
            reason=f"Rehearsed objections{with_whom}: {tally['nailed']} nailed, "
            f"{tally['shaky']} shaky, {tally['missed']} missed",
            rehearsed_at=session.practised_at,
        )
    return session


@transaction.atomic
def referenceroleplay_record(
    *,
    job_order,
    candidate,
    author: User,
    items: list[PracticeItemInput],
    partner: str = "",
    note: str = "",
) -> PracticeSession:
    """Store a reference-call role-play: each question or requirement prompt with what the
    partner (as the reference) answered and how specific it was, and the self-assessment."""
    if not items:
        raise ValidationError({"items": "Mark at least one question before finishing."})
    if len(items) > MAX_ITEMS:
        raise ValidationError({"items": f"A practice holds at most {MAX_ITEMS} questions."})
    for number, item in enumerate(items, start=1):
        if item.result not in PracticeItem.Result.values:
            raise ValidationError({"items": f"Question {number}: mark how specific it was."})
    session = PracticeSession(
        job_order=job_order,
        candidate=candidate,
        kind=PracticeSession.Kind.REFERENCE,
        author=author,
        partner=" ".join(partner.split()),
        practised_at=timezone.now(),
        note=note.strip(),
    )
    session.full_clean()
    session.save()
    rows = [
        PracticeItem(
            session=session,
            position=position,
            prompt=item.prompt.strip()[:500],
            result=item.result,
            note=item.note.strip(),
            transcript=item.transcript.strip(),
        )
        for position, item in enumerate(items)
    ]
    for row in rows:
        row.full_clean(exclude=["session"])
    PracticeItem.objects.bulk_create(rows)
    return session
