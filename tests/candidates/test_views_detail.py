import datetime

import pytest
from django.urls import reverse

from tests.candidates.conftest import REFUSED, WRITERS
from tests.factories import (
    CandidateSkillFactory,
    EngagementFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    SkillFactory,
    SubmittalFactory,
)


def _url(candidate):
    return reverse("candidates:detail", args=[candidate.pk])


@pytest.mark.parametrize("role", WRITERS + REFUSED)
def test_everyone_signed_in_reads_the_profile(client, as_user, candidate, role):
    as_user(role)
    response = client.get(_url(candidate))
    assert response.status_code == 200
    assert "<h1" in response.text and "Ana Silva" in response.text


@pytest.mark.parametrize("role", WRITERS)
def test_writers_get_the_edit_controls(client, as_user, candidate, role):
    as_user(role)
    body = client.get(_url(candidate)).text
    assert "Edit candidate" in body
    assert "Add skill" in body
    assert "Add an engagement" in body


@pytest.mark.parametrize("role", REFUSED)
def test_readers_without_rights_get_no_edit_controls(client, as_user, candidate, role):
    CandidateSkillFactory(candidate=candidate, skill=SkillFactory(name="Go"), years=3)
    EngagementFactory(candidate=candidate)
    as_user(role)
    body = client.get(_url(candidate)).text
    assert "Go" in body
    for control in ["Edit candidate", "Add skill", "Add an engagement", "Remove", "Delete"]:
        assert control not in body


def test_the_profile_shows_skills_with_years_and_engagements_with_the_sources_fields(
    client, owner, candidate
):
    kube = SkillFactory(name="Kubernetes")
    CandidateSkillFactory(candidate=candidate, skill=kube, years=4, last_used_year=2025)
    EngagementFactory(
        candidate=candidate,
        employer="First Harbor Bank",
        project_name="Payments platform",
        role="Lead DevOps engineer",
        start_date=datetime.date(2021, 2, 1),
        end_date=None,
        team_size=8,
        challenges_solved="Releases failed one time in three",
        deliverables="Terraform modules",
        results="Release time down from 2 days to 20 minutes",
        skills=[kube],
    )
    client.force_login(owner)
    body = client.get(_url(candidate)).text
    for shown in [
        "Kubernetes",
        "2025",
        "Lead DevOps engineer at First Harbor Bank",
        "Payments platform",
        "Feb 2021 – present",
        "team of 8",
        "What relevant project challenges did the candidate solve?",
        "Releases failed one time in three",
        "What deliverables and work artifacts did the candidate deliver?",
        "Terraform modules",
        "What quantifiable results did the candidate produce?",
        "Release time down from 2 days to 20 minutes",
    ]:
        assert shown in body, shown


def test_engagements_are_listed_most_recent_first(client, owner, candidate):
    EngagementFactory(
        candidate=candidate, employer="Older Co", start_date=datetime.date(2015, 1, 1)
    )
    EngagementFactory(
        candidate=candidate, employer="Newer Co", start_date=datetime.date(2022, 1, 1)
    )
    client.force_login(owner)
    body = client.get(_url(candidate)).text
    assert body.index("Newer Co") < body.index("Older Co")


def test_references_show_their_engagement_and_the_teams_calls(client, owner, outsider, candidate):
    engagement = EngagementFactory(candidate=candidate, employer="First Harbor Bank")
    reference = ReferenceFactory(candidate=candidate, name="Dana Reyes", engagement=engagement)
    ours = ReferenceCallFactory(reference=reference, called_by=owner)
    theirs = ReferenceCallFactory(reference=reference, called_by=outsider)
    client.force_login(owner)
    body = client.get(_url(candidate)).text
    assert "Dana Reyes" in body
    assert "Worked together at First Harbor Bank" in body
    assert "Manager" in body
    assert reverse("references:call_detail", args=[ours.pk]) in body
    assert reverse("references:call_detail", args=[theirs.pk]) not in body
    assert f"{reverse('references:reference_add')}?candidate={candidate.pk}" in body
    assert f"{reverse('references:call_new')}?reference={reference.pk}" in body


def test_submittals_show_only_the_viewers_team_with_stage_and_interview(
    client, owner, outsider, candidate
):
    ours = SubmittalFactory(
        candidate=candidate,
        job_order=JobOrderFactory(owner=owner, title="Platform lead"),
        status="interview_scheduled",
        interview_at=datetime.datetime(2026, 3, 4, 15, 30, tzinfo=datetime.UTC),
    )
    SubmittalFactory(candidate=candidate, job_order=JobOrderFactory(owner=outsider, title="Secret"))
    client.force_login(owner)
    body = client.get(_url(candidate)).text
    assert "Platform lead" in body
    assert reverse("joborders:detail", args=[ours.job_order_id]) in body
    assert "Interview scheduled" in body
    assert "Wed 4 Mar 2026, 15:30" in body
    assert "Secret" not in body


def test_an_unknown_candidate_is_a_404(client, owner):
    client.force_login(owner)
    assert client.get(reverse("candidates:detail", args=[999_999])).status_code == 404


def _fill(candidate, owner, n):
    for _ in range(n):
        skill = SkillFactory()
        CandidateSkillFactory(candidate=candidate, skill=skill)
        engagement = EngagementFactory(candidate=candidate, skills=[skill, SkillFactory()])
        reference = ReferenceFactory(candidate=candidate, engagement=engagement)
        ReferenceCallFactory(reference=reference, called_by=owner)
        ReferenceCallFactory(reference=reference, called_by=owner)
        SubmittalFactory(candidate=candidate, job_order=JobOrderFactory(owner=owner))


@pytest.mark.parametrize("n", [2, 20])
@pytest.mark.parametrize("role", ["owner", "teammate"])
def test_the_profile_runs_a_fixed_number_of_queries(
    client, as_user, candidate, owner, role, n, django_assert_num_queries
):
    _fill(candidate, owner, n)
    as_user(role)
    # session, user with team, candidate, skills, engagements, their skills,
    # references, their calls, submittals
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(10):
        response = client.get(_url(candidate))
    assert response.text.count('class="card mb-3 engagement-card"') == n
