from decimal import Decimal

import pytest

from joborders.models import JobOrder, Requirement
from tests.api.conftest import fields_of, problem_of
from tests.factories import (
    ClientContactFactory,
    ClientFactory,
    JobOrderFactory,
    RequirementFactory,
    SkillFactory,
)

URL = "/api/v1/joborders"


@pytest.fixture
def client_company(owner):
    return ClientFactory(owner=owner, name="Northwind Rail")


def new_job(client_id: int, **extra) -> dict:
    return {
        "title": "Platform engineer",
        "client_id": client_id,
        "openings": 2,
        "bill_rate": "95.50",
        "start_date": "2027-01-04",
        "project_goal": "Ship the fare engine by June",
        "requirements": [
            {"kind": "skill", "skill": "k8s", "min_years": "4", "must_have": True},
            {"kind": "challenge", "description": "Releases fail every other week"},
            {"kind": "deliverable", "description": "A weekly release train"},
        ],
        **extra,
    }


def test_it_creates_a_job_order_with_requirements_and_reads_it_back(owner, client_company, api_as):
    SkillFactory(name="Kubernetes", aliases="k8s")
    api = api_as(owner)
    response = api.post(URL, new_job(client_company.pk))
    assert response.status_code == 201, response.content
    created = response.json()
    read = api.get(f"{URL}/{created['id']}").json()
    assert read == created
    assert read["title"] == "Platform engineer" and read["version"] == 1
    assert read["client"] == {"id": client_company.pk, "name": "Northwind Rail"}
    assert read["owner"]["username"] == "owner"
    assert read["bill_rate"] == "95.50"
    rows = [(r["kind"], r["skill"], r["description"]) for r in read["requirements"]]
    assert rows == [
        ("skill", "Kubernetes", ""),
        ("challenge", None, "Releases fail every other week"),
        ("deliverable", None, "A weekly release train"),
    ]
    assert read["requirements"][0]["min_years"] == "4.0"
    job = JobOrder.objects.get(pk=created["id"])
    assert job.team == owner.team and job.history.count() == 1


def test_a_new_client_can_be_named_instead_of_picked(owner, api_as):
    response = api_as(owner).post(URL, new_job(None, new_client_name="Acme Fares", requirements=[]))
    assert response.status_code == 201, response.content
    assert response.json()["client"]["name"] == "Acme Fares"


def test_a_bad_requirement_row_writes_nothing_and_names_the_row(owner, client_company, api_as):
    body = new_job(client_company.pk)
    body["requirements"].append({"kind": "result", "description": "   "})
    problem = problem_of(api_as(owner).post(URL, body), 422)
    assert fields_of(problem) == {"requirements.3.description": "Describe the requirement."}
    assert not JobOrder.objects.exists()


def test_another_teams_client_is_refused_as_unknown(owner, outsider, api_as):
    theirs = ClientFactory(owner=outsider)
    problem = problem_of(api_as(owner).post(URL, new_job(theirs.pk)), 422)
    assert fields_of(problem) == {"client_id": "No such client in your team."}


def test_another_teams_job_order_does_not_exist(owner, outsider, api_as):
    job = JobOrderFactory(owner=owner)
    api = api_as(outsider)
    problem_of(api.get(f"{URL}/{job.pk}"), 404)
    problem_of(api.patch(f"{URL}/{job.pk}", {"version": 1, "title": "Mine"}), 404)
    problem_of(
        api.post(f"{URL}/{job.pk}/requirements", {"kind": "result", "description": "x"}), 404
    )
    assert api.get(URL).json()["results"] == []


def test_a_teammate_reads_but_may_not_change_the_owners_job_order(owner, teammate, api_as):
    job = JobOrderFactory(owner=owner)
    api = api_as(teammate)
    assert api.get(f"{URL}/{job.pk}").status_code == 200
    problem_of(api.patch(f"{URL}/{job.pk}", {"version": 1, "title": "Mine"}), 403)


def test_the_manager_changes_a_job_order_and_the_version_moves_on(owner, manager, api_as):
    job = JobOrderFactory(owner=owner, openings=1)
    response = api_as(manager).patch(f"{URL}/{job.pk}", {"version": 1, "openings": 3})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["openings"] == 3 and body["version"] == 2
    assert body["title"] == job.title and body["project_goal"] == job.project_goal


def test_a_stale_version_is_a_409_naming_what_changed_and_writes_nothing(owner, manager, api_as):
    job = JobOrderFactory(owner=owner, title="Platform engineer")
    assert (
        api_as(manager).patch(f"{URL}/{job.pk}", {"version": 1, "title": "SRE"}).status_code == 200
    )
    problem = problem_of(api_as(owner).patch(f"{URL}/{job.pk}", {"version": 1, "openings": 4}), 409)
    assert "Someone else changed this job order" in problem["detail"]
    assert len(problem["changed_since"]) == 1 and "title" in problem["changed_since"][0]
    job.refresh_from_db()
    assert (job.title, job.openings, job.version) == ("SRE", 1, 2)


