"""`manage.py send_reminders`: what it reminds of, once, and the daily digest (read from
mail.outbox)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from callplans.models import CallPlan
from callplans.services import callplan_create
from reminders.models import DigestSent, Notification
from reminders.services import reminders_send, remindersettings_set
from reviews.services import planreview_create
from tests.factories import CandidateFactory, FeedbackCallFactory, SubmittalFactory


@pytest.fixture(autouse=True)
def digest_at_any_hour(settings):
    settings.DIALREADY_DIGEST_HOUR = 0
    settings.DIALREADY_SITE_URL = "https://dialready.example.com"


def submittal(job_order, owner, *, hours_from_now: float, status="interview_scheduled", name="Ada"):
    return SubmittalFactory(
        job_order=job_order,
        candidate=CandidateFactory(first_name=name, last_name="Lovegood"),
        submitted_by=owner,
        submitted_at=timezone.now() - datetime.timedelta(days=4),
        interview_at=timezone.now() + datetime.timedelta(hours=hours_from_now),
        status=status,
    )


def run() -> str:
    out = StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def titles(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_running_it_twice_reminds_and_emails_each_reminder_once(owner, manager, job_order):
    owner.email = "owner@example.com"
    owner.save(update_fields=["email"])
    remindersettings_set(user=owner, daily_digest=True)
    ended = submittal(job_order, owner, hours_from_now=-2)
    soon = submittal(job_order, owner, hours_from_now=0.5, name="Grace")
    plan = callplan_create(submittal=soon, author=owner)
    planreview_create(plan=plan, reviewer=manager, decision="needs_work", comment="Add a rebuttal")

    assert run() == "3 new notifications, 1 digest sent.\n"
    assert run() == "0 new notifications, 0 digests sent.\n"

    assert titles(owner) == sorted(
        [
            "Feedback call due: Ada Lovegood for " + job_order.title,
            f"{manager} reviewed your plan: Needs work",
            "Plan not ready: Grace Lovegood interviews within the hour",
        ]
    )
    [message] = mail.outbox
    assert message.to == ["owner@example.com"]
    assert message.subject.startswith("DialReady: 3 reminders for ")
    assert "Feedback call due: Ada Lovegood" in message.body
    assert "“Add a rebuttal”" in message.body
    assert f"https://dialready.example.com/submittals/{ended.pk}/" in message.body
    assert f"https://dialready.example.com/plans/{plan.pk}/" in message.body
    assert DigestSent.objects.filter(user=owner, notifications=3).count() == 1
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_new_reminder_the_same_day_waits_for_tomorrows_digest(owner, job_order):
    owner.email = "owner@example.com"
    owner.save(update_fields=["email"])
    remindersettings_set(user=owner, daily_digest=True)
    submittal(job_order, owner, hours_from_now=-2)
    reminders_send()
    submittal(job_order, owner, hours_from_now=-3, name="Grace")
    assert reminders_send().notified == 1
    assert len(mail.outbox) == 1  # one digest a day
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert reminders_send(now=tomorrow).digests == 1
    assert "Grace Lovegood" in mail.outbox[1].body
    assert "Ada Lovegood" not in mail.outbox[1].body  # sent yesterday already


def test_the_digest_is_off_until_the_person_turns_it_on(owner, job_order):
    owner.email = "owner@example.com"
    owner.save(update_fields=["email"])
    submittal(job_order, owner, hours_from_now=-2)
    assert run() == "1 new notification, 0 digests sent.\n"
    assert mail.outbox == []


def test_the_digest_waits_for_its_hour(settings, owner, job_order):
    settings.DIALREADY_DIGEST_HOUR = 7
    owner.email = "owner@example.com"
    owner.save(update_fields=["email"])
    remindersettings_set(user=owner, daily_digest=True)
    submittal(job_order, owner, hours_from_now=-30)
    early = timezone.localtime().replace(hour=6, minute=50)
    assert reminders_send(now=early).digests == 0
    assert reminders_send(now=early.replace(hour=7, minute=5)).digests == 1


def test_a_feedback_call_logged_after_the_interview_ends_the_reminder(owner, job_order):
    called = submittal(job_order, owner, hours_from_now=-5)
    FeedbackCallFactory(
        plan=callplan_create(submittal=called, author=owner),
        called_by=owner,
        called_at=timezone.now() - datetime.timedelta(hours=1),
    )
    submittal(job_order, owner, hours_from_now=-0.5, name="Grace")  # not over yet (60 min)
    submittal(job_order, owner, hours_from_now=-2, status="rejected", name="Linus")
    submittal(job_order, owner, hours_from_now=-24 * 5, name="Old")  # beyond the look-back
    assert reminders_send().notified == 0


def test_a_ready_plan_an_hour_before_is_not_reminded(owner, job_order):
    soon = submittal(job_order, owner, hours_from_now=0.5)
    plan = callplan_create(submittal=soon, author=owner)
    CallPlan.objects.filter(pk=plan.pk).update(status=CallPlan.Status.READY)
    submittal(job_order, owner, hours_from_now=2, name="Grace")  # more than an hour ahead
    assert reminders_send().notified == 0


def test_a_moved_interview_is_a_new_reminder(owner, job_order):
    ended = submittal(job_order, owner, hours_from_now=-2)
    reminders_send()
    ended.interview_at = timezone.now() - datetime.timedelta(hours=4)
    ended.save(update_fields=["interview_at"])
    assert reminders_send().notified == 1


def test_each_reminder_goes_to_the_submittals_salesperson_and_links_its_page(
    owner, teammate, job_order
):
    mine = submittal(job_order, owner, hours_from_now=-2)
    theirs = submittal(job_order, teammate, hours_from_now=-2, name="Grace")
    reminders_send()
    assert Notification.objects.get(recipient=owner).link == reverse(
        "submittals:detail", args=[mine.pk]
    )
    assert Notification.objects.get(recipient=teammate).link == reverse(
        "submittals:detail", args=[theirs.pk]
    )


def test_an_interview_within_the_hour_without_a_plan_is_reminded(owner, job_order):
    soon = submittal(job_order, owner, hours_from_now=0.75)
    assert reminders_send().notified == 1
    reminder = Notification.objects.get(recipient=owner)
    assert reminder.kind == Notification.Kind.PLAN_NOT_READY
    assert "has no call plan" in reminder.detail
    assert reminder.link == reverse("submittals:detail", args=[soon.pk])
