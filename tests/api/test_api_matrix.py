"""Every API operation × every caller, each sent a valid request, against one table: no token or
a revoked one → 401, a read-only token writing → 403, a teammate changing the owner's record →
403, another team's record → 404. Each request runs in a savepoint that is rolled back."""

import datetime
import json

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from api.services import apitoken_create, apitoken_revoke
from api.v1 import api
from callplans.services import callplan_create, objection_add
from joborders.services import interview_schedule
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    ClientFactory,
    JobOrderFactory,
    RequirementFactory,
    SubmittalFactory,
    matrix_people,
)

CALLERS = (
    "anonymous",
    "revoked",
    "owner_read",
    "owner",
    "teammate",
    "manager",
    "outsider",
    "outside_manager",
    "superuser",
)
READ_TEAM = ("401", "401", "ok", "ok", "ok", "ok", "404", "404", "ok")
READ_ANY = ("401", "401", "ok", "ok", "ok", "ok", "ok", "ok", "ok")
WRITE_TEAM = ("401", "401", "403", "ok", "403", "ok", "404", "404", "ok")
WRITE_FIRM = ("401", "401", "403", "ok", "403", "ok", "403", "403", "ok")
# Creating in one's own team: a superuser has no team to own a job order (the service says so).
CREATE_IN_TEAM = ("401", "401", "403", "ok", "ok", "ok", "ok", "ok", "422")
CREATE_ANY = ("401", "401", "403", "ok", "ok", "ok", "ok", "ok", "ok")
# A submittal to the owner's job order: its owner and managers (others of the team: 403;
# another team's job order is unknown to them: 422 names the field).
SUBMIT = ("401", "401", "403", "ok", "403", "ok", "422", "422", "ok")

TABLE = {
    ("GET", "/api/v1/joborders"): (READ_ANY, None),
    ("POST", "/api/v1/joborders"): (
        CREATE_IN_TEAM,
        lambda w, who: {"title": "SRE", "new_client_name": f"New client of {who}"},
    ),
    ("GET", "/api/v1/joborders/{job}"): (READ_TEAM, None),
    ("PATCH", "/api/v1/joborders/{job}"): (
        WRITE_TEAM,
        lambda w, who: {"version": 1, "openings": 2},
    ),
    ("POST", "/api/v1/joborders/{job}/requirements"): (
        WRITE_TEAM,
        lambda w, who: {"kind": "result", "description": "Release weekly"},
    ),
    ("PATCH", "/api/v1/joborders/{job}/requirements/{requirement}"): (
        WRITE_TEAM,
        lambda w, who: {"description": "Release daily"},
    ),
    ("DELETE", "/api/v1/joborders/{job}/requirements/{requirement}"): (WRITE_TEAM, None),
    ("GET", "/api/v1/candidates"): (READ_ANY, None),
    ("POST", "/api/v1/candidates"): (
        CREATE_ANY,
        lambda w, who: {"first_name": "Ada", "last_name": "Lovegood"},
    ),
    ("GET", "/api/v1/candidates/{candidate}"): (READ_ANY, None),
    ("PATCH", "/api/v1/candidates/{candidate}"): (
        WRITE_FIRM,
        lambda w, who: {"version": 1, "headline": "SRE"},
    ),
    ("POST", "/api/v1/candidates/{candidate}/skills"): (
        WRITE_FIRM,
        lambda w, who: {"skill": "Go", "years": 2},
    ),
    ("POST", "/api/v1/candidates/{candidate}/engagements"): (
        WRITE_FIRM,
        lambda w, who: {"employer": "Acme", "start_date": "2020-01-01"},
    ),
    ("GET", "/api/v1/submittals"): (READ_ANY, None),
    ("POST", "/api/v1/submittals"): (
        SUBMIT,
        lambda w, who: {"job_order_id": w["job"], "candidate_id": w["fresh_candidate"]},
    ),
    ("GET", "/api/v1/submittals/{submittal}"): (READ_TEAM, None),
    ("GET", "/api/v1/submittals/{submittal}/interviews"): (READ_TEAM, None),
    ("POST", "/api/v1/submittals/{submittal}/interviews"): (
        WRITE_TEAM,
        lambda w, who: {
            "starts_at": (timezone.now() + datetime.timedelta(days=3)).isoformat(),
            "kind": "phone",
            "interviewer_ids": [w["contact"]],
        },
    ),
    ("PATCH", "/api/v1/submittals/{submittal}/interviews/1"): (
        WRITE_TEAM,
        lambda w, who: {"location": "HQ, floor 3"},
    ),
    ("PATCH", "/api/v1/submittals/{submittal}"): (
        WRITE_TEAM,
        lambda w, who: {"status": "interviewed"},
    ),
    ("GET", "/api/v1/callplans"): (READ_ANY, None),
    ("GET", "/api/v1/callplans/{plan}"): (READ_TEAM, None),
    ("GET", "/api/v1/callplans/{plan}/pdf"): (READ_TEAM, None),
    ("POST", "/api/v1/callplans/{plan}/feedback-calls"): (
        WRITE_TEAM,
        lambda w, who: {
            "called_at": timezone.now().isoformat(),
            "outcome": "next_round",
            "next_round": {
                "starts_at": (timezone.now() + datetime.timedelta(days=2)).isoformat(),
                "kind": "on_site",
            },
            "raised": [{"objection_id": w["objection"], "handled": "partly"}],
        },
    ),
}


