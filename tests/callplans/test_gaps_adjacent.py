"""Adjacency: a skill of the required skill's family is a partial match, never the skill."""

from decimal import Decimal

import pytest

from callplans.gaps import GAP, PARTIAL, STRONG, ReferenceEvidence, SkillEvidence, skill_status
from callplans.selectors import gap_view_for
from candidates.services import skill_create, skillfamily_create
from joborders.models import Requirement
from tests.factories import (
    CandidateSkillFactory,
    EngagementFactory,
    JobOrderFactory,
    RequirementFactory,
    SubmittalFactory,
)

CFN = SkillEvidence("CloudFormation", Decimal("4"), 2025)
IAC = "Infrastructure as code"


def test_an_adjacent_skill_turns_a_gap_into_a_partial_match_naming_its_years():
    status, reason = skill_status(
        min_years=Decimal("3"),
        evidence=None,
        used_in_engagements=False,
        references=(),
        adjacent=(CFN,),
        family=IAC,
    )
    assert status == PARTIAL
    assert reason.startswith("4 years of CloudFormation, the same infrastructure as code family.")
    assert "No evidence of the skill itself; needs 3 years." in reason


def test_without_an_adjacent_skill_the_gap_stays():
    status, _ = skill_status(
        min_years=Decimal("3"), evidence=None, used_in_engagements=False, references=()
    )
    assert status == GAP


def test_the_skill_itself_outranks_adjacency():
    status, reason = skill_status(
        min_years=Decimal("3"),
        evidence=SkillEvidence("Terraform", Decimal("5"), 2025),
        used_in_engagements=False,
        references=(),
        adjacent=(CFN,),
        family=IAC,
    )
    assert (status, reason) == (STRONG, "5 years (needs 3 years)")


def test_fewer_years_of_the_skill_itself_keep_their_own_reason():
    status, reason = skill_status(
        min_years=Decimal("3"),
        evidence=SkillEvidence("Terraform", Decimal("1"), 2025),
        used_in_engagements=False,
        references=(),
        adjacent=(CFN,),
        family=IAC,
    )
    assert (status, reason) == (PARTIAL, "1 year, needs 3 years")


def test_a_reference_concern_still_outranks_adjacency():
    concern = ReferenceEvidence(1, "Tom Becker", "CTO", "Acme", "concern", "CloudFormation only")
    status, reason = skill_status(
        min_years=None,
        evidence=None,
        used_in_engagements=False,
        references=(concern,),
        adjacent=(CFN,),
        family=IAC,
    )
    assert status == "concern"
    assert "4 years of CloudFormation" in reason


@pytest.fixture
def iac(db):
    family = skillfamily_create(name=IAC)
    return {
        name: skill_create(name=name, family=family)
        for name in ("Terraform", "CloudFormation", "Pulumi")
    }


@pytest.fixture
def submittal(owner):
    return SubmittalFactory(job_order=JobOrderFactory(owner=owner), submitted_by=owner)


def test_the_gap_view_names_the_candidates_family_skills_as_adjacent(submittal, iac):
    CandidateSkillFactory(candidate=submittal.candidate, skill=iac["CloudFormation"], years=4)
    CandidateSkillFactory(candidate=submittal.candidate, skill=iac["Pulumi"], years=1)
    RequirementFactory(
        job_order=submittal.job_order,
        kind=Requirement.Kind.SKILL,
        skill=iac["Terraform"],
        min_years=3,
    )
    row = gap_view_for(submittal).rows[0]
    assert row.status == PARTIAL
    assert [(a.skill, a.years) for a in row.adjacent] == [
        ("CloudFormation", Decimal("4.0")),
        ("Pulumi", Decimal("1.0")),
    ]
    assert row.skill_evidence is None  # never counted as the skill itself
    assert "4 years of CloudFormation and 1 year of Pulumi" in row.reason


@pytest.mark.parametrize("size", [3, 30])
def test_adjacency_adds_no_query(submittal, iac, size, django_assert_num_queries):
    for i in range(size):
        family = skillfamily_create(name=f"Family {i}")
        required = skill_create(name=f"Wanted {i}", family=family)
        held = skill_create(name=f"Held {i}", family=family)
        CandidateSkillFactory(candidate=submittal.candidate, skill=held, years=2)
        RequirementFactory(
            job_order=submittal.job_order, kind=Requirement.Kind.SKILL, skill=required
        )
    EngagementFactory(candidate=submittal.candidate)
    # As many as without families (they come joined to the skills), on both databases.
    with django_assert_num_queries(4):
        view = gap_view_for(submittal)
    assert all(row.adjacent and row.status == PARTIAL for row in view.rows)
