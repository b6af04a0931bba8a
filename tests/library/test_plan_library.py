"""The library seen from a plan: suggestions offer active entries with their record, an added
suggestion remembers its entry, and a salesperson's "Save rebuttal to team library" proposes."""

import re

import pytest
from django.urls import reverse

from callplans.models import LibraryStatus, Objection, ObjectionTemplate
from callplans.services import libraryentry_retire, objection_add, objectiontemplate_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def ramp_up(team):
    return objectiontemplate_create(
        team=team, category="skill_gap", text="No Kubernetes", rebuttal="Offer a ramp-up plan"
    )


def detail(plan):
    return reverse("callplans:detail", args=[plan.pk])


def test_a_suggestion_offers_the_library_rebuttal_with_its_record(
    client, owner, plan, kubernetes_gap, ramp_up
):
    client.force_login(owner)
    body = client.get(detail(plan)).content.decode()
    # The draft from the evidence comes first; the library's rebuttal is the alternative.
    assert '<p class="mb-1">Offer a ramp-up plan</p>' in body
    assert f'name="new-template" value="{ramp_up.pk}"' in body
    assert "Its record: not used in a plan yet" in body


def test_adding_the_suggestion_links_the_objection_to_its_entry(
    client, owner, plan, kubernetes_gap, ramp_up
):
    client.force_login(owner)
    body = client.get(detail(plan)).content.decode()
    card = body[body.index('data-testid="suggested-objection"') :]
    form = card[: card.index('name="new-source" value="library"')]
    form = form[form.rindex("<form") :] + card[card.index('name="new-source" value="library"') :]
    form = form.split("</form>", 1)[0]
    fields = dict(re.findall(r'<input type="hidden" name="(new-[a-z]+)" value="([^"]*)"', form))
    assert fields["new-rebuttal"] == "Offer a ramp-up plan"
    client.post(reverse("callplans:objection_add", args=[plan.pk]), fields)
    assert Objection.objects.get(plan=plan).template == ramp_up


def test_a_retired_entry_is_no_longer_suggested(client, owner, plan, kubernetes_gap, ramp_up):
    libraryentry_retire(entry=ramp_up)
    client.force_login(owner)
    assert "Offer a ramp-up plan" not in client.get(detail(plan)).content.decode()


def test_a_salespersons_save_to_library_is_a_proposal(client, owner, manager, plan):
    objection = objection_add(plan=plan, category="other", text="Rate", rebuttal="Value")
    url = reverse("callplans:objection_to_library", args=[plan.pk, objection.pk])
    client.force_login(owner)
    response = client.post(url, {"version": plan.version}, follow=True)
    assert "a manager will accept or decline it" in response.content.decode()
    assert ObjectionTemplate.objects.get().status == LibraryStatus.PROPOSED
    client.force_login(manager)
    client.post(url, {"version": plan.version})
    assert ObjectionTemplate.objects.filter(status=LibraryStatus.ACTIVE).count() == 1
