"""A reference call started from a job order, a plan or the dashboard: pick whose reference to
call (or add one), then the call page opens with the job's details."""

import pytest
from django.urls import reverse

from tests.factories import (
    CandidateFactory,
    JobOrderFactory,
    ReferenceFactory,
    SubmittalFactory,
    UserFactory,
)

QUERIES = 6  # + the unread count in the navigation


def start_url(job, candidate=None) -> str:
    url = f"{reverse('references:call_new')}?joborder={job.pk}"
    return url + (f"&candidate={candidate.pk}" if candidate else "")


def test_from_a_job_it_offers_the_references_of_every_submitted_candidate(
    client, owner, job, candidate, reference
):
    other = CandidateFactory(first_name="Sam", last_name="Lee")
    SubmittalFactory(job_order=job, candidate=candidate)
    SubmittalFactory(job_order=job, candidate=other)
    ReferenceFactory(candidate=other, name="Jo Park")
    ReferenceFactory(name="Not submitted here")
    client.force_login(owner)
    response = client.get(start_url(job))
    body = response.content.decode()
    assert response.status_code == 200
    assert "References for Alex Rivera" in body and "References for Sam Lee" in body
    assert "Call Pat Kim" in body and "Call Jo Park" in body
    assert "Not submitted here" not in body


def test_from_a_plan_it_offers_only_that_candidates_references(
    client, owner, job, candidate, reference
):
    other = CandidateFactory(first_name="Sam", last_name="Lee")
    SubmittalFactory(job_order=job, candidate=candidate)
    SubmittalFactory(job_order=job, candidate=other)
    client.force_login(owner)
    body = client.get(start_url(job, candidate)).content.decode()
    assert "References for Alex Rivera" in body and "Sam Lee" not in body


def test_picking_a_reference_opens_the_call_with_the_jobs_details(
    client, owner, job, candidate, reference
):
    SubmittalFactory(job_order=job, candidate=candidate)
    client.force_login(owner)
    body = client.get(start_url(job)).content.decode()
    call_link = f"?reference={reference.pk}&amp;joborder={job.pk}"
    assert call_link in body
    response = client.get(reverse("references:call_new") + call_link.replace("&amp;", "&"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Platform engineer" in page and "Stabilise a flaky pipeline" in page


def test_adding_a_reference_from_a_job_goes_straight_to_the_call(client, owner, job, candidate):
    SubmittalFactory(job_order=job, candidate=candidate)
    client.force_login(owner)
    body = client.get(start_url(job, candidate)).content.decode()
    add = f"{reverse('references:reference_add')}?candidate={candidate.pk}&amp;joborder={job.pk}"
    assert add in body
    response = client.post(
        add.replace("&amp;", "&"),
        {"name": "Dana Cruz", "relationship": "manager", "email": "dana@example.com"},
    )
    reference = candidate.references.get(name="Dana Cruz")
    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('references:call_new')}?reference={reference.pk}&joborder={job.pk}"
    )


def test_a_job_with_nobody_submitted_says_what_to_do_first(client, owner, job):
    client.force_login(owner)
    body = client.get(start_url(job)).content.decode()
    assert "No candidate is submitted to this job yet." in body


def test_another_teams_job_is_not_found(client, job, other_team):
    client.force_login(UserFactory(team=other_team))
    assert client.get(start_url(job)).status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_the_picker_reads_the_same_number_of_queries_for_few_or_many_candidates(
    client, owner, django_assert_num_queries, size
):
    job = JobOrderFactory(owner=owner)
    for _ in range(size):
        submitted = SubmittalFactory(job_order=job)
        ReferenceFactory(candidate=submitted.candidate)
    client.force_login(owner)
    # session, user with team (navigation), the job, the submittals, their references
    with django_assert_num_queries(QUERIES):
        assert client.get(start_url(job)).status_code == 200
