from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from callplans.models import ObjectionTemplate
from candidates.models import CandidateSkill, Skill
from candidates.selectors import skill_resolve
from candidates.services import (
    NearDuplicate,
    skill_alias_add,
    skill_create,
    skill_taxonomy_load,
    skill_update,
)
from candidates.taxonomy import taxonomy_rows
from core.locking import StaleEdit
from joborders.models import Requirement
from skills.services import skill_merge, skill_merge_undo
from tests.factories import (
    CandidateFactory,
    CandidateSkillFactory,
    EngagementFactory,
    ObjectionTemplateFactory,
    RequirementFactory,
)


@pytest.fixture
def kafka(db):
    return skill_create(name="Kafka", aliases="kafka streams")


@pytest.fixture
def apache_kafka(db):
    return skill_create(name="Apache Kafka Platform", aliases="akp")


@pytest.fixture
def world(kafka, apache_kafka, team):
    """Records on both skills: one candidate has both (2 y on the survivor, 5 y on the other)."""
    both = CandidateFactory()
    only_source = CandidateFactory()
    kept = CandidateSkillFactory(candidate=both, skill=kafka, years=2, last_used_year=2020)
    doubled = CandidateSkillFactory(
        candidate=both, skill=apache_kafka, years=5, last_used_year=2024
    )
    moved = CandidateSkillFactory(candidate=only_source, skill=apache_kafka, years=1)
    requirement = RequirementFactory(kind=Requirement.Kind.SKILL, skill=apache_kafka)
    template = ObjectionTemplateFactory(team=team, skill=apache_kafka)
    engagement = EngagementFactory(candidate=only_source)
    engagement.skills.set([apache_kafka])
    shared = EngagementFactory(candidate=both)
    shared.skills.set([apache_kafka, kafka])
    return locals()


def test_a_merge_moves_every_record_to_the_survivor(world, manager):
    kafka, source = world["kafka"], world["apache_kafka"]
    merge = skill_merge(source=source, target=kafka, by=manager)
    assert CandidateSkill.objects.filter(skill=source).count() == 0
    assert CandidateSkill.objects.get(pk=world["moved"].pk).skill == kafka
    assert Requirement.objects.get(pk=world["requirement"].pk).skill == kafka
    assert ObjectionTemplate.objects.get(pk=world["template"].pk).skill == kafka
    assert list(world["engagement"].skills.all()) == [kafka]
    assert list(world["shared"].skills.all()) == [kafka]
    assert merge.moved["requirements"] == [world["requirement"].pk]


def test_a_candidate_with_both_skills_keeps_the_larger_years(world, manager):
    skill_merge(source=world["apache_kafka"], target=world["kafka"], by=manager)
    rows = CandidateSkill.objects.filter(candidate=world["both"])
    assert [(r.skill.name, r.years, r.last_used_year) for r in rows] == [
        ("Kafka", Decimal("5.0"), 2024)
    ]


def test_the_merged_skills_names_now_find_the_survivor(world, manager):
    skill_merge(source=world["apache_kafka"], target=world["kafka"], by=manager)
    assert skill_resolve("Apache Kafka Platform") == world["kafka"]
    assert skill_resolve("akp") == world["kafka"]


def test_a_merge_keeps_history(world, manager):
    skill_merge(source=world["apache_kafka"], target=world["kafka"], by=manager)
    moved = world["moved"]
    assert moved.history.count() == 2  # created, then moved
    assert moved.history.first().skill_id == world["kafka"].pk
    assert CandidateSkill.history.filter(id=world["doubled"].pk, history_type="-").exists()
    assert world["requirement"].history.first().skill_id == world["kafka"].pk


