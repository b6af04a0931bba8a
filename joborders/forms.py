"""Forms of the job order pages: the qualification form, its requirement rows, the pipeline.

Field names match the keyword arguments of the services they feed, so a service's
ValidationError lands next to the field the salesperson typed into."""

import unicodedata
from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from candidates.models import LONG_TEXT
from core.ids import parse_id
from joborders.models import (
    Client,
    ClientContact,
    Interview,
    JobOrder,
    LossReason,
    Requirement,
    Submittal,
)
from joborders.selectors import (
    clients_of_team,
    clients_visible_to,
    contacts_of_team,
    joborder_owner_choices,
    loss_reasons_for_submittal,
)
from joborders.services import JOBORDER_TRANSITIONS

ROW_TEXT_LENGTH = Requirement._meta.get_field("description").max_length
MAX_ROWS_PER_LIST = 30
SEARCH_LENGTH = 100


def _refuse_control_characters(value: str, *, allow_newlines: bool) -> None:
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    # NUL has its own message from Django's CharField; do not say it twice.
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed and ch != "\x00" for ch in value):
        raise ValidationError(
            "Remove the invisible control characters (pasted from another program?)."
        )


def single_line(value: str) -> None:
    _refuse_control_characters(value, allow_newlines=False)


def multi_line(value: str) -> None:
    _refuse_control_characters(value, allow_newlines=True)


def _text(max_length: int, **kwargs) -> forms.CharField:
    return forms.CharField(max_length=max_length, validators=[single_line], **kwargs)


def _textarea(label: str, help_text: str, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=LONG_TEXT,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ClientContact) -> str:
        return f"{obj.name}, {obj.title}" if obj.title else obj.name


