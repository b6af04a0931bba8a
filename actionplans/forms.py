import unicodedata

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError

from actionplans.models import ActionStep
from joborders.forms import single_line

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StepForm(forms.Form):
    title = forms.CharField(
        max_length=160,
        validators=[single_line],
        label="Step",
        help_text="What happens, e.g. “Second interview with the CTO”.",
    )
    side = forms.ChoiceField(choices=ActionStep.Side.choices, label="Whose step")
    person = forms.CharField(
        max_length=120, required=False, validators=[single_line], label="Who does it"
    )
    due_on = forms.DateField(
        label="Due",
        widget=DATE_INPUT,
        error_messages={
            "required": "Give the step a due date.",
            "invalid": "Enter the due date as a date, e.g. 2026-12-15.",
        },
    )
    status = forms.ChoiceField(choices=ActionStep.Status.choices, label="Status")

    def __init__(self, *args, step: ActionStep | None = None, **kwargs):
        key = f"step-{step.pk}" if step else "new-step"
        kwargs.setdefault("auto_id", f"{key}-%s")
        if step is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": step.title,
                "side": step.side,
                "person": step.person,
                "due_on": step.due_on,
                "status": step.status,
            }
        super().__init__(*args, **kwargs)
        self.step = step
        self.helper = FormHelper()
        self.helper.form_tag = False


class ShareForm(forms.Form):
    contact = forms.TypedChoiceField(coerce=int, label="Client contact", choices=())

    def __init__(self, *args, contacts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].choices = [(c.pk, str(c)) for c in contacts]
        self.helper = FormHelper()
        self.helper.form_tag = False


def _text_lines(value: str) -> None:
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\x00" for ch in value):
        raise ValidationError("Remove the control characters from the text.")


class CommentForm(forms.Form):
    comment = forms.CharField(
        max_length=1000,
        validators=[_text_lines],
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Your comment",
        help_text="Seen by the recruiter who shared this plan.",
    )


class TemplateStepForm(forms.Form):
    title = forms.CharField(max_length=160, validators=[single_line], label="Step")
    side = forms.ChoiceField(choices=ActionStep.Side.choices, label="Whose step")
    offset_days = forms.IntegerField(
        min_value=0,
        max_value=365,
        label="Due (days after the interview)",
        help_text="Counted from today when a plan is started after the interview.",
        error_messages={"invalid": "Enter a whole number of days, e.g. 7."},
    )

    def __init__(self, *args, row=None, **kwargs):
        if row is not None:
            kwargs.setdefault(
                "initial", {"title": row.title, "side": row.side, "offset_days": row.offset_days}
            )
            kwargs.setdefault("auto_id", f"template-{row.pk}-%s")
        else:
            kwargs.setdefault("auto_id", "new-template-%s")
        super().__init__(*args, **kwargs)
        self.row = row
        self.helper = FormHelper()
        self.helper.form_tag = False
