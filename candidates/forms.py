import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils import timezone

from candidates.models import CANDIDATE_FIELDS, ENGAGEMENT_FIELDS, Candidate, Engagement, Skill

EARLIEST = datetime.date(1950, 1, 1)
MAX_SKILLS_PER_ENGAGEMENT = 30
SKILL_NAME_MAX = Skill._meta.get_field("name").max_length
SKILL_SUGGEST_CHARS = 80
VERSION_MAX = 2_147_483_647  # an int column everywhere: a bigger number is a tampered form


def _helper(layout: Layout | None = None) -> FormHelper:
    """Crispy renders the fields; the templates own the <form> tag and the CSRF token."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout is not None:
        helper.layout = layout
    return helper


class CandidateSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by name, headline or skill",
        max_length=100,
        required=False,
        help_text="Aliases work: “k8s” finds Kubernetes.",
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any status"), *Candidate.Status.choices], required=False
    )


class SkillSuggestForm(forms.Form):
    """What was typed into a skill input: `q`, or `skill` from the candidate's add-skill field
    (htmx sends an input's value under its own name). Only the first characters count, so a
    long paste still gets suggestions."""

    q = forms.CharField(required=False)
    skill = forms.CharField(required=False)

    def typed(self) -> str:
        if not self.is_valid():  # a NUL, say: nothing a skill could be called
            return ""
        return (self.cleaned_data["q"] or self.cleaned_data["skill"])[:SKILL_SUGGEST_CHARS]


class CandidateForm(forms.ModelForm):
    """Create a candidate. Never bound to an instance: the services save, the form only checks."""

    class Meta:
        model = Candidate
        fields = CANDIDATE_FIELDS
        labels = {
            "headline": "Headline",
            "location": "Where do they work from?",
            "summary": "What does this candidate do best?",
        }
        help_texts = {
            "headline": "Role and strength in a line, e.g. “Platform engineer who tames Kubernetes”.",
            "email": "Their own address, for interview logistics.",
            "phone": "The number you reach them on, with the country code.",
            "location": "City and whether they relocate or work remotely, e.g. “Austin, TX — remote”.",
            "status": "Where they are in their search, so nobody pitches a placed candidate.",
            "summary": (
                "The projects they shine on and the results they produce, in the words a client "
                "would use. Details go into the engagements below."
            ),
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Layout(
                Row(
                    Column("first_name", css_class="col-md-6"),
                    Column("last_name", css_class="col-md-6"),
                ),
                "headline",
                Row(Column("email", css_class="col-md-6"), Column("phone", css_class="col-md-6")),
                Row(
                    Column("location", css_class="col-md-8"), Column("status", css_class="col-md-4")
                ),
                "summary",
            )
        )


class CandidateEditForm(CandidateForm):
    """The main fields plus the version the user opened (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=VERSION_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout.append("version")

    def clean(self):
        cleaned = super().clean()
        if self.has_error("version"):
            # A hidden field's message would be invisible: say it where the user reads.
            self.add_error(
                None, "This form lost track of the version you opened. Reload the page and retry."
            )
        return cleaned


def _skill_name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise ValidationError("Type the skill's name.")
    if "|" in name:
        raise ValidationError("A skill name cannot contain “|”.")
    return name


class SkillYearsForm(forms.Form):
    """One row of the skills table: how long, and how recently.

    The row's inputs sit in table cells and join their <form> through the `form` attribute
    (`html_form`), since a <form> cannot wrap a table row."""

    years = forms.DecimalField(
        label="Years",
        min_value=0,
        max_value=60,
        max_digits=3,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    last_used_year = forms.IntegerField(label="Last used", required=False)

    def __init__(self, *args, html_form: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        field = self.fields["last_used_year"]
        field.validators = [*field.validators, _year_range(EARLIEST.year, this_year)]
        field.widget.attrs.update({"min": EARLIEST.year, "max": this_year})
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"
            if html_form:
                field.widget.attrs["form"] = html_form


def _year_range(low: int, high: int):
    def check(value: int | None) -> None:
        if value is not None and not low <= value <= high:
            raise ValidationError(f"Enter a year between {low} and {high}.")

    return check


CONFIRM_NEW_LABEL = "Yes, add it as a new skill"


class SkillAddForm(SkillYearsForm):
    skill = forms.CharField(label="Skill", max_length=SKILL_NAME_MAX)
    # The second confirmation a name close to an existing skill needs ("Did you mean Kafka?").
    confirm_new = forms.BooleanField(label=CONFIRM_NEW_LABEL, required=False)
    field_order = ["skill", "years", "last_used_year", "confirm_new"]

    def clean_skill(self) -> str:
        return _skill_name(self.cleaned_data["skill"])

    @property
    def asks_confirmation(self) -> bool:
        return self.has_error("skill", "near_duplicate")


class EngagementForm(forms.ModelForm):
    """An engagement in the words of the call plan: when and where the candidate worked on a
    similar project, the challenges they solved, what they delivered and what it produced."""

    skills_used = forms.CharField(
        label="Skills used",
        required=False,
        max_length=1000,
        help_text=(
            "Comma-separated, e.g. “Kubernetes, Terraform, AWS”. Aliases resolve; new skills "
            "are added."
        ),
    )
    confirm_new = forms.BooleanField(
        label="Yes, add the new skills I typed",
        required=False,
        help_text="Only needed when DialReady asks “Did you mean …?” about a skill you typed.",
    )

    class Meta:
        model = Engagement
        fields = ENGAGEMENT_FIELDS
        labels = {
            "employer": "Employer (where)",
            "project_name": "Project name",
            "role": "Role",
            "start_date": "Start date (when)",
            "end_date": "End date",
            "team_size": "Team size",
            "summary": "What was the project, and what was its goal?",
            "challenges_solved": "What relevant project challenges did the candidate solve?",
            "deliverables": "What deliverables and work artifacts did the candidate deliver?",
            "results": "What quantifiable results did the candidate produce?",
        }
        help_texts = {
            "employer": "The company they did the work for, e.g. “First Harbor Bank”.",
            "project_name": "What the client called it, e.g. “Payments platform migration”.",
            "role": "Their title on the project, e.g. “Lead DevOps engineer”.",
            "end_date": "Leave empty if they still work there.",
            "team_size": "People on the project team, the candidate included.",
            "summary": "Scope and goal in a sentence or two, so you can say how it is like your client's project.",
            "challenges_solved": "Specific problems they fixed, e.g. “Releases failed one time in three”.",
            "deliverables": "Things you could point at, e.g. “Terraform modules, CI/CD pipelines, runbooks”.",
            "results": "Numbers a client recognises, e.g. “Release time down from 2 days to 20 minutes”.",
        }
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "challenges_solved": forms.Textarea(attrs={"rows": 3}),
            "deliverables": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team_size"].widget.attrs["min"] = 1
        self.helper = _helper(
            Layout(
                Row(
                    Column("employer", css_class="col-md-4"),
                    Column("project_name", css_class="col-md-4"),
                    Column("role", css_class="col-md-4"),
                ),
                Row(
                    Column("start_date", css_class="col-md-4"),
                    Column("end_date", css_class="col-md-4"),
                    Column("team_size", css_class="col-md-4"),
                ),
                "summary",
                "challenges_solved",
                "deliverables",
                "results",
                "skills_used",
                "confirm_new",
            )
        )

    def clean_team_size(self) -> int | None:
        size = self.cleaned_data["team_size"]
        if size is not None and size < 1:
            raise ValidationError("A team has at least one person: the candidate.")
        return size

    def clean_start_date(self) -> datetime.date:
        start = self.cleaned_data["start_date"]
        if start < EARLIEST:
            raise ValidationError(f"Enter a date from {EARLIEST.year} on.")
        if start > timezone.localdate():
            raise ValidationError("The start date cannot be in the future.")
        return start

    def clean_end_date(self) -> datetime.date | None:
        end = self.cleaned_data["end_date"]
        if end is not None and end < EARLIEST:
            raise ValidationError(f"Enter a date from {EARLIEST.year} on.")
        return end

    def clean_skills_used(self) -> list[str]:
        names = []
        for part in self.cleaned_data["skills_used"].split(","):
            if not part.strip():
                continue
            name = _skill_name(part)
            if len(name) > SKILL_NAME_MAX:
                raise ValidationError(
                    f"“{name[:30]}…” is too long for a skill name ({SKILL_NAME_MAX} characters at most)."
                )
            names.append(name)
        names = list(dict.fromkeys(names))
        if len(names) > MAX_SKILLS_PER_ENGAGEMENT:
            raise ValidationError(
                f"List at most {MAX_SKILLS_PER_ENGAGEMENT} skills: the ones that matter for clients."
            )
        return names

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date cannot be before the start date.")
        return cleaned

    @staticmethod
    def initial_for(engagement: Engagement) -> dict:
        data = model_to_dict(engagement, fields=EngagementForm._meta.fields)
        data["skills_used"] = ", ".join(skill.name for skill in engagement.skills.all())
        return data
