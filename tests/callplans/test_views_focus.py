"""Each plan save tells the page what to focus and what to announce (core.htmx.done)."""

import json

from django.urls import reverse

from callplans.services import objection_add

HTMX = {"HTTP_HX_REQUEST": "true"}


def said(response) -> dict:
    return json.loads(response["HX-Trigger-After-Settle"])["dr:done"]


def _objections(plan):
    return [
        objection_add(plan=plan, category="other", text=text, rebuttal="r")
        for text in ("Rate too high", "No banking", "Notice too long")
    ]


def _post(client, plan, objection, action):
    plan.refresh_from_db()
    url = reverse(f"callplans:objection_{action}", args=[plan.pk, objection.pk])
    return client.post(url, {"version": plan.version}, **HTMX)


def test_moving_an_objection_focuses_the_moved_row(client, owner, plan):
    first, _, _ = _objections(plan)
    client.force_login(owner)
    response = _post(client, plan, first, "down")
    assert response.status_code == 200
    assert said(response) == {"focus": f"#objection-{first.pk}", "say": "Moved down"}


def test_removing_an_objection_focuses_the_next_one_then_the_heading(client, owner, plan):
    first, second, third = _objections(plan)
    client.force_login(owner)
    assert said(_post(client, plan, second, "remove"))["focus"] == f"#objection-{third.pk}"
    assert said(_post(client, plan, third, "remove"))["focus"] == f"#objection-{first.pk}"
    assert said(_post(client, plan, first, "remove")) == {
        "focus": "#objections-h",
        "say": "Objection removed",
    }


def test_a_stale_move_names_no_focus(client, owner, plan):
    first, _, _ = _objections(plan)
    client.force_login(owner)
    url = reverse("callplans:objection_down", args=[plan.pk, first.pk])
    response = client.post(url, {"version": 1}, **HTMX)
    assert response.status_code == 409
    assert "HX-Trigger-After-Settle" not in response


def test_without_htmx_a_save_redirects_as_before(client, owner, plan):
    first, _, _ = _objections(plan)
    client.force_login(owner)
    plan.refresh_from_db()
    url = reverse("callplans:objection_down", args=[plan.pk, first.pk])
    response = client.post(url, {"version": plan.version})
    assert response.status_code == 302
