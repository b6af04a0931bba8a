import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from callplans.models import FeedbackCall, RaisedObjection
from callplans.services import callplan_create, callplan_update, objection_add
from joborders.models import Submittal
from tests.api.conftest import fields_of, problem_of
from tests.factories import (
    CandidateFactory,
    FeedbackCallFactory,
    JobOrderFactory,
    RaisedObjectionFactory,
    RequirementFactory,
    SubmittalFactory,
)

URL = "/api/v1/callplans"
# The token, then plan_page_for: the same bundle the plan page reads (see callplans/selectors;
# the engagements bring their skills and evidence links, and PostgreSQL its text words, in their
# own rows; the plan's reviews, last changes and the candidate's skills in the plan's row; each
# feedback call's raised objections in the call's row).
PLAN_READ_QUERIES = 10


@pytest.fixture
def ready_plan(plan, kubernetes_gap, closing_question):
    objection = objection_add(
        plan=plan,
        category="skill_gap",
        text="She has no Kubernetes in production",
        rebuttal="She ran EKS for two years at Northwind",
        requirement=kubernetes_gap,
    )
    callplan_update(
        plan=plan,
        version=plan.version,
        candidate_story="Alex stabilised releases at Northwind",
        next_action="Ask for a second interview with the CTO",
        closing_questions=[closing_question],
    )
    plan.refresh_from_db()
    return plan, objection


def test_a_plan_reads_as_its_page_shows_it(owner, ready_plan, closing_question, api_as):
    plan, objection = ready_plan
    response = api_as(owner).get(f"{URL}/{plan.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["candidate_name"] == "Alex Morgan"
    assert body["next_action"] == "Ask for a second interview with the CTO"
    assert body["candidate_story"] == "Alex stabilised releases at Northwind"
    (row,) = [r for r in body["gap"]["rows"] if r["kind"] == "skill"]
    assert (row["text"], row["status"], row["must_have"]) == ("Kubernetes, 4+ years", "gap", True)
    (listed,) = body["objections"]
    assert listed["id"] == objection.pk and listed["rebuttal"].startswith("She ran EKS")
    assert listed["most_likely"] is True and listed["requirement_id"] == row["requirement_id"]
    assert body["closing_questions"] == [{"id": closing_question.pk, "text": closing_question.text}]
    readiness = body["readiness"]
    assert readiness["ready_to_dial"] is False
    items = {i["key"]: i["done"] for i in readiness["items"]}
    assert items["closing"] and items["next_action"] and not items["rehearsed"]
    assert 0 < readiness["score"] < 100


def test_another_teams_plan_and_its_pdf_do_not_exist(plan, outsider, api_as):
    api = api_as(outsider)
    problem_of(api.get(f"{URL}/{plan.pk}"), 404)
    problem_of(api.get(f"{URL}/{plan.pk}/pdf"), 404)
    assert api.get(URL).json()["results"] == []


def test_the_plan_pdf_downloads(plan, teammate, api_as):
    response = api_as(teammate, scope="read").get(f"{URL}/{plan.pk}/pdf", {"paper": "a4"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Alex Morgan" in text


def test_a_feedback_call_is_logged_and_moves_the_submittal(
    owner, ready_plan, closing_question, api_as
):
    plan, objection = ready_plan
    body = {
        "called_at": (timezone.now() - datetime.timedelta(hours=1)).isoformat(),
        "outcome": "offer",
        "closing_question_id": closing_question.pk,
        "commitment": "Offer letter by Friday",
        "raised": [
            {"objection_id": objection.pk, "handled": "yes"},
            {"text": "The rate is high", "category": "other", "handled": "partly"},
        ],
    }
    response = api_as(owner).post(f"{URL}/{plan.pk}/feedback-calls", body)
    assert response.status_code == 201, response.content
    call = response.json()
    assert (call["outcome"], call["submittal_status"]) == ("offer", "offer")
    assert [r["text"] for r in call["raised"]] == [objection.text, "The rate is high"]
    assert Submittal.objects.get(pk=plan.submittal_id).status == Submittal.Status.OFFER
    read = api_as(owner).get(f"{URL}/{plan.pk}").json()
    assert [c["id"] for c in read["feedback_calls"]] == [call["id"]]


def test_a_feedback_call_refuses_what_is_not_this_plans(owner, plan, outsider, api_as):
    other_plan = callplan_create(
        submittal=SubmittalFactory(job_order=JobOrderFactory(owner=owner)), author=owner
    )
    theirs = objection_add(plan=other_plan, category="other", text="Rate", rebuttal="Value")
    body = {
        "called_at": timezone.now().isoformat(),
        "outcome": "no_decision",
        "raised": [{"objection_id": theirs.pk}],
    }
    problem = problem_of(api_as(owner).post(f"{URL}/{plan.pk}/feedback-calls", body), 422)
    assert fields_of(problem) == {"raised.0.objection_id": "Not one of this plan's objections."}
    future = {**body, "raised": [], "called_at": "2999-01-01T00:00:00Z"}
    problem = problem_of(api_as(owner).post(f"{URL}/{plan.pk}/feedback-calls", future), 422)
    assert "future" in fields_of(problem)["called_at"]
    problem_of(api_as(outsider).post(f"{URL}/{plan.pk}/feedback-calls", body), 404)
    assert not FeedbackCall.objects.exists() and not RaisedObjection.objects.exists()


def test_a_teammate_may_read_but_not_log_the_authors_call(plan, teammate, api_as):
    body = {"called_at": timezone.now().isoformat(), "outcome": "no_decision"}
    assert api_as(teammate).get(f"{URL}/{plan.pk}").status_code == 200
    problem_of(api_as(teammate).post(f"{URL}/{plan.pk}/feedback-calls", body), 403)


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_costs_the_same_queries_however_many_rows(
    owner, api_as, django_assert_num_queries, rows
):
    job = JobOrderFactory(owner=owner)
    for _ in range(rows):
        callplan_create(
            submittal=SubmittalFactory(job_order=job, candidate=CandidateFactory()), author=owner
        )
    api = api_as(owner)
    api.get(URL)
    with django_assert_num_queries(2):  # the token, the page with its joins
        response = api.get(URL)
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 8])
def test_reading_a_plan_costs_the_same_queries_however_big_it_is(
    owner, plan, api_as, django_assert_num_queries, rows
):
    for number in range(rows):
        requirement = RequirementFactory(job_order=plan.submittal.job_order)
        objection_add(
            plan=plan,
            category="other",
            text=f"Objection {number}",
            rebuttal="Answer",
            requirement=requirement,
        )
        call = FeedbackCallFactory(plan=plan, outcome="next_round")
        RaisedObjectionFactory(feedback_call=call, text=f"Raised {number}", handled="no")
    api = api_as(owner)
    api.get(f"{URL}/{plan.pk}")
    with django_assert_num_queries(PLAN_READ_QUERIES):
        response = api.get(f"{URL}/{plan.pk}")
    assert len(response.json()["objections"]) == rows
    calls = response.json()["feedback_calls"]
    assert sorted(r["text"] for call in calls for r in call["raised"]) == sorted(
        f"Raised {number}" for number in range(rows)
    )
    assert {r["handled"] for call in calls for r in call["raised"]} == {"no"}
