import datetime
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django import forms
from django.core.validators import RegexValidator

from candidates.models import LONG_TEXT, Candidate, Engagement
from core.locking import fingerprint
from joborders.models import JobOrder, Requirement
from references.models import Reference, ReferenceCall, ReferenceFinding, ReferenceQuestion
from references.selectors import KIND_HEADINGS, KIND_ORDER, JobChoices, requirement_prompt
from references.services import EDITABLE_CALL_FIELDS, FieldConflict

STALE_PAGE = "This page is out of date: open the call again."
RATING_RANGE = "The rating must be between 1 and 5."
BASELINE_MAX = 50_000

# The order the general fields appear on the page (and in error summaries).
CALL_FIELD_ORDER = (
    "job_details_shared",
    "would_rehire",
    "rating",
    "strengths",
    "concerns",
    "summary",
)
assert set(CALL_FIELD_ORDER) == EDITABLE_CALL_FIELDS


class ReferenceForm(forms.Form):
    name = forms.CharField(
        max_length=120,
        label="Reference's name",
        help_text="Someone who saw the candidate's work up close: a manager or a client "
        "says more than a friend.",
    )
    title = forms.CharField(max_length=120, required=False, label="Their job title")
    company = forms.CharField(
        max_length=120,
        required=False,
        label="Company",
        help_text="Leave it empty to use the employer of the engagement below.",
    )
    relationship = forms.ChoiceField(
        choices=Reference.Relationship.choices,
        initial=Reference.Relationship.MANAGER,
        label="How do they know the candidate?",
    )
    email = forms.EmailField(max_length=200, required=False, label="Email")
    phone = forms.CharField(
        max_length=40,
        required=False,
        label="Phone",
        help_text="The number you will dial, e.g. +1 512 555 0166.",
        validators=[
            RegexValidator(
                r"^[0-9+()./\s-]*(?:(?:ext\.?|x)\s*[0-9]+)?$",
                "Use digits, spaces and + ( ) - . only, optionally followed by ext 123.",
            )
        ],
    )
    engagement = forms.ModelChoiceField(
        queryset=Engagement.objects.none(),
        required=False,
        label="Which engagement did they work on together?",
        empty_label="Not tied to one engagement",
        help_text="The project the reference can speak to: their words then count as evidence "
        "for that engagement.",
    )

    def __init__(self, *args, candidate: Candidate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = candidate.engagements.order_by("-start_date", "pk")
        self.fields["engagement"].label_from_instance = _engagement_label


def _engagement_label(engagement: Engagement) -> str:
    end = engagement.end_date.year if engagement.end_date else "now"
    return f"{engagement} ({engagement.start_date.year}–{end})"


class JobOrderPickForm(forms.Form):
    """The job whose details the salesperson will share; none means general notes only."""

    reference = forms.IntegerField(widget=forms.HiddenInput)
    joborder = forms.ChoiceField(
        required=False,
        label="Which job will you describe to the reference?",
        help_text="Share the goal, challenges, deliverables and results of the job the "
        "candidate is presented to: the reference can then tell you how they would perform.",
    )

    def __init__(self, *args, jobs: JobChoices, **kwargs):
        super().__init__(*args, **kwargs)
        choices: list = []
        if jobs.submitted:
            choices.append(("Submitted to", [(j.pk, _job_label(j)) for j in jobs.submitted]))
        if jobs.others:
            choices.append(("Other open job orders", [(j.pk, _job_label(j)) for j in jobs.others]))
        choices.append(("", "No job order: general notes only"))
        self.fields["joborder"].choices = choices
        self.fields["joborder"].initial = jobs.submitted[0].pk if jobs.submitted else None


def _job_label(job: JobOrder) -> str:
    return f"{job.title} — {job.client.name}"


class ReferenceCallFilterForm(forms.Form):
    q = forms.CharField(max_length=100, required=False, label="Candidate or reference name")
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Any status"), *ReferenceCall.Status.choices],
        label="Status",
    )
    joborder = forms.ModelChoiceField(
        queryset=JobOrder.objects.none(),
        required=False,
        label="Job order",
        empty_label="Any job order",
    )
    mine = forms.BooleanField(required=False, label="Only my calls")

    def __init__(self, *args, job_orders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joborder"].queryset = job_orders


def assessment_name(requirement_id: int) -> str:
    return f"finding-{requirement_id}-assessment"


def quote_name(requirement_id: int) -> str:
    return f"finding-{requirement_id}-quote"


def theirs_name(name: str) -> str:
    """The hidden input that carries, beside a conflicting field, the value someone else saved."""
    return f"theirs-{name}"


def seen_name(name: str) -> str:
    """The hidden input with its fingerprint: what the page has now seen of that field."""
    return f"seen-{name}"


@dataclass(frozen=True)
class ConflictView:
    """What the page shows beside a field someone else changed while this page edited it."""

    label: str
    raw: str  # their value as the field would post it: "Use theirs" puts it in the field
    digest: str  # its fingerprint, what a choice posts as seen
    shown: str  # their value in words
    mine: str  # the editor's, in words, as this save sent it
    by: str
    at: datetime.datetime | None


class CallBoundField(forms.BoundField):
    @property
    def conflict(self) -> ConflictView | None:
        return self.form.conflicts.get(self.name)


@dataclass(frozen=True)
class FindingRow:
    requirement: Requirement
    prompt: str
    assessment: forms.BoundField
    quote: forms.BoundField


@dataclass(frozen=True)
class Problem:
    """One line of the error summary next to the save status."""

    anchor: str
    label: str
    message: str


@dataclass(frozen=True)
class FindingGroup:
    heading: str
    rows: list[FindingRow]


class ReferenceCallForm(forms.Form):
    """The whole call page: general notes plus an assessment and a quote per requirement.

    Saving is per field: only fields whose value differs from the page's `baseline` input
    (digests of the values the page started from, read from the raw data: a damaged baseline
    only means "assume everything changed") are written, and only when valid; the rest stay
    as stored. See `changes()`.

    The same digests say what the page last saw of each field (`seen()`): a field someone else
    changed since comes back as a conflict (`show_conflicts`), shown beside the field with their
    value, until the salesperson posts `resolve=mine:<field>` or `resolve=theirs:<field>`."""

    bound_field_class = CallBoundField

    draft_key = forms.UUIDField(
        widget=forms.HiddenInput, error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE}
    )
    version = forms.IntegerField(
        min_value=1,
        max_value=2_147_483_647,
        widget=forms.HiddenInput,
        error_messages={
            "required": STALE_PAGE,
            "invalid": STALE_PAGE,
            "min_value": STALE_PAGE,
            "max_value": STALE_PAGE,
        },
    )
    job_details_shared = forms.BooleanField(
        required=False,
        label="I shared the details of the job with the reference",
        help_text="Goal, challenges, deliverables and results: only a reference who knows the "
        "job can say how the candidate would perform in it.",
    )
    would_rehire = forms.ChoiceField(
        choices=ReferenceCall.Rehire.choices,
        required=False,
        widget=forms.RadioSelect,
        label="Would they hire the candidate again?",
        help_text="Ask it straight; a pause before the answer is an answer too.",
    )
    rating = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=5,
        label="How strong is this reference, from 1 to 5?",
        help_text="5: specific stories that match the job. 1: vague or lukewarm.",
        error_messages={"min_value": RATING_RANGE, "max_value": RATING_RANGE},
    )
    strengths = forms.CharField(
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What strengths did the reference describe?",
        help_text="Their examples, in their words: you will retell them to the customer.",
    )
    concerns = forms.CharField(
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What weaknesses or concerns came up?",
        help_text="These are the customer's likely objections: note them to prepare a rebuttal.",
    )
    summary = forms.CharField(
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Summary you could read to the customer",
        help_text="Two or three sentences connecting what the reference said to the job.",
    )

    def __init__(
        self,
        *args,
        requirements: Sequence[Requirement] = (),
        candidate_name: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if candidate_name:
            self.fields["would_rehire"].label = f"Would they hire {candidate_name} again?"
        self.candidate_name = candidate_name
        self.requirements = list(requirements)
        self.conflicts: dict[str, ConflictView] = {}
        for requirement in self.requirements:
            self.fields[assessment_name(requirement.pk)] = forms.ChoiceField(
                choices=[("", "Not assessed yet"), *ReferenceFinding.Assessment.choices],
                required=False,
                widget=forms.RadioSelect,
                label="Assessment",
            )
            self.fields[quote_name(requirement.pk)] = forms.CharField(
                required=False,
                max_length=LONG_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
                label="What did the reference say? Their words",
            )
        for name in self.editable_names():
            field = self.fields[name]
            described_by = [f"errors-{name}", f"conflict-{name}"]
            if field.help_text:
                described_by.insert(0, f"id_{name}_helptext")
            field.widget.attrs["aria-describedby"] = " ".join(described_by)
            field.widget.attrs["class"] = _widget_class(field.widget)
            if isinstance(field, forms.CharField) and field.max_length:
                field.widget.attrs["maxlength"] = field.max_length
        resolving = self.resolving()
        if resolving and resolving[0] == "theirs":
            # "Use theirs" without JavaScript: the field takes the value shown beside it.
            self.data = self.data.copy()
            self.data[resolving[1]] = self.data.get(theirs_name(resolving[1]), "")

    def editable_names(self) -> list[str]:
        names = list(CALL_FIELD_ORDER)
        for requirement in self.requirements:
            names += [assessment_name(requirement.pk), quote_name(requirement.pk)]
        return names

    def editable_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.editable_names()]

    def general_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in CALL_FIELD_ORDER if name != "job_details_shared"]

    def finding_groups(self) -> list[FindingGroup]:
        groups = []
        for kind in KIND_ORDER:
            rows = [
                FindingRow(
                    requirement=r,
                    prompt=requirement_prompt(r, self.candidate_name),
                    assessment=self[assessment_name(r.pk)],
                    quote=self[quote_name(r.pk)],
                )
                for r in self.requirements
                if r.kind == kind
            ]
            if rows:
                groups.append(FindingGroup(heading=KIND_HEADINGS[kind], rows=rows))
        return groups

    def labels(self) -> dict[str, str]:
        """Each editable field named so it makes sense away from its place on the page."""
        labels = {name: str(self.fields[name].label) for name in CALL_FIELD_ORDER}
        for r in self.requirements:
            labels[assessment_name(r.pk)] = f"Assessment of “{r}”"
            labels[quote_name(r.pk)] = f"Their words on “{r}”"
        return labels

    def error_summary(self) -> list[Problem]:
        if not self.is_bound or not self.errors:
            return []
        labels = self.labels()
        problems = [
            Problem(
                anchor=f"errors-{name}", label=labels[name], message=" ".join(self.errors[name])
            )
            for name in self.editable_names()
            if name in self.errors
        ]
        page_errors = dict.fromkeys(
            [
                *(e for name in ("draft_key", "version") for e in self.errors.get(name, [])),
                *self.non_field_errors(),
            ]
        )
        problems += [Problem(anchor="", label="", message=message) for message in page_errors]
        return problems

    def wants_finish(self) -> bool:
        """The "Finish call" button, not an autosave that happened while it had focus."""
        return self.data.get("action") == "finish" and not self.data.get("autosave")

    def started_from(self) -> dict[str, str]:
        """The digests the page started from; unreadable means "assume everything changed"."""
        raw = self.data.get("baseline", "")
        if not isinstance(raw, str) or len(raw) > BASELINE_MAX:
            return {}
        try:
            parsed = json.loads(raw) if raw else {}
        except ValueError:
            return {}
        if not isinstance(parsed, dict):
            return {}
        return {k: v for k, v in parsed.items() if isinstance(k, str) and isinstance(v, str)}

    def resolving(self) -> tuple[str, str] | None:
        """The conflict choice posted: ("mine" or "theirs", field name)."""
        choice, _, name = str(self.data.get("resolve", "")).partition(":")
        if choice in {"mine", "theirs"} and name in self.editable_names():
            return choice, name
        return None

    def seen(self) -> dict[str, str]:
        """What the page last saw of each field: where it started from, except that a field
        whose conflict is being resolved has seen the value shown beside it."""
        seen = self.started_from()
        resolving = self.resolving()
        if resolving:
            digest = self.data.get(seen_name(resolving[1]))
            if isinstance(digest, str) and len(digest) <= BASELINE_MAX:
                seen[resolving[1]] = digest
        return seen

    def changes(self) -> dict[str, object]:
        """The valid fields whose value differs from what the page started from, and the one
        whose conflict is being resolved (even if it was typed back to where it started)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        start = self.started_from()
        resolving = self.resolving()
        return {
            name: self.cleaned_data[name]
            for name in self.editable_names()
            if name in self.cleaned_data
            and (
                start.get(name) != fingerprint(self.cleaned_data[name])
                or (resolving and resolving[1] == name)
            )
        }

    def show_conflicts(self, conflicts: Iterable[FieldConflict]) -> None:
        """Put each conflict beside its field (and keep it out of the page's new baseline)."""
        labels = self.labels()
        for conflict in conflicts:
            if conflict.requirement is None:
                name = conflict.field
            elif conflict.field == "assessment":
                name = assessment_name(conflict.requirement.pk)
            else:
                name = quote_name(conflict.requirement.pk)
            raw = _raw(conflict.theirs)
            self.conflicts[name] = ConflictView(
                label=labels[name],
                raw=raw,
                digest=fingerprint(conflict.theirs),
                shown=_shown(self.fields[name], raw),
                mine=_shown(self.fields[name], _raw(conflict.mine)),
                by=conflict.by,
                at=conflict.at,
            )

    def split(
        self, changes: dict[str, object]
    ) -> tuple[dict[str, object], dict[Requirement, dict[str, str]]]:
        """Separate the call's own fields from the per-requirement findings."""
        call_changes = {k: v for k, v in changes.items() if k in EDITABLE_CALL_FIELDS}
        findings: dict[Requirement, dict[str, str]] = {}
        for requirement in self.requirements:
            for part, name in (
                ("assessment", assessment_name(requirement.pk)),
                ("quote", quote_name(requirement.pk)),
            ):
                if name in changes:
                    findings.setdefault(requirement, {})[part] = str(changes[name])
        return call_changes, findings

    def baseline_after(self, saved: dict[str, object]) -> str:
        """The page's new starting point once `saved` is stored."""
        start = self.started_from()
        start.update({name: fingerprint(value) for name, value in saved.items()})
        known = set(self.editable_names())
        return json.dumps({k: v for k, v in start.items() if k in known}, separators=(",", ":"))

    def mark_invalid_fields(self) -> None:
        """Bootstrap's invalid look and aria-invalid on each field that failed (no-JS pages)."""
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


def _raw(value: object) -> str:
    if value is True:
        return "on"
    return "" if value is None or value is False else str(value)


def _shown(field: forms.Field, raw: str) -> str:
    if isinstance(field, forms.BooleanField):
        return "Ticked" if raw else "Not ticked"
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(raw) or "Nothing chosen")
    return raw or "(empty)"


