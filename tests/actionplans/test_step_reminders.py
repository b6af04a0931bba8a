"""send_reminders: an action-plan step due today or overdue, not done, reminds the submittal's
salesperson once per step and due date (read from the notifications and mail.outbox)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actionplans.services import actionstep_set_status
from reminders.models import Notification
from reminders.services import remindersettings_set
from tests.factories import ActionStepFactory, SubmittalFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def digest_at_any_hour(settings):
    settings.DIALREADY_DIGEST_HOUR = 0


def run() -> str:
    out = StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def step(owner, *, days: int, **values):
    submittal = SubmittalFactory(submitted_by=owner, job_order__owner=UserFactory(team=owner.team))
    return ActionStepFactory(
        submittal=submittal, due_on=timezone.localdate() + datetime.timedelta(days=days), **values
    )


def test_a_step_due_today_reminds_its_salesperson_once_even_run_twice(owner):
    remindersettings_set(user=owner, daily_digest=True)
    due = step(owner, days=0, title="Chase the offer letter")
    assert run() == "1 new notification, 1 digest sent.\n"
    assert run() == "0 new notifications, 0 digests sent.\n"
    [notification] = Notification.objects.all()
    assert notification.recipient == owner
    assert notification.kind == Notification.Kind.ACTION_STEP_DUE
    assert notification.title == "Action-plan step due today: Chase the offer letter"
    assert notification.link == (
        reverse("actionplans:page", args=[due.submittal.pk]) + f"#step-{due.pk}"
    )
    [message] = mail.outbox
    assert "Chase the offer letter" in message.body


def test_an_overdue_step_is_reminded_but_a_done_or_future_one_is_not(owner):
    step(owner, days=-3, title="Overdue")
    step(owner, days=-1, title="Finished", status="done")
    step(owner, days=2, title="Later")
    run()
    [title] = Notification.objects.values_list("title", flat=True)
    assert title.startswith("Action-plan step due since") and title.endswith("Overdue")


def test_a_moved_due_date_is_a_new_reminder_and_done_stops_them(owner):
    due = step(owner, days=0)
    run()
    due.due_on = timezone.localdate() - datetime.timedelta(days=1)
    due.save()
    run()
    assert Notification.objects.count() == 2
    actionstep_set_status(step=due, status="done")
    due.due_on = timezone.localdate() - datetime.timedelta(days=2)
    due.save()
    run()
    assert Notification.objects.count() == 2
