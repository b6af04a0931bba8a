"""Practice sessions: each card or round stored with how it went; only a session that covered the
plan's most likely objections marks it rehearsed; the closing role-play's rounds; who sees them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from callplans.models import CallPlan, PracticeItem, PracticeSession
from callplans.selectors import practice_cards
from callplans.services import PracticeItemInput, objection_add, practicesession_record
from tests.factories import CallPlanFactory

NAILED, SHAKY, MISSED = "nailed", "shaky", "missed"


@pytest.fixture
def objections(plan):
    # Four objections on one plan: the top 3–4 by likelihood are "most likely".
    return [
        objection_add(plan=plan, category="other", text=text, likelihood=likelihood)
        for text, likelihood in [
            ("Rate too high", "high"),
            ("No banking", "high"),
            ("Notice period", "medium"),
            ("Remote only", "low"),
        ]
    ]


def record(plan, owner, items, **kwargs):
    return practicesession_record(
        plan=plan, author=owner, kind=kwargs.pop("kind", "objections"), items=items, **kwargs
    )


def test_a_session_missing_a_most_likely_objection_does_not_mark_the_plan_rehearsed(
    plan, owner, objections
):
    likely = frozenset(c.objection_id for c in practice_cards(plan) if c.most_likely)
    assert 3 <= len(likely) <= 4
    some = [PracticeItemInput(result=NAILED, objection=objections[0])]
    session = record(plan, owner, some, most_likely_ids=likely)
    assert not session.covered_most_likely
    assert CallPlan.objects.get(pk=plan.pk).rehearsed_at is None
    every = [PracticeItemInput(result=SHAKY, objection=o) for o in objections]
    assert record(plan, owner, every, most_likely_ids=likely).covered_most_likely
    assert CallPlan.objects.get(pk=plan.pk).rehearsed_at is not None


def test_the_page_says_which_most_likely_objections_are_still_to_practise(
    client, owner, plan, objections
):
    client.force_login(owner)
    response = client.post(
        reverse("callplans:practice", args=[plan.pk]),
        {f"card-o{objections[0].pk}": MISSED},
        follow=True,
    )
    body = response.content.decode()
    assert "Still to practise before the plan counts as rehearsed" in body
    assert "“No banking”" in body


def test_a_card_from_another_plan_is_refused(plan, owner, objections):
    stranger = objection_add(plan=CallPlanFactory(), category="other", text="Elsewhere")
    with pytest.raises(ValidationError, match="not on this plan"):
        record(plan, owner, [PracticeItemInput(result=NAILED, objection=stranger)])
    assert not PracticeSession.objects.exists()


def test_an_unknown_mark_comes_back_with_the_notes_typed(client, owner, plan, objections):
    client.force_login(owner)
    first = objections[0]
    response = client.post(
        reverse("callplans:practice", args=[plan.pk]),
        {"partner": "Dana", f"card-o{first.pk}": "perfect", f"note-o{first.pk}": "Slow start"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Card 1: mark it nailed, shaky or missed." in body
    assert 'value="Slow start"' in body and 'value="Dana"' in body
    assert not PracticeSession.objects.exists()


def test_the_plan_and_the_cards_show_how_each_objection_last_went(client, owner, plan, objections):
    record(plan, owner, [PracticeItemInput(result=MISSED, objection=objections[1])])
    record(plan, owner, [PracticeItemInput(result=SHAKY, objection=objections[1])])
    cards = {c.objection_id: c.last_result for c in practice_cards(plan)}
    assert cards[objections[1].pk] == "Shaky"
    assert cards[objections[0].pk] == ""
    client.force_login(owner)
    page = client.get(reverse("callplans:detail", args=[plan.pk])).content.decode()
    assert page.count('data-testid="last-practice"') == 1
    assert "Last practice: shaky" in page


def test_sessions_are_seen_by_their_author_and_the_managers_only(
    client, owner, teammate, manager, plan, objections
):
    record(plan, owner, [PracticeItemInput(result=NAILED, objection=objections[0])], partner="Kim")
    url = reverse("callplans:practice", args=[plan.pk])
    for person, sees in [(owner, True), (manager, True), (teammate, False)]:
        client.force_login(person)
        assert ("with Kim" in client.get(url).content.decode()) is sees, person


def test_a_closing_not_yet_needs_the_objection_behind_it(plan, owner):
    with pytest.raises(ValidationError, match="needs the objection"):
        record(
            plan,
            owner,
            [PracticeItemInput(result=SHAKY, answer=PracticeItem.Answer.NOT_YET)],
            kind="closing",
        )


def test_a_new_objection_from_a_closing_round_joins_the_plan_only_when_asked(plan, owner):
    rounds = [
        PracticeItemInput(result=SHAKY, answer="not_yet", prompt="Start date too late"),
        PracticeItemInput(result=NAILED, answer="not_yet", prompt="Needs a visa", add_to_plan=True),
        PracticeItemInput(result=NAILED, answer="ready"),
    ]
    session = record(plan, owner, rounds, kind="closing")
    assert list(plan.objections.values_list("text", flat=True)) == ["Needs a visa"]
    added = plan.objections.get()
    assert [i.objection_id for i in session.items.all()] == [None, added.pk, None]
    assert not session.covered_most_likely  # a closing role-play is not the objection cards
    assert CallPlan.objects.get(pk=plan.pk).rehearsed_at is None


def test_a_closing_round_left_half_done_is_refused_with_everything_kept(
    client, owner, plan, closing_question
):
    client.force_login(owner)
    response = client.post(
        reverse("callplans:practice_closing", args=[plan.pk]),
        {
            "closing_question": closing_question.pk,
            "partner": "Dana",
            "r1-answer": "not_yet",
            "r1-new_objection": "Start date too late",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Mark how your answer went." in body
    assert 'value="Start date too late"' in body
    assert not PracticeSession.objects.exists()


def test_a_teammate_may_role_play_but_not_record_it(client, teammate, plan, closing_question):
    client.force_login(teammate)
    url = reverse("callplans:practice_closing", args=[plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"closing_question": closing_question.pk, "r1-answer": "ready", "r1-result": NAILED}
    )
    assert response.status_code == 403
    assert not PracticeSession.objects.exists()


# --- the reference-call role-play ---------------------------------------------------------


def roleplay_url(job, candidate):
    return reverse("callplans:reference_roleplay", args=[job.pk, candidate.pk])


def test_a_reference_role_play_stores_each_answer_and_the_self_assessment(
    client, teammate, plan, kubernetes_gap
):
    from references.services import referencequestion_create

    job, candidate = plan.submittal.job_order, plan.submittal.candidate
    question = referencequestion_create(team=job.team, text="Would you hire Alex again?")
    client.force_login(teammate)
    page = client.get(roleplay_url(job, candidate)).content.decode()
    assert "Move payments to Kubernetes" in page  # the job's details to share
    assert "Would you hire Alex again?" in page
    assert "Tell me about a time Alex used Kubernetes. How deep did it go?" in page
    response = client.post(
        roleplay_url(job, candidate),
        {
            "partner": "Kim",
            f"said-q{question.pk}": "Yes, tomorrow.",
            f"how-q{question.pk}": "shaky",
            f"said-r{kubernetes_gap.pk}": "Ran 40 services on EKS at Northwind in 2023.",
            f"how-r{kubernetes_gap.pk}": "nailed",
            "asked_tough": "nailed",
            "got_specifics": "shaky",
        },
        follow=True,
    )
    assert "1 of 2 answers specific" in response.content.decode()
    session = PracticeSession.objects.get(kind="reference")
    assert (session.author, session.partner, session.job_order, session.plan) == (
        teammate,
        "Kim",
        job,
        None,
    )
    rows = [(i.result, i.transcript) for i in session.items.all()]
    assert rows == [
        ("shaky", "Yes, tomorrow."),
        ("nailed", "Ran 40 services on EKS at Northwind in 2023."),
        ("nailed", ""),
        ("shaky", ""),
    ]


def test_a_reference_role_play_without_the_self_assessment_keeps_the_answers_typed(
    client, owner, plan, kubernetes_gap
):
    job, candidate = plan.submittal.job_order, plan.submittal.candidate
    client.force_login(owner)
    response = client.post(
        roleplay_url(job, candidate),
        {f"said-r{kubernetes_gap.pk}": "She ran EKS", f"how-r{kubernetes_gap.pk}": "nailed"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Answer “Did I ask the tough, pointed questions?”" in body
    assert "She ran EKS</textarea>" in body
    assert not PracticeSession.objects.exists()


def test_another_teams_job_has_no_role_play(client, outsider, plan):
    client.force_login(outsider)
    job, candidate = plan.submittal.job_order, plan.submittal.candidate
    assert client.get(roleplay_url(job, candidate)).status_code == 404