def _widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


def call_initial(call: ReferenceCall | None, requirements: Iterable[Requirement]) -> dict:
    """The form's starting values: the stored call, or a fresh draft's defaults."""
    source = call or ReferenceCall()
    initial: dict[str, object] = {
        "draft_key": source.draft_key,
        "version": source.version,
        **{name: getattr(source, name) for name in CALL_FIELD_ORDER},
    }
    findings = {f.requirement_id: f for f in call.findings.all()} if call else {}
    for requirement in requirements:
        finding = findings.get(requirement.pk)
        initial[assessment_name(requirement.pk)] = finding.assessment if finding else ""
        initial[quote_name(requirement.pk)] = finding.quote if finding else ""
    return initial


def baseline_of(initial: dict, names: Iterable[str]) -> str:
    return json.dumps(
        {name: fingerprint(initial.get(name)) for name in names}, separators=(",", ":")
    )


class ReferenceQuestionForm(forms.Form):
    text = forms.CharField(
        label="The question",
        max_length=ReferenceQuestion._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Tough and pointed, about what the candidate really did: “Walk me through the "
        "worst outage on her watch: what did she do in the first hour?”",
    )
    category = forms.CharField(
        label="Topic (optional)",
        required=False,
        max_length=ReferenceQuestion._meta.get_field("category").max_length,
        help_text="Questions are grouped by topic on the reference call page, e.g. "
        "“Technical depth” or “Working with the client”.",
    )
