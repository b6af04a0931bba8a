import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.models import Skill, SkillFamily
from candidates.services import skill_create, skillfamily_create
from skills.services import skill_merge
from tests.factories import CandidateSkillFactory

LIST = reverse("skills:list")


@pytest.fixture
def kafka(db):
    return skill_create(name="Kafka")


def test_everyone_signed_in_browses_the_list(client, outsider, kafka):
    client.force_login(outsider)
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Kafka" in response.text
    assert reverse("skills:edit", args=[kafka.pk]) not in response.text  # no manager actions


def test_a_salesperson_gets_403_on_every_manager_action(client, owner, kafka):
    client.force_login(owner)
    posts = [
        reverse("skills:create"),
        reverse("skills:edit", args=[kafka.pk]),
        reverse("skills:alias_add", args=[kafka.pk]),
        reverse("skills:alias_remove", args=[kafka.pk]),
        reverse("skills:merge", args=[kafka.pk]),
        reverse("skills:family_create"),
    ]
    for url in posts:
        assert client.post(url, {"name": "X", "alias": "x", "into": "Kafka"}).status_code == 403
    assert client.get(reverse("skills:edit", args=[kafka.pk])).status_code == 403


def test_a_manager_of_another_team_curates_too_skills_are_firm_wide(client, outside_manager, kafka):
    client.force_login(outside_manager)
    url = reverse("skills:alias_add", args=[kafka.pk])
    response = client.post(url, {"alias": "Apache Kafka", "version": kafka.version})
    assert response.status_code == 302
    kafka.refresh_from_db()
    assert kafka.aliases == "Apache Kafka"


def test_a_near_duplicate_asks_did_you_mean_then_takes_a_confirmation(client, manager, kafka):
    client.force_login(manager)
    response = client.post(reverse("skills:create"), {"name": "Apache Kafka"})
    assert response.status_code == 422
    assert "Did you mean Kafka?" in response.text
    assert 'name="confirm_new"' in response.text
    assert not Skill.objects.filter(name="Apache Kafka").exists()
    response = client.post(reverse("skills:create"), {"name": "Apache Kafka", "confirm_new": "on"})
    assert response.status_code == 302
    assert Skill.objects.filter(name="Apache Kafka").exists()


def test_a_stale_rename_is_a_409_that_keeps_the_typed_name(client, manager, kafka):
    client.force_login(manager)
    url = reverse("skills:edit", args=[kafka.pk])
    opened = kafka.version
    assert (
        client.post(url, {"name": "Kafka", "aliases": "ak", "version": opened}).status_code == 302
    )
    response = client.post(url, {"name": "Kafka Streams", "aliases": "", "version": opened})
    assert response.status_code == 409
    assert 'value="Kafka Streams"' in response.text
    assert f'name="version" value="{opened + 1}"' in response.text


def test_merge_and_undo_from_the_pages(client, manager, kafka):
    other = skill_create(name="Apache Kafka Platform")
    row = CandidateSkillFactory(skill=other)
    client.force_login(manager)
    response = client.post(reverse("skills:merge", args=[other.pk]), {"into": "kafka"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.skill == kafka
    page = client.get(LIST).text
    assert "Apache Kafka Platform into Kafka" in page
    merge = other.merges_out.get()
    assert client.post(reverse("skills:merge_undo", args=[merge.pk])).status_code == 302
    row.refresh_from_db()
    assert row.skill == other


def test_merging_into_itself_shows_the_reason(client, manager, kafka):
    client.force_login(manager)
    response = client.post(reverse("skills:merge", args=[kafka.pk]), {"into": "Kafka"})
    assert response.status_code == 422
    assert "Kafka cannot be merged into itself." in response.text


def test_a_family_groups_skills(client, manager, kafka):
    skill_create(name="RabbitMQ")
    client.force_login(manager)
    response = client.post(
        reverse("skills:family_create"), {"name": "Messaging", "members": "kafka, RabbitMQ"}
    )
    assert response.status_code == 302
    family = SkillFamily.objects.get(name="Messaging")
    assert {s.name for s in family.skills.all()} == {"Kafka", "RabbitMQ"}
    url = reverse("skills:family_edit", args=[family.pk])
    data = {"name": "Messaging", "members": "Kafka", "version": family.version}
    assert client.post(url, data).status_code == 302
    assert [s.name for s in family.skills.all()] == ["Kafka"]


@pytest.mark.parametrize("n", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(client, manager, n, django_assert_num_queries, db):
    family = skillfamily_create(name="Family")
    for i in range(n):
        skill = skill_create(name=f"Skill {i:02}", family=family)
    other = skill_create(name="Other")
    skill_merge(source=other, target=skill, by=manager)
    client.force_login(manager)
    # session, user with team, count, families, the page of skills
    # with their families, the new skill form's family choices, the recent merges
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(8):
        assert client.get(LIST).status_code == 200


NASTY = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Zs", "So"])),
    st.sampled_from(["x" * 10_000, "<b onmouseover=alert(1)>hi</b>", "a|b", "\x00", "-1", "", ","]),
)
FIELDS = ["name", "aliases", "family", "version", "confirm_new", "alias", "into", "members"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.dictionaries(st.sampled_from(FIELDS), NASTY), which=st.integers(0, 5))
def test_any_input_is_saved_or_refused_with_a_message_never_a_500(client, manager, data, which):
    kafka = Skill.objects.filter(name="Kafka").first() or skill_create(name="Kafka")
    url = [
        reverse("skills:create"),
        reverse("skills:edit", args=[kafka.pk]),
        reverse("skills:alias_add", args=[kafka.pk]),
        reverse("skills:alias_remove", args=[kafka.pk]),
        reverse("skills:merge", args=[kafka.pk]),
        reverse("skills:family_create"),
    ][which]
    client.force_login(manager)
    response = client.post(url, data)
    assert response.status_code in (302, 409, 422), response.status_code
    if response.status_code != 302:
        assert "invalid-feedback" in response.text or "alert" in response.text


def test_a_stale_family_edit_is_refused_and_keeps_what_was_typed(client, manager, kafka):
    family = skillfamily_create(name="Messaging")
    url = reverse("skills:family_edit", args=[family.pk])
    client.force_login(manager)
    opened = client.get(url)
    assert 'name="version" value="1"' in opened.text
    # A co-worker renames it first.
    assert client.post(url, {"name": "Streaming", "members": "", "version": "1"}).status_code == 302
    response = client.post(url, {"name": "Queues", "members": "Kafka", "version": "1"})
    assert response.status_code == 409
    assert "Someone else changed this family" in response.text
    assert 'value="Queues"' in response.text  # what was typed is kept
    family.refresh_from_db()
    assert family.name == "Streaming"
    assert not family.skills.exists()  # nothing of the stale save, members included
    assert 'name="version" value="2"' in response.text  # saving again keeps it
    again = client.post(url, {"name": "Queues", "members": "Kafka", "version": "2"})
    assert again.status_code == 302
    assert [s.name for s in family.skills.all()] == ["Kafka"]
