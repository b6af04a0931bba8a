import pytest

from candidates.models import Candidate
from tests.api.conftest import fields_of, problem_of
from tests.factories import CandidateFactory, CandidateSkillFactory, EngagementFactory, SkillFactory

URL = "/api/v1/candidates"


def new_candidate(**extra) -> dict:
    return {
        "first_name": "Ada",
        "last_name": "Lovegood",
        "headline": "Staff SRE, payments",
        "email": "ada@example.com",
        "skills": [{"skill": "k8s", "years": "6"}, {"skill": "Terraform", "years": 3}],
        "engagements": [
            {
                "employer": "Northwind Rail",
                "role": "Release lead",
                "start_date": "2021-03-01",
                "end_date": "2024-02-29",
                "results": "Weekly releases without rollbacks",
                "skills": ["Kubernetes"],
            }
        ],
        **extra,
    }


def test_it_creates_a_candidate_with_skills_and_engagements_and_reads_it_back(owner, api_as):
    SkillFactory(name="Kubernetes", aliases="k8s")
    api = api_as(owner)
    response = api.post(URL, new_candidate())
    assert response.status_code == 201, response.content
    created = response.json()
    assert api.get(f"{URL}/{created['id']}").json() == created
    assert {(s["skill"], s["years"]) for s in created["skills"]} == {
        ("Kubernetes", "6.0"),
        ("Terraform", "3.0"),
    }
    (engagement,) = created["engagements"]
    assert (engagement["employer"], engagement["skills"]) == ("Northwind Rail", ["Kubernetes"])
    assert Candidate.objects.get().owner == owner


def test_a_bad_engagement_writes_nothing_and_names_its_row(owner, api_as):
    body = new_candidate()
    body["engagements"][0]["end_date"] = "2020-01-01"
    problem = problem_of(api_as(owner).post(URL, body), 422)
    assert fields_of(problem) == {"engagements.0": "The end date cannot be before the start date."}
    assert not Candidate.objects.exists()


def test_candidates_are_firm_wide_to_read_but_only_their_side_changes_them(
    owner, outsider, manager, api_as
):
    candidate = CandidateFactory(owner=owner)
    api = api_as(outsider)
    assert api.get(f"{URL}/{candidate.pk}").status_code == 200
    problem_of(api.patch(f"{URL}/{candidate.pk}", {"version": 1, "headline": "Mine"}), 403)
    problem_of(api.post(f"{URL}/{candidate.pk}/skills", {"skill": "Go", "years": 1}), 403)
    response = api_as(manager).patch(f"{URL}/{candidate.pk}", {"version": 1, "headline": "SRE"})
    assert response.status_code == 200 and response.json()["headline"] == "SRE"
    assert response.json()["first_name"] == candidate.first_name


def test_a_stale_candidate_version_is_a_409(owner, api_as):
    candidate = CandidateFactory(owner=owner)
    api = api_as(owner)
    assert api.patch(f"{URL}/{candidate.pk}", {"version": 1, "phone": "1"}).status_code == 200
    problem = problem_of(api.patch(f"{URL}/{candidate.pk}", {"version": 1, "phone": "2"}), 409)
    assert problem["changed_since"] and "phone" in problem["changed_since"][0]


def test_skills_and_engagements_are_added_to_a_candidate(owner, api_as):
    candidate = CandidateFactory(owner=owner)
    api = api_as(owner)
    skill = api.post(f"{URL}/{candidate.pk}/skills", {"skill": "Go", "years": "2.5"})
    assert skill.status_code == 201 and skill.json()["years"] == "2.5"
    again = api.post(f"{URL}/{candidate.pk}/skills", {"skill": "go", "years": 4})
    assert again.json()["id"] == skill.json()["id"] and again.json()["years"] == "4.0"
    engagement = api.post(
        f"{URL}/{candidate.pk}/engagements",
        {"employer": "Acme", "start_date": "2020-01-01", "skills": ["Go"]},
    )
    assert engagement.status_code == 201 and engagement.json()["skills"] == ["Go"]
    read = api.get(f"{URL}/{candidate.pk}").json()
    assert [s["skill"] for s in read["skills"]] == ["Go"] and len(read["engagements"]) == 1


def test_an_unknown_candidate_is_a_404(owner, api_as):
    problem_of(api_as(owner).get(f"{URL}/999999"), 404)


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_costs_the_same_queries_however_many_rows(
    owner, api_as, django_assert_num_queries, rows
):
    for _ in range(rows):
        candidate = CandidateFactory(owner=owner)
        CandidateSkillFactory(candidate=candidate)
        engagement = EngagementFactory(candidate=candidate)
        engagement.skills.add(SkillFactory())
    api = api_as(owner)
    api.get(URL)
    # Token, candidates, their skills, engagements, the engagements' skills.
    with django_assert_num_queries(5):
        response = api.get(URL, {"limit": 50})
    assert len(response.json()["results"]) == rows
