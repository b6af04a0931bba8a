"""A person's time zone: theirs, else their team's; every page and form input uses it."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from joborders.models import Submittal
from tests.factories import (
    CandidateFactory,
    JobOrderFactory,
    SubmittalFactory,
    TeamFactory,
    UserFactory,
)

URL = reverse("my_settings")
INTERVIEW = datetime.datetime(2027, 3, 4, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture
def job(team, owner):
    return JobOrderFactory(owner=owner, team=team)


def test_a_team_starts_in_the_firms_zone_and_a_person_follows_their_team(db, settings):
    team = TeamFactory(time_zone="Europe/Berlin")
    member = UserFactory(team=team)
    assert member.time_zone == ""
    assert member.time_zone_name == "Europe/Berlin"
    assert TeamFactory().time_zone == settings.TIME_ZONE
    member.time_zone = "Asia/Tokyo"
    assert member.time_zone_name == "Asia/Tokyo"


def test_people_in_new_york_and_berlin_see_the_same_interview_at_their_local_times(
    client, team, owner, teammate, job
):
    SubmittalFactory(
        job_order=job,
        candidate=CandidateFactory(first_name="Alex", last_name="Kim"),
        status=Submittal.Status.INTERVIEW_SCHEDULED,
        interview_at=INTERVIEW,
    )
    User.objects.filter(pk=owner.pk).update(time_zone="America/New_York")
    User.objects.filter(pk=teammate.pk).update(time_zone="Europe/Berlin")
    url = reverse("joborders:detail", args=[job.pk])
    client.force_login(owner)
    new_york = client.get(url).content.decode()
    client.force_login(teammate)
    berlin = client.get(url).content.decode()
    assert "Thu 4 Mar 2027, 10:00" in new_york and "16:00" not in new_york
    assert "Thu 4 Mar 2027, 16:00" in berlin and "10:00" not in berlin


def test_a_time_typed_in_a_form_is_in_the_persons_zone(client, owner, job):
    User.objects.filter(pk=owner.pk).update(time_zone="Europe/Berlin")
    submittal = SubmittalFactory(job_order=job)
    client.force_login(owner)
    response = client.post(
        reverse("joborders:submittal_stage", args=[job.pk, submittal.pk]),
        {"status": "interview_scheduled", "interview_at": "2027-03-04T16:00"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    submittal.refresh_from_db()
    assert submittal.interview_at == INTERVIEW  # 16:00 in Berlin is 15:00 UTC
    assert "Thu 4 Mar 2027, 16:00" in response.content.decode()


def test_the_team_zone_applies_until_a_person_picks_their_own(client, team, owner, job):
    team.time_zone = "Asia/Tokyo"
    team.save()
    SubmittalFactory(
        job_order=job, status=Submittal.Status.INTERVIEW_SCHEDULED, interview_at=INTERVIEW
    )
    client.force_login(owner)
    body = client.get(reverse("joborders:detail", args=[job.pk])).content.decode()
    assert "Fri 5 Mar 2027, 00:00" in body


def test_a_person_picks_their_zone_on_their_settings_page(client, owner):
    client.force_login(owner)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Your time zone" in page.content.decode()
    response = client.post(URL, {"time_zone": "America/New_York"}, follow=True)
    assert "Saved. Times now show in America/New_York." in response.content.decode()
    owner.refresh_from_db()
    assert owner.time_zone == "America/New_York"
    client.post(URL, {"time_zone": ""})
    owner.refresh_from_db()
    assert owner.time_zone == ""


@pytest.mark.parametrize("value", ["Mars/Olympus", "Europe/Berlin\u0000", "x" * 300, "../etc"])
def test_an_unknown_zone_is_refused_with_a_message_and_nothing_saved(client, owner, value):
    client.force_login(owner)
    response = client.post(URL, {"time_zone": value})
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    owner.refresh_from_db()
    assert owner.time_zone == ""


def test_the_settings_page_is_linked_from_the_navigation(client, owner):
    client.force_login(owner)
    body = client.get(reverse("dashboard")).content.decode()
    assert f'href="{URL}"' in body


def test_the_settings_page_costs_the_same_queries_whatever_the_zone(
    client, owner, django_assert_num_queries
):
    client.force_login(owner)
    client.get(URL)
    with django_assert_num_queries(3):  # session, user with team, the unread count
        client.get(URL)
