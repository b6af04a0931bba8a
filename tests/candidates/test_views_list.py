from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.models import Candidate
from candidates.services import skill_create
from tests.candidates.conftest import HTMX
from tests.factories import CandidateFactory, CandidateSkillFactory, SkillFactory
from tests.input import refused_as_unreadable

URL = reverse("candidates:list")


@pytest.fixture
def kubernetes(db):
    return skill_create(name="Kubernetes", aliases="k8s, kube")


@pytest.mark.parametrize("role", ["owner", "teammate", "outsider", "superuser"])
def test_everyone_signed_in_sees_every_teams_candidates(client, as_user, owner, role):
    CandidateFactory(owner=owner, first_name="Ana", last_name="Silva")
    as_user(role)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Ana Silva" in response.text


def test_the_list_needs_a_login(client, db):
    assert client.get(URL).status_code == 302


def test_a_row_shows_name_headline_status_location_and_top_skills(client, owner):
    candidate = CandidateFactory(
        owner=owner,
        first_name="Ana",
        last_name="Silva",
        headline="Platform engineer",
        location="Lisbon",
        status=Candidate.Status.INTERVIEWING,
    )
    CandidateSkillFactory(candidate=candidate, skill=SkillFactory(name="Terraform"), years=6)
    client.force_login(owner)
    body = client.get(URL).text
    for shown in ["Ana Silva", "Platform engineer", "Interviewing", "Lisbon", "Terraform · 6 y"]:
        assert shown in body
    assert reverse("candidates:detail", args=[candidate.pk]) in body


def test_searching_k8s_finds_the_kubernetes_people(client, owner, kubernetes):
    ana = CandidateFactory(owner=owner, first_name="Ana", last_name="Silva")
    CandidateFactory(owner=owner, first_name="Ben", last_name="Moss")
    CandidateSkillFactory(candidate=ana, skill=kubernetes, years=Decimal("4.5"))
    client.force_login(owner)
    body = client.get(URL, {"q": "k8s"}).text
    assert "Ana Silva" in body
    assert "Ben Moss" not in body
    assert "the skill Kubernetes" in body
    assert "Kubernetes · 4.5 y" in body


def test_filtering_by_status(client, owner):
    # Full, unusual names: the signed-in user's generated name is on the page too.
    CandidateFactory(
        owner=owner, first_name="Ana", last_name="Placedova", status=Candidate.Status.PLACED
    )
    CandidateFactory(
        owner=owner, first_name="Ben", last_name="Availableson", status=Candidate.Status.AVAILABLE
    )
    client.force_login(owner)
    body = client.get(URL, {"status": "placed"}).text
    assert "Ana Placedova" in body
    assert "Ben Availableson" not in body


def test_archived_candidates_leave_the_list(client, owner):
    CandidateFactory(owner=owner, first_name="Gone", archived=True)
    client.force_login(owner)
    assert "Gone" not in client.get(URL).text


def test_the_list_is_paginated_by_25_and_keeps_the_search(client, owner):
    for i in range(30):
        CandidateFactory(owner=owner, first_name=f"Dev{i:02}", last_name="Ops")
    client.force_login(owner)
    first = client.get(URL, {"q": "ops"})
    assert first.context["page_obj"].paginator.count == 30
    assert len(first.context["page_obj"].object_list) == 25
    assert "Page 1 of 2" in first.text
    assert "?q=ops&amp;page=2" in first.text
    second = client.get(URL, {"q": "ops", "page": 2})
    assert len(second.context["page_obj"].object_list) == 5


def test_an_htmx_search_returns_only_the_results(client, owner):
    CandidateFactory(owner=owner, first_name="Ana")
    client.force_login(owner)
    response = client.get(URL, {"q": "ana"}, headers=HTMX)
    assert response.text.lstrip().startswith('<div id="candidate-results"')
    assert "<h1" not in response.text


def test_a_nonsense_status_or_page_still_lists(client, owner):
    CandidateFactory(owner=owner, first_name="Ana")
    client.force_login(owner)
    response = client.get(URL, {"status": "bogus", "page": "-3"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert "Ana" in response.text


def _fill(owner, kubernetes, n):
    for i in range(n):
        candidate = CandidateFactory(owner=owner, headline=f"Engineer {i}")
        CandidateSkillFactory(candidate=candidate, skill=kubernetes)
        for _ in range(3):
            CandidateSkillFactory(candidate=candidate)


@pytest.mark.parametrize("n", [3, 40])
def test_the_list_runs_a_fixed_number_of_queries(
    client, owner, kubernetes, n, django_assert_num_queries
):
    _fill(owner, kubernetes, n)
    client.force_login(owner)
    # session, user with team, count, page, page's skills
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
    # + resolving the skill
    with django_assert_num_queries(7):
        assert client.get(URL, {"q": "k8s", "status": "available"}).status_code == 200
    # the htmx results partial: no header, so no team and no unread count
    with django_assert_num_queries(6):
        assert client.get(URL, {"q": "k8s"}, headers=HTMX).status_code == 200


TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(
        ["x" * 10_000, "<script>alert(1)</script>", "'; DROP TABLE candidates;--", "\x00", "-1"]
    ),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=TEXT, status=TEXT, page=TEXT)
def test_any_search_input_answers_without_a_server_error(client, owner, q, status, page):
    client.force_login(owner)
    response = client.get(URL, {"q": q, "status": status, "page": page})
    if refused_as_unreadable(response, q, status, page):
        return
    assert response.status_code == 200
