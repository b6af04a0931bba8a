from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.models import Team
from candidates.models import LONG_TEXT, Engagement, Skill
from core.dates import format_day
from joborders.models import Interview, Requirement, Submittal


class LibraryStatus(models.TextChoices):
    """Where a team library entry stands: proposed by a salesperson and waiting for a manager,
    active (offered in plans), or retired (kept with its history and record, offered nowhere)."""

    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    RETIRED = "retired", "Retired"


class LibraryEntry(models.Model):
    """What the team library's objection templates and closing questions share."""

    status = models.CharField(
        max_length=10, choices=LibraryStatus.choices, default=LibraryStatus.ACTIVE
    )
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The entry this one was merged into: its uses moved there, this one stays retired.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class ClosingQuestion(LibraryEntry):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="closing_questions")
    text = models.CharField("closing question", max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["team", "status", "position"])]

    def __str__(self) -> str:
        return self.text


class CallPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready to dial"
        APPROVED = "approved", "Approved"
        NEEDS_WORK = "needs_work", "Needs work"

    submittal = models.OneToOneField(Submittal, on_delete=models.PROTECT, related_name="plan")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="call_plans"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    candidate_story = models.TextField(max_length=LONG_TEXT, blank=True)
    next_action = models.CharField(max_length=300, blank=True)
    closing_questions = models.ManyToManyField(ClosingQuestion, blank=True, related_name="plans")
    rehearsed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[closing_questions])

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["author", "status"]),
            models.Index(fields=["status", "-updated_at"]),
        ]

    def __str__(self) -> str:
        return f"Plan: {self.submittal}"


class Objection(models.Model):
    class Category(models.TextChoices):
        SKILL_GAP = "skill_gap", "Skill the candidate lacks"
        EXPERIENCE_GAP = "experience_gap", "Experience the candidate lacks"
        NOT_SOLVED_BEFORE = "not_solved_before", "Has not solved this before"
        NOT_DELIVERED_BEFORE = "not_delivered_before", "Has not delivered this before"
        SCOPE = "scope", "Project scope"
        OTHER = "other", "Other"

    class Likelihood(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class Source(models.TextChoices):
        SUGGESTED = "suggested", "Suggested from the gap analysis"
        LIBRARY = "library", "Team library"
        MANUAL = "manual", "Written by hand"

    plan = models.ForeignKey(CallPlan, on_delete=models.CASCADE, related_name="objections")
    requirement = models.ForeignKey(
        Requirement, null=True, blank=True, on_delete=models.SET_NULL, related_name="objections"
    )
    category = models.CharField(max_length=24, choices=Category.choices)
    text = models.CharField(max_length=500)
    rebuttal = models.TextField(max_length=LONG_TEXT, blank=True)
    likelihood = models.CharField(
        max_length=8, choices=Likelihood.choices, default=Likelihood.MEDIUM
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    # The rebuttal is DialReady's draft (from the evidence or the library) that the salesperson
    # has not yet edited or accepted: it does not count towards ready to dial.
    rebuttal_draft = models.BooleanField(default=False)
    # The library entry this objection was added from: its record counts this plan's use.
    template = models.ForeignKey(
        "ObjectionTemplate", null=True, blank=True, on_delete=models.SET_NULL, related_name="uses"
    )
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["plan", "position"])]

    def __str__(self) -> str:
        return self.text


class ObjectionTemplate(LibraryEntry):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="objection_templates")
    category = models.CharField(
        "kind of objection", max_length=24, choices=Objection.Category.choices
    )
    skill = models.ForeignKey(
        Skill, null=True, blank=True, on_delete=models.SET_NULL, related_name="objection_templates"
    )
    text = models.CharField("objection", max_length=500)
    rebuttal = models.TextField(max_length=LONG_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "position", "id"]
        indexes = [models.Index(fields=["team", "category"])]

    def __str__(self) -> str:
        return self.text


class PlanEvidence(models.Model):
    """The salesperson's answer to "How was this project like my customer's project?"."""

    plan = models.ForeignKey(CallPlan, on_delete=models.CASCADE, related_name="evidence")
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="evidence")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="evidence")
    similarity_note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "requirement", "engagement"], name="evidence_linked_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.engagement} for {self.requirement}"


class PlanReview(models.Model):
    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        NEEDS_WORK = "needs_work", "Needs work"

    plan = models.ForeignKey(CallPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_reviews"
    )
    decision = models.CharField(max_length=12, choices=Decision.choices)
    comment = models.TextField(max_length=LONG_TEXT, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} by {self.reviewer}"


