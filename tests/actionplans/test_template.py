"""The team's action-plan template: the starter until the managers change it, then theirs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.models import TemplateStep
from actionplans.selectors import template_of
from actionplans.services import (
    actionplan_start_from_template,
    templatestep_add,
    templatestep_move,
    templatesteps_customize,
)
from tests.factories import SubmittalFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("actionplans:template")


def test_a_team_uses_the_starter_template_until_its_managers_change_it(team):
    assert [s.title for s in template_of(team.pk)][:3] == [
        "Feedback call",
        "Second interview",
        "Offer",
    ]
    templatesteps_customize(team=team)
    templatestep_add(team=team, title="Laptop shipped", side="us", offset_days=33)
    assert [s.title for s in template_of(team.pk)][-1] == "Laptop shipped"
    assert templatesteps_customize(team=team) == 0  # its own steps are kept


def test_a_plan_starts_from_the_teams_own_template(owner, team):
    TemplateStep.objects.create(team=team, title="Panel debrief", side="client", offset_days=2)
    submittal = SubmittalFactory(submitted_by=owner, job_order__owner=owner)
    [step] = actionplan_start_from_template(submittal=submittal)
    assert step.title == "Panel debrief"
    assert step.due_on == timezone.localdate() + datetime.timedelta(days=2)


def test_template_steps_move(team):
    templatesteps_customize(team=team)
    offer = TemplateStep.objects.get(team=team, title="Offer")
    assert templatestep_move(row=offer, direction="up")
    assert [s.title for s in template_of(team.pk)][:3] == [
        "Feedback call",
        "Offer",
        "Second interview",
    ]


def test_a_manager_adds_a_step_and_a_salesperson_may_only_read(client, manager, owner):
    client.force_login(manager)
    response = client.post(
        reverse("actionplans:template_add"),
        {"title": "Equipment ordered", "side": "us", "offset_days": "30"},
    )
    assert response.status_code == 302
    assert TemplateStep.objects.filter(team=manager.team).count() == 7
    client.force_login(owner)
    page = client.get(PAGE)
    assert "Equipment ordered" in page.text and "Add the step" not in page.text
    row = TemplateStep.objects.get(title="Equipment ordered")
    refused = client.post(reverse("actionplans:template_delete", args=[row.pk]))
    assert refused.status_code == 403


def test_a_bad_number_of_days_is_refused_and_the_typed_step_kept(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("actionplans:template_add"),
        {"title": "Equipment ordered", "side": "us", "offset_days": "soon"},
    )
    assert response.status_code == 422
    assert "Enter a whole number of days" in response.text
    assert 'value="Equipment ordered"' in response.text
    response = client.post(
        reverse("actionplans:template_add"),
        {"title": "Equipment ordered", "side": "us", "offset_days": "900"},
    )
    assert response.status_code == 422 and "365" in response.text


@pytest.mark.parametrize("extra", [0, 10])
def test_the_template_page_runs_the_same_queries_whatever_its_length(
    client, manager, extra, django_assert_num_queries
):
    templatesteps_customize(team=manager.team)
    for n in range(extra):
        templatestep_add(team=manager.team, title=f"Extra {n}", side="us", offset_days=n)
    client.force_login(manager)
    # session, user (with team), the template's rows + the navigation's unread count
    with django_assert_num_queries(4):
        assert client.get(PAGE).status_code == 200
