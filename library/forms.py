"""The library page's forms: an objection with its rebuttal, a closing question, a merge."""

from django import forms

from callplans.models import ClosingQuestion, LibraryStatus, Objection, ObjectionTemplate
from candidates.models import Skill


class TemplateForm(forms.Form):
    category = forms.ChoiceField(label="Kind of objection", choices=Objection.Category.choices)
    text = forms.CharField(
        label="What does the client say?",
        max_length=ObjectionTemplate._meta.get_field("text").max_length,
        help_text="In the client's words: “We need three years of Terraform.”",
    )
    rebuttal = forms.CharField(
        label="The rebuttal that works",
        max_length=ObjectionTemplate._meta.get_field("rebuttal").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Evidence, not adjectives: what to point to, and who will vouch for it.",
    )
    skill = forms.ModelChoiceField(
        label="For which skill? (optional)",
        queryset=Skill.objects.all(),
        required=False,
        empty_label="Any skill",
        help_text="Plans whose job needs this skill are offered this rebuttal first.",
    )


class TemplateEditForm(TemplateForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="The closing question",
        max_length=ClosingQuestion._meta.get_field("text").max_length,
        help_text="Ask for a commitment: “Shall I tell Priya to expect an offer by Friday?”",
    )


class QuestionEditForm(QuestionForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MergeForm(forms.Form):
    """Keep `target`; the entry merged retires and its uses count for the one kept."""

    target = forms.ModelChoiceField(label="Merge into", queryset=ObjectionTemplate.objects.none())

    def __init__(self, *args, entry: ObjectionTemplate | ClosingQuestion, **kwargs):
        super().__init__(*args, **kwargs)
        others = type(entry).objects.filter(team_id=entry.team_id, status=LibraryStatus.ACTIVE)
        if isinstance(entry, ObjectionTemplate):
            others = others.filter(category=entry.category)
        self.fields["target"].queryset = others.exclude(pk=entry.pk)