def test_undo_restores_exactly_what_the_merge_moved(world, manager):
    kafka, source = world["kafka"], world["apache_kafka"]
    merge = skill_merge(source=source, target=kafka, by=manager)
    skill_merge_undo(merge=merge, by=manager)
    assert CandidateSkill.objects.get(pk=world["moved"].pk).skill == source
    kept = CandidateSkill.objects.get(pk=world["kept"].pk)
    assert (kept.skill, kept.years, kept.last_used_year) == (kafka, Decimal("2.0"), 2020)
    doubled = CandidateSkill.objects.get(pk=world["doubled"].pk)
    assert (doubled.skill, doubled.years, doubled.last_used_year) == (source, Decimal("5.0"), 2024)
    assert Requirement.objects.get(pk=world["requirement"].pk).skill == source
    assert ObjectionTemplate.objects.get(pk=world["template"].pk).skill == source
    assert list(world["engagement"].skills.all()) == [source]
    assert set(world["shared"].skills.all()) == {source, kafka}
    source.refresh_from_db()
    kafka.refresh_from_db()
    assert (source.merged_into, source.aliases) == (None, "akp")
    assert kafka.aliases == "kafka streams"
    assert skill_resolve("akp") == source
    merge.refresh_from_db()
    assert merge.undone_by == manager


def test_a_merge_can_be_undone_once(world, manager):
    merge = skill_merge(source=world["apache_kafka"], target=world["kafka"], by=manager)
    skill_merge_undo(merge=merge, by=manager)
    with pytest.raises(ValidationError, match="already undone"):
        skill_merge_undo(merge=merge, by=manager)


def test_merging_a_skill_into_itself_is_refused_naming_it(kafka, manager):
    with pytest.raises(ValidationError, match="Kafka cannot be merged into itself"):
        skill_merge(source=kafka, target=kafka, by=manager)


def test_merging_into_a_merged_skill_names_the_survivor(world, manager, db):
    skill_merge(source=world["apache_kafka"], target=world["kafka"], by=manager)
    other = skill_create(name="Kinesis")
    with pytest.raises(ValidationError, match="merge into Kafka"):
        skill_merge(source=other, target=world["apache_kafka"], by=manager)


def test_salespeople_cannot_merge(world, owner):
    with pytest.raises(PermissionDenied):
        skill_merge(source=world["apache_kafka"], target=world["kafka"], by=owner)


def test_an_alias_another_skill_owns_is_refused_naming_that_skill(kafka, db):
    go = skill_create(name="Go", aliases="golang")
    with pytest.raises(ValidationError, match="“golang” already names the skill Go"):
        skill_alias_add(skill=kafka, alias="Golang")
    assert go.aliases == "golang"


def test_a_stale_skill_edit_is_refused(kafka):
    opened = kafka.version
    skill_update(skill=kafka, name="Kafka", aliases="", version=opened)
    with pytest.raises(StaleEdit):
        skill_update(skill=kafka, name="Apache Kafka", aliases="", version=opened)
    kafka.refresh_from_db()
    assert kafka.name == "Kafka"


def test_a_near_duplicate_needs_confirming(kafka):
    with pytest.raises(NearDuplicate, match="Did you mean Kafka?"):
        skill_create(name="Apache Kafka", confirmed=False)
    assert skill_create(name="Apache Kafka", confirmed=True).pk


def test_the_taxonomy_loads_once_and_again_changes_nothing(db):
    first = skill_taxonomy_load()
    assert first["skills"] == len(taxonomy_rows()) >= 200
    assert skill_taxonomy_load() == {"families": 0, "skills": 0, "regrouped": 0}
    assert Skill.objects.count() == len(taxonomy_rows())
    assert skill_resolve("k8s").name == "Kubernetes"
    terraform = skill_resolve("Terraform")
    assert terraform.family.name == "Infrastructure as code"
    assert {s.name for s in terraform.family.skills.all()} >= {
        "Terraform",
        "CloudFormation",
        "Pulumi",
        "Bicep",
    }


def test_the_taxonomy_keeps_a_skill_already_there(db):
    docker = skill_create(name="docker", aliases="moby")
    skill_taxonomy_load()
    docker.refresh_from_db()
    assert (docker.name, docker.aliases, docker.family.name) == ("docker", "moby", "Containers")
