from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

LONG_TEXT = 4000
# What a salesperson edits on a candidate and on an engagement: the forms show these fields and
# the history page compares and restores them.
CANDIDATE_FIELDS = (
    "first_name",
    "last_name",
    "headline",
    "email",
    "phone",
    "location",
    "status",
    "summary",
)
ENGAGEMENT_FIELDS = (
    "employer",
    "project_name",
    "role",
    "start_date",
    "end_date",
    "team_size",
    "summary",
    "challenges_solved",
    "deliverables",
    "results",
)


class SkillFamily(models.Model):
    """Skills that do the same job with different tools ("Infrastructure as code": Terraform,
    CloudFormation, Pulumi, Bicep): the gap analysis counts a family member as adjacent."""

    name = models.CharField(max_length=80)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "skill families"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="skillfamily_name_unique_ci",
                violation_error_message="A skill family with this name already exists.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    name = models.CharField(max_length=80)
    aliases = models.CharField(
        max_length=300, blank=True, help_text="Other names, comma-separated: e.g. k8s, kube"
    )
    # "|kubernetes|k8s|kube|": the normalised name and aliases, kept by the skill services so
    # one query resolves any spelling. A skill merged into another has none: it resolves nothing.
    lookup_keys = models.CharField(max_length=400, editable=False, db_index=True)
    family = models.ForeignKey(
        SkillFamily, null=True, blank=True, on_delete=models.SET_NULL, related_name="skills"
    )
    # Set by a merge (skills.services.skill_merge) and cleared by its undo: the row stays so the
    # undo can give every moved record back its own skill.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_skills"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="skill_name_unique_ci",
                violation_error_message="A skill with this name already exists.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    class Status(models.TextChoices):
        AVAILABLE = "available", "Available"
        INTERVIEWING = "interviewing", "Interviewing"
        PLACED = "placed", "Placed"
        OFF_MARKET = "off_market", "Off market"

    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    headline = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    location = models.CharField(max_length=120, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="candidates"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AVAILABLE)
    summary = models.TextField(max_length=LONG_TEXT, blank=True)
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["status", "archived"]),
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["-updated_at"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class CandidateSkill(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="candidate_skills")
    years = models.DecimalField(max_digits=3, decimal_places=1)
    last_used_year = models.PositiveSmallIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-years", "skill__name"]
        # "Who has this skill": the candidate search (trigram indexes: migration 0003).
        indexes = [models.Index(fields=["skill", "candidate"], name="candidateskill_skill_cand")]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "skill"], name="candidateskill_unique"),
            models.CheckConstraint(
                condition=Q(years__gte=0) & Q(years__lte=60), name="candidateskill_years_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.years} y)"


class Engagement(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="engagements")
    employer = models.CharField(max_length=120)
    project_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=120, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty for current work")
    team_size = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.TextField(max_length=LONG_TEXT, blank=True)
    challenges_solved = models.TextField(max_length=LONG_TEXT, blank=True)
    deliverables = models.TextField(max_length=LONG_TEXT, blank=True)
    results = models.TextField(max_length=LONG_TEXT, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="engagements")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["candidate", "-start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="engagement_ends_after_start",
                violation_error_message="The end date cannot be before the start date.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role or 'Work'} at {self.employer}"