class JobOrderForm(forms.Form):
    """Sections 1 and 2 of the qualification form: client & contact, project overview."""

    client = forms.ModelChoiceField(
        queryset=Client.objects.none(),
        required=False,
        label="Client",
        empty_label="— Pick the client —",
        help_text="The company that owns the project.",
    )
    new_client_name = _text(
        160,
        required=False,
        label="…or a new client",
        help_text="Not in the list? Type the company name and it is added.",
    )
    new_client_industry = _text(120, required=False, label="New client's industry")
    contact = ContactChoiceField(
        queryset=ClientContact.objects.none(),
        required=False,
        label="Contact",
        empty_label="— Pick the contact —",
        help_text="The person you call for interview feedback, usually the hiring manager.",
    )
    new_contact_name = _text(120, required=False, label="…or a new contact: name")
    new_contact_title = _text(120, required=False, label="New contact's title")
    new_contact_phone = _text(
        40, required=False, label="New contact's phone", help_text="Direct line: you will dial it."
    )
    new_contact_email = forms.EmailField(
        max_length=200, required=False, label="New contact's email"
    )
    title = _text(
        160,
        label="Job title",
        help_text="As the customer says it: “Senior DevOps Engineer — payments platform”.",
    )
    status = forms.ChoiceField(choices=JobOrder.Status.choices, initial=JobOrder.Status.OPEN)
    received_on = forms.DateField(
        required=False,  # left empty: today for a new job order, unchanged for an edit
        initial=timezone.localdate,
        label="Date received",
        help_text="The day the client gave you the job order: time to submit counts from it.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    openings = forms.IntegerField(min_value=1, max_value=99, initial=1, label="Openings")
    start_date = forms.DateField(
        required=False,
        label="Start date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    duration_weeks = forms.IntegerField(
        min_value=1, max_value=520, required=False, label="Duration (weeks)"
    )
    bill_rate = forms.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=0,
        required=False,
        label="Bill rate (per hour)",  # the firm's currency is added when the form is built
    )
    employment_type = forms.ChoiceField(
        choices=JobOrder.EmploymentType.choices,
        initial=JobOrder.EmploymentType.CONTRACT,
        required=False,  # a form posted without it (an older page, a script) is a contract
        label="Contract or permanent?",
    )
    expected_hours = forms.IntegerField(
        min_value=1,
        max_value=10_000,
        required=False,
        label="Expected hours (per opening)",
        help_text="For a contract: 40 hours a week for 26 weeks is 1040.",
    )
    placement_fee = forms.DecimalField(
        max_digits=10,
        decimal_places=2,
        min_value=0,
        required=False,
        label="Placement fee",
        help_text="For a permanent role: your fee for the job order, all openings together.",
    )
    project_goal = _textarea(
        "What is the goal of the project?",
        "In the customer's words, what is different when the project succeeds: “Move card "
        "payments to Kubernetes on AWS before the Q3 peak, with no customer-visible outage.”",
    )
    project_scope = _textarea(
        "Scope: team size, duration, budget notes",
        "“Platform team of 8; six-month contract, likely extension; PCI DSS scope.”",
        rows=2,
    )

    def clean_employment_type(self) -> str:
        return self.cleaned_data["employment_type"] or JobOrder.EmploymentType.CONTRACT

    def clean_received_on(self):
        return _sane_day(self.cleaned_data["received_on"], "date received")

    def __init__(self, *args, team_id: int | None, client: Client | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        currency = settings.DIALREADY_CURRENCY
        self.fields["bill_rate"].label = f"Bill rate ({currency} per hour)"
        self.fields["placement_fee"].label = f"Placement fee ({currency})"
        self.fields["client"].queryset = clients_of_team(team_id)
        # Any of the team's contacts may be posted (clean() says when it is another client's);
        # the list shows the chosen client's only, or, before a client is chosen, every
        # client's under its client's name, so that two "Dana Ruiz" are told apart.
        self.fields["contact"].queryset = contacts_of_team(team_id)
        self.fields["contact"].widget.choices = self._contact_choices(
            team_id, self._chosen_client_id(client)
        )
        self.fields["client"].widget.attrs.update(
            {
                "data-hx-get": reverse("joborders:contact_options"),
                "data-hx-trigger": "change",
                "data-hx-target": "#contact-field",
                "data-hx-swap": "outerHTML",
            }
        )
        self.fields["contact"].widget.attrs.update(
            {
                "data-hx-get": reverse("joborders:contact_options"),
                "data-hx-trigger": "change",
                "data-hx-target": "#contact-call",
                "data-hx-swap": "outerHTML",
                "data-hx-include": "#id_client",
            }
        )

    def _chosen_client_id(self, client: Client | None) -> int | None:
        if client is not None:
            return client.pk
        if self.is_bound:
            return parse_id(self.data.get(self.add_prefix("client")))
        chosen = self.initial.get("client")
        return getattr(chosen, "pk", chosen) if chosen else None

    def _contact_choices(self, team_id: int | None, client_id: int | None) -> list:
        field = self.fields["contact"]
        contacts = list(contacts_of_team(team_id))
        mine = [c for c in contacts if c.client_id == client_id]
        if client_id is not None:
            return [("", field.empty_label)] + [(c.pk, field.label_from_instance(c)) for c in mine]
        groups: dict[str, list] = {}
        for contact in contacts:
            groups.setdefault(contact.client.name, []).append(
                (contact.pk, field.label_from_instance(contact))
            )
        return [("", field.empty_label), *groups.items()]

    def clean(self):
        cleaned = super().clean()
        client, contact = cleaned.get("client"), cleaned.get("contact")
        if client is not None and contact is not None and contact.client_id != client.pk:
            self.add_error(
                "contact",
                f"{contact.name} works for {contact.client.name}, not {client.name}: pick one "
                f"of {client.name}'s contacts, or add a new one below.",
            )
        return cleaned


def _sane_day(value, label: str):
    if value is not None and not 2000 <= value.year <= 2100:
        raise ValidationError(f"Enter a {label} between the years 2000 and 2100.")
    return value


def _lines(value: str, field_label: str) -> list[str]:
    lines = [" ".join(line.split()) for line in value.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > MAX_ROWS_PER_LIST:
        raise ValidationError(
            f"Keep it to the {MAX_ROWS_PER_LIST} that matter most ({len(lines)} lines now)."
        )
    too_long = [n for n, line in enumerate(lines, start=1) if len(line) > ROW_TEXT_LENGTH]
    if too_long:
        raise ValidationError(
            f"Line {too_long[0]} is longer than {ROW_TEXT_LENGTH} characters: "
            f"split it into two {field_label}."
        )
    return lines


class JobOrderCreateForm(JobOrderForm):
    """The new job order page: one page, typed fast, rows as "one per line" text."""

    challenges = _textarea(
        "What project challenges does the customer need the candidate to solve?",
        "One per line. Good: “Releases take two days and one in five fails.”",
    )
    deliverables = _textarea(
        "What deliverables or work artifacts does the customer need the candidate to produce?",
        "One per line. Good: “Terraform modules for the AWS landing zone.”",
    )
    results = _textarea(
        "What specific, quantifiable results is the customer seeking?",
        "One per line, with a number and a date: “Release time under 30 minutes by Q3.”",
    )

    def clean_challenges(self) -> list[str]:
        return _lines(self.cleaned_data["challenges"], "challenges")

    def clean_deliverables(self) -> list[str]:
        return _lines(self.cleaned_data["deliverables"], "deliverables")

    def clean_results(self) -> list[str]:
        return _lines(self.cleaned_data["results"], "results")


class JobOrderEditForm(JobOrderForm):
    """The edit page's main form; `version` is the optimistic lock."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=12)

    def clean_version(self) -> int | None:
        value = self.cleaned_data["version"]
        if not (value.isascii() and value.isdigit()) or len(value) > 9:
            raise ValidationError("")  # reported once, at the top, by clean()
        return int(value)

    def clean(self):
        cleaned = super().clean()
        if "version" in self.errors:
            del self.errors["version"]
            self.add_error(
                None, "This form lost track of the version it edits: reload the page, then save."
            )
        return cleaned

    @staticmethod
    def initial_for(job_order: JobOrder) -> dict:
        return {
            "client": job_order.client_id,
            "contact": job_order.contact_id,
            "title": job_order.title,
            "status": job_order.status,
            "received_on": job_order.received_on,
            "openings": job_order.openings,
            "start_date": job_order.start_date,
            "duration_weeks": job_order.duration_weeks,
            "bill_rate": job_order.bill_rate,
            "employment_type": job_order.employment_type,
            "expected_hours": job_order.expected_hours,
            "placement_fee": job_order.placement_fee,
            "project_goal": job_order.project_goal,
            "project_scope": job_order.project_scope,
            "version": job_order.version,
        }


# --- Requirement rows (sections 3 to 6 of the qualification form) ----------------------------


@dataclass(frozen=True)
class SectionText:
    kind: str
    number: int
    heading: str
    row_label: str
    add_label: str
    placeholder: str
    help_text: str
    nested: bool = False  # a sub-list of "6. Skills and experience"


K = Requirement.Kind
SECTION_TEXT = {
    K.CHALLENGE: SectionText(
        K.CHALLENGE,
        3,
        "What project challenges does the customer need the candidate to solve?",
        "Challenge",
        "Add a challenge",
        "e.g. Releases take two days and one in five fails",
        "One challenge per row, in the customer's words.",
    ),
    K.DELIVERABLE: SectionText(
        K.DELIVERABLE,
        4,
        "What deliverables or work artifacts does the customer need the candidate to produce?",
        "Deliverable",
        "Add a deliverable",
        "e.g. Terraform modules for the AWS landing zone",
        "Something the candidate hands over: a module, a pipeline, a runbook.",
    ),
    K.RESULT: SectionText(
        K.RESULT,
        5,
        "What specific, quantifiable results is the customer seeking?",
        "Result",
        "Add a result",
        "e.g. Release time under 30 minutes by Q3",
        "A number and a deadline the customer will measure.",
    ),
    K.SKILL: SectionText(
        K.SKILL,
        6,
        "Skills",
        "Skill",
        "Add a skill",
        "e.g. Kubernetes or k8s",
        "Type a skill or one of its aliases (k8s finds Kubernetes); a new name is added to "
        "the skill list. Uncheck must-have for a nice-to-have.",
        nested=True,
    ),
    K.EXPERIENCE: SectionText(
        K.EXPERIENCE,
        6,
        "Experience",
        "Experience",
        "Add experience",
        "e.g. Delivered in a PCI DSS regulated environment",
        "What experience does this position require? Uncheck must-have for a nice-to-have.",
        nested=True,
    ),
}
SECTION_ORDER = (K.CHALLENGE, K.DELIVERABLE, K.RESULT, K.SKILL, K.EXPERIENCE)


class RequirementRowForm(forms.Form):
    """One requirement row. A skill row names a skill (+ minimum years); the others are text."""

    description = _text(ROW_TEXT_LENGTH)
    skill = _text(80)
    min_years = forms.DecimalField(
        max_digits=3, decimal_places=1, min_value=0, max_value=60, required=False
    )
    must_have = forms.BooleanField(required=False, label="Must-have", initial=True)
    # Shown only after "Did you mean Kafka?": the second confirmation of a near-duplicate skill.
    confirm_new = forms.BooleanField(required=False, label="Yes, add it as a new skill")

    def __init__(
        self,
        *args,
        kind: str,
        requirement: Requirement | None = None,
        number: int | None = None,
        **kwargs,
    ):
        key = f"req-{requirement.pk}" if requirement else f"new-{kind}"
        kwargs.setdefault("auto_id", f"{key}-%s")
        if requirement is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "description": requirement.description,
                "skill": requirement.skill.name if requirement.skill_id else "",
                "min_years": requirement.min_years,
                "must_have": requirement.must_have,
            }
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.requirement_pk = requirement.pk if requirement else None
        text = SECTION_TEXT[kind]
        label = f"{text.row_label} {number}" if number else f"New {text.row_label.lower()}"
        self.row_label = label
        if kind == K.SKILL:
            del self.fields["description"]
            self.fields["skill"].label = label
            self.fields["min_years"].label = "Minimum years"
            self.fields["skill"].widget.attrs.update(
                {
                    "list": "skill-options",
                    "autocomplete": "off",
                    "data-skill-input": "",
                    "data-hx-get": reverse("candidates:skill_suggest"),
                    "data-hx-trigger": "input changed delay:200ms",
                    "data-hx-target": "#skill-options",
                    "data-hx-swap": "innerHTML",
                    "data-hx-sync": "this:replace",
                }
            )
        else:
            del self.fields["skill"], self.fields["min_years"], self.fields["confirm_new"]
            self.fields["description"].label = label
            if kind != K.EXPERIENCE:
                del self.fields["must_have"]
        # The row's text is required, but its label must read "Challenge 2", not
        # "Challenge 2*": the browser gets `required`, the form checks it in clean_<field>.
        for name in ("description", "skill"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].widget.attrs["required"] = ""
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # Visible labels ("Challenge 2", "Minimum years"): the placeholder is only an example,
        # gone once the field holds text.
        self.helper.label_class = "form-label small mb-1"
        layout = {
            "description": Field(
                "description", placeholder=text.placeholder, wrapper_class="req-text"
            ),
            "skill": Field("skill", placeholder=text.placeholder, wrapper_class="req-text"),
            "min_years": Field("min_years", wrapper_class="req-years"),
            "must_have": Field("must_have", wrapper_class="req-check"),
        }
        self.helper.layout = Layout(*(layout[n] for n in self.fields if n != "confirm_new"))

    def ask_confirmation(self) -> None:
        """After "Did you mean …?": offer the tick that adds the typed name as a new skill."""
        if self.has_error("skill", "near_duplicate") and "confirm_new" in self.fields:
            self.helper.layout.append(
                Field("confirm_new", wrapper_class="req-check", label_class="form-check-label")
            )

    def _required(self, name: str) -> str:
        value = self.cleaned_data[name]
        if not value.strip():
            raise ValidationError(self.fields[name].error_messages["required"], code="required")
        return value

    def clean_description(self) -> str:
        return self._required("description")

    def clean_skill(self) -> str:
        return self._required("skill")

    def focus(self) -> None:
        """Put the cursor back in the first box after an add: the next row is typed at once."""
        first = next(iter(self.fields.values()))
        first.widget.attrs["autofocus"] = ""

    def service_values(self) -> dict:
        data = self.cleaned_data
        if self.kind == K.SKILL:
            return {
                "skill_name": data["skill"],
                "min_years": data["min_years"],
                "must_have": data["must_have"],
                "confirmed": data.get("confirm_new", False),
            }
        return {"description": data["description"], "must_have": data.get("must_have", True)}


# --- List filters, detail page actions ---------------------------------------------------------


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class JobOrderFilterForm(forms.Form):
    """The list's filters. Without parameters: my open job orders."""

    q = _text(SEARCH_LENGTH, required=False, label="Search title or client")
    status = forms.ChoiceField(
        choices=[("", "Any status"), *JobOrder.Status.choices], required=False
    )
    owner = OwnerChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Anyone", label="Owner"
    )
    client = forms.ModelChoiceField(
        queryset=Client.objects.none(), required=False, empty_label="Any client"
    )
    sort = forms.ChoiceField(
        choices=[("updated", "Recently updated"), ("start", "Start date")],
        required=False,
        label="Sort by",
    )

    def __init__(self, data, *, user: User):
        data = data.copy()
        data.setdefault("status", JobOrder.Status.OPEN)
        data.setdefault("owner", str(user.pk))
        super().__init__(data)
        # The options show names only (the page reads them for every request).
        owners = joborder_owner_choices(user).only("first_name", "last_name", "username")
        self.fields["owner"].queryset = owners
        self.fields["client"].queryset = clients_visible_to(user).only("name")

    def filters(self) -> dict:
        """The valid filters; an invalid one is ignored (and shown as an error)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "status": data.get("status", ""),
            "owner": data.get("owner"),
            "client": data.get("client"),
            "q": data.get("q", ""),
            "sort": data.get("sort") or "updated",
        }


class JobOrderStatusForm(forms.Form):
    status = forms.ChoiceField(choices=JobOrder.Status.choices)

    def __init__(self, *args, job_order: JobOrder, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = JOBORDER_TRANSITIONS.get(job_order.status, ())
        self.fields["status"].choices = [c for c in JobOrder.Status.choices if c[0] in allowed]


STATUS_ACTIONS = {
    JobOrder.Status.OPEN: "Reopen",
    JobOrder.Status.ON_HOLD: "Put on hold",
    JobOrder.Status.FILLED: "Mark filled",
    JobOrder.Status.LOST: "Mark lost",
    JobOrder.Status.CANCELLED: "Mark cancelled",
}


class SubmittalStageForm(forms.Form):
    """Move a submittal along the pipeline; scheduling an interview needs its date and time."""

    status = forms.ChoiceField(choices=Submittal.Status.choices, label="Stage")
    interview_at = forms.DateTimeField(
        required=False,
        label="Interview date and time",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    submitted_on = forms.DateField(
        required=False,  # left out: unchanged
        label="Submitted on",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_on = forms.DateField(
        required=False,
        label="Start date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, submittal: Submittal, **kwargs):
        kwargs.setdefault("auto_id", f"submittal-{submittal.pk}-%s")
        kwargs.setdefault(
            "initial",
            {
                "status": submittal.status,
                "interview_at": submittal.interview_at,
                "submitted_on": timezone.localdate(submittal.submitted_at),
                "start_on": submittal.start_on,
            },
        )
        super().__init__(*args, **kwargs)
        self.submittal = submittal
        name = submittal.candidate.full_name
        self.fields["status"].label = f"Stage for {name}"
        self.fields["interview_at"].label = f"Interview date and time for {name}"
        self.fields["submitted_on"].label = f"Day {name} was submitted"
        self.fields["start_on"].label = f"Start date of {name}, once placed"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.label_class = "visually-hidden"

    def clean_interview_at(self):
        value = self.cleaned_data["interview_at"]
        if value is not None and not 2000 <= value.year <= 2100:
            raise ValidationError("Enter an interview date between the years 2000 and 2100.")
        return value

    def clean_submitted_on(self):
        return _sane_day(self.cleaned_data["submitted_on"], "submitted date")

    def clean_start_on(self):
        return _sane_day(self.cleaned_data["start_on"], "start date")

    def service_values(self) -> dict:
        """The keyword arguments of `submittal_save_row`: an empty start date posted clears it."""
        cleaned = self.cleaned_data
        return {
            "status": cleaned["status"],
            "interview_at": cleaned["interview_at"],
            "submitted_on": cleaned["submitted_on"],
            "start_on": cleaned["start_on"],
            "clear_start": "start_on" in self.data and cleaned["start_on"] is None,
        }

    def clean(self):
        cleaned = super().clean()
        scheduling = cleaned.get("status") == Submittal.Status.INTERVIEW_SCHEDULED
        if (
            scheduling
            and not cleaned.get("interview_at")
            and not self.submittal.interview_at
            and "interview_at" not in self.errors
        ):
            self.add_error("interview_at", "When is the interview? Enter its date and time.")
        return cleaned


class CandidateSearchForm(forms.Form):
    candidate_q = _text(
        SEARCH_LENGTH,
        required=False,
        label="Find a candidate",
        help_text="Part of a name or headline: “Alex”, “DevOps”.",
    )


class SubmitCandidateForm(forms.Form):
    candidate = forms.IntegerField(min_value=1, max_value=2**62)
    candidate_q = _text(SEARCH_LENGTH, required=False)


class SubmittalRatesForm(forms.Form):
    """The submittal page's rates: per hour, in the firm's currency."""

    pay_rate = forms.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text="What the candidate is paid per hour.",
    )
    bill_rate = forms.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text="What the client is billed per hour for this candidate.",
    )

    def __init__(self, *args, submittal: Submittal, **kwargs):
        kwargs.setdefault(
            "initial", {"pay_rate": submittal.pay_rate, "bill_rate": submittal.bill_rate}
        )
        super().__init__(*args, **kwargs)
        currency = settings.DIALREADY_CURRENCY
        self.fields["pay_rate"].label = f"Pay rate ({currency} per hour)"
        self.fields["bill_rate"].label = f"Bill rate ({currency} per hour)"
        job_rate = submittal.job_order.bill_rate
        if job_rate is not None and submittal.bill_rate is None:
            self.fields["bill_rate"].help_text += f" The job order's is {job_rate}."
        self.helper = FormHelper()
        self.helper.form_tag = False


class SubmittalLossForm(forms.Form):
    """Why a rejected or withdrawn candidate was lost: one of the team's reasons and a note."""

    loss_reason = forms.ModelChoiceField(
        queryset=LossReason.objects.none(),
        required=False,
        label="Reason",
        empty_label="No reason given yet",
    )
    loss_note = forms.CharField(
        required=False,
        max_length=Submittal._meta.get_field("loss_note").max_length,
        label="Note",
        help_text="What the client or candidate said, in their words.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, submittal: Submittal, **kwargs):
        kwargs.setdefault(
            "initial",
            {"loss_reason": submittal.loss_reason_id, "loss_note": submittal.loss_note},
        )
        super().__init__(*args, **kwargs)
        self.fields["loss_reason"].queryset = loss_reasons_for_submittal(submittal)
        self.fields["loss_reason"].label = f"Why was {submittal.candidate.full_name} lost?"
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_loss_note(self):
        value = self.cleaned_data["loss_note"]
        _refuse_control_characters(value, allow_newlines=True)
        return value


class LossReasonForm(forms.Form):
    label = forms.CharField(max_length=LossReason._meta.get_field("label").max_length)
    side = forms.ChoiceField(
        choices=LossReason._meta.get_field("side").choices,
        label="Who says no",
        help_text="Client: offered when a client rejects. Candidate: when a candidate withdraws.",
    )

    def __init__(self, *args, reason: LossReason | None = None, **kwargs):
        if reason is not None:
            kwargs.setdefault("initial", {"label": reason.label, "side": reason.side})
            kwargs.setdefault("auto_id", f"reason-{reason.pk}-%s")
        super().__init__(*args, **kwargs)
        self.fields["label"].label = f"Reason “{reason.label}”" if reason else "New reason"
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_label(self):
        value = self.cleaned_data["label"]
        _refuse_control_characters(value, allow_newlines=False)
        return value


_INSTANT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _instant_field(label: str, **kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=_INSTANT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        **kwargs,
    )


class ContactsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ClientContact) -> str:
        return f"{obj.name}, {obj.title}" if obj.title else obj.name


class InterviewForm(forms.Form):
    """One interview round on the submittal page: fields named as `interview_schedule` takes
    them. `prefix` keeps the add form and a round's edit form apart on one page."""

    kind = forms.ChoiceField(label="How", choices=Interview.Kind.choices)
    starts_at = _instant_field("Starts")
    ends_at = _instant_field("Ends", required=False, help_text="Empty: an hour after the start.")
    interviewers = ContactsField(
        label="Interviewers",
        queryset=ClientContact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The client's people in the room or on the call.",
    )
    location = _text(
        Interview._meta.get_field("location").max_length,
        label="Location",
        required=False,
        help_text="The address and floor, for an on-site round.",
    )
    meeting_url = forms.URLField(
        label="Meeting link",
        required=False,
        max_length=Interview._meta.get_field("meeting_url").max_length,
        assume_scheme="https",
        help_text="The video call's address, e.g. https://meet.example.com/abc.",
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=Interview._meta.get_field("notes").max_length,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Who to ask for, what to bring, what the round covers.",
    )

    def __init__(
        self, *args, submittal: Submittal, contacts, interview: Interview | None = None, **kwargs
    ):
        if interview is not None:
            kwargs.setdefault("prefix", f"round-{interview.round}")
            kwargs.setdefault(
                "initial",
                {
                    "kind": interview.kind,
                    "starts_at": interview.starts_at,
                    "ends_at": interview.ends_at,
                    "interviewers": [c.pk for c in interview.interviewers.all()],
                    "location": interview.location,
                    "meeting_url": interview.meeting_url,
                    "notes": interview.notes,
                },
            )
        else:
            kwargs.setdefault("prefix", "new-round")
            kwargs.setdefault("initial", {"kind": Interview.Kind.VIDEO})
        super().__init__(*args, **kwargs)
        self.interview = interview
        self.fields["interviewers"].queryset = contacts
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def _sane(self, name: str):
        value = self.cleaned_data[name]
        if value is not None and not 2000 <= value.year <= 2100:
            raise ValidationError("Enter a date between the years 2000 and 2100.")
        return value

    def clean_starts_at(self):
        return self._sane("starts_at")

    def clean_ends_at(self):
        return self._sane("ends_at")
