"""/references/add/?candidate=<pk>: add a reference from the candidate's profile."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from references.models import Reference
from tests.factories import CandidateFactory, EngagementFactory


def add_url(candidate) -> str:
    return f"{reverse('references:reference_add')}?candidate={candidate.pk}"


def test_the_form_offers_the_candidates_engagements(client, owner, candidate):
    EngagementFactory(candidate=candidate, employer="Globex", role="SRE")
    EngagementFactory(employer="Someone else's employer")
    client.force_login(owner)
    body = client.get(add_url(candidate)).content.decode()
    assert "Add a reference for Alex Rivera" in body
    assert "SRE at Globex" in body and "Someone else" not in body


def test_adding_a_reference_goes_back_to_the_candidate(client, owner, candidate):
    engagement = EngagementFactory(candidate=candidate, employer="Globex")
    client.force_login(owner)
    response = client.post(
        add_url(candidate),
        {
            "name": "Pat Kim",
            "title": "Head of Platform",
            "relationship": "manager",
            "email": "pat@example.com",
            "phone": "+1 512 555 0166",
            "engagement": engagement.pk,
        },
    )
    reference = Reference.objects.get()
    assert response["Location"] == reverse("candidates:detail", args=[candidate.pk])
    assert (reference.candidate, reference.engagement, reference.company) == (
        candidate,
        engagement,
        "Globex",
    )


def test_another_candidates_engagement_is_refused_and_the_input_kept(client, owner, candidate):
    client.force_login(owner)
    response = client.post(
        add_url(candidate),
        {"name": "Pat Kim", "relationship": "manager", "engagement": EngagementFactory().pk},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Select a valid choice" in body and 'value="Pat Kim"' in body
    assert not Reference.objects.exists()


@pytest.mark.parametrize("role", ["teammate", "outsider", "manager"])
def test_references_are_firm_wide_so_anyone_signed_in_may_add_one(request, client, candidate, role):
    client.force_login(request.getfixturevalue(role))
    response = client.post(add_url(candidate), {"name": "Pat Kim", "relationship": "peer"})
    assert response.status_code == 302
    assert Reference.objects.get().relationship == "peer"


def test_an_unknown_candidate_is_a_404(client, owner):
    client.force_login(owner)
    url = reverse("references:reference_add")
    assert client.get(f"{url}?candidate=999999").status_code == 404
    assert client.get(f"{url}?candidate=x").status_code == 404
    assert client.get(url).status_code == 404


def test_the_form_runs_the_same_queries_for_few_and_many_engagements(
    client, owner, django_assert_num_queries
):
    few, many = CandidateFactory(), CandidateFactory()
    EngagementFactory.create_batch(2, candidate=few)
    EngagementFactory.create_batch(20, candidate=many)
    client.force_login(owner)
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(5):
        client.get(add_url(few))
    with django_assert_num_queries(5):
        client.get(add_url(many))


text = st.one_of(
    st.text(max_size=200),
    st.just("x" * 10_000),
    st.sampled_from(["<script>alert(1)</script>", "'; DROP TABLE x; --", "\x00", "-1", "日本語"]),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(
            ("name", "title", "company", "relationship", "email", "phone", "engagement"), text
        ),
    )
)
def test_whatever_is_posted_the_reference_form_never_fails(client, owner, candidate, data):
    client.force_login(owner)
    before = Reference.objects.count()
    response = client.post(add_url(candidate), data)
    assert response.status_code in {302, 422}
    if response.status_code == 422:
        assert "invalid-feedback" in response.content.decode()
        assert Reference.objects.count() == before
