"""An import of one file: the upload, its column mapping, the preview, the result.

Which DialReady record an external row became is kept in `ImportedRecord` (a small mapping
model rather than new columns on candidates and job orders): the row's source ("bullhorn",
"opencats", "dialready", "file"), its kind, its key (the external id, or the natural key
"email:…" / "job:…" when the file has no id) and a fingerprint of the values last imported,
so importing the same file again is "unchanged" and an edited row is "updated"."""

from django.conf import settings
from django.db import models

from accounts.models import Team


class ImportRun(models.Model):
    class Kind(models.TextChoices):
        CANDIDATES = "candidates", "Candidates (with skills and work history)"
        JOB_ORDERS = "job_orders", "Job orders (with requirements)"
        CLIENTS = "clients", "Clients"
        CONTACTS = "contacts", "Client contacts"

    class Status(models.TextChoices):
        MAPPING = "mapping", "Waiting for the column mapping"
        ANALYSING = "analysing", "Reading the file"
        PREVIEWED = "previewed", "Ready to confirm"
        REFUSED = "refused", "The file cannot be imported"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed: nothing was written"

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="import_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_runs"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    file_name = models.CharField(max_length=200)
    file_format = models.CharField(max_length=4)  # "csv" or "xlsx", read from the content
    # The uploaded file (at most IMPORT_MAX_BYTES), by its name in the "imports" storage
    # (settings.STORAGES): kept so the worker reads it again at confirm time, deleted when the
    # run is done. Streamed in and read as a stream, never held in memory or in a row.
    stored_as = models.CharField(max_length=255, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0)  # bytes uploaded
    headers = models.JSONField(default=list, blank=True)
    layout = models.CharField(max_length=120, blank=True)  # "bullhorn", …, "mapping"
    source = models.CharField(max_length=40, blank=True)
    mapping = models.JSONField(default=dict, blank=True)  # column header → field name
    skill_choices = models.JSONField(
        default=dict, blank=True
    )  # unknown skill key → "create"/"skip"/id
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MAPPING)
    message = models.CharField(max_length=500, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    # The preview: counts, the first rows as they will be stored, the unknown skills, notes.
    preview = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["team", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def working(self) -> bool:
        return self.status in (self.Status.ANALYSING, self.Status.IMPORTING)


class ImportProblem(models.Model):
    """One reason a row is refused: the line of the file, the column, what is wrong."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="problems")
    line = models.PositiveIntegerField()
    column = models.CharField(max_length=200, blank=True)
    value = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=500)

    class Meta:
        ordering = ["line", "id"]
        indexes = [models.Index(fields=["run", "line"])]

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class ImportedRecord(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="imported_records")
    source = models.CharField(max_length=40)
    kind = models.CharField(max_length=12, choices=ImportRun.Kind.choices)
    key = models.CharField(max_length=300)
    object_id = models.PositiveBigIntegerField()
    fingerprint = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["team", "source", "kind", "key"], name="importedrecord_unique_key"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.key} → {self.object_id}"


class ImportMapping(models.Model):
    """A team's column mapping for a file layout DialReady does not know, to reuse."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="import_mappings")
    kind = models.CharField(max_length=12, choices=ImportRun.Kind.choices)
    name = models.CharField(max_length=80)
    headers = models.JSONField(default=list, blank=True)  # normalised, sorted
    mapping = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "kind", "name"], name="importmapping_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name
