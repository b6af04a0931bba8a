"""Each requirement-row save tells the page what to focus and what to announce."""

import json

import pytest

from joborders.models import Requirement
from tests.factories import JobOrderFactory, RequirementFactory
from tests.joborders.test_views_rows import HTMX, add_url, row_url

K = Requirement.Kind


def said(response) -> dict:
    return json.loads(response["HX-Trigger-After-Settle"])["dr:done"]


@pytest.fixture
def rows(owner):
    job = JobOrderFactory(owner=owner)
    return [RequirementFactory(job_order=job, kind=K.RESULT) for _ in range(3)]


def test_a_saved_or_moved_row_keeps_the_focus(client, owner, rows):
    client.force_login(owner)
    saved = client.post(row_url(rows[1]), {"description": "Under an hour"}, headers=HTMX)
    assert said(saved) == {"focus": f"#req-{rows[1].pk}", "say": "Result 2 saved"}
    moved = client.post(row_url(rows[0], "move", "down"), headers=HTMX)
    assert said(moved) == {"focus": f"#req-{rows[0].pk}", "say": "Moved down"}


def test_a_removal_focuses_the_next_row_then_the_heading(client, owner, rows):
    client.force_login(owner)
    first, second, third = rows
    assert said(client.post(row_url(second, "delete"), headers=HTMX))["focus"] == f"#req-{third.pk}"
    assert said(client.post(row_url(third, "delete"), headers=HTMX))["focus"] == f"#req-{first.pk}"
    last = client.post(row_url(first, "delete"), headers=HTMX)
    assert said(last) == {"focus": "#heading-result", "say": "Result removed"}


def test_an_added_row_leaves_the_cursor_in_the_add_box(client, owner, rows):
    client.force_login(owner)
    job = rows[0].job_order
    response = client.post(add_url(job, K.RESULT), {"description": "Zero outages"}, headers=HTMX)
    assert said(response) == {"focus": "#new-result-description", "say": "Result added"}


def test_a_refused_row_names_no_focus(client, owner, rows):
    client.force_login(owner)
    response = client.post(row_url(rows[0]), {"description": " "}, headers=HTMX)
    assert response.status_code == 422
    assert "HX-Trigger-After-Settle" not in response