@pytest.fixture
def world(db, team, other_team):
    people = matrix_people(team, other_team)
    owner = people["owner"]
    secrets = {
        who: apitoken_create(user=u, name=who, scope="write").secret for who, u in people.items()
    }
    secrets["owner_read"] = apitoken_create(user=owner, name="read", scope="read").secret
    revoked = apitoken_create(user=owner, name="old", scope="write")
    apitoken_revoke(token=revoked.token)
    secrets["revoked"] = revoked.secret
    job = JobOrderFactory(owner=owner, client=ClientFactory(owner=owner))
    submittal = SubmittalFactory(job_order=job, candidate=CandidateFactory(owner=owner))
    plan = callplan_create(submittal=submittal, author=owner)
    contact = ClientContactFactory(client=job.client)
    interview_schedule(
        submittal=submittal,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        scheduled_by=owner,
    )
    ids = {
        "contact": contact.pk,
        "job": job.pk,
        "requirement": RequirementFactory(job_order=job).pk,
        "candidate": submittal.candidate_id,
        "fresh_candidate": CandidateFactory().pk,
        "submittal": submittal.pk,
        "plan": plan.pk,
        "objection": objection_add(plan=plan, category="other", text="Rate", rebuttal="Value").pk,
    }
    return secrets, ids


def outcome(response) -> str:
    if response.status_code >= 500:
        return f"ERROR {response.status_code}"
    if response.status_code in (401, 403, 404, 405, 422):
        return str(response.status_code)
    return "ok"


def test_the_table_names_every_operation_of_the_schema():
    schema = api.get_openapi_schema()
    documented = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops}
    declared = {
        (
            method,
            path.replace("{job}", "{joborder_pk}")
            .replace("{requirement}", "{requirement_pk}")
            .replace("{candidate}", "{candidate_pk}")
            .replace("{submittal}", "{submittal_pk}")
            .replace("{plan}", "{plan_pk}")
            .replace("/interviews/1", "/interviews/{round_number}"),
        )
        for method, path in TABLE
    }
    assert declared == documented


@pytest.mark.parametrize(("method", "path"), list(TABLE), ids=lambda v: str(v))
def test_each_caller_gets_the_declared_answer(world, method, path):
    secrets, ids = world
    expected, body_for = TABLE[(method, path)]
    url = path.format(**ids)
    got = []
    for who in CALLERS:
        headers = {"Authorization": f"Bearer {secrets[who]}"} if who != "anonymous" else {}
        client = Client(headers=headers, raise_request_exception=False)
        body = body_for(ids, who) if body_for else None
        with transaction.atomic():
            if body is None:
                response = getattr(client, method.lower())(url)
            else:
                response = getattr(client, method.lower())(
                    url, json.dumps(body), content_type="application/json"
                )
            transaction.set_rollback(True)
        got.append(outcome(response))
    assert tuple(got) == expected, f"{method} {url}\n callers: {CALLERS}"
