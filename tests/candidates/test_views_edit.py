import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.models import Candidate
from tests.candidates.conftest import REFUSED, WRITERS
from tests.candidates.test_views_create import FIELDS, NASTY
from tests.factories import CandidateSkillFactory, EngagementFactory


def _url(candidate):
    return reverse("candidates:edit", args=[candidate.pk])


def _form(candidate, **changes):
    data = {
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "headline": candidate.headline,
        "email": candidate.email,
        "phone": candidate.phone,
        "location": candidate.location,
        "status": candidate.status,
        "summary": candidate.summary,
        "version": candidate.version,
    }
    return {**data, **changes}


@pytest.mark.parametrize("role", WRITERS)
def test_the_owner_managers_and_superusers_edit_the_candidate(client, as_user, candidate, role):
    as_user(role)
    form = client.get(_url(candidate))
    assert form.status_code == 200
    assert 'name="version" value="1"' in form.text
    response = client.post(_url(candidate), _form(candidate, headline="Staff SRE"))
    assert response.status_code == 302
    assert response.url == reverse("candidates:detail", args=[candidate.pk])
    candidate.refresh_from_db()
    assert (candidate.headline, candidate.version) == ("Staff SRE", 2)


@pytest.mark.parametrize("role", REFUSED)
def test_others_get_a_403_and_change_nothing(client, as_user, candidate, role):
    as_user(role)
    assert client.get(_url(candidate)).status_code == 403
    response = client.post(_url(candidate), _form(candidate, headline="Hacked"))
    assert response.status_code == 403
    candidate.refresh_from_db()
    assert candidate.headline != "Hacked"


def test_a_stale_form_is_a_409_that_keeps_my_input_and_overwrites_nothing(
    client, owner, manager, candidate
):
    opened = _form(candidate)
    client.force_login(manager)
    client.post(_url(candidate), {**opened, "headline": "Manager's headline"})
    client.force_login(owner)
    response = client.post(_url(candidate), {**opened, "headline": "My headline"})
    assert response.status_code == 409
    assert "Someone else changed this candidate since you opened it" in response.text
    assert 'value="My headline"' in response.text
    conflicts = response.context["conflicts"]
    assert conflicts == [("Headline", "Manager's headline", "My headline")]
    assert 'name="version" value="2"' in response.text  # saving again is a deliberate choice
    candidate.refresh_from_db()
    assert candidate.headline == "Manager's headline"


def test_saving_again_after_the_conflict_keeps_my_version(client, owner, manager, candidate):
    opened = _form(candidate)
    client.force_login(manager)
    client.post(_url(candidate), {**opened, "headline": "Manager's headline"})
    client.force_login(owner)
    client.post(_url(candidate), {**opened, "headline": "My headline"})
    response = client.post(_url(candidate), {**opened, "headline": "My headline", "version": 2})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert (candidate.headline, candidate.version) == ("My headline", 3)


def test_a_missing_version_is_refused_with_a_visible_message(client, owner, candidate):
    client.force_login(owner)
    data = _form(candidate, headline="New")
    del data["version"]
    response = client.post(_url(candidate), data)
    assert response.status_code == 422
    assert "lost track of the version you opened" in response.text
    candidate.refresh_from_db()
    assert candidate.version == 1


def test_bad_input_shows_the_message_next_to_the_field_and_keeps_the_rest(client, owner, candidate):
    client.force_login(owner)
    response = client.post(_url(candidate), _form(candidate, first_name="", location="Porto"))
    assert response.status_code == 422
    assert "This field is required." in response.text
    assert 'value="Porto"' in response.text


def test_an_unknown_candidate_is_a_404(client, owner):
    client.force_login(owner)
    assert client.get(reverse("candidates:edit", args=[999_999])).status_code == 404


@pytest.mark.parametrize("n", [2, 20])
def test_the_edit_page_runs_a_fixed_number_of_queries(
    client, owner, candidate, n, django_assert_num_queries
):
    for _ in range(n):
        CandidateSkillFactory(candidate=candidate)
        EngagementFactory(candidate=candidate)
    client.force_login(owner)
    # session, user with team, candidate + owner
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(4):
        assert client.get(_url(candidate)).status_code == 200


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.dictionaries(st.sampled_from(FIELDS), NASTY))
def test_any_edit_input_is_saved_or_refused_never_a_500(client, owner, candidate, data):
    client.force_login(owner)
    candidate.refresh_from_db()
    response = client.post(_url(candidate), {**_form(candidate), **data})
    assert response.status_code in (302, 409, 422)
    if response.status_code != 302:
        assert "invalid-feedback" in response.text or "alert" in response.text
        assert Candidate.objects.get(pk=candidate.pk).version == candidate.version


def test_a_refusal_from_the_service_shows_next_to_its_field(client, owner, candidate, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"phone": ["This number is on the do-not-call list."]})

    monkeypatch.setattr("candidates.views.candidate_update", refuse)
    client.force_login(owner)
    response = client.post(_url(candidate), _form(candidate))
    assert response.status_code == 422
    assert 'id="id_phone_error"' in response.text
    assert "This number is on the do-not-call list." in response.text


def test_a_stale_form_with_the_same_values_is_still_a_409(client, owner, manager, candidate):
    opened = _form(candidate)
    client.force_login(manager)
    client.post(_url(candidate), opened)  # saved unchanged: the version still moves on
    client.force_login(owner)
    response = client.post(_url(candidate), opened)
    assert response.status_code == 409
    assert response.context["conflicts"] == []
    assert "Someone else changed this candidate" in response.text
