import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from candidates.models import Candidate, Engagement, Skill
from candidates.selectors import skill_resolve
from candidates.services import (
    candidate_create,
    candidate_skill_add,
    candidate_skill_remove,
    candidate_skill_set,
    candidate_update,
    engagement_create,
    engagement_delete,
    engagement_update,
    skill_create,
    skill_get_or_create,
    skill_update,
)
from tests.factories import (
    CandidateFactory,
    EngagementFactory,
    PlanEvidenceFactory,
    ReferenceFactory,
    SkillFactory,
    SubmittalFactory,
)


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


# ---- Candidate edits with optimistic locking --------------------------------------------------


def _main_fields(candidate, **changes):
    fields = {
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "headline": candidate.headline,
        "email": candidate.email,
        "phone": candidate.phone,
        "location": candidate.location,
        "status": candidate.status,
        "summary": candidate.summary,
    }
    return {**fields, **changes}


def test_saving_a_candidate_bumps_its_version(owner):
    candidate = CandidateFactory(owner=owner, headline="DevOps")
    candidate_update(candidate=candidate, version=1, **_main_fields(candidate, headline="SRE"))
    candidate.refresh_from_db()
    assert (candidate.headline, candidate.version) == ("SRE", 2)


def test_a_stale_version_saves_nothing_and_says_someone_else_changed_it(owner):
    candidate = CandidateFactory(owner=owner, headline="DevOps")
    first_tab = Candidate.objects.get(pk=candidate.pk)
    second_tab = Candidate.objects.get(pk=candidate.pk)
    candidate_update(candidate=first_tab, version=1, **_main_fields(first_tab, headline="SRE"))
    with pytest.raises(ValidationError, match="Someone else changed this candidate") as caught:
        candidate_update(
            candidate=second_tab, version=1, **_main_fields(second_tab, headline="Architect")
        )
    assert caught.value.code == "stale"
    assert second_tab.headline == "DevOps"  # the caller's object is left as it was
    candidate.refresh_from_db()
    assert (candidate.headline, candidate.version) == ("SRE", 2)


def test_an_invalid_candidate_edit_saves_nothing(owner):
    candidate = CandidateFactory(owner=owner)
    with pytest.raises(ValidationError) as caught:
        candidate_update(candidate=candidate, version=1, **_main_fields(candidate, email="nope"))
    assert "email" in caught.value.message_dict
    candidate.refresh_from_db()
    assert candidate.version == 1


# ---- Skills typed by name --------------------------------------------------------------------


def test_adding_a_skill_by_alias_records_the_canonical_skill(owner):
    candidate = CandidateFactory(owner=owner)
    kube = skill_create(name="Kubernetes", aliases="k8s")
    row = candidate_skill_add(candidate=candidate, skill_name="K8S", years=3, last_used_year=2025)
    assert (row.skill, row.years, row.last_used_year) == (kube, Decimal("3"), 2025)


def test_adding_a_skill_the_candidate_has_corrects_its_years(owner):
    candidate = CandidateFactory(owner=owner)
    skill_create(name="Kubernetes", aliases="k8s")
    candidate_skill_add(candidate=candidate, skill_name="Kubernetes", years=2)
    candidate_skill_add(candidate=candidate, skill_name="k8s", years=4)
    assert [(s.skill.name, s.years) for s in candidate.skills.all()] == [
        ("Kubernetes", Decimal("4"))
    ]


def test_adding_an_unknown_skill_creates_it(owner):
    candidate = CandidateFactory(owner=owner)
    candidate_skill_add(candidate=candidate, skill_name="  Dagster  ", years=1)
    assert Skill.objects.get().name == "Dagster"


def test_a_refused_skill_row_does_not_leave_a_new_skill_behind(owner):
    candidate = CandidateFactory(owner=owner)
    with pytest.raises(ValidationError):
        candidate_skill_add(candidate=candidate, skill_name="Dagster", years=70)
    assert not Skill.objects.exists()


def test_a_skill_name_cannot_contain_the_key_separator(db):
    with pytest.raises(ValidationError, match="cannot contain"):
        skill_get_or_create(text="Go|Rust")
    assert skill_resolve("go") is None


def test_removing_a_skill_keeps_the_skill_for_others(owner):
    candidate = CandidateFactory(owner=owner)
    row = candidate_skill_add(candidate=candidate, skill_name="Go", years=2)
    candidate_skill_remove(candidate_skill=row)
    assert not candidate.skills.exists()
    assert Skill.objects.filter(name="Go").exists()


# ---- Engagements ------------------------------------------------------------------------------


def test_an_engagement_lists_skills_typed_by_name_and_alias(owner):
    candidate = CandidateFactory(owner=owner)
    kube = skill_create(name="Kubernetes", aliases="k8s")
    engagement = engagement_create(
        candidate=candidate,
        employer="Acme",
        start_date=datetime.date(2024, 1, 1),
        skill_names=["k8s", "Dagster"],
    )
    assert sorted(s.name for s in engagement.skills.all()) == ["Dagster", "Kubernetes"]
    assert kube in engagement.skills.all()


def test_updating_an_engagement_replaces_its_fields_and_skills(owner):
    engagement = EngagementFactory(candidate=CandidateFactory(owner=owner))
    engagement.skills.set([SkillFactory(name="Java")])
    engagement_update(
        engagement=engagement,
        employer="First Harbor Bank",
        start_date=datetime.date(2023, 3, 1),
        end_date=None,
        results="Release time down from 2 days to 20 minutes",
        skill_names=["Terraform"],
    )
    engagement.refresh_from_db()
    assert engagement.employer == "First Harbor Bank"
    assert engagement.end_date is None
    assert [s.name for s in engagement.skills.all()] == ["Terraform"]


def test_an_engagement_update_ending_before_it_starts_is_refused(owner):
    engagement = EngagementFactory(candidate=CandidateFactory(owner=owner), employer="Acme")
    with pytest.raises(ValidationError, match="end date cannot be before"):
        engagement_update(
            engagement=engagement,
            employer="Changed",
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 4, 1),
            skill_names=["Brand new skill"],
        )
    engagement.refresh_from_db()
    assert engagement.employer == "Acme"
    assert not Skill.objects.filter(name="Brand new skill").exists()


def test_deleting_an_engagement_keeps_its_references(owner):
    engagement = EngagementFactory(candidate=CandidateFactory(owner=owner))
    reference = ReferenceFactory(candidate=engagement.candidate, engagement=engagement)
    engagement_delete(engagement=engagement)
    reference.refresh_from_db()
    assert reference.engagement is None
    assert not Engagement.objects.exists()


def test_an_engagement_cited_as_evidence_in_a_call_plan_cannot_be_deleted(owner):
    evidence = PlanEvidenceFactory()
    with pytest.raises(ValidationError, match="evidence in a call plan"):
        engagement_delete(engagement=evidence.engagement)
    assert Engagement.objects.filter(pk=evidence.engagement.pk).exists()
