"""Dates that add up: each rule of joborders/dates.py, in the services and on the pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from joborders.dates import SubmittalDates, day_text, first_problem
from joborders.models import JobOrder, Submittal, SubmittalEvent
from joborders.services import (
    joborder_create,
    joborder_update,
    submittal_change_status,
    submittal_create,
    submittal_save_row,
    submittal_set_dates,
)
from tests.factories import CandidateFactory, ClientFactory, JobOrderFactory
from tests.joborders.test_views_form import edit_url, main_form

UTC = datetime.UTC
HTMX = {"HX-Request": "true"}


def on(n, month=11):
    return datetime.date(2026, month, n)


def at(n, month=11, hour=10):
    return datetime.datetime(2026, month, n, hour, tzinfo=UTC)


def messages_of(error: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return error.value.message_dict


@pytest.fixture
def job(owner):
    return JobOrderFactory(owner=owner, received_on=on(10))


def submit(job, owner, when=None):
    return submittal_create(
        job_order=job, candidate=CandidateFactory(), submitted_by=owner, submitted_at=when
    )


# --- the rules, pure ------------------------------------------------------------------------


def test_a_day_in_a_message_is_written_as_every_page_writes_it():
    assert day_text(on(3)) == "Tue 3 Nov 2026"
    assert day_text(on(30, month=12)) == "Wed 30 Dec 2026"


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            SubmittalDates(received=on(10), submitted=on(3)),
            "Submitted Tue 3 Nov 2026 is before the job order was received on Tue 10 Nov 2026.",
        ),
        (
            SubmittalDates(received=on(1), submitted=on(10), interview=on(8)),
            "Interview Sun 8 Nov 2026 is before the candidate was submitted on Tue 10 Nov 2026.",
        ),
        (
            SubmittalDates(received=on(1), submitted=on(2), interview=on(12), offer=on(9)),
            "Offer Mon 9 Nov 2026 is before the first interview on Thu 12 Nov 2026.",
        ),
        (
            SubmittalDates(received=on(1), submitted=on(5), offer=on(4)),
            "Offer Wed 4 Nov 2026 is before the candidate was submitted on Thu 5 Nov 2026.",
        ),
        (
            SubmittalDates(received=on(1), submitted=on(2), offer=on(20), start=on(18)),
            "Start Wed 18 Nov 2026 is before the offer on Fri 20 Nov 2026.",
        ),
    ],
)
def test_each_rule_names_both_dates(dates, message):
    assert first_problem(dates).message == message


def test_dates_in_order_or_not_known_yet_break_no_rule():
    assert first_problem(SubmittalDates()) is None
    assert first_problem(SubmittalDates(received=on(1), submitted=on(1))) is None
    same_day = SubmittalDates(received=on(1), submitted=on(1), interview=on(1), offer=on(1))
    assert first_problem(same_day) is None
    assert first_problem(SubmittalDates(received=on(9), start=on(1))) is None


def test_the_first_rule_broken_is_the_one_reported():
    dates = SubmittalDates(received=on(10), submitted=on(3), interview=on(1))
    assert first_problem(dates).later_label == "Submitted"


# --- the job order's date received ----------------------------------------------------------


def test_a_new_job_order_is_received_today_unless_told(owner):
    client = ClientFactory(owner=owner)
    job = joborder_create(owner=owner, client=client, title="SRE")
    assert job.received_on == timezone.localdate()
    earlier = joborder_create(owner=owner, client=client, title="SRE 2", received_on=on(2))
    assert earlier.received_on == on(2)


def test_a_job_order_cannot_be_received_in_the_future(owner):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        joborder_create(
            owner=owner, client=ClientFactory(owner=owner), title="SRE", received_on=tomorrow
        )
    assert "is in the future" in messages_of(error)["received_on"][0]
    assert not JobOrder.objects.filter(title="SRE").exists()


def test_a_job_order_cannot_be_received_after_its_first_submittal(owner, job):
    submittal = submit(job, owner, at(12))
    with pytest.raises(ValidationError) as error:
        joborder_update(
            job_order=job,
            version=job.version,
            title=job.title,
            client=job.client,
            received_on=on(15),
        )
    assert messages_of(error)["received_on"] == [
        f"Received Sun 15 Nov 2026 is after {submittal.candidate} was submitted on Thu 12 Nov 2026: a job order "
        "is received before anyone is submitted to it."
    ]
    job.refresh_from_db()
    assert job.received_on == on(10)


def test_an_edit_that_leaves_out_the_date_received_keeps_it(owner, job):
    joborder_update(job_order=job, version=job.version, title="Renamed", client=job.client)
    job.refresh_from_db()
    assert (job.title, job.received_on) == ("Renamed", on(10))


# --- the submittal's dates -------------------------------------------------------------------


def test_a_submittal_before_the_job_order_was_received_is_refused(owner, job):
    with pytest.raises(ValidationError) as error:
        submit(job, owner, at(3))
    assert messages_of(error) == {
        "submitted_on": [
            "Submitted Tue 3 Nov 2026 is before the job order was received on Tue 10 Nov 2026."
        ]
    }
    assert not Submittal.objects.exists()


def test_a_submittal_in_the_future_is_refused(owner, job):
    with pytest.raises(ValidationError) as error:
        submit(job, owner, timezone.now() + datetime.timedelta(days=2))
    assert "is in the future" in messages_of(error)["submitted_on"][0]


def test_an_interview_before_the_submittal_is_refused(owner, job):
    submittal = submit(job, owner, at(12))
    with pytest.raises(ValidationError) as error:
        submittal_change_status(
            submittal=submittal,
            status=Submittal.Status.INTERVIEW_SCHEDULED,
            changed_by=owner,
            interview_at=at(11),
        )
    assert messages_of(error) == {
        "interview_at": [
            "Interview Wed 11 Nov 2026 is before the candidate was submitted on Thu 12 Nov 2026."
        ]
    }
    submittal.refresh_from_db()
    assert (submittal.status, submittal.interview_at) == (Submittal.Status.SUBMITTED, None)


def test_an_offer_before_the_first_interview_is_refused(owner, job):
    submittal = submit(job, owner, at(12))
    submittal_change_status(
        submittal=submittal,
        status=Submittal.Status.INTERVIEW_SCHEDULED,
        changed_by=owner,
        interview_at=at(20),
        changed_at=at(13),
    )
    with pytest.raises(ValidationError) as error:
        submittal_change_status(
            submittal=submittal, status=Submittal.Status.OFFER, changed_by=owner, changed_at=at(18)
        )
    assert messages_of(error) == {
        "status": ["Offer Wed 18 Nov 2026 is before the first interview on Fri 20 Nov 2026."]
    }
    assert not submittal.events.filter(to_status=Submittal.Status.OFFER).exists()


def test_a_start_before_the_offer_is_refused(owner, job):
    submittal = submit(job, owner, at(12))
    submittal_change_status(
        submittal=submittal, status=Submittal.Status.OFFER, changed_by=owner, changed_at=at(20)
    )
    with pytest.raises(ValidationError) as error:
        submittal_set_dates(submittal=submittal, start_on=on(19))
    assert messages_of(error) == {
        "start_on": ["Start Thu 19 Nov 2026 is before the offer on Fri 20 Nov 2026."]
    }
    submittal.refresh_from_db()
    assert submittal.start_on is None
    submittal_set_dates(submittal=submittal, start_on=on(30))
    submittal.refresh_from_db()
    assert submittal.start_on == on(30)


def test_correcting_the_submitted_day_keeps_its_time_and_moves_its_creation_event(owner, job):
    submittal = submit(job, owner, at(14, hour=16))
    submittal_set_dates(submittal=submittal, submitted_on=on(11))
    submittal.refresh_from_db()
    assert submittal.submitted_at == at(11, hour=16)
    created = SubmittalEvent.objects.get(submittal=submittal, from_status="")
    assert created.changed_at == at(11, hour=16)


def test_correcting_the_submitted_day_to_after_the_interview_is_refused(owner, job):
    submittal = submit(job, owner, at(12))
    submittal_change_status(
        submittal=submittal,
        status=Submittal.Status.INTERVIEW_SCHEDULED,
        changed_by=owner,
        interview_at=at(15),
        changed_at=at(13),
    )
    with pytest.raises(ValidationError) as error:
        submittal_set_dates(submittal=submittal, submitted_on=on(16))
    assert messages_of(error) == {
        "interview_at": [
            "Interview Sun 15 Nov 2026 is before the candidate was submitted on Mon 16 Nov 2026."
        ]
    }


def test_the_row_saves_its_dates_and_stage_all_or_nothing(owner, job):
    submittal = submit(job, owner, at(12))
    with pytest.raises(ValidationError):
        submittal_save_row(
            submittal=submittal,
            status=Submittal.Status.INTERVIEW_SCHEDULED,
            changed_by=owner,
            interview_at=at(13),
            submitted_on=on(14),  # fine alone; the interview is then before it
        )
    submittal.refresh_from_db()
    assert submittal.submitted_at == at(12)
    assert submittal.status == Submittal.Status.SUBMITTED


# --- on the pages: the message beside the field, the input kept ---------------------------


def test_the_edit_form_shows_the_date_received_and_refuses_one_in_the_future(client, owner, job):
    client.force_login(owner)
    page = client.get(edit_url(job)).content.decode()
    assert 'name="received_on" value="2026-11-10"' in page
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        edit_url(job), main_form(job, received_on=tomorrow.isoformat(), title="Kept title")
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "is in the future" in body
    assert f'value="{tomorrow.isoformat()}"' in body
    assert 'value="Kept title"' in body


def test_the_edit_form_saves_an_earlier_date_received(client, owner, job):
    client.force_login(owner)
    response = client.post(edit_url(job), main_form(job, received_on="2026-11-02"))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.received_on == on(2)


def test_the_new_job_order_form_defaults_the_date_received_to_today(client, owner):
    client.force_login(owner)
    page = client.get(reverse("joborders:create")).content.decode()
    assert f'name="received_on" value="{timezone.localdate().isoformat()}"' in page


def test_the_pipeline_row_refuses_an_interview_before_the_submittal_and_keeps_it(
    client, owner, job
):
    submittal = submit(job, owner, at(12))
    client.force_login(owner)
    url = reverse("joborders:submittal_stage", args=[job.pk, submittal.pk])
    response = client.post(
        url,
        {"status": "interview_scheduled", "interview_at": "2026-11-11T09:30"},
        headers=HTMX,
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert (
        "Interview Wed 11 Nov 2026 is before the candidate was submitted on Thu 12 Nov 2026."
        in body
    )
    assert 'value="2026-11-11T09:30"' in body


def test_the_pipeline_row_corrects_the_submitted_day_and_sets_a_start_date(client, owner, job):
    submittal = submit(job, owner, at(12))
    submittal_change_status(
        submittal=submittal, status=Submittal.Status.PLACED, changed_by=owner, changed_at=at(20)
    )
    client.force_login(owner)
    url = reverse("joborders:submittal_stage", args=[job.pk, submittal.pk])
    response = client.post(
        url, {"status": "placed", "submitted_on": "2026-11-11", "start_on": "2026-12-01"}
    )
    assert response.status_code == 302
    submittal.refresh_from_db()
    assert submittal.submitted_at == at(11)
    assert submittal.start_on == on(1, month=12)
    # An empty start date posted clears it; a date before the offer is refused, kept.
    response = client.post(url, {"status": "placed", "start_on": "2026-11-15"}, headers=HTMX)
    assert response.status_code == 422
    assert (
        "Start Sun 15 Nov 2026 is before the offer on Fri 20 Nov 2026." in response.content.decode()
    )
    assert 'value="2026-11-15"' in response.content.decode()
    client.post(url, {"status": "placed", "start_on": ""})
    submittal.refresh_from_db()
    assert submittal.start_on is None


def test_the_pipeline_row_refuses_a_submitted_day_before_the_job_was_received(client, owner, job):
    submittal = submit(job, owner, at(12))
    client.force_login(owner)
    url = reverse("joborders:submittal_stage", args=[job.pk, submittal.pk])
    response = client.post(url, {"status": "submitted", "submitted_on": "2026-11-03"}, headers=HTMX)
    assert response.status_code == 422
    body = response.content.decode()
    assert (
        "Submitted Tue 3 Nov 2026 is before the job order was received on Tue 10 Nov 2026." in body
    )
    assert 'value="2026-11-03"' in body
