import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.models import Engagement, Skill
from candidates.services import skill_create
from tests.candidates.conftest import HTMX, REFUSED, WRITERS
from tests.candidates.test_views_create import NASTY
from tests.factories import (
    CandidateFactory,
    EngagementFactory,
    PlanEvidenceFactory,
    ReferenceFactory,
    SkillFactory,
)

VALID = {
    "employer": "First Harbor Bank",
    "project_name": "Payments platform",
    "role": "Lead DevOps engineer",
    "start_date": "2021-02-01",
    "end_date": "",
    "team_size": "8",
    "summary": "Move payments to Kubernetes.",
    "challenges_solved": "Releases failed one time in three",
    "deliverables": "Terraform modules; CI/CD pipelines",
    "results": "Release time down from 2 days to 20 minutes",
    "skills_used": "k8s, Terraform",
}


def _add_url(candidate):
    return reverse("candidates:engagement_add", args=[candidate.pk])


def _url(engagement, action=""):
    name = {"": "engagement_detail", "edit": "engagement_edit", "delete": "engagement_delete"}
    return reverse(f"candidates:{name[action]}", args=[engagement.candidate_id, engagement.pk])


@pytest.fixture
def engagement(candidate):
    return EngagementFactory(candidate=candidate, employer="Acme", role="SRE")


@pytest.fixture
def kubernetes(db):
    return skill_create(name="Kubernetes", aliases="k8s")


