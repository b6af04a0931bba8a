import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from accounts.models import Team
from candidates.models import LONG_TEXT, Candidate, Engagement
from core.dates import format_day
from joborders.models import JobOrder, Requirement


class Reference(models.Model):
    class Relationship(models.TextChoices):
        MANAGER = "manager", "Manager"
        PEER = "peer", "Peer"
        CLIENT = "client", "Client"
        DIRECT_REPORT = "direct_report", "Direct report"
        OTHER = "other", "Other"

    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="references")
    engagement = models.ForeignKey(
        Engagement, null=True, blank=True, on_delete=models.SET_NULL, related_name="references"
    )
    name = models.CharField(max_length=120)
    title = models.CharField(max_length=120, blank=True)
    company = models.CharField(max_length=120, blank=True)
    relationship = models.CharField(
        max_length=20, choices=Relationship.choices, default=Relationship.MANAGER
    )
    email = models.EmailField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.company})" if self.company else self.name


class ReferenceCall(models.Model):
    class Rehire(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        UNSURE = "unsure", "Unsure"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETE = "complete", "Complete"

    reference = models.ForeignKey(Reference, on_delete=models.PROTECT, related_name="calls")
    job_order = models.ForeignKey(
        JobOrder,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reference_calls",
        help_text="The job whose details were shared with the reference",
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="reference_calls")
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reference_calls"
    )
    called_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    job_details_shared = models.BooleanField(default=False)
    would_rehire = models.CharField(
        max_length=10, choices=Rehire.choices, default=Rehire.UNSURE, blank=True
    )
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.TextField(max_length=LONG_TEXT, blank=True)
    strengths = models.TextField(max_length=LONG_TEXT, blank=True)
    concerns = models.TextField(max_length=LONG_TEXT, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    # Names the draft from the moment the call page opens, before anything is saved: every
    # autosave finds-or-creates the call by it, so a retried or duplicated save never forks it.
    draft_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-called_at"]
        indexes = [
            models.Index(fields=["team", "-called_at"]),
            models.Index(fields=["job_order", "-called_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | (Q(rating__gte=1) & Q(rating__lte=5)),
                name="referencecall_rating_1_to_5",
                violation_error_message="The rating must be between 1 and 5.",
            )
        ]

    def __str__(self) -> str:
        return f"Call with {self.reference} on {format_day(self.called_at)}"


class ReferenceFinding(models.Model):
    class Assessment(models.TextChoices):
        STRONG = "strong", "Strong"
        ADEQUATE = "adequate", "Adequate"
        CONCERN = "concern", "Concern"

    call = models.ForeignKey(ReferenceCall, on_delete=models.CASCADE, related_name="findings")
    requirement = models.ForeignKey(
        Requirement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reference_findings",
    )
    # Blank means "not assessed yet": a quote typed before the assessment is chosen is kept.
    assessment = models.CharField(max_length=10, choices=Assessment.choices, blank=True)
    quote = models.TextField(max_length=LONG_TEXT, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["requirement__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "requirement"],
                condition=Q(requirement__isnull=False),
                name="finding_once_per_requirement_per_call",
            )
        ]

    def __str__(self) -> str:
        assessment = self.get_assessment_display() or "Not assessed yet"
        return f"{assessment}: {self.requirement or 'general'}"


class ReferenceQuestion(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="reference_questions")
    text = models.CharField(max_length=500)
    category = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["category", "id"]

    def __str__(self) -> str:
        return self.text
