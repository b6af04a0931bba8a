"""A skill typed on a job order that is close to a known one asks "Did you mean …?" before a
second skill is created beside it; a name or alias that is the skill resolves at once."""

import pytest
from django.urls import reverse

from candidates.models import Skill
from candidates.services import skill_create
from joborders.models import Requirement
from tests.factories import JobOrderFactory, RequirementFactory

HTMX = {"HX-Request": "true"}


@pytest.fixture
def kafka(db):
    return skill_create(name="Kafka")


def add_skill(client, job, name, **extra):
    url = reverse("joborders:requirement_add", args=[job.pk, "skill"])
    return client.post(
        url, {"skill": name, "min_years": "2", "must_have": "on", **extra}, headers=HTMX
    )


def test_a_near_duplicate_asks_did_you_mean_and_keeps_the_typed_name(client, owner, kafka):
    job = JobOrderFactory(owner=owner)
    client.force_login(owner)
    response = add_skill(client, job, "Apache Kafka")
    body = response.content.decode()
    assert response.status_code in (200, 422)  # htmx swaps the section back with the error
    assert "Did you mean Kafka?" in body
    assert "Yes, add it as a new skill" in body
    assert 'value="Apache Kafka"' in body
    assert not Requirement.objects.filter(job_order=job).exists()
    assert Skill.objects.count() == 1


def test_the_second_confirmation_adds_the_new_skill(client, owner, kafka):
    job = JobOrderFactory(owner=owner)
    client.force_login(owner)
    response = add_skill(client, job, "Apache Kafka", confirm_new="on")
    assert response.status_code == 200
    assert job.requirements.get().skill.name == "Apache Kafka"


def test_the_known_name_in_other_spelling_resolves_without_asking(client, owner, kafka):
    job = JobOrderFactory(owner=owner)
    client.force_login(owner)
    response = add_skill(client, job, "kafka ")
    assert response.status_code == 200
    assert job.requirements.get().skill == kafka
    assert "Yes, add it as a new skill" not in response.content.decode()


def test_renaming_a_row_to_a_near_duplicate_asks_too(client, owner, kafka):
    job = JobOrderFactory(owner=owner)
    row = RequirementFactory(job_order=job, kind="skill", skill=skill_create(name="Spark"))
    client.force_login(owner)
    url = reverse("joborders:requirement_update", args=[job.pk, row.pk])
    response = client.post(url, {"skill": "Apache Kafka", "must_have": "on"}, headers=HTMX)
    assert response.status_code in (200, 422)
    assert "Did you mean Kafka?" in response.content.decode()
    row.refresh_from_db()
    assert row.skill.name == "Spark"
