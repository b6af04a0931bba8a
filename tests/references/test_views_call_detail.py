"""/references/calls/<pk>/: what the reference said, for the team to read."""

import pytest
from django.urls import reverse

from joborders.models import Requirement
from tests.factories import (
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFindingFactory,
    RequirementFactory,
    SkillFactory,
)
from tests.references.conftest import requirement_of


def detail_url(call) -> str:
    return reverse("references:call_detail", args=[call.pk])


@pytest.fixture
def call(owner, job, reference):
    call = ReferenceCallFactory(
        called_by=owner,
        reference=reference,
        job_order=job,
        would_rehire="yes",
        rating=4,
        summary="Would hire again.",
        strengths="Automates everything.",
        concerns="Python is thin.",
    )
    ReferenceFindingFactory(
        call=call,
        requirement=requirement_of(job, "challenge"),
        assessment="strong",
        quote="Fixed our pipeline in a month.",
    )
    ReferenceFindingFactory(
        call=call, requirement=requirement_of(job, "result"), assessment="concern", quote="Slow."
    )
    return call


def test_the_call_page_shows_the_call_and_the_findings_grouped_by_kind(client, teammate, call):
    client.force_login(teammate)
    body = client.get(detail_url(call)).content.decode()
    for text in (
        "Pat Kim",
        "Alex Rivera",
        "Platform engineer",
        "Would hire again.",
        "Automates everything.",
        "Python is thin.",
        "4 / 5",
        "Yes",
    ):
        assert text in body
    assert body.index("Challenges to solve") < body.index("Fixed our pipeline in a month.")
    assert body.index("Quantifiable results") < body.index("Slow.")
    assert f'href="{reverse("joborders:detail", args=[call.job_order_id])}"' in body
    assert f'href="{reverse("candidates:detail", args=[call.reference.candidate_id])}"' in body


def test_requirements_not_talked_about_are_listed_as_not_covered(client, owner, call):
    client.force_login(owner)
    body = client.get(detail_url(call)).content.decode()
    assert body.index("Not covered on this call") < body.index(
        "Terraform modules", body.index("Not covered")
    )


def test_a_quote_without_an_assessment_shows_as_not_assessed_yet(client, owner, call, job):
    ReferenceFindingFactory(
        call=call, requirement=requirement_of(job, "deliverable"), assessment="", quote="Hmm."
    )
    client.force_login(owner)
    assert "Not assessed yet" in client.get(detail_url(call)).content.decode()


@pytest.mark.parametrize(
    ("role", "may_edit"),
    [("owner", True), ("manager", True), ("superuser", True), ("teammate", False)],
)
def test_only_writers_see_the_edit_button(request, client, call, role, may_edit):
    client.force_login(request.getfixturevalue(role))
    body = client.get(detail_url(call)).content.decode()
    assert (reverse("references:call_edit", args=[call.pk]) in body) is may_edit


@pytest.mark.parametrize("role", ["outsider", "outside_manager"])
def test_another_team_does_not_see_the_call(request, client, call, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(detail_url(call)).status_code == 404


def test_the_call_page_only_reads(client, owner, call):
    client.force_login(owner)
    assert client.post(detail_url(call)).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_call_page_runs_the_same_queries_for_few_and_many_findings(
    client, owner, reference, django_assert_num_queries, count
):
    job = JobOrderFactory(owner=owner)
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job)
    for i in range(count):
        kind = [Requirement.Kind.CHALLENGE, Requirement.Kind.RESULT, Requirement.Kind.SKILL][i % 3]
        skill = SkillFactory() if kind == Requirement.Kind.SKILL else None
        requirement = RequirementFactory(job_order=job, kind=kind, skill=skill)
        ReferenceFindingFactory(call=call, requirement=requirement)
    RequirementFactory.create_batch(count, job_order=job)  # not covered on the call
    client.force_login(owner)
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(6):  # session, user with team, call, findings, requirements
        client.get(detail_url(call))
