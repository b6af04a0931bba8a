import pytest

from joborders.models import Submittal, SubmittalEvent
from tests.api.conftest import fields_of, problem_of
from tests.factories import CandidateFactory, JobOrderFactory, SubmittalFactory

URL = "/api/v1/submittals"


def test_it_submits_a_candidate_with_an_interview_date_and_reads_it_back(owner, api_as):
    job, candidate = JobOrderFactory(owner=owner), CandidateFactory()
    api = api_as(owner)
    response = api.post(
        URL,
        {
            "job_order_id": job.pk,
            "candidate_id": candidate.pk,
            "interview_at": "2027-03-01T15:00:00Z",
        },
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert api.get(f"{URL}/{created['id']}").json() == created
    assert created["status"] == "interview_scheduled"
    assert created["interview_at"].startswith("2027-03-01T15:00:00")
    assert created["candidate_name"] == candidate.full_name
    events = SubmittalEvent.objects.filter(submittal_id=created["id"])
    assert list(events.values_list("to_status", flat=True)) == ["submitted", "interview_scheduled"]


def test_the_same_candidate_twice_is_refused(owner, api_as):
    submittal = SubmittalFactory(job_order=JobOrderFactory(owner=owner))
    body = {"job_order_id": submittal.job_order_id, "candidate_id": submittal.candidate_id}
    problem = problem_of(api_as(owner).post(URL, body), 422)
    assert "already submitted" in problem["detail"]


def test_another_teams_job_order_is_refused_as_unknown(owner, outsider, api_as):
    job = JobOrderFactory(owner=outsider)
    body = {"job_order_id": job.pk, "candidate_id": CandidateFactory().pk}
    problem = problem_of(api_as(owner).post(URL, body), 422)
    assert fields_of(problem) == {"job_order_id": "No such job order in your team."}


def test_a_teammate_may_not_submit_to_the_owners_job_order(owner, teammate, api_as):
    job = JobOrderFactory(owner=owner)
    body = {"job_order_id": job.pk, "candidate_id": CandidateFactory().pk}
    problem_of(api_as(teammate).post(URL, body), 403)


def test_the_stage_and_interview_move_and_another_team_sees_nothing(owner, outsider, api_as):
    submittal = SubmittalFactory(job_order=JobOrderFactory(owner=owner))
    url = f"{URL}/{submittal.pk}"
    problem_of(api_as(outsider).get(url), 404)
    problem_of(api_as(outsider).patch(url, {"status": "offer"}), 404)
    response = api_as(owner).patch(url, {"status": "interviewed"})
    assert response.status_code == 200 and response.json()["status"] == "interviewed"
    problem = problem_of(api_as(owner).patch(url, {"status": "hired"}), 422)
    assert fields_of(problem)["status"].startswith("Input should be")
    assert Submittal.objects.get().status == "interviewed"


def test_interviews_of_a_period_are_listed(owner, api_as):
    job = JobOrderFactory(owner=owner)
    inside = SubmittalFactory(job_order=job, interview_at="2027-03-02T10:00:00Z")
    SubmittalFactory(job_order=job, interview_at="2027-04-02T10:00:00Z")
    SubmittalFactory(job_order=job)
    found = api_as(owner).get(
        URL, {"interview_from": "2027-03-01T00:00:00Z", "interview_to": "2027-04-01T00:00:00Z"}
    )
    assert [s["id"] for s in found.json()["results"]] == [inside.pk]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_costs_the_same_queries_however_many_rows(
    owner, api_as, django_assert_num_queries, rows
):
    job = JobOrderFactory(owner=owner)
    for _ in range(rows):
        SubmittalFactory(job_order=job)
    api = api_as(owner)
    api.get(URL)
    with django_assert_num_queries(2):  # the token, the page with its joins
        response = api.get(URL)
    assert len(response.json()["results"]) == rows
