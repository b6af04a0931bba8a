"""A new skill typed on a candidate close to an existing one asks "Did you mean …?" first."""

from django.urls import reverse

from candidates.models import Skill
from candidates.services import skill_create
from tests.candidates.test_views_engagements import VALID
from tests.factories import CandidateFactory

HTMX = {"HX-Request": "true"}


def test_adding_a_near_duplicate_skill_asks_for_a_confirmation(client, owner, db):
    kafka = skill_create(name="Kafka")
    candidate = CandidateFactory(owner=owner)
    client.force_login(owner)
    url = reverse("candidates:skill_add", args=[candidate.pk])
    response = client.post(url, {"skill": "Apache Kafka", "years": "3"}, headers=HTMX)
    assert response.status_code == 422
    assert "Did you mean Kafka?" in response.text
    assert 'name="confirm_new"' in response.text
    assert not candidate.skills.exists()
    data = {"skill": "Apache Kafka", "years": "3", "confirm_new": "on"}
    assert client.post(url, data, headers=HTMX).status_code == 200
    assert candidate.skills.get().skill.name == "Apache Kafka"
    assert kafka.candidate_skills.count() == 0


def test_an_alias_or_another_spelling_of_a_known_skill_needs_no_confirmation(client, owner, db):
    skill_create(name="Kubernetes", aliases="k8s")
    candidate = CandidateFactory(owner=owner)
    client.force_login(owner)
    url = reverse("candidates:skill_add", args=[candidate.pk])
    assert client.post(url, {"skill": "K8S ", "years": "2"}, headers=HTMX).status_code == 200
    assert candidate.skills.get().skill.name == "Kubernetes"


def test_an_engagement_naming_a_near_duplicate_asks_too(client, owner, db):
    skill_create(name="PostgreSQL")
    candidate = CandidateFactory(owner=owner)
    client.force_login(owner)
    url = reverse("candidates:engagement_add", args=[candidate.pk])
    data = {**VALID, "skills_used": "Postgres"}
    response = client.post(url, data, headers=HTMX)
    assert response.status_code == 422
    assert "Did you mean PostgreSQL?" in response.text
    assert not Skill.objects.filter(name="Postgres").exists()
    response = client.post(url, {**data, "confirm_new": "on"}, headers=HTMX)
    assert response.status_code == 200
    assert Skill.objects.filter(name="Postgres").exists()
