"""/api/v1/submittals/<pk>/interviews: a submittal's rounds listed, the next one scheduled, one
changed, through the same services and rules as the submittal's page."""

import datetime

from django.utils import timezone

from callplans.services import callplan_create
from joborders.services import submittal_create
from tests.api.conftest import fields_of, problem_of
from tests.factories import CandidateFactory, ClientContactFactory, JobOrderFactory


def iso(days: int, hour: int = 15) -> str:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))).isoformat()


def a_submittal(owner):
    job = JobOrderFactory(owner=owner, received_on=timezone.localdate() - datetime.timedelta(20))
    return submittal_create(
        job_order=job,
        candidate=CandidateFactory(),
        submitted_by=owner,
        submitted_at=timezone.now() - datetime.timedelta(days=5),
    )


def test_it_schedules_two_rounds_lists_them_and_changes_one_field(owner, api_as):
    submittal = a_submittal(owner)
    dana = ClientContactFactory(client=submittal.job_order.client, name="Dana Ruiz", title="CTO")
    api = api_as(owner)
    url = f"/api/v1/submittals/{submittal.pk}/interviews"
    first = api.post(url, {"starts_at": iso(-1), "kind": "phone", "interviewer_ids": [dana.pk]})
    assert first.status_code == 201, first.content
    assert first.json()["round"] == 1
    assert first.json()["interviewers"] == [{"id": dana.pk, "name": "Dana Ruiz", "title": "CTO"}]
    second = api.post(url, {"starts_at": iso(2), "kind": "on_site", "location": "HQ"})
    assert second.status_code == 201 and second.json()["round"] == 2

    changed = api.patch(f"{url}/2", {"notes": "Bring the portfolio"})
    assert changed.status_code == 200, changed.content
    assert (changed.json()["notes"], changed.json()["location"]) == ("Bring the portfolio", "HQ")
    listed = api.get(url).json()
    assert [(r["round"], r["kind"]) for r in listed] == [(1, "phone"), (2, "on_site")]
    read = api.get(f"/api/v1/submittals/{submittal.pk}").json()
    assert read["interview_at"] == second.json()["starts_at"]  # the current round's start


def test_a_round_out_of_order_or_with_a_stranger_is_a_422_naming_the_field(owner, api_as):
    submittal = a_submittal(owner)
    api = api_as(owner)
    url = f"/api/v1/submittals/{submittal.pk}/interviews"
    api.post(url, {"starts_at": iso(2)})
    problem = problem_of(api.post(url, {"starts_at": iso(1)}), 422)
    assert "is before round 1 ends on" in fields_of(problem)["starts_at"]
    stranger = ClientContactFactory(name="Lee Stranger")
    problem = problem_of(
        api.post(url, {"starts_at": iso(4), "interviewer_ids": [stranger.pk]}), 422
    )
    assert fields_of(problem) == {
        "interviewer_ids": "Each interviewer is a contact of the job order's client."
    }
    assert "Lee Stranger" not in str(problem)
    assert problem_of(api.patch(f"{url}/9", {"notes": "x"}), 404)


def test_a_next_round_feedback_call_needs_its_date_and_schedules_it(owner, api_as):
    submittal = a_submittal(owner)
    api = api_as(owner)
    api.post(f"/api/v1/submittals/{submittal.pk}/interviews", {"starts_at": iso(-2)})
    plan = callplan_create(submittal=submittal, author=owner)
    url = f"/api/v1/callplans/{plan.pk}/feedback-calls"
    called = timezone.now().isoformat()
    problem = problem_of(api.post(url, {"called_at": called, "outcome": "next_round"}), 422)
    assert "when is it?" in fields_of(problem)["next_round.starts_at"]
    body = {"called_at": called, "outcome": "next_round", "next_round": {"starts_at": iso(3)}}
    assert api.post(url, body).status_code == 201
    rounds = api.get(f"/api/v1/submittals/{submittal.pk}/interviews").json()
    assert [r["round"] for r in rounds] == [1, 2]
    assert rounds[0]["feedback_call_logged"] is True
