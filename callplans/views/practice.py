"""Practice with a co-worker: the objection cards and the closing role-play, each stored as a
practice session with every card or round and how it went."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.types import AuthedRequest
from callplans import services
from callplans.forms import (
    CLOSING_ROUNDS,
    ClosingPracticeForm,
    ClosingRoundForm,
    PracticeForm,
    practice_items,
    roleplay_items,
)
from callplans.models import PracticeItem, PracticeSession
from callplans.selectors import (
    get_callplan_for_user,
    practice_cards,
    practice_sessions_of,
    reference_roleplays_of,
)
from candidates.selectors import get_candidate_for_user
from joborders.selectors import get_joborder_for_user
from references.selectors import (
    job_brief,
    referencequestions_for_team,
    requirement_prompt,
    requirements_to_discuss,
)

PRACTICE_PAGE = "callplans/practice.html"


def _practice_page(request: AuthedRequest, plan, cards, form, *, errors=(), status=200):
    marks = (
        {card.key: form.data.get(f"card-{card.key}", "") for card in cards} if form.is_bound else {}
    )
    notes = (
        {card.key: form.data.get(f"note-{card.key}", "") for card in cards} if form.is_bound else {}
    )
    context = {
        "plan": plan,
        "cards": [(card, marks.get(card.key, ""), notes.get(card.key, "")) for card in cards],
        "card_count": len(cards),
        "form": form,
        "errors": errors,
        "results": PracticeItem.Result.choices,
        "sessions": practice_sessions_of(plan, viewer=request.user),
    }
    return render(request, PRACTICE_PAGE, context, status=status)


@require_http_methods(["GET", "POST"])
def plan_practice(request: AuthedRequest, pk: int):
    plan = get_callplan_for_user(request.user, pk, write=request.method == "POST")
    cards = practice_cards(plan, include_library=request.GET.get("library") == "1")
    if request.method == "GET":
        return _practice_page(request, plan, cards, PracticeForm())
    form = PracticeForm(request.POST)
    items, errors = practice_items(request.POST, cards, plan)
    if not form.is_valid() or errors:
        return _practice_page(request, plan, cards, form, errors=errors, status=422)
    try:
        session = services.practicesession_record(
            plan=plan,
            author=request.user,
            kind=PracticeSession.Kind.OBJECTIONS,
            items=items,
            most_likely_ids=frozenset(c.objection_id for c in cards if c.most_likely),
            **form.cleaned_data,
        )
    except ValidationError as error:
        return _practice_page(request, plan, cards, form, errors=error.messages, status=422)
    messages.success(request, _practised_message(session, items, cards))
    return redirect(reverse("callplans:detail", args=[pk]) + "#objections")


def _practised_message(session: PracticeSession, items, cards) -> str:
    tally = Counter(item.result for item in items)
    said = (
        f"Practice recorded: {tally['nailed']} nailed, {tally['shaky']} shaky, "
        f"{tally['missed']} missed."
    )
    if session.covered_most_likely:
        return f"{said} It covered the most likely objections: the plan counts as rehearsed."
    practised = {item.objection.pk for item in items if item.objection is not None}
    left = [c.objection for c in cards if c.most_likely and c.objection_id not in practised]
    if left:
        return f"{said} Still to practise before the plan counts as rehearsed: " + "; ".join(
            f"“{text}”" for text in left
        )
    return said


CLOSING_PAGE = "callplans/practice_closing.html"


def _closing_page(request, plan, form, rounds, *, status=200):
    context = {
        "plan": plan,
        "form": form,
        "rounds": rounds,
        "sessions": [
            s
            for s in practice_sessions_of(plan, viewer=request.user)
            if s.kind == PracticeSession.Kind.CLOSING
        ],
    }
    return render(request, CLOSING_PAGE, context, status=status)


@require_http_methods(["GET", "POST"])
def plan_practice_closing(request: AuthedRequest, pk: int):
    """The closing role-play: ask the closing question; the partner, as the client, says ready or
    "not yet" with the objection that holds them back; answer it and ask again (the next round)."""
    plan = get_callplan_for_user(request.user, pk, write=request.method == "POST")
    data = request.POST if request.method == "POST" else None
    form = ClosingPracticeForm(data, plan=plan)
    rounds = [ClosingRoundForm(data, plan=plan, number=n) for n in range(1, CLOSING_ROUNDS + 1)]
    if data is None:
        return _closing_page(request, plan, form, rounds)
    # Every form judged, so each round shows its own messages.
    judged = [form.is_valid(), *(r.is_valid() for r in rounds)]
    if not all(judged):
        return _closing_page(request, plan, form, rounds, status=422)
    items = [r.item() for r in rounds if r.touched]
    try:
        services.practicesession_record(
            plan=plan,
            author=request.user,
            kind=PracticeSession.Kind.CLOSING,
            items=items,
            **form.cleaned_data,
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _closing_page(request, plan, form, rounds, status=422)
    tally = Counter(item.result for item in items)
    added = sum(1 for item in items if item.add_to_plan)
    said = (
        f"Closing role-play recorded: {len(items)} round{'s' if len(items) != 1 else ''}, "
        f"{tally['nailed']} nailed, {tally['shaky']} shaky, {tally['missed']} missed."
    )
    if added:
        said += f" {added} new objection{'s' if added != 1 else ''} added to the plan."
    messages.success(request, said)
    return redirect(reverse("callplans:detail", args=[pk]) + "#story")


ROLEPLAY_PAGE = "callplans/practice_reference.html"
SELF_ASSESSMENT = (
    ("asked_tough", "Did I ask the tough, pointed questions?"),
    ("got_specifics", "Did I get specifics — when, where, what result — for each requirement?"),
)


def _roleplay_prompts(job_order, candidate) -> list[tuple[str, str]]:
    """(key, prompt): the team's tough questions, then one per requirement."""
    questions = referencequestions_for_team(job_order.team_id)
    requirements = requirements_to_discuss(job_order)
    return [(f"q{q.pk}", q.text) for q in questions] + [
        (f"r{r.pk}", requirement_prompt(r, candidate.first_name)) for r in requirements
    ]


