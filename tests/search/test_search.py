"""Global search: every kind found by any of its names, never another team's, best first, in
the same number of queries whatever the data's size."""

import pytest
from django.urls import reverse

from search.selectors import global_search
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    ClientContactFactory,
    ClientFactory,
    JobOrderFactory,
    SubmittalFactory,
)

SEARCH = reverse("search:index")
SUGGEST = reverse("search:suggest")


@pytest.fixture
def contoso(owner):
    client = ClientFactory(name="Contoso Bank", industry="Financial services", owner=owner)
    ClientContactFactory(
        client=client, name="Dana Ruiz", title="VP Platform", email="dana.ruiz@contoso.example"
    )
    job = JobOrderFactory(owner=owner, client=client, title="Senior DevOps Engineer")
    alex = CandidateFactory(
        first_name="Alex", last_name="Morgan", email="alex.morgan@example.com", headline="SRE"
    )
    plan = CallPlanFactory(submittal=SubmittalFactory(job_order=job, candidate=alex))
    return {"client": client, "job": job, "alex": alex, "plan": plan}


def titles(results, kind):
    return [h.title for g in results.groups if g.kind == kind for h in g.hits]


@pytest.mark.parametrize(
    ("q", "kind", "title"),
    [
        ("devops", "joborders", "Senior DevOps Engineer"),
        ("contoso engineer", "joborders", "Senior DevOps Engineer"),  # client + title words
        ("Contoso", "clients", "Contoso Bank"),
        ("financial", "clients", "Contoso Bank"),
        ("dana", "contacts", "Dana Ruiz"),
        ("dana.ruiz@contoso", "contacts", "Dana Ruiz"),
        ("morgan", "candidates", "Alex Morgan"),
        ("alex.morgan@example.com", "candidates", "Alex Morgan"),
        ("alex devops", "plans", "Alex Morgan → Senior DevOps Engineer"),
        ("  MORGAN  ", "plans", "Alex Morgan → Senior DevOps Engineer"),
    ],
)
def test_a_record_is_found_by_any_of_its_names(owner, contoso, q, kind, title):
    assert title in titles(global_search(owner, q), kind)


def test_another_teams_records_are_never_found(outsider, contoso):
    results = global_search(outsider, "contoso devops dana")
    assert results.groups == ()
    for q in ("Contoso", "DevOps", "Dana"):
        groups = {g.kind for g in global_search(outsider, q).groups}
        assert groups.isdisjoint({"joborders", "clients", "contacts", "plans"}), q


def test_the_whole_name_ranks_before_a_name_that_contains_it(owner):
    ClientFactory(name="Acme Freight Logistics", owner=owner)
    ClientFactory(name="Big Acme", owner=owner)
    ClientFactory(name="Acme", owner=owner)
    assert titles(global_search(owner, "acme"), "clients") == [
        "Acme",
        "Acme Freight Logistics",
        "Big Acme",
    ]


def test_a_text_too_short_searches_nothing(owner, contoso, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert global_search(owner, "a").groups == ()


def test_the_page_lists_the_hits_with_links_and_keeps_the_text(client, owner, contoso):
    client.force_login(owner)
    response = client.get(SEARCH, {"q": "contoso"})
    assert response.status_code == 200
    text = response.text
    assert "4 results for “contoso”." in text  # the client, its contact, job order and plan
    assert reverse("joborders:detail", args=[contoso["job"].pk]) in text
    assert f"?client={contoso['client'].pk}&amp;status=&amp;owner=" in text
    assert 'value="contoso"' in text


def test_nothing_found_says_what_to_try(client, owner, contoso):
    client.force_login(owner)
    response = client.get(SEARCH, {"q": "zzzz"})
    assert "Nothing found for “zzzz”. Try part of a name" in response.text


def test_a_text_too_long_is_refused_with_a_message_and_kept(client, owner):
    client.force_login(owner)
    response = client.get(SEARCH, {"q": "x" * 101})
    assert response.status_code == 200
    assert "at most 100 characters" in response.text
    assert "x" * 101 in response.text


def test_the_suggestions_come_as_a_fragment_with_a_link_to_every_result(client, owner, contoso):
    client.force_login(owner)
    response = client.get(SUGGEST, {"q": "alex"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert reverse("callplans:detail", args=[contoso["plan"].pk]) in response.text
    assert f"{SEARCH}?q=alex" in response.text


@pytest.mark.parametrize("size", [2, 20])
def test_search_reads_the_same_queries_for_few_or_many_records(
    client, owner, size, django_assert_num_queries
):
    for n in range(size):
        job = JobOrderFactory(owner=owner, title=f"Platform engineer {n}")
        CallPlanFactory(
            submittal=SubmittalFactory(
                job_order=job, candidate=CandidateFactory(last_name=f"Platform{n}")
            )
        )
        ClientContactFactory(client=job.client, name=f"Platform Person {n}")
    client.force_login(owner)
    # session, user with team, then one query per kind: job orders, clients, contacts,
    # candidates, plans
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(8):
        response = client.get(SEARCH, {"q": "platform"})
    assert response.text.count("Platform engineer") >= min(size, 20)