# ---- Add ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", WRITERS)
def test_writers_add_an_engagement_with_skills_typed_by_alias(
    client, as_user, candidate, kubernetes, role
):
    as_user(role)
    response = client.post(_add_url(candidate), VALID, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="engagements"')
    assert "Lead DevOps engineer at First Harbor Bank" in response.text
    engagement = Engagement.objects.get()
    assert engagement.end_date is None
    assert sorted(s.name for s in engagement.skills.all()) == ["Kubernetes", "Terraform"]


def test_an_engagement_ending_before_it_starts_shows_the_message_by_the_end_date(
    client, owner, candidate
):
    client.force_login(owner)
    data = {**VALID, "start_date": "2024-05-01", "end_date": "2024-04-30"}
    response = client.post(_add_url(candidate), data, headers=HTMX)
    assert response.status_code == 422
    assert 'id="id_new_engagement_end_date_error"' in response.text
    assert "The end date cannot be before the start date." in response.text
    assert 'value="2024-04-30"' in response.text
    assert "Release time down from 2 days to 20 minutes" in response.text
    assert not Engagement.objects.exists()
    assert not Skill.objects.filter(name="Terraform").exists()


def test_without_javascript_adding_redirects_to_the_new_card(client, owner, candidate):
    client.force_login(owner)
    response = client.post(_add_url(candidate), VALID)
    engagement = Engagement.objects.get()
    assert response.status_code == 302
    assert response.url.endswith(f"#engagement-{engagement.pk}")


def test_without_javascript_a_refused_engagement_rerenders_the_profile(client, owner, candidate):
    client.force_login(owner)
    response = client.post(_add_url(candidate), {**VALID, "employer": ""})
    assert response.status_code == 422
    assert "<h1" in response.text
    assert "This field is required." in response.text
    assert '<details class="card engagement-add" open>' in response.text


def test_a_future_start_or_a_tiny_team_is_refused(client, owner, candidate):
    client.force_login(owner)
    data = {**VALID, "start_date": "2999-01-01", "team_size": "0"}
    response = client.post(_add_url(candidate), data, headers=HTMX)
    assert response.status_code == 422
    assert "The start date cannot be in the future." in response.text
    assert "A team has at least one person" in response.text


# ---- View, edit in place -----------------------------------------------------------------------


@pytest.mark.parametrize("role", WRITERS)
def test_writers_open_the_card_in_edit_mode(client, as_user, engagement, role):
    as_user(role)
    response = client.get(_url(engagement, "edit"), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article id="engagement-{engagement.pk}"')
    assert "Save engagement" in response.text
    assert 'value="Acme"' in response.text


def test_cancel_brings_the_card_back_in_view_mode(client, teammate, engagement):
    client.force_login(teammate)  # reading is firm-wide
    response = client.get(_url(engagement), headers=HTMX)
    assert response.status_code == 200
    assert "SRE at Acme" in response.text
    assert "Save engagement" not in response.text


def test_without_javascript_the_card_view_is_the_profile(client, owner, engagement):
    client.force_login(owner)
    response = client.get(_url(engagement))
    assert response.status_code == 302
    assert response.url.endswith(f"#engagement-{engagement.pk}")


def test_without_javascript_edit_opens_the_profile_with_the_card_as_a_form(
    client, owner, engagement
):
    client.force_login(owner)
    response = client.get(_url(engagement, "edit"))
    assert response.status_code == 200
    assert "<h1" in response.text
    assert "Save engagement" in response.text


@pytest.mark.parametrize("role", WRITERS)
def test_writers_save_an_engagement_and_get_the_list_back(
    client, as_user, engagement, kubernetes, role
):
    as_user(role)
    response = client.post(_url(engagement, "edit"), VALID, headers=HTMX)
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#engagement-list"
    assert response.headers["HX-Reswap"] == "outerHTML"
    assert "Lead DevOps engineer at First Harbor Bank" in response.text
    engagement.refresh_from_db()
    assert engagement.employer == "First Harbor Bank"
    assert sorted(s.name for s in engagement.skills.all()) == ["Kubernetes", "Terraform"]


def test_a_bad_edit_answers_422_with_the_card_form_and_my_input(client, owner, engagement):
    client.force_login(owner)
    data = {**VALID, "start_date": "2024-05-01", "end_date": "2020-01-01"}
    response = client.post(_url(engagement, "edit"), data, headers=HTMX)
    assert response.status_code == 422
    assert response.text.lstrip().startswith(f'<article id="engagement-{engagement.pk}"')
    assert "The end date cannot be before the start date." in response.text
    assert 'value="First Harbor Bank"' in response.text
    engagement.refresh_from_db()
    assert engagement.employer == "Acme"


def test_without_javascript_a_save_redirects_to_the_card(client, owner, engagement):
    client.force_login(owner)
    response = client.post(_url(engagement, "edit"), VALID)
    assert response.status_code == 302
    assert response.url.endswith(f"#engagement-{engagement.pk}")


# ---- Delete with confirmation --------------------------------------------------------------------


def test_delete_asks_for_confirmation_first(client, owner, engagement):
    client.force_login(owner)
    response = client.get(_url(engagement, "delete"), headers=HTMX)
    assert response.status_code == 200
    assert "Yes, delete this engagement" in response.text
    assert Engagement.objects.exists()


def test_confirming_deletes_and_returns_the_list(client, owner, engagement):
    ReferenceFactory(candidate=engagement.candidate, engagement=engagement)
    client.force_login(owner)
    response = client.post(_url(engagement, "delete"), headers=HTMX)
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#engagement-list"
    assert "No engagements yet." in response.text
    assert not Engagement.objects.exists()


def test_without_javascript_delete_confirms_on_the_profile_then_redirects(
    client, owner, engagement
):
    client.force_login(owner)
    confirm = client.get(_url(engagement, "delete"))
    assert confirm.status_code == 200
    assert "<h1" in confirm.text and "Yes, delete this engagement" in confirm.text
    response = client.post(_url(engagement, "delete"))
    assert response.status_code == 302
    assert response.url.endswith("#engagements")


def test_an_engagement_used_as_call_plan_evidence_is_kept_with_a_message(client, db):
    evidence = PlanEvidenceFactory()
    engagement = evidence.engagement
    client.force_login(engagement.candidate.owner)
    response = client.post(_url(engagement, "delete"), headers=HTMX)
    assert response.status_code == 409
    assert "evidence in a call plan" in response.text
    assert Engagement.objects.filter(pk=engagement.pk).exists()


# ---- Access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", REFUSED)
def test_others_get_a_403_on_every_engagement_write(client, as_user, engagement, role):
    as_user(role)
    assert client.post(_add_url(engagement.candidate), VALID).status_code == 403
    assert client.get(_url(engagement, "edit")).status_code == 403
    assert client.post(_url(engagement, "edit"), VALID).status_code == 403
    assert client.get(_url(engagement, "delete")).status_code == 403
    assert client.post(_url(engagement, "delete")).status_code == 403
    engagement.refresh_from_db()
    assert engagement.employer == "Acme"


def test_another_candidates_engagement_is_a_404(client, owner, candidate):
    elsewhere = EngagementFactory(candidate=CandidateFactory(owner=owner))
    client.force_login(owner)
    url = reverse("candidates:engagement_edit", args=[candidate.pk, elsewhere.pk])
    assert client.get(url).status_code == 404


# ---- Query counts ----------------------------------------------------------------------------------


def _fill(candidate, n):
    for _ in range(n):
        EngagementFactory(candidate=candidate, skills=[SkillFactory(), SkillFactory()])


@pytest.mark.parametrize("n", [3, 30])
def test_the_engagement_partials_run_a_fixed_number_of_queries(
    client, owner, candidate, engagement, n, django_assert_num_queries
):
    _fill(candidate, n)
    client.force_login(owner)
    # session, user, candidate + owner, the engagement, its skills
    with django_assert_num_queries(5):
        assert client.get(_url(engagement, "edit"), headers=HTMX).status_code == 200
    with django_assert_num_queries(5):
        assert client.get(_url(engagement), headers=HTMX).status_code == 200
    # … plus the refused form never writes
    with django_assert_num_queries(5):
        response = client.post(_url(engagement, "edit"), {"employer": ""}, headers=HTMX)
        assert response.status_code == 422
    # a save: the same 5, the service's validation, savepoints, update and skill set, then the
    # re-rendered list (the engagements and their skills)
    data = {**VALID, "skills_used": ""}
    with django_assert_num_queries(19):
        assert client.post(_url(engagement, "edit"), data, headers=HTMX).status_code == 200


ENGAGEMENT_FIELDS = [*VALID]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.dictionaries(st.sampled_from(ENGAGEMENT_FIELDS), NASTY), htmx=st.booleans())
def test_any_engagement_input_is_saved_or_refused_never_a_500(client, owner, candidate, data, htmx):
    client.force_login(owner)
    response = client.post(_add_url(candidate), {**VALID, **data}, headers=HTMX if htmx else {})
    assert response.status_code in (200, 302, 422)
    if response.status_code == 422:
        assert "invalid-feedback" in response.text


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.dictionaries(st.sampled_from(ENGAGEMENT_FIELDS), NASTY))
def test_any_engagement_edit_is_saved_or_refused_never_a_500(client, owner, engagement, data):
    client.force_login(owner)
    response = client.post(_url(engagement, "edit"), data, headers=HTMX)
    assert response.status_code in (200, 422)
    if response.status_code == 422:
        assert "invalid-feedback" in response.text


def test_dates_far_outside_any_career_are_refused(client, owner, candidate):
    client.force_login(owner)
    for start in ["1800-01-01", "0001-01-01", "99999-01-01", "2024-13-40", "-1"]:
        data = {**VALID, "start_date": start}
        response = client.post(_add_url(candidate), data, headers=HTMX)
        assert response.status_code == 422, start
    assert not Engagement.objects.exists()
