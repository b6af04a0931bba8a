import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from candidates.models import Engagement, Skill
from candidates.services import (
    candidate_create,
    candidate_skill_set,
    engagement_create,
    skill_create,
    skill_get_or_create,
    skill_update,
)
from tests.factories import CandidateFactory, SkillFactory, SubmittalFactory


def test_skill_names_are_unique_whatever_the_case(db):
    skill_create(name="Terraform")
    with pytest.raises(ValidationError, match="already names the skill Terraform"):
        skill_create(name="TERRAFORM")


def test_the_database_refuses_a_skill_name_differing_only_in_case(db):
    SkillFactory(name="Terraform")
    with pytest.raises(IntegrityError), transaction.atomic():
        Skill.objects.create(name="terraform", lookup_keys="|terraform-2|")


def test_an_alias_cannot_name_two_skills(db):
    skill_create(name="JavaScript", aliases="JS")
    with pytest.raises(ValidationError, match="“js” already names the skill JavaScript"):
        skill_create(name="JScript", aliases="js")


def test_renaming_a_skill_keeps_its_aliases_resolving(db):
    skill = skill_create(name="Amazon Web Services", aliases="AWS")
    skill_update(skill=skill, name="AWS Cloud", aliases="AWS, amazon")
    assert skill_get_or_create(text="amazon") == skill
    assert skill_get_or_create(text="Amazon Web Services").pk != skill.pk  # old name released


def test_an_unknown_skill_is_added_on_the_fly(db):
    skill = skill_get_or_create(text="  Dagster ")
    assert skill.name == "Dagster"
    assert skill_get_or_create(text="dagster") == skill


def test_an_engagement_cannot_end_before_it_starts(owner):
    candidate = candidate_create(owner=owner, first_name="Ana", last_name="Silva")
    with pytest.raises(ValidationError, match="The end date cannot be before the start date"):
        engagement_create(
            candidate=candidate,
            employer="Acme",
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 4, 30),
        )
    assert not Engagement.objects.exists()


def test_the_database_also_refuses_an_engagement_ending_before_it_starts(owner):
    candidate = CandidateFactory(owner=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Engagement.objects.create(
            candidate=candidate,
            employer="Acme",
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 4, 30),
        )


def test_a_current_engagement_has_no_end_date(owner):
    candidate = CandidateFactory(owner=owner)
    kube = SkillFactory(name="Kubernetes")
    engagement = engagement_create(
        candidate=candidate, employer="Acme", start_date=datetime.date(2025, 1, 1), skills=[kube]
    )
    assert engagement.end_date is None
    assert list(engagement.skills.all()) == [kube]


def test_setting_a_skill_twice_corrects_the_years_instead_of_duplicating(owner):
    candidate = CandidateFactory(owner=owner)
    skill = SkillFactory(name="Python")
    candidate_skill_set(candidate=candidate, skill=skill, years=3)
    candidate_skill_set(candidate=candidate, skill=skill, years=4.5)
    assert [(s.skill.name, float(s.years)) for s in candidate.skills.all()] == [("Python", 4.5)]


@pytest.mark.parametrize("years", [-1, 61])
def test_skill_years_must_be_plausible(owner, years):
    candidate = CandidateFactory(owner=owner)
    with pytest.raises(ValidationError):
        candidate_skill_set(candidate=candidate, skill=SkillFactory(), years=years)


def test_a_candidate_with_a_submittal_cannot_be_deleted(db):
    submittal = SubmittalFactory()
    with pytest.raises(ProtectedError):
        submittal.candidate.delete()