def _roleplay_page(request, job_order, candidate, prompts, form, *, errors=(), status=200):
    data = form.data if form.is_bound else {}
    rows = [
        (key, text, data.get(f"said-{key}", ""), data.get(f"how-{key}", ""))
        for key, text in prompts
    ]
    context = {
        "job_order": job_order,
        "candidate": candidate,
        "brief": job_brief(job_order, requirements_to_discuss(job_order)),
        "rows": rows,
        "assessment": [(key, text, data.get(key, "")) for key, text in SELF_ASSESSMENT],
        "form": form,
        "errors": errors,
        "sessions": reference_roleplays_of(job_order, candidate, viewer=request.user),
    }
    return render(request, ROLEPLAY_PAGE, context, status=status)


@require_http_methods(["GET", "POST"])
def reference_roleplay(request: AuthedRequest, joborder_pk: int, candidate_pk: int):
    """Role-play the reference call with a co-worker playing the reference: share the job, ask
    the team's tough questions and one per requirement, type what they answered, then say how
    specific it was and assess yourself. Stored as a practice session; nothing else changes."""
    job_order = get_joborder_for_user(request.user, joborder_pk)
    candidate = get_candidate_for_user(request.user, candidate_pk)
    prompts = _roleplay_prompts(job_order, candidate)
    if request.method == "GET":
        return _roleplay_page(request, job_order, candidate, prompts, PracticeForm())
    form = PracticeForm(request.POST)
    items, errors = roleplay_items(request.POST, prompts, SELF_ASSESSMENT)
    if not form.is_valid() or errors:
        return _roleplay_page(
            request, job_order, candidate, prompts, form, errors=errors, status=422
        )
    try:
        services.referenceroleplay_record(
            job_order=job_order,
            candidate=candidate,
            author=request.user,
            items=items,
            **form.cleaned_data,
        )
    except ValidationError as error:
        return _roleplay_page(
            request, job_order, candidate, prompts, form, errors=error.messages, status=422
        )
    specific = sum(1 for item in items[: -len(SELF_ASSESSMENT)] if item.result == "nailed")
    asked = len(items) - len(SELF_ASSESSMENT)
    messages.success(
        request,
        f"Reference-call role-play recorded: {specific} of {asked} answers specific.",
    )
    return redirect(
        reverse("callplans:reference_roleplay", args=[job_order.pk, candidate.pk]) + "#recent"
    )
