"""Interview rounds: scheduled in order through the services, which keep the submittal's
interview date on the current round; the submittal page's forms; the migration's round 1."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from joborders.models import Interview, Submittal
from joborders.services import (
    interview_cancel,
    interview_schedule,
    interview_update,
    submittal_change_status,
    submittal_create,
)
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    FeedbackCallFactory,
    JobOrderFactory,
    SubmittalFactory,
    UserFactory,
)

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def soon(days, hour=10):
    """A whole hour `days` from now, in the current time zone."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def submittal(owner):
    job = JobOrderFactory(owner=owner, received_on=timezone.localdate() - datetime.timedelta(20))
    return submittal_create(
        job_order=job,
        candidate=CandidateFactory(first_name="Alex", last_name="Morgan"),
        submitted_by=owner,
        submitted_at=timezone.now() - 10 * DAY,
    )


def schedule(submittal, owner, starts_at, **extra):
    return interview_schedule(submittal=submittal, starts_at=starts_at, scheduled_by=owner, **extra)


def page_url(submittal):
    return reverse("submittals:detail", args=[submittal.pk])


# --- services -----------------------------------------------------------------------------


def test_rounds_are_numbered_in_order_and_the_interview_date_follows_the_current_round(
    submittal, owner
):
    first = schedule(submittal, owner, soon(-3))
    second = schedule(submittal, owner, soon(2), kind=Interview.Kind.ON_SITE, location="HQ")
    assert (first.round, second.round) == (1, 2)
    assert first.ends_at == first.starts_at + HOUR  # no end typed: an hour
    submittal.refresh_from_db()
    assert submittal.interview_at == second.starts_at
    assert submittal.status == Submittal.Status.INTERVIEW_SCHEDULED

    interview_update(interview=second, starts_at=soon(3), kind=Interview.Kind.VIDEO)
    submittal.refresh_from_db()
    assert submittal.interview_at == soon(3)

    interview_cancel(interview=second)
    submittal.refresh_from_db()
    assert submittal.interview_at == first.starts_at
    assert list(submittal.interviews.values_list("round", flat=True)) == [1]


def test_a_round_before_the_one_before_it_is_refused_naming_both_times(submittal, owner):
    schedule(submittal, owner, soon(2, 14))
    with pytest.raises(ValidationError) as refused:
        schedule(submittal, owner, soon(2, 14) + datetime.timedelta(minutes=30))
    message = refused.value.message_dict["starts_at"][0]
    assert message.startswith("Round 2 on ")
    assert "14:30 is before round 1 ends on " in message and "15:00" in message
    assert submittal.interviews.count() == 1


def test_a_round_before_the_submission_or_ending_before_it_starts_is_refused(submittal, owner):
    with pytest.raises(ValidationError) as refused:
        schedule(submittal, owner, timezone.now() - 15 * DAY)
    assert "is before the candidate was submitted on" in refused.value.message_dict["starts_at"][0]
    with pytest.raises(ValidationError) as refused:
        schedule(submittal, owner, soon(2), ends_at=soon(2) - HOUR)
    assert "not after it starts at" in refused.value.message_dict["ends_at"][0]
    assert not submittal.interviews.exists()


def test_changing_round_one_to_after_round_two_is_refused(submittal, owner):
    first = schedule(submittal, owner, soon(1))
    schedule(submittal, owner, soon(3))
    with pytest.raises(ValidationError) as refused:
        interview_update(interview=first, starts_at=soon(4))
    assert "Round 2 on " in refused.value.message_dict["starts_at"][0]


def test_an_interviewer_from_another_client_is_refused(submittal, owner):
    ours = ClientContactFactory(client=submittal.job_order.client, name="Dana Ruiz")
    theirs = ClientContactFactory(name="Lee Stranger")
    with pytest.raises(ValidationError) as refused:
        schedule(submittal, owner, soon(2), interviewers=[ours, theirs])
    assert refused.value.message_dict["interviewers"] == [
        f"Lee Stranger is not a contact of {submittal.job_order.client}: "
        "the interviewers are the client's people."
    ]
    interview = schedule(submittal, owner, soon(2), interviewers=[ours])
    assert list(interview.interviewers.all()) == [ours]


