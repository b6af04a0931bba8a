from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.models import CandidateSkill, Skill
from candidates.services import skill_create
from tests.candidates.conftest import HTMX, REFUSED, WRITERS
from tests.candidates.test_views_create import NASTY
from tests.factories import CandidateFactory, CandidateSkillFactory, SkillFactory


def _add_url(candidate):
    return reverse("candidates:skill_add", args=[candidate.pk])


def _row_url(row):
    return reverse("candidates:skill_update", args=[row.candidate_id, row.pk])


def _remove_url(row):
    return reverse("candidates:skill_remove", args=[row.candidate_id, row.pk])


def _skills(candidate):
    return [(r.skill.name, r.years, r.last_used_year) for r in candidate.skills.all()]


@pytest.fixture
def kubernetes(db):
    return skill_create(name="Kubernetes", aliases="k8s, kube")


@pytest.mark.parametrize("role", WRITERS)
def test_writers_add_a_skill_by_alias_in_place(client, as_user, candidate, kubernetes, role):
    as_user(role)
    data = {"skill": "k8s", "years": "4.5", "last_used_year": "2025"}
    response = client.post(_add_url(candidate), data, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="skills"')
    assert "Kubernetes" in response.text
    assert _skills(candidate) == [("Kubernetes", Decimal("4.5"), 2025)]


def test_an_unknown_skill_is_added_to_the_catalogue(client, owner, candidate):
    client.force_login(owner)
    client.post(_add_url(candidate), {"skill": "Dagster", "years": "1"}, headers=HTMX)
    assert Skill.objects.filter(name="Dagster").exists()
    assert _skills(candidate) == [("Dagster", Decimal("1"), None)]


def test_adding_a_skill_twice_updates_the_years(client, owner, candidate, kubernetes):
    client.force_login(owner)
    client.post(_add_url(candidate), {"skill": "Kubernetes", "years": "2"}, headers=HTMX)
    client.post(_add_url(candidate), {"skill": "kube", "years": "3"}, headers=HTMX)
    assert _skills(candidate) == [("Kubernetes", Decimal("3"), None)]


def test_bad_years_answer_422_with_the_message_and_the_typed_skill(client, owner, candidate):
    client.force_login(owner)
    response = client.post(_add_url(candidate), {"skill": "Rust", "years": "75"}, headers=HTMX)
    assert response.status_code == 422
    assert "Ensure this value is less than or equal to 60." in response.text
    assert 'value="Rust"' in response.text
    assert not candidate.skills.exists()
    assert not Skill.objects.filter(name="Rust").exists()


def test_a_future_last_used_year_is_refused(client, owner, candidate):
    client.force_login(owner)
    data = {"skill": "Rust", "years": "2", "last_used_year": "3000"}
    response = client.post(_add_url(candidate), data, headers=HTMX)
    assert response.status_code == 422
    assert "Enter a year between 1950 and" in response.text


def test_without_javascript_adding_redirects_back_to_the_skills(client, owner, candidate):
    client.force_login(owner)
    response = client.post(_add_url(candidate), {"skill": "Go", "years": "2"})
    assert response.status_code == 302
    assert response.url == reverse("candidates:detail", args=[candidate.pk]) + "#skills"


def test_without_javascript_a_refused_skill_rerenders_the_profile(client, owner, candidate):
    client.force_login(owner)
    response = client.post(_add_url(candidate), {"skill": "Go|Rust", "years": "2"})
    assert response.status_code == 422
    assert "<h1" in response.text
    assert "A skill name cannot contain" in response.text


@pytest.mark.parametrize("role", WRITERS)
def test_writers_correct_a_row_in_place(client, as_user, candidate, role):
    row = CandidateSkillFactory(candidate=candidate, skill=SkillFactory(name="Go"), years=2)
    as_user(role)
    data = {"years": "6", "last_used_year": "2024"}
    response = client.post(_row_url(row), data, headers=HTMX)
    assert response.status_code == 200
    assert _skills(candidate) == [("Go", Decimal("6"), 2024)]


def test_a_bad_row_keeps_the_input_and_shows_the_message_in_that_row(client, owner, candidate):
    row = CandidateSkillFactory(candidate=candidate, skill=SkillFactory(name="Go"), years=2)
    client.force_login(owner)
    response = client.post(_row_url(row), {"years": "-1"}, headers=HTMX)
    assert response.status_code == 422
    assert f'id="id_skill{row.pk}_years_error"' in response.text
    assert 'value="-1"' in response.text
    assert _skills(candidate) == [("Go", Decimal("2"), 2026)]


def test_without_javascript_a_row_save_redirects_back(client, owner, candidate):
    row = CandidateSkillFactory(candidate=candidate)
    client.force_login(owner)
    response = client.post(_row_url(row), {"years": "3"})
    assert response.status_code == 302


@pytest.mark.parametrize("role", WRITERS)
def test_writers_remove_a_skill(client, as_user, candidate, role):
    row = CandidateSkillFactory(candidate=candidate, skill=SkillFactory(name="Go"))
    as_user(role)
    response = client.post(_remove_url(row), headers=HTMX)
    assert response.status_code == 200
    assert "No skills recorded yet." in response.text
    assert not CandidateSkill.objects.exists()


@pytest.mark.parametrize("role", REFUSED)
def test_others_get_a_403_on_every_skill_write(client, as_user, candidate, role):
    row = CandidateSkillFactory(candidate=candidate, years=2)
    as_user(role)
    assert client.post(_add_url(candidate), {"skill": "Go", "years": "1"}).status_code == 403
    assert client.post(_row_url(row), {"years": "9"}).status_code == 403
    assert client.post(_remove_url(row)).status_code == 403
    assert _skills(candidate) == [(row.skill.name, Decimal("2"), 2026)]


def test_another_candidates_row_is_a_404(client, owner, candidate):
    elsewhere = CandidateSkillFactory(candidate=CandidateFactory(owner=owner))
    client.force_login(owner)
    url = reverse("candidates:skill_update", args=[candidate.pk, elsewhere.pk])
    assert client.post(url, {"years": "1"}).status_code == 404


def test_skill_writes_refuse_get(client, owner, candidate):
    client.force_login(owner)
    assert client.get(_add_url(candidate)).status_code == 405


@pytest.mark.parametrize("n", [3, 30])
def test_the_skills_partial_runs_a_fixed_number_of_queries(
    client, owner, candidate, n, django_assert_num_queries
):
    rows = [CandidateSkillFactory(candidate=candidate) for _ in range(n)]
    client.force_login(owner)
    # session, user, candidate + owner, the row; the service's read, validation, savepoints and
    # update (10); the re-rendered table
    with django_assert_num_queries(16):
        assert client.post(_row_url(rows[0]), {"years": "7"}, headers=HTMX).status_code == 200
    # session, user, candidate + owner, the row, the table (no write)
    with django_assert_num_queries(5):
        assert client.post(_row_url(rows[0]), {"years": "99"}, headers=HTMX).status_code == 422


SKILL_INPUT = st.fixed_dictionaries(
    {},
    optional={"skill": NASTY, "years": NASTY, "last_used_year": NASTY},
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=SKILL_INPUT, htmx=st.booleans())
def test_any_add_skill_input_is_saved_or_refused_never_a_500(client, owner, candidate, data, htmx):
    client.force_login(owner)
    response = client.post(_add_url(candidate), data, headers=HTMX if htmx else {})
    assert response.status_code in (200, 302, 422)
    if response.status_code == 422:
        assert "invalid-feedback" in response.text or "text-danger" in response.text


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(years=NASTY, last_used_year=NASTY)
def test_any_skill_row_input_is_saved_or_refused_never_a_500(
    client, owner, candidate, years, last_used_year
):
    row, _ = CandidateSkill.objects.get_or_create(
        candidate=candidate, skill=SkillFactory(name="Go"), defaults={"years": 1}
    )
    client.force_login(owner)
    data = {"years": years, "last_used_year": last_used_year}
    response = client.post(_row_url(row), data, headers=HTMX)
    assert response.status_code in (200, 422)
    if response.status_code == 422:
        assert "invalid-feedback" in response.text
