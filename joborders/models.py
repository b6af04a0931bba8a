from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.models import Team
from candidates.models import LONG_TEXT, Candidate, Skill


class Client(models.Model):
    name = models.CharField(max_length=160)
    industry = models.CharField(max_length=120, blank=True)
    website = models.URLField(max_length=200, blank=True)
    notes = models.TextField(max_length=LONG_TEXT, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="clients"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="clients")
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "name"], name="client_name_unique_per_team")
        ]

    def __str__(self) -> str:
        return self.name


class ClientContact(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=120)
    title = models.CharField(max_length=120, blank=True)
    email = models.EmailField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


class JobOrder(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ON_HOLD = "on_hold", "On hold"
        FILLED = "filled", "Filled"
        LOST = "lost", "Lost"
        CANCELLED = "cancelled", "Cancelled"

    class EmploymentType(models.TextChoices):
        CONTRACT = "contract", "Contract"
        PERMANENT = "permanent", "Permanent (direct hire)"

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="job_orders")
    contact = models.ForeignKey(
        ClientContact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_orders",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="job_orders"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="job_orders")
    title = models.CharField(max_length=160)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    openings = models.PositiveSmallIntegerField(default=1)
    start_date = models.DateField(null=True, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    bill_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    # What the job order is worth (the money board): bill rate × expected hours × openings for a
    # contract, the placement fee for a permanent role. Unknown stays NULL, never 0.
    employment_type = models.CharField(
        max_length=12, choices=EmploymentType.choices, default=EmploymentType.CONTRACT
    )
    expected_hours = models.PositiveIntegerField(null=True, blank=True)  # per opening
    placement_fee = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    project_goal = models.TextField(max_length=LONG_TEXT, blank=True)
    project_scope = models.TextField(max_length=LONG_TEXT, blank=True)
    archived = models.BooleanField(default=False)
    # The day the client gave us the job order: what time to submit / interview / offer / fill
    # count from. Not the creation time: a job order is often typed in days after the call.
    received_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["team", "status", "-updated_at"]),
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["start_date"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(openings__gte=1), name="joborder_openings_positive"),
            models.CheckConstraint(
                condition=Q(bill_rate__isnull=True) | Q(bill_rate__gte=0),
                name="joborder_bill_rate_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(placement_fee__isnull=True) | Q(placement_fee__gte=0),
                name="joborder_placement_fee_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.client}" if self.client_id else self.title


class Requirement(models.Model):
    class Kind(models.TextChoices):
        SKILL = "skill", "Skill"
        EXPERIENCE = "experience", "Experience"
        CHALLENGE = "challenge", "Challenge to solve"
        DELIVERABLE = "deliverable", "Deliverable"
        RESULT = "result", "Quantifiable result"

    job_order = models.ForeignKey(JobOrder, on_delete=models.CASCADE, related_name="requirements")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=500, blank=True)
    skill = models.ForeignKey(
        Skill, null=True, blank=True, on_delete=models.PROTECT, related_name="requirements"
    )
    min_years = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    must_have = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["job_order", "kind", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_years__isnull=True) | (Q(min_years__gte=0) & Q(min_years__lte=60)),
                name="requirement_min_years_range",
            ),
            models.CheckConstraint(
                condition=~Q(kind="skill") | Q(skill__isnull=False),
                name="requirement_skill_kind_has_skill",
                violation_error_message="A skill requirement must name the skill.",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.SKILL and self.skill_id:
            years = f", {self.min_years.normalize():f}+ years" if self.min_years else ""
            return f"{self.skill}{years}"
        return self.description


class LossReason(models.Model):
    """One of the team's reasons a candidate was lost (rejected by the client, or withdrawn), as
    the team words them; retired reasons stay on the submittals that used them."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="loss_reasons")
    label = models.CharField(max_length=80)
    # Who says no: the client (a rejection), the candidate (a withdrawal), or either.
    side = models.CharField(
        max_length=10,
        choices=[("client", "Client"), ("candidate", "Candidate"), ("either", "Either")],
        default="either",
    )
    retired = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["retired", "position", "label"]
        constraints = [
            models.UniqueConstraint(
                "team",
                models.functions.Lower("label"),
                name="loss_reason_label_unique_per_team",
                violation_error_message="Your team already has this reason.",
            )
        ]

    def __str__(self) -> str:
        return self.label


class Submittal(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        INTERVIEW_SCHEDULED = "interview_scheduled", "Interview scheduled"
        INTERVIEWED = "interviewed", "Interviewed"
        OFFER = "offer", "Offer"
        PLACED = "placed", "Placed"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    job_order = models.ForeignKey(JobOrder, on_delete=models.PROTECT, related_name="submittals")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="submittals")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submittals"
    )
    submitted_at = models.DateTimeField()
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.SUBMITTED)
    interview_at = models.DateTimeField(null=True, blank=True)
    # The placed candidate's first day at the client (the offer date is the first move to
    # "Offer" or "Placed" in the submittal's events, so it needs no column of its own).
    start_on = models.DateField(null=True, blank=True)
    # Per hour, in the firm's one currency: what the candidate is paid and what the client is
    # billed for them (which may differ from the job order's bill rate); the margin follows.
    pay_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    bill_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    # Why the candidate was lost, once rejected or withdrawn (cleared if the submittal moves on).
    loss_reason = models.ForeignKey(
        LossReason, null=True, blank=True, on_delete=models.PROTECT, related_name="submittals"
    )
    loss_note = models.TextField(max_length=500, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["status", "interview_at"]),
            models.Index(fields=["submitted_by", "status"]),
            models.Index(fields=["interview_at"]),
            # The metrics and dashboard ratios of one salesperson over a range of months.
            models.Index(fields=["submitted_by", "submitted_at"]),
            # A job order's submittals in a status (the dashboard's job orders to finish), and
            # a team's interviews in a time window (feedback calls due, upcoming interviews).
            models.Index(fields=["job_order", "status", "interview_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["job_order", "candidate"],
                name="submittal_once_per_candidate_and_job",
                violation_error_message="This candidate is already submitted to this job order.",
            ),
            models.CheckConstraint(
                condition=Q(pay_rate__isnull=True) | Q(pay_rate__gte=0),
                name="submittal_pay_rate_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(bill_rate__isnull=True) | Q(bill_rate__gte=0),
                name="submittal_bill_rate_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.job_order}"

    @property
    def feedback_call_ahead(self) -> bool:
        """Still before the client's decision: a feedback call plan is worth preparing. An offer,
        a placement, a rejection or a withdrawal has no feedback call left to prepare."""
        S = Submittal.Status
        return self.status in (S.SUBMITTED, S.INTERVIEW_SCHEDULED, S.INTERVIEWED)


class SubmittalEvent(models.Model):
    submittal = models.ForeignKey(Submittal, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=24, choices=Submittal.Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Submittal.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submittal_events"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [
            models.Index(fields=["submittal", "changed_at"]),
            models.Index(fields=["to_status", "changed_at"]),
            # A submittal's first move into a stage (the funnel's stage dates): index-only.
            models.Index(fields=["submittal", "to_status", "changed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"


class Interview(models.Model):
    """One interview round of a submittal. Written only through the joborders services
    (`interview_schedule`, `interview_update`, `interview_cancel`), which keep
    `Submittal.interview_at` equal to the start of the current (highest) round, so every list
    that reads the submittal's interview needs no join."""

    class Kind(models.TextChoices):
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video"
        ON_SITE = "on_site", "On-site"

    submittal = models.ForeignKey(Submittal, on_delete=models.CASCADE, related_name="interviews")
    round = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.VIDEO)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    interviewers = models.ManyToManyField(ClientContact, blank=True, related_name="interviews")
    location = models.CharField(max_length=200, blank=True)
    meeting_url = models.URLField(max_length=500, blank=True)
    notes = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submittal", "round"]
        constraints = [
            models.UniqueConstraint(
                fields=["submittal", "round"],
                name="interview_round_unique_per_submittal",
                violation_error_message="This submittal already has an interview of that round.",
            ),
            models.CheckConstraint(condition=Q(round__gte=1), name="interview_round_from_one"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="interview_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        return f"Round {self.round} ({self.get_kind_display()})"
