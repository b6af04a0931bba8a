"""Near matches on whichever database runs the suite: pg_trgm on PostgreSQL, rapidfuzz else."""

import pytest

from candidates.selectors import skill_near_matches
from candidates.services import skill_create, skill_taxonomy_load


@pytest.fixture
def bare(db):
    """Skills with none of the spellings below as an alias: only similarity can find them."""
    skill_create(name="Kafka")
    skill_create(name="Kubernetes", aliases="k8s")
    skill_create(name="PostgreSQL")
    skill_create(name="Go")
    skill_create(name="Google Cloud")


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Apache Kafka", "Kafka"),
        ("kafka ", "Kafka"),
        ("K8s", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
        ("kubernets", "Kubernetes"),
    ],
)
def test_a_typed_name_offers_the_skill_it_means_first(bare, typed, found):
    assert [s.name for s in skill_near_matches(typed)][:1] == [found]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Apache Kafka", "Kafka"),
        ("kafka ", "Kafka"),
        ("K8s", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
    ],
)
def test_the_starter_list_answers_the_same(db, typed, found):
    skill_taxonomy_load()
    assert skill_near_matches(typed)[0].name == found


def test_an_unrelated_name_has_no_near_match(bare):
    assert skill_near_matches("Salesforce") == []


def test_a_short_name_is_not_near_a_longer_one_sharing_its_letters(bare):
    assert "Go" not in [s.name for s in skill_near_matches("Google Cloud Run")]