def test_only_the_last_round_without_its_feedback_call_can_be_cancelled(submittal, owner):
    from callplans.services import callplan_create

    first = schedule(submittal, owner, soon(-2))
    second = schedule(submittal, owner, soon(2))
    with pytest.raises(ValidationError, match="Only the last round can be cancelled"):
        interview_cancel(interview=first)
    plan = callplan_create(submittal=submittal, author=owner)
    FeedbackCallFactory(plan=plan, interview=second)
    with pytest.raises(ValidationError, match="has its feedback call logged"):
        interview_cancel(interview=second)


def test_the_pipeline_date_moves_the_current_round_or_makes_round_one(submittal, owner):
    submittal_change_status(
        submittal=submittal,
        status=Submittal.Status.INTERVIEW_SCHEDULED,
        interview_at=soon(1),
        changed_by=owner,
    )
    only = submittal.interviews.get()
    assert (only.round, only.starts_at, only.ends_at) == (1, soon(1), soon(1) + HOUR)
    schedule(submittal, owner, soon(3), ends_at=soon(3) + 2 * HOUR)
    submittal_change_status(
        submittal=submittal, status=submittal.status, interview_at=soon(4), changed_by=owner
    )
    current = submittal.interviews.get(round=2)
    assert (current.starts_at, current.ends_at) == (soon(4), soon(4) + 2 * HOUR)


def test_a_rejected_candidate_gets_no_new_round(submittal, owner):
    submittal_change_status(submittal=submittal, status="rejected", changed_by=owner)
    with pytest.raises(ValidationError, match="move them back into the pipeline"):
        schedule(submittal, owner, soon(2))


# --- the migration ------------------------------------------------------------------------


def test_the_migration_makes_round_one_from_each_interview_date_and_links_its_calls(db):
    migration = __import__("joborders.migrations.0009_interview_rounds", fromlist=["x"])
    calls = __import__("callplans.migrations.0010_feedbackcall_interview", fromlist=["x"])
    at = timezone.now().replace(microsecond=0) - 2 * DAY
    interviewed = SubmittalFactory(interview_at=at)
    SubmittalFactory(interview_at=None)
    from tests.factories import CallPlanFactory

    plan = CallPlanFactory(submittal=interviewed)
    before = FeedbackCallFactory(plan=plan, called_at=at - DAY)
    after = FeedbackCallFactory(plan=plan, called_at=at + 3 * HOUR)

    migration.round_one_from_interview_at(apps, None)
    calls.link_calls_to_round_one(apps, None)

    round_one = Interview.objects.get()
    assert (round_one.submittal, round_one.round) == (interviewed, 1)
    assert (round_one.starts_at, round_one.ends_at) == (at, at + HOUR)
    before.refresh_from_db()
    after.refresh_from_db()
    assert before.interview is None and after.interview == round_one


# --- the submittal page -------------------------------------------------------------------


def test_the_page_lists_the_rounds_with_kind_time_interviewers_and_link(client, owner, submittal):
    dana = ClientContactFactory(client=submittal.job_order.client, name="Dana Ruiz", title="CTO")
    schedule(submittal, owner, soon(-3), kind=Interview.Kind.PHONE)
    schedule(
        submittal,
        owner,
        soon(2),
        kind=Interview.Kind.ON_SITE,
        interviewers=[dana],
        location="12 Main St, floor 3",
        meeting_url="https://meet.example.com/abc",
    )
    client.force_login(owner)
    body = client.get(page_url(submittal)).content.decode()
    rounds = body[body.index('id="rounds"') : body.index('id="rates"')]
    assert rounds.count('data-testid="round"') == 2
    assert "Round 2" in rounds and "On-site" in rounds and "Phone" in rounds
    assert "With Dana Ruiz (CTO)" in rounds and "At 12 Main St, floor 3" in rounds
    assert 'href="https://meet.example.com/abc"' in rounds
    assert "Schedule round 3" in rounds
    assert "Interview round 2 (on-site) with Dana Ruiz" in body  # the timeline


