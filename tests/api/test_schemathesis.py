"""schemathesis generates requests from /api/v1/openapi.json, valid and not, for every operation,
and checks that none is a server error and every answer matches the schema (status, media type,
body). Deterministic and small, so it runs in the suite: a fixed seed, few examples each."""

import re

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, reject, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.services import apitoken_create
from api.v1 import api
from callplans.services import callplan_create, objection_add
from config.wsgi import application
from tests.factories import CandidateFactory, ClientFactory, JobOrderFactory, SubmittalFactory

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
# Requests go to the WSGI app in this process (the probes of its auth checks too), never a port.
schema.app = application


@pytest.fixture
def token(owner):
    job = JobOrderFactory(owner=owner, client=ClientFactory(owner=owner))
    plan = callplan_create(
        submittal=SubmittalFactory(job_order=job, candidate=CandidateFactory(owner=owner)),
        author=owner,
    )
    objection_add(plan=plan, category="other", text="Rate", rebuttal="Value")
    # The WSGI app runs in this test's transaction: keep Django from closing the connection at
    # the end of each request, as its test client does.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield apitoken_create(user=owner, name="schemathesis", scope="write").secret
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _unreadable(case) -> bool:
    """An address the guard refuses: a control character, or (in the path, where no DialReady
    URL has any) a byte beyond ASCII or a percent-encoded one."""
    path = [str(v) for v in (case.path_parameters or {}).values()]
    query = [str(v) for value in (case.query or {}).values() for v in _listed(value)]
    return any(CONTROL.search(v) for v in path + query) or not all(
        v.isascii() and "%" not in v for v in path
    )


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


@schema.parametrize()
@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_every_generated_request_as_its_schema_says(case, token):
    if _unreadable(case):
        # core/input_guard.py answers an address with control characters at the door, for
        # every URL alike, with its HTML 400 page (tests/test_bad_input.py holds it to that).
        reject()
    case.call_and_validate(
        base_url="http://testserver",
        headers={"Authorization": f"Bearer {token}"},
        # A schema-valid body may still be refused by a service (another team's client id, a
        # candidate submitted twice, a call dated next year): a 422 problem, not a schema lie.
        excluded_checks=[positive_data_acceptance],
    )
