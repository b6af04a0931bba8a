from django.conf import settings
from django.db import models
from django.db.models import Q


class CalendarFeed(models.Model):
    """A personal calendar subscription URL. As with the API tokens (api.models.ApiToken) the
    secret is shown once and only its SHA-256 is stored; a user has at most one live feed, and
    making a new one revokes the old (regenerate)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    # The first characters of the secret, so the page can say which URL is live.
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_calendar_feed_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user} ({self.prefix}…)"


class Notification(models.Model):
    """One reminder for one person. `key` names what it is about (the feedback call of this
    interview, this review), so the same reminder is never stored, shown or e-mailed twice."""

    class Kind(models.TextChoices):
        FEEDBACK_DUE = "feedback_due", "Feedback call due"
        PLAN_NOT_READY = "plan_not_ready", "Plan not ready"
        PLAN_REVIEWED = "plan_reviewed", "Plan reviewed"
        ACTION_STEP_DUE = "action_step_due", "Action-plan step due"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=160)
    # Written when the reminder is made, so the list is one query with no joins.
    title = models.CharField(max_length=200)
    detail = models.CharField(max_length=300, blank=True)
    link = models.CharField(max_length=200, blank=True)
    due_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], name="notification_once_per_recipient_and_key"
            )
        ]
        indexes = [
            # The navigation's unread count and the list page.
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class ReminderSettings(models.Model):
    """A person's choice about e-mail. In-app notifications are always on; the daily digest is
    off until the person turns it on (nobody gets e-mail they did not ask for)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    daily_digest = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Reminder settings of {self.user}"


class DigestSent(models.Model):
    """At most one digest per person and day: the row is written with the e-mail, in one
    transaction, so a second run of send_reminders the same day finds it and sends nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests_sent"
    )
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    notifications = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_digest_per_user_and_day")
        ]

    def __str__(self) -> str:
        return f"Digest for {self.user} on {self.day}"
