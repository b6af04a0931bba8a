"""A submittal's mutual action plan: the dated steps both sides commit to after the feedback
call, the secret links that show it to the client's contact, and what the client did there."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from accounts.models import Team
from joborders.models import ClientContact, Submittal


class ActionStep(models.Model):
    class Side(models.TextChoices):
        US = "us", "Us"
        CLIENT = "client", "Client"
        CANDIDATE = "candidate", "Candidate"

    class Status(models.TextChoices):
        TODO = "todo", "To do"
        DONE = "done", "Done"
        AT_RISK = "at_risk", "At risk"
        BLOCKED = "blocked", "Blocked"

    submittal = models.ForeignKey(Submittal, on_delete=models.CASCADE, related_name="action_steps")
    title = models.CharField(max_length=160)
    side = models.CharField(max_length=10, choices=Side.choices, default=Side.US)
    # The one person who does it ("Dana Reyes", "the hiring manager"): free text, since the
    # candidate's and the client's people are not users.
    person = models.CharField(max_length=120, blank=True)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TODO)
    position = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [
            # The reminders' steps due: not done, due by a day.
            models.Index(fields=["status", "due_on"]),
        ]

    def __str__(self) -> str:
        return self.title


class SharedLink(models.Model):
    """A secret link showing one submittal's plan to one of the client's contacts. As the
    calendar feed (reminders.models.CalendarFeed), the secret is shown once and only its SHA-256
    is stored; one live link per contact and plan (making a new one revokes the old)."""

    submittal = models.ForeignKey(Submittal, on_delete=models.CASCADE, related_name="shared_links")
    contact = models.ForeignKey(
        ClientContact, on_delete=models.CASCADE, related_name="shared_links"
    )
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shared_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submittal", "contact"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_shared_link_per_contact_and_plan",
            )
        ]

    def __str__(self) -> str:
        return f"Action plan link for {self.contact} ({self.prefix}…)"


class ClientAction(models.Model):
    """One thing the client did on the shared page, with when and from which address."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Opened the plan"
        STEP_DONE = "step_done", "Marked a step done"
        COMMENT = "comment", "Left a comment"

    link = models.ForeignKey(SharedLink, on_delete=models.CASCADE, related_name="actions")
    submittal = models.ForeignKey(
        Submittal, on_delete=models.CASCADE, related_name="client_actions"
    )
    step = models.ForeignKey(
        ActionStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="client_actions"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    comment = models.TextField(max_length=1000, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d %H:%M})"


class TemplateStep(models.Model):
    """One step of the team's action-plan template, as its managers word and date it: due
    `offset_days` after the interview day (or the day the plan is started, when the interview
    is past). A team without rows uses the starter template (actionplans/rules.py)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="action_template")
    title = models.CharField(max_length=160)
    side = models.CharField(max_length=10, choices=ActionStep.Side.choices)
    offset_days = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(365)],
        help_text="Days after the interview (or today, once the interview is past).",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title
