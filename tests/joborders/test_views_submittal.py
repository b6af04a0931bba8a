"""The submittal's page: its dates and the timeline of every stage change, who and when."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from joborders.margin import margin_of
from joborders.models import JobOrder
from joborders.services import submittal_change_status, submittal_create
from tests.factories import CandidateFactory, JobOrderFactory, UserFactory


def at(n, hour=10):
    return datetime.datetime(2026, 11, n, hour, tzinfo=datetime.UTC)


def url(submittal):
    return reverse("submittals:detail", args=[submittal.pk])


def submittal_with_history(owner, moves=()):
    job = JobOrderFactory(owner=owner, received_on=datetime.date(2026, 11, 1))
    submittal = submittal_create(
        job_order=job, candidate=CandidateFactory(), submitted_by=owner, submitted_at=at(3)
    )
    for n, (status, when) in enumerate(moves):
        submittal_change_status(
            submittal=submittal,
            status=status,
            changed_by=owner,
            changed_at=when,
            interview_at=at(8, hour=15) if n == 0 else None,
        )
    return submittal


def test_the_timeline_shows_every_stage_change_with_who_and_when_oldest_first(client, owner):
    submittal = submittal_with_history(
        owner, [("interview_scheduled", at(4)), ("interviewed", at(8, 17)), ("offer", at(10))]
    )
    client.force_login(owner)
    response = client.get(url(submittal))
    assert response.status_code == 200
    entries = [entry.what for entry in response.context["detail"].timeline]
    assert entries == [
        "Job order received",
        f"Submitted to {submittal.job_order.client}",
        "Submitted → Interview scheduled",
        "Interview",
        "Interview scheduled → Interviewed",
        "Interviewed → Offer",
    ]
    body = response.content.decode()
    assert f"by {owner}" in body
    assert "Tue 10 Nov 2026, 10:00" in body
    assert 'data-testid="dates-problem"' not in body


def test_dates_out_of_order_are_named_with_a_link_to_fix_them(client, owner):
    submittal = submittal_with_history(owner)
    JobOrder.objects.filter(pk=submittal.job_order_id).update(
        received_on=datetime.date(2026, 11, 9)
    )
    client.force_login(owner)
    body = client.get(url(submittal)).content.decode()
    assert (
        "Submitted Tue 3 Nov 2026 is before the job order was received on Mon 9 Nov 2026." in body
    )
    assert f"#submittal-{submittal.pk}" in body


def test_the_pipeline_row_links_to_the_submittal_page(client, owner):
    submittal = submittal_with_history(owner)
    client.force_login(owner)
    body = client.get(reverse("joborders:detail", args=[submittal.job_order_id])).content
    assert url(submittal) in body.decode()


def test_another_teams_submittal_is_a_404(client, owner, outsider):
    submittal = submittal_with_history(owner)
    client.force_login(outsider)
    assert client.get(url(submittal)).status_code == 404


def test_a_teammate_reads_it(client, owner):
    submittal = submittal_with_history(owner)
    client.force_login(UserFactory(team=owner.team))
    assert client.get(url(submittal)).status_code == 200


@pytest.mark.parametrize("moves", [1, 12])
def test_the_page_runs_the_same_queries_whatever_the_history(
    client, owner, moves, django_assert_num_queries
):
    statuses = ["interview_scheduled", "interviewed"]
    submittal = submittal_with_history(
        owner, [(statuses[n % 2], at(4 + n % 20)) for n in range(moves)]
    )
    client.force_login(owner)
    # session, user, submittal (with job, client, candidate, submitter), events (with who)
    # + the unread count in the navigation (reminders) + the action plan's open steps
    with django_assert_num_queries(6):
        assert client.get(url(submittal)).status_code == 200


# --- rates and margin ----------------------------------------------------------------------


def rates_url(submittal):
    return reverse("submittals:rates", args=[submittal.pk])


def test_margin_is_bill_minus_pay_and_its_share_of_the_bill_rate():
    margin = margin_of(pay_rate=Decimal("70"), bill_rate=Decimal("95"))
    assert (margin.per_hour, margin.percent) == (Decimal("25"), Decimal("26.3"))
    assert margin_of(pay_rate=None, bill_rate=Decimal("95")) is None
    assert margin_of(pay_rate=Decimal("0"), bill_rate=Decimal("0")).percent is None


def test_the_rates_are_saved_and_the_margin_shown(client, owner):
    submittal = submittal_with_history(owner)
    client.force_login(owner)
    response = client.post(rates_url(submittal), {"pay_rate": "70", "bill_rate": "95.00"})
    assert response.status_code == 302
    submittal.refresh_from_db()
    assert (str(submittal.pay_rate), str(submittal.bill_rate)) == ("70.00", "95.00")
    body = client.get(url(submittal)).content.decode()
    assert "(26.3% of the bill rate)" in body


def test_a_pay_rate_above_the_bill_rate_is_refused_naming_both_and_kept(client, owner):
    submittal = submittal_with_history(owner)
    client.force_login(owner)
    response = client.post(rates_url(submittal), {"pay_rate": "120", "bill_rate": "95"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Pay rate 120 is above the bill rate 95: the margin would be negative." in body
    assert 'value="120"' in body
    submittal.refresh_from_db()
    assert submittal.pay_rate is None


@pytest.mark.parametrize("bad", ["-5", "abc", "123456789", "1.234"])
def test_a_rate_that_is_not_an_amount_is_refused_with_the_input_kept(client, owner, bad):
    submittal = submittal_with_history(owner)
    client.force_login(owner)
    response = client.post(rates_url(submittal), {"pay_rate": bad, "bill_rate": "95"})
    assert response.status_code == 422
    assert f'value="{bad}"' in response.content.decode()


def test_a_teammate_cannot_change_the_rates(client, owner):
    submittal = submittal_with_history(owner)
    client.force_login(UserFactory(team=owner.team))
    assert client.post(rates_url(submittal), {"pay_rate": "1"}).status_code == 403
