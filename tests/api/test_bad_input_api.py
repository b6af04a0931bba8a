"""What an ATS integration gets wrong: each is a 4xx problem document, never a 500, and
nothing is written."""

import json

import pytest
from django.test import Client

from api.services import apitoken_create
from joborders.models import JobOrder
from tests.api.conftest import fields_of, problem_of
from tests.factories import CandidateFactory, ClientFactory, JobOrderFactory

URL = "/api/v1/joborders"


@pytest.fixture
def ats(owner):
    secret = apitoken_create(user=owner, name="ATS", scope="write").secret
    return Client(headers={"Authorization": f"Bearer {secret}"}, raise_request_exception=False)


def post(ats, url, raw: str | bytes, content_type="application/json"):
    return ats.post(url, raw, content_type=content_type)


@pytest.mark.parametrize(
    "raw", ['{"title": ', "not json", b"\xff\xfe{}", "[1, 2]", '"a string"', "", "null"]
)
def test_malformed_json_is_a_4xx_problem(ats, raw):
    response = post(ats, URL, raw)
    assert response.status_code in (400, 422), response.content
    problem_of(response, response.status_code)
    assert not JobOrder.objects.exists()


def test_wrong_types_are_named_field_by_field(owner, ats):
    client = ClientFactory(owner=owner)
    body = json.dumps(
        {
            "title": 5,
            "client_id": client.pk,
            "openings": "many",
            "start_date": "2024-02-30",
            "bill_rate": "1e400",
        }
    )
    problem = problem_of(post(ats, URL, body), 422)
    assert set(fields_of(problem)) == {"title", "openings", "start_date", "bill_rate"}


def test_unknown_fields_are_refused(owner, ats):
    client = ClientFactory(owner=owner)
    body = f'{{"title": "SRE", "client_id": {client.pk}, "salary": 1, "team_id": 2}}'
    problem = problem_of(post(ats, URL, body), 422)
    assert set(fields_of(problem)) == {"salary", "team_id"}


def test_a_nul_in_any_text_is_a_field_error(owner, ats):
    client = ClientFactory(owner=owner)
    body = json.dumps(
        {
            "title": "S\x00RE",
            "client_id": client.pk,
            "requirements": [{"kind": "challenge", "description": "a\x00b"}],
        }
    )
    assert "\\u0000" in body
    problem = problem_of(post(ats, URL, body), 422)
    assert fields_of(problem) == {
        "title": "Null characters are not allowed.",
        "requirements.0.description": "Null characters are not allowed.",
    }


def test_overlong_and_huge_values_are_refused(owner, ats):
    client = ClientFactory(owner=owner)
    body = {"title": "x" * 5000, "client_id": client.pk, "openings": 10**30}
    problem = problem_of(post(ats, URL, json.dumps(body)), 422)
    assert set(fields_of(problem)) == {"title", "openings"}
    problem_of(ats.get(f"{URL}/{2**63}"), 422)
    problem_of(ats.get(f"{URL}/{'9' * 400}"), 422)
    problem_of(ats.get(f"{URL}/abc"), 422)


def test_a_huge_payload_is_a_413(owner, ats, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = '{"title": "%s"}' % ("x" * 20_000)
    problem_of(post(ats, URL, body), 413)


def test_ids_of_other_teams_are_4xx_without_revealing_them(owner, outsider, ats):
    theirs = JobOrderFactory(owner=outsider)
    problem_of(ats.get(f"{URL}/{theirs.pk}"), 404)
    body = f'{{"job_order_id": {theirs.pk}, "candidate_id": {CandidateFactory().pk}}}'
    problem = problem_of(post(ats, "/api/v1/submittals", body), 422)
    missing = f'{{"job_order_id": 999999, "candidate_id": {CandidateFactory().pk}}}'
    assert problem_of(post(ats, "/api/v1/submittals", missing), 422) == problem


def test_a_form_post_instead_of_json_is_a_4xx(ats):
    response = ats.post(URL, {"title": "SRE"})
    assert 400 <= response.status_code < 500


def test_a_method_the_address_does_not_take_is_a_405_problem(ats):
    response = ats.put(URL, "{}", content_type="application/json")
    problem = problem_of(response, 405)
    assert set(response["Allow"].split(", ")) == {"GET", "POST"}
    assert "GET" in problem["detail"]
