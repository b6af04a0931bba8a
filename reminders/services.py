"""Writes for reminders and calendars: calendar feeds (made, regenerated, revoked), notifications
(made by `reminders_send`, read), the daily-digest choice, and the digest e-mails."""

import datetime
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import User
from reminders.models import CalendarFeed, DigestSent, Notification, ReminderSettings
from reminders.selectors import (
    FEED_PREFIX,
    Reminder,
    digest_recipients,
    reminders_due,
    secret_hash,
    undigested_of,
)

logger = logging.getLogger(__name__)
# A feed's last use is written at most this often (calendar apps poll every few minutes).
LAST_USED_EVERY = datetime.timedelta(minutes=5)


# --- Calendar feeds -------------------------------------------------------------------------


@dataclass(frozen=True)
class NewFeed:
    feed: CalendarFeed
    secret: str  # shown to the person once, never stored


@transaction.atomic
def calendarfeed_create(*, user: User) -> NewFeed:
    """A new secret feed URL for the person; the one they had stops working at once."""
    if not user.is_active:
        raise ValidationError("A deactivated account cannot have a calendar feed.")
    calendarfeed_revoke(user=user)
    secret = FEED_PREFIX + secrets.token_urlsafe(32)
    feed = CalendarFeed(user=user, prefix=secret[:10], key_hash=secret_hash(secret))
    feed.full_clean()
    feed.save()
    return NewFeed(feed=feed, secret=secret)


@transaction.atomic
def calendarfeed_revoke(*, user: User) -> int:
    """Revoke the person's live feed (if any): its URL answers 404 from now on."""
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def calendarfeed_mark_used(*, feed: CalendarFeed) -> None:
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > LAST_USED_EVERY:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
        feed.last_used_at = now


# --- Notifications --------------------------------------------------------------------------


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    """Reading twice keeps the first time."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def remindersettings_set(*, user: User, daily_digest: bool) -> ReminderSettings:
    choice, _ = ReminderSettings.objects.get_or_create(user=user)
    choice.daily_digest = daily_digest
    choice.full_clean()
    choice.save()
    return choice


# --- send_reminders -------------------------------------------------------------------------


@dataclass(frozen=True)
class SendReport:
    notified: int  # notifications made
    digests: int  # digest e-mails sent
    failed: int = 0  # digests that could not be sent (tried again on the next run)


def reminders_send(*, now: datetime.datetime | None = None, digests: bool = True) -> SendReport:
    """Make the notifications due at `now` and, from the digest hour on, each person's daily
    digest. Idempotent: a notification is stored once per person and key, a digest once per
    person and day, so running it twice (or two at once) sends nothing twice."""
    now = now or timezone.now()
    notified = notifications_store(reminders=reminders_due(now))
    sent = failed = 0
    if digests and timezone.localtime(now).hour >= settings.DIALREADY_DIGEST_HOUR:
        day = timezone.localdate(now)
        for user in digest_recipients(day):
            try:
                sent += digest_send(user=user, day=day, now=now)
            except Exception:  # one bad address must not stop everyone else's digest
                logger.exception("The daily digest for user %s could not be sent", user.pk)
                failed += 1
    return SendReport(notified=notified, digests=sent, failed=failed)


@transaction.atomic
def notifications_store(*, reminders: list[Reminder]) -> int:
    """Store the reminders not stored before; returns how many are new."""
    if not reminders:
        return 0
    keys = {r.key for r in reminders}
    known = set(Notification.objects.filter(key__in=keys).values_list("recipient_id", "key"))
    fresh = {
        (r.recipient_id, r.key): Notification(
            recipient_id=r.recipient_id,
            kind=r.kind,
            key=r.key,
            title=r.title[:200],
            detail=r.detail[:300],
            link=r.link,
            due_at=r.due_at,
        )
        for r in reminders
        if (r.recipient_id, r.key) not in known
    }
    # ignore_conflicts: a run started at the same time may have stored some of them already.
    Notification.objects.bulk_create(fresh.values(), ignore_conflicts=True)
    return len(fresh)


@transaction.atomic
def digest_send(*, user: User, day: datetime.date, now: datetime.datetime) -> int:
    """E-mail the person their unread notifications not yet e-mailed; 1 if sent, else 0.

    The DigestSent row is written first, in this transaction: a second run waits for it (or
    finds it) and sends nothing; a failed send rolls it back, so the next run tries again."""
    items = undigested_of(user)
    if not items:
        return 0
    _, created = DigestSent.objects.get_or_create(
        user=user, day=day, defaults={"notifications": len(items)}
    )
    if not created:
        return 0
    site = settings.DIALREADY_SITE_URL.rstrip("/")
    context = {"user": user, "items": items, "site": site, "day": day}
    count = len(items)
    send_mail(
        subject=f"DialReady: {count} reminder{'s' if count != 1 else ''} for {day:%a %b} {day.day}",
        message=render_to_string("reminders/digest_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
    Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
    return 1
