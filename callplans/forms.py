from django import forms

from callplans.models import CallPlan, ClosingQuestion, Objection


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PlanForm(VersionedForm):
    candidate_story = forms.CharField(
        label="My candidate's story in two sentences",
        required=False,
        max_length=CallPlan._meta.get_field("candidate_story").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="When and where they did the same work, and the result the client cares about.",
    )
    closing_questions = forms.ModelMultipleChoiceField(
        label="Closing questions I will ask",
        queryset=ClosingQuestion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Ask for a commitment, and flush out what stops the client from giving it.",
    )
    next_action = forms.CharField(
        label="What action will I ask the client to take next?",
        required=False,
        max_length=CallPlan._meta.get_field("next_action").max_length,
        help_text="Concrete and dated: “Extend an offer by Friday”, “Book the final round”.",
    )

    def __init__(self, *args, team_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closing_questions"].queryset = ClosingQuestion.objects.filter(team_id=team_id)


class ObjectionForm(VersionedForm):
    text = forms.CharField(
        label="What will the client say?",
        max_length=Objection._meta.get_field("text").max_length,
    )
    rebuttal = forms.CharField(
        label="My credible rebuttal",
        required=False,
        max_length=Objection._meta.get_field("rebuttal").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Evidence, not adjectives: employer, dates, the result, and who will vouch.",
    )
    category = forms.ChoiceField(label="Kind of objection", choices=Objection.Category.choices)
    likelihood = forms.ChoiceField(label="How likely?", choices=Objection.Likelihood.choices)


class NewObjectionForm(ObjectionForm):
    requirement = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source = forms.ChoiceField(
        choices=Objection.Source.choices, initial=Objection.Source.MANUAL, widget=forms.HiddenInput
    )


class EvidenceLinkForm(VersionedForm):
    requirement = forms.IntegerField(widget=forms.HiddenInput)
    engagement = forms.IntegerField(widget=forms.HiddenInput)
    similarity_note = forms.CharField(
        label="How was this project like the customer's?",
        required=False,
        max_length=500,
        help_text="Same industry, size, stack or problem — whatever the client will recognise.",
    )


class PracticeForm(forms.Form):
    nailed = forms.IntegerField(min_value=0, max_value=500)
    needs_work = forms.IntegerField(min_value=0, max_value=500)