class FeedbackCall(models.Model):
    class Outcome(models.TextChoices):
        OFFER = "offer", "Offer"
        NEXT_ROUND = "next_round", "Next round"
        REJECTED = "rejected", "Rejected"
        NO_DECISION = "no_decision", "No decision yet"

    plan = models.ForeignKey(CallPlan, on_delete=models.PROTECT, related_name="feedback_calls")
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="feedback_calls"
    )
    called_at = models.DateTimeField()
    # The interview round the call is the feedback on (None: logged before any round, or a
    # call older than rounds that followed no interview).
    interview = models.ForeignKey(
        Interview,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_calls",
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    closing_question_asked = models.ForeignKey(
        ClosingQuestion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_calls",
    )
    commitment = models.CharField(max_length=300, blank=True)
    next_step = models.CharField(max_length=300, blank=True)
    # By when the next step is due: it becomes a dated step of the submittal's action plan.
    next_step_due = models.DateField(null=True, blank=True)
    notes = models.TextField(max_length=LONG_TEXT, blank=True)

    class Meta:
        ordering = ["-called_at"]
        indexes = [
            models.Index(fields=["called_by", "-called_at"]),
            models.Index(fields=["outcome", "-called_at"]),
            # A plan's latest feedback call (the dashboard's "feedback calls due").
            models.Index(fields=["plan", "called_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {format_day(self.called_at)}"


class RaisedObjection(models.Model):
    class Handled(models.TextChoices):
        YES = "yes", "Handled"
        PARTLY = "partly", "Partly"
        NO = "no", "Not handled"

    feedback_call = models.ForeignKey(
        FeedbackCall, on_delete=models.CASCADE, related_name="raised_objections"
    )
    objection = models.ForeignKey(
        Objection, null=True, blank=True, on_delete=models.SET_NULL, related_name="raised"
    )
    category = models.CharField(
        max_length=24, choices=Objection.Category.choices, default=Objection.Category.OTHER
    )
    text = models.CharField(max_length=500)
    handled = models.CharField(max_length=8, choices=Handled.choices, default=Handled.YES)
    # The rebuttal typed on the feedback form for an objection nobody anticipated.
    rebuttal = models.TextField(max_length=LONG_TEXT, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text

    @property
    def anticipated(self) -> bool:
        return self.objection_id is not None


class BulkExport(models.Model):
    """Several plans merged into one PDF by a background task; `done` counts rendered plans."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Rendering"
        DONE = "done", "Ready to download"
        FAILED = "failed", "Failed"

    MAX_PLANS = 50

    # Null for a superuser without a team: only superusers see that export.
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="bulk_exports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bulk_exports"
    )
    plan_ids = models.JSONField(default=list)
    paper = models.CharField(max_length=10, default="letter")
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(max_length=500, blank=True)
    # The merged PDF (at most 50 plans, a few MB): a database column keeps it with the job, needs
    # no MEDIA_ROOT to serve or back up, and goes when the export row goes.
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["team", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")), name="bulkexport_done_le_total"
            )
        ]

    def __str__(self) -> str:
        return f"Export of {self.total} plans ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class PracticeSession(models.Model):
    """One practice with a co-worker: the objection cards or the closing role-play of a plan,
    each card or round with how it went. Nothing in it changes the plan; a session of the
    objection cards that covered the plan's most likely objections marks the plan rehearsed."""

    class Kind(models.TextChoices):
        OBJECTIONS = "objections", "Objection cards"
        CLOSING = "closing", "Closing role-play"
        REFERENCE = "reference", "Reference-call role-play"

    # The plan practised; a reference-call role-play has the job and candidate instead (the
    # reference call comes before any plan).
    plan = models.ForeignKey(
        CallPlan,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="practice_sessions",
    )
    job_order = models.ForeignKey(
        "joborders.JobOrder",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="practice_sessions",
    )
    candidate = models.ForeignKey(
        "candidates.Candidate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="practice_sessions",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OBJECTIONS)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="practice_sessions"
    )
    partner = models.CharField(max_length=120, blank=True)
    practised_at = models.DateTimeField()
    # The closing question rehearsed (closing role-play).
    closing_question = models.ForeignKey(
        ClosingQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Whether the session rehearsed every one of the plan's most likely objections of the time.
    covered_most_likely = models.BooleanField(default=False)
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-practised_at", "-pk"]
        indexes = [models.Index(fields=["plan", "-practised_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author}"


class PracticeItem(models.Model):
    """One card (an objection read aloud) or one round of the closing role-play."""

    class Result(models.TextChoices):
        NAILED = "nailed", "Nailed it"
        SHAKY = "shaky", "Shaky"
        MISSED = "missed", "Missed"

    class Answer(models.TextChoices):
        READY = "ready", "Ready"
        NOT_YET = "not_yet", "Not yet"

    session = models.ForeignKey(PracticeSession, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    objection = models.ForeignKey(
        Objection, null=True, blank=True, on_delete=models.SET_NULL, related_name="practice_items"
    )
    # The objection as it was read (the plan's may be reworded later), or a library card's.
    prompt = models.CharField(max_length=500, blank=True)
    # Closing rounds: what the partner, as the client, answered the closing question.
    answer = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    result = models.CharField(max_length=8, choices=Result.choices)
    note = models.CharField(max_length=500, blank=True)
    # Reference-call role-play: what the partner, as the reference, answered.
    transcript = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["objection", "-id"])]

    def __str__(self) -> str:
        return f"{self.prompt or self.get_answer_display()}: {self.get_result_display()}"
