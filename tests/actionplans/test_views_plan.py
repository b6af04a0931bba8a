"""The salesperson's action plan page: steps by htmx and by plain forms, bad input kept, the
shared links, what the client did, and a constant number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionStep, ClientAction, SharedLink
from actionplans.services import sharedlink_create
from tests.factories import (
    ActionStepFactory,
    ClientContactFactory,
    SubmittalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def submittal(owner):
    return SubmittalFactory(submitted_by=owner, job_order__owner=owner)


def page(submittal):
    return reverse("actionplans:page", args=[submittal.pk])


def step_values(**overrides):
    due = (timezone.localdate() + datetime.timedelta(days=4)).isoformat()
    return {
        "title": "Reference check",
        "side": "us",
        "person": "Sam",
        "due_on": due,
        "status": "todo",
    } | overrides


def test_the_template_button_fills_an_empty_plan(client, owner, submittal):
    client.force_login(owner)
    assert "Start from the team's template" in client.get(page(submittal)).text
    response = client.post(reverse("actionplans:start", args=[submittal.pk]), **HTMX)
    assert response.status_code == 200
    assert "Second interview" in response.text and "Background check" in response.text
    assert "dr:done" in response["HX-Trigger-After-Settle"]
    assert ActionStep.objects.filter(submittal=submittal).count() == 6


def test_adding_a_step_without_javascript_redirects_back_to_the_page(client, owner, submittal):
    client.force_login(owner)
    response = client.post(reverse("actionplans:step_add", args=[submittal.pk]), step_values())
    step = ActionStep.objects.get(submittal=submittal)
    assert response.status_code == 302
    assert response.url.endswith(f"#step-{step.pk}")
    assert "Reference check" in client.get(page(submittal)).text


def test_a_bad_due_date_is_refused_with_a_message_and_the_typed_step_kept(client, owner, submittal):
    client.force_login(owner)
    url = reverse("actionplans:step_add", args=[submittal.pk])
    response = client.post(url, step_values(title="Offer call", due_on="15/13/2026"), **HTMX)
    assert response.status_code == 422
    assert "Enter the due date as a date" in response.text
    assert 'value="Offer call"' in response.text
    response = client.post(url, step_values(title="Offer call", due_on="2099-01-01"))
    assert response.status_code == 422
    assert "more than two years ahead" in response.text and 'value="Offer call"' in response.text
    assert not ActionStep.objects.exists()


def test_editing_a_step_opens_its_form_in_place_and_saves_the_status(client, owner, submittal):
    step = ActionStepFactory(submittal=submittal, title="Offer")
    client.force_login(owner)
    url = reverse("actionplans:step_edit", args=[submittal.pk, step.pk])
    form = client.get(url, **HTMX)
    assert form.status_code == 200 and f'action="{url}"' in form.text
    assert "<html" not in form.text
    assert client.get(url).status_code == 200  # without JavaScript: the page with the row open
    response = client.post(url, step_values(title="Offer", status="blocked"), **HTMX)
    assert response.status_code == 200
    step.refresh_from_db()
    assert step.status == "blocked" and "Blocked" in response.text


def test_a_refused_edit_keeps_what_was_typed(client, owner, submittal):
    step = ActionStepFactory(submittal=submittal, title="Offer")
    client.force_login(owner)
    url = reverse("actionplans:step_edit", args=[submittal.pk, step.pk])
    response = client.post(url, step_values(title="Offer (revised)", due_on=""), **HTMX)
    assert response.status_code == 422
    assert "Give the step a due date." in response.text
    assert 'value="Offer (revised)"' in response.text
    step.refresh_from_db()
    assert step.title == "Offer"


def test_steps_move_and_are_removed(client, owner, submittal):
    first = ActionStepFactory(submittal=submittal, title="First", position=0)
    second = ActionStepFactory(submittal=submittal, title="Second", position=1)
    client.force_login(owner)
    client.post(reverse("actionplans:step_move", args=[submittal.pk, second.pk, "up"]), **HTMX)
    assert list(ActionStep.objects.order_by("position").values_list("title", flat=True)) == [
        "Second",
        "First",
    ]
    response = client.post(
        reverse("actionplans:step_delete", args=[submittal.pk, second.pk]), **HTMX
    )
    assert f"#step-{first.pk}" in response["HX-Trigger-After-Settle"]
    assert list(ActionStep.objects.values_list("title", flat=True)) == ["First"]


def test_another_submittals_step_is_a_404(client, owner, submittal):
    elsewhere = ActionStepFactory(submittal__submitted_by=owner)
    client.force_login(owner)
    url = reverse("actionplans:step_edit", args=[submittal.pk, elsewhere.pk])
    assert client.get(url).status_code == 404


def test_sharing_shows_the_link_once_with_its_expiry(client, owner, submittal):
    contact = ClientContactFactory(client=submittal.job_order.client, name="Priya Shah")
    client.force_login(owner)
    response = client.post(
        reverse("actionplans:share", args=[submittal.pk]), {"contact": contact.pk}
    )
    assert response.status_code == 201
    link = SharedLink.objects.get()
    url = response.context["new_url"]
    assert f"/shared/action-plans/{submittal.pk}/map_" in url
    assert url.split("/")[-2] not in link.key_hash and len(url.split("/")[-2]) > 40
    assert "shown only this once" in response.text
    again = client.get(page(submittal)).text
    assert url not in again and link.prefix in again
    assert (link.expires_at - timezone.now()).days in (29, 30)


def test_a_contact_of_another_client_cannot_be_shared_with(client, owner, submittal):
    stranger = ClientContactFactory()
    client.force_login(owner)
    response = client.post(
        reverse("actionplans:share", args=[submittal.pk]), {"contact": stranger.pk}
    )
    assert response.status_code == 422
    assert not SharedLink.objects.exists()


def test_revoking_a_link_ends_it(client, owner, submittal):
    contact = ClientContactFactory(client=submittal.job_order.client)
    link = sharedlink_create(submittal=submittal, contact=contact, created_by=owner).link
    client.force_login(owner)
    response = client.post(reverse("actionplans:link_revoke", args=[submittal.pk, link.pk]))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_the_client_actions_show_with_their_address(client, owner, submittal):
    contact = ClientContactFactory(client=submittal.job_order.client, name="Priya Shah")
    link = sharedlink_create(submittal=submittal, contact=contact, created_by=owner).link
    ClientAction.objects.create(
        link=link,
        submittal=submittal,
        kind="comment",
        comment="Offer by Friday",
        ip_address="203.0.113.9",
    )
    client.force_login(owner)
    text = client.get(page(submittal)).text
    assert "Priya Shah commented: “Offer by Friday”" in text and "203.0.113.9" in text


def test_a_teammate_reads_the_plan_without_the_editing_buttons(client, owner, submittal):
    ActionStepFactory(submittal=submittal, title="Offer")
    client.force_login(UserFactory(team=owner.team))
    response = client.get(page(submittal))
    assert response.status_code == 200 and "Offer" in response.text
    assert "Add the step" not in response.text


def test_the_submittal_page_links_to_the_plan_with_its_open_steps(client, owner, submittal):
    ActionStepFactory(submittal=submittal)
    ActionStepFactory(submittal=submittal, status="done")
    client.force_login(owner)
    response = client.get(reverse("submittals:detail", args=[submittal.pk]))
    assert page(submittal) in response.text
    assert '<span data-testid="open-steps">1</span> open step<' in response.text


@pytest.mark.parametrize("count", [2, 8])
def test_the_page_runs_the_same_queries_whatever_the_plan(
    client, owner, submittal, count, django_assert_num_queries
):
    for n in range(count):
        ActionStepFactory(submittal=submittal, side="client" if n % 2 else "us")
        contact = ClientContactFactory(client=submittal.job_order.client)
        link = sharedlink_create(submittal=submittal, contact=contact, created_by=owner).link
        ClientAction.objects.create(link=link, submittal=submittal, kind="opened")
    client.force_login(owner)
    # session, user, submittal, steps, live links (with contact), client actions (with link,
    # contact, step), the client's contacts + the navigation's unread count
    with django_assert_num_queries(8):
        assert client.get(page(submittal)).status_code == 200
