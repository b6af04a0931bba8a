"""/references/: the team's reference calls, newest first, filtered and searched."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    CandidateFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFactory,
)
from tests.input import refused_as_unreadable

URL = reverse("references:list")


def names(response) -> list[str]:
    return [call.reference.name for call in response.context["calls"]]


def test_the_list_shows_the_teams_calls_newest_first(client, owner, teammate, outsider):
    now = timezone.now()
    ReferenceCallFactory(
        called_by=owner, reference__name="Older", called_at=now - datetime.timedelta(days=2)
    )
    ReferenceCallFactory(called_by=teammate, reference__name="Newer", called_at=now)
    ReferenceCallFactory(called_by=outsider, reference__name="Other team")
    client.force_login(owner)
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Newer", "Older"]
    assert "Other team" not in response.content.decode()


def test_the_list_filters_by_status(client, owner):
    ReferenceCallFactory(called_by=owner, reference__name="Done", status="complete")
    ReferenceCallFactory(called_by=owner, reference__name="Open", status="draft")
    client.force_login(owner)
    assert names(client.get(URL, {"status": "draft"})) == ["Open"]
    assert names(client.get(URL, {"status": "complete"})) == ["Done"]


def test_the_list_filters_by_job_order(client, owner):
    job = JobOrderFactory(owner=owner, title="SRE")
    ReferenceCallFactory(called_by=owner, reference__name="About SRE", job_order=job)
    ReferenceCallFactory(called_by=owner, reference__name="General")
    client.force_login(owner)
    response = client.get(URL, {"joborder": job.pk})
    assert names(response) == ["About SRE"]
    assert f'<option value="{job.pk}" selected>SRE' in response.content.decode()


def test_only_my_calls_leaves_out_my_teammates(client, owner, teammate):
    ReferenceCallFactory(called_by=owner, reference__name="Mine")
    ReferenceCallFactory(called_by=teammate, reference__name="Theirs")
    client.force_login(owner)
    assert names(client.get(URL, {"mine": "on"})) == ["Mine"]


def test_search_finds_calls_by_candidate_or_reference_name(client, owner):
    alex = CandidateFactory(first_name="Alex", last_name="Rivera")
    ReferenceCallFactory(
        called_by=owner, reference=ReferenceFactory(candidate=alex, name="Pat Kim")
    )
    ReferenceCallFactory(called_by=owner, reference__name="Lee Park")
    client.force_login(owner)
    assert names(client.get(URL, {"q": "alex riv"})) == ["Pat Kim"]
    assert names(client.get(URL, {"q": "park"})) == ["Lee Park"]


def test_the_list_pages_by_25(client, owner):
    ReferenceCallFactory.create_batch(30, called_by=owner)
    client.force_login(owner)
    first, second = client.get(URL), client.get(URL, {"page": 2})
    assert (len(first.context["calls"]), len(second.context["calls"])) == (25, 5)
    assert "Page 1 of 2" in first.content.decode()


def test_filtering_with_htmx_answers_with_the_results_only(client, owner):
    ReferenceCallFactory(called_by=owner, reference__name="Pat Kim")
    client.force_login(owner)
    body = client.get(URL, {"q": "pat"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Pat Kim" in body
    assert "<form" not in body and "<html" not in body


def test_an_invalid_filter_is_reported_and_ignored(client, owner):
    ReferenceCallFactory(called_by=owner, reference__name="Pat Kim")
    client.force_login(owner)
    response = client.get(URL, {"status": "maybe", "joborder": "abc"})
    assert response.status_code == 200
    assert names(response) == ["Pat Kim"]
    assert "Select a valid choice" in response.content.decode()


def test_the_list_needs_a_login(client, db):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_runs_the_same_queries_for_few_and_many_calls(
    client, owner, django_assert_num_queries, count
):
    for _ in range(count):
        ReferenceCallFactory(called_by=owner, job_order=JobOrderFactory(owner=owner))
    client.force_login(owner)
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(6):  # session, user with team, count, rows, job filter
        client.get(URL)
    with django_assert_num_queries(4):
        client.get(URL, {"status": "draft"}, HTTP_HX_REQUEST="true")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "status", "joborder", "mine", "page"]),
        st.one_of(
            st.text(max_size=100),
            st.just("x" * 10_000),
            st.sampled_from(["-1", "0", "99999999999999999999", "<b>", "' OR 1=1 --", "\x00"]),
        ),
    )
)
def test_whatever_the_filters_the_list_never_fails(client, owner, params):
    client.force_login(owner)
    response = client.get(URL, params)
    if refused_as_unreadable(response, *params.values()):
        return
    assert response.status_code == 200