def test_a_round_posted_without_javascript_is_scheduled_and_the_page_says_so(
    client, owner, submittal
):
    dana = ClientContactFactory(client=submittal.job_order.client, name="Dana Ruiz")
    client.force_login(owner)
    response = client.post(
        reverse("submittals:round_add", args=[submittal.pk]),
        {
            "new-round-kind": "video",
            "new-round-starts_at": soon(2).strftime("%Y-%m-%dT%H:%M"),
            "new-round-ends_at": "",
            "new-round-interviewers": [dana.pk],
            "new-round-meeting_url": "meet.example.com/xyz",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("#rounds")
    assert "Round 1 scheduled." in response.content.decode()
    interview = submittal.interviews.get()
    assert interview.meeting_url == "https://meet.example.com/xyz"
    assert list(interview.interviewers.all()) == [dana]


def test_a_refused_round_comes_back_422_with_the_input_kept(client, owner, submittal):
    schedule(submittal, owner, soon(3))
    client.force_login(owner)
    typed = soon(2).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("submittals:round_add", args=[submittal.pk]),
        {"new-round-kind": "phone", "new-round-starts_at": typed, "new-round-notes": "Ask for Kim"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Round 2 on " in body and "is before round 1 ends on" in body
    assert f'value="{typed}"' in body and "Ask for Kim" in body
    assert submittal.interviews.count() == 1


def test_an_htmx_save_answers_the_rounds_section_and_names_the_round(client, owner, submittal):
    interview = schedule(submittal, owner, soon(2))
    client.force_login(owner)
    form = client.get(page_url(submittal), {"edit_round": 1}, headers={"HX-Request": "true"})
    assert form.status_code == 200
    assert "Change round 1" in form.content.decode()
    assert "<html" not in form.content.decode()
    response = client.post(
        reverse("submittals:round_edit", args=[submittal.pk, 1]),
        {"round-1-kind": "on_site", "round-1-starts_at": soon(4).strftime("%Y-%m-%dT%H:%M")},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert (
        response.content.decode().lstrip().startswith('<section aria-labelledby="rounds-heading"')
    )
    assert '"say": "Round 1 saved."' in response.headers["HX-Trigger-After-Settle"]
    interview.refresh_from_db()
    assert (interview.kind, interview.starts_at) == ("on_site", soon(4))


def test_a_teammate_without_write_rights_sees_the_rounds_but_no_form(client, owner, submittal):
    schedule(submittal, owner, soon(2))
    client.force_login(UserFactory(team=owner.team))
    body = client.get(page_url(submittal)).content.decode()
    assert 'data-testid="round"' in body and "Schedule round" not in body
    htmx = client.get(page_url(submittal), {"edit_round": 1}, headers={"HX-Request": "true"})
    assert htmx.status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_runs_the_same_queries_with_one_or_three_rounds(
    client, owner, submittal, count, django_assert_num_queries
):
    contacts = [ClientContactFactory(client=submittal.job_order.client) for _ in range(3)]
    for n in range(count):
        schedule(submittal, owner, soon(n * 2 - 3), interviewers=contacts[: n + 1])
    client.force_login(owner)
    # session, user, submittal, events, rounds, their interviewers, the client's contacts,
    # the unread count, the action plan's open steps
    with django_assert_num_queries(9):
        assert client.get(page_url(submittal)).status_code == 200


def test_without_javascript_change_opens_the_rounds_form_on_the_page(client, owner, submittal):
    schedule(submittal, owner, soon(2), notes="Bring the portfolio")
    client.force_login(owner)
    body = client.get(page_url(submittal), {"edit_round": "1"}).content.decode()
    form = body[body.index('id="round-1-form"') :]
    assert "Change round 1" in form and "Bring the portfolio" in form
    assert client.get(page_url(submittal), {"edit_round": "7"}).status_code == 200  # no form


def test_the_pipeline_date_before_the_round_before_is_refused_on_its_own_field(submittal, owner):
    schedule(submittal, owner, soon(-3))
    schedule(submittal, owner, soon(2))
    with pytest.raises(ValidationError) as refused:
        submittal_change_status(
            submittal=submittal, status=submittal.status, interview_at=soon(-4), changed_by=owner
        )
    assert "is before round 1 ends on" in refused.value.message_dict["interview_at"][0]


def test_changing_a_round_without_naming_interviewers_keeps_them(submittal, owner):
    dana = ClientContactFactory(client=submittal.job_order.client)
    interview = schedule(submittal, owner, soon(2), interviewers=[dana])
    interview_update(interview=interview, starts_at=soon(3))
    assert list(interview.interviewers.all()) == [dana]