def test_contact_must_work_for_the_client(owner, client_company, api_as):
    other = ClientContactFactory(client=ClientFactory(owner=owner))
    problem = problem_of(
        api_as(owner).post(URL, new_job(client_company.pk, contact_id=other.pk)), 422
    )
    assert fields_of(problem) == {"contact_id": "That contact works for another client."}


def test_requirements_are_added_corrected_and_removed(owner, api_as):
    job = JobOrderFactory(owner=owner)
    api = api_as(owner)
    response = api.post(
        f"{URL}/{job.pk}/requirements", {"kind": "skill", "skill": "Terraform", "min_years": 3}
    )
    assert response.status_code == 201, response.content
    row = response.json()
    assert (row["skill"], row["min_years"], row["position"]) == ("Terraform", "3.0", 0)
    url = f"{URL}/{job.pk}/requirements/{row['id']}"
    response = api.patch(url, {"skill": "Terraform", "min_years": "5.5", "must_have": False})
    assert response.status_code == 200, response.content
    assert (response.json()["min_years"], response.json()["must_have"]) == ("5.5", False)
    again = api.post(f"{URL}/{job.pk}/requirements", {"kind": "skill", "skill": "terraform"})
    assert fields_of(problem_of(again, 422)) == {"skill": "Terraform is already on this job order."}
    assert api.delete(url).status_code == 204
    assert not Requirement.objects.filter(job_order=job).exists()


def test_the_list_filters_and_pages_by_cursor(owner, api_as):
    jobs = [JobOrderFactory(owner=owner) for _ in range(5)]
    JobOrderFactory(owner=owner, status=JobOrder.Status.ON_HOLD)
    api = api_as(owner)
    first = api.get(URL, {"limit": 2, "status": "open"}).json()
    assert [j["id"] for j in first["results"]] == [jobs[0].pk, jobs[1].pk]
    second = api.get(URL, {"limit": 2, "status": "open", "cursor": first["next_cursor"]}).json()
    third = api.get(URL, {"limit": 2, "status": "open", "cursor": second["next_cursor"]}).json()
    assert [j["id"] for j in second["results"] + third["results"]] == [j.pk for j in jobs[2:]]
    assert third["next_cursor"] is None
    problem_of(api.get(URL, {"cursor": "not-a-cursor"}), 422)
    problem_of(api.get(URL, {"limit": 10_000}), 422)


def test_updated_since_lists_only_what_changed(owner, api_as):
    old, new = JobOrderFactory(owner=owner), JobOrderFactory(owner=owner)
    JobOrder.objects.filter(pk=old.pk).update(updated_at="2020-01-01T00:00:00Z")
    found = api_as(owner).get(URL, {"updated_since": "2024-01-01T00:00:00Z"}).json()["results"]
    assert [j["id"] for j in found] == [new.pk]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_costs_the_same_queries_however_many_rows(
    owner, api_as, django_assert_num_queries, rows
):
    for _ in range(rows):
        job = JobOrderFactory(owner=owner)
        RequirementFactory(job_order=job)
        RequirementFactory(
            job_order=job, kind=Requirement.Kind.SKILL, skill=SkillFactory(), min_years=Decimal(2)
        )
    api = api_as(owner)
    api.get(URL)  # the token's first use is written once (then at most every few minutes)
    # The token with its user, the page of job orders, their requirements with skills.
    with django_assert_num_queries(3):
        response = api.get(URL, {"limit": 50})
    assert len(response.json()["results"]) == rows


def test_the_status_moves_as_the_pages_allow_and_a_refused_move_writes_nothing(owner, api_as):
    job = JobOrderFactory(owner=owner, openings=1)
    api = api_as(owner)
    response = api.patch(f"{URL}/{job.pk}", {"version": 1, "status": "on_hold", "openings": 2})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["openings"], body["version"]) == ("on_hold", 2, 3)
    # The fields and the status are saved as two versions: the answer says the one to send next.
    filled = api.patch(f"{URL}/{job.pk}", {"version": 3, "status": "filled"}).json()
    refused = api.patch(
        f"{URL}/{job.pk}", {"version": filled["version"], "status": "lost", "openings": 5}
    )
    problem = problem_of(refused, 422)
    assert fields_of(problem) == {"status": "A job order that is Filled cannot become Lost."}
    job.refresh_from_db()
    assert (job.status, job.openings, job.version) == ("filled", 2, filled["version"])
