import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joborders.models import JobOrder, Requirement
from tests.factories import (
    ClientFactory,
    JobOrderFactory,
    RequirementFactory,
    SkillFactory,
)
from tests.input import refused_as_unreadable

URL = reverse("joborders:list")


def _job_with_rows(owner, n=0, **kwargs):
    job = JobOrderFactory(owner=owner, **kwargs)
    RequirementFactory(job_order=job, kind=Requirement.Kind.CHALLENGE)
    RequirementFactory(job_order=job, kind=Requirement.Kind.DELIVERABLE)
    RequirementFactory(
        job_order=job, kind=Requirement.Kind.SKILL, skill=SkillFactory(name=f"Skill {n}")
    )
    return job


def test_the_list_shows_my_open_job_orders_by_default(client, owner, teammate):
    mine = JobOrderFactory(owner=owner, title="Mine and open")
    JobOrderFactory(owner=owner, title="Mine but filled", status=JobOrder.Status.FILLED)
    JobOrderFactory(owner=teammate, title="A teammate's")
    client.force_login(owner)
    body = client.get(URL).content.decode()
    assert mine.title in body
    assert "Mine but filled" not in body
    assert "A teammate&#x27;s" not in body


def test_anyone_and_any_status_show_the_whole_team(client, owner, teammate, outsider):
    JobOrderFactory(owner=owner, title="Mine but filled", status=JobOrder.Status.FILLED)
    JobOrderFactory(owner=teammate, title="Teammate job")
    JobOrderFactory(owner=outsider, title="Other team job")
    client.force_login(owner)
    body = client.get(URL, {"status": "", "owner": ""}).content.decode()
    assert "Mine but filled" in body
    assert "Teammate job" in body
    assert "Other team job" not in body


def test_a_teammate_can_read_the_teams_list(client, owner, teammate):
    JobOrderFactory(owner=owner, title="Owner's job")
    client.force_login(teammate)
    assert "Owner&#x27;s job" in client.get(URL, {"owner": owner.pk}).content.decode()


def test_an_outsider_sees_none_of_the_teams_job_orders(client, owner, outsider):
    job = JobOrderFactory(owner=owner, title="Secret project")
    client.force_login(outsider)
    body = client.get(URL, {"status": "", "owner": "", "client": job.client_id}).content.decode()
    assert "Secret project" not in body


def test_the_search_finds_a_job_by_its_clients_name(client, owner):
    JobOrderFactory(owner=owner, client=ClientFactory(owner=owner, name="Contoso Bank"))
    JobOrderFactory(owner=owner, title="Unrelated", client=ClientFactory(owner=owner, name="X"))
    client.force_login(owner)
    body = client.get(URL, {"q": "contoso"}).content.decode()
    assert "Contoso Bank" in body
    assert "Unrelated" not in body


def test_each_row_shows_its_qualification_meter_and_must_have_skills(client, owner):
    _job_with_rows(owner)
    client.force_login(owner)
    body = client.get(URL).content.decode()
    assert 'value="3"' in body  # goal, challenges, deliverables; no result yet
    assert "Qualification: 3 of 4 questions answered" in body
    assert "Skill 0" in body


def test_the_list_pages_by_25(client, owner):
    for n in range(27):
        JobOrderFactory(owner=owner, title=f"Job {n:02}")
    client.force_login(owner)
    first = client.get(URL)
    assert len(first.context["page_obj"].object_list) == 25
    second = client.get(URL, {"page": 2})
    assert len(second.context["page_obj"].object_list) == 2
    assert "Page 2 of 2" in second.content.decode()


def test_a_nonsense_filter_is_ignored_not_fatal(client, owner):
    JobOrderFactory(owner=owner, title="Still listed")
    client.force_login(owner)
    response = client.get(URL, {"owner": "nobody", "status": "hired", "page": "x"})
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_page_runs_the_same_queries_whatever_the_data(
    client, owner, django_assert_num_queries, rows
):
    for n in range(rows):
        _job_with_rows(owner, n)
    client.force_login(owner)
    # session, user with team, the default owner filter's lookup, count, owner choices,
    # client choices, the page, its must-have skills (one prefetch)
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert response.status_code == 200


def test_the_list_needs_a_login(client, db):
    assert client.get(URL).status_code == 302


filter_text = st.one_of(
    st.text(max_size=50),
    st.just("x" * 10_000),
    st.sampled_from(["<script>alert(1)</script>", "' OR 1=1 --", "\x00", "-1", "１２", "🙂"]),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=filter_text,
    status=filter_text,
    owner_value=filter_text,
    client_value=filter_text,
    sort=filter_text,
)
def test_any_filter_input_gives_a_page_never_a_server_error(
    client, owner, q, status, owner_value, client_value, sort
):
    client.force_login(owner)
    params = {"q": q, "status": status, "owner": owner_value, "client": client_value, "sort": sort}
    response = client.get(URL, params)
    if refused_as_unreadable(response, *params.values()):
        return
    assert response.status_code == 200
