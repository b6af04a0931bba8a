"""The call plan's forms: the plan's own fields, objection and evidence rows, and the feedback
call (the call itself, the plan's objections the client raised, and the ones nobody anticipated:
three empty rows, more added with htmx)."""

from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from callplans.models import (
    CallPlan,
    ClosingQuestion,
    FeedbackCall,
    LibraryStatus,
    Objection,
    PracticeItem,
    PracticeSession,
    RaisedObjection,
)
from callplans.services import NextRound, PracticeItemInput, RaisedInput
from joborders.models import Interview, LossReason
from joborders.selectors import loss_reasons_of


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

    def __init__(
        self, *args, team_id: int, shown: Sequence[ClosingQuestion] | None = None, **kwargs
    ):
        """`shown`: the team's questions when the page has them loaded already (the boxes are
        drawn from them, no query, even when the team has none); posted answers are still
        checked against the database."""
        super().__init__(*args, **kwargs)
        field = self.fields["closing_questions"]
        field.queryset = ClosingQuestion.objects.filter(
            team_id=team_id, status=LibraryStatus.ACTIVE
        )
        if shown is not None:
            field.choices = [(q.pk, q.text) for q in shown if q.status == LibraryStatus.ACTIVE]


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
    template = forms.IntegerField(required=False, widget=forms.HiddenInput)
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


# --- The feedback call ----------------------------------------------------------------------

NEW_ROWS = 3  # empty "objection I did not expect" rows on a fresh form
MAX_NEW_ROWS = 20
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _max(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class FeedbackCallForm(forms.Form):
    called_at = forms.DateTimeField(
        label="When did I speak with the client?",
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    outcome = forms.ChoiceField(
        label="What did the client decide?",
        choices=FeedbackCall.Outcome.choices,
        widget=forms.RadioSelect,
        help_text="An offer moves the submittal to Offer, a rejection to Rejected, a next round "
        "back to Interview scheduled. No decision yet leaves it where it is.",
    )
    next_starts_at = forms.DateTimeField(
        label="Next round: when is the interview?",
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Only with “Next round”: the date and time the client gave. It is scheduled "
        "as the next round, an hour long (change it on the submittal's page).",
    )
    next_kind = forms.ChoiceField(
        label="Next round: how?",
        required=False,
        choices=Interview.Kind.choices,
        initial=Interview.Kind.VIDEO,
    )
    loss_reason = forms.ModelChoiceField(
        label="If the client said no: why?",
        queryset=LossReason.objects.none(),
        required=False,
        empty_label="Not a rejection, or I don't know yet",
        help_text="The metrics count why candidates are lost; the submittal page can add a note.",
    )
    closing_question_asked = forms.ModelChoiceField(
        label="Which closing question did I ask?",
        queryset=ClosingQuestion.objects.none(),
        required=False,
        empty_label="I did not ask one",
        help_text="Asking for a commitment flushes out the objections that stand in its way.",
    )
    commitment = forms.CharField(
        label="What did the client commit to?",
        required=False,
        max_length=_max(FeedbackCall, "commitment"),
        help_text="The action they agreed to take: “Final round with the CTO on Thursday”, "
        "“Take the candidate off the market”.",
    )
    next_step = forms.CharField(
        label="What action will I ask the client to take next?",
        required=False,
        max_length=_max(FeedbackCall, "next_step"),
        help_text="Concrete: who does what. It is added to the submittal's action plan.",
    )
    next_step_due = forms.DateField(
        label="By when?",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Left empty: two working days after the call.",
    )
    notes = forms.CharField(
        label="Notes from the call",
        required=False,
        max_length=_max(FeedbackCall, "notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, plan: CallPlan, **kwargs):
        super().__init__(*args, **kwargs)
        team_id = plan.submittal.job_order.team_id
        self.fields["closing_question_asked"].queryset = ClosingQuestion.objects.filter(
            team_id=team_id, status=LibraryStatus.ACTIVE
        )
        self.fields["loss_reason"].queryset = loss_reasons_of(team_id).filter(
            retired=False, side__in=["client", "either"]
        )

    def clean_called_at(self):
        value = self.cleaned_data["called_at"]
        if not 2000 <= value.year <= 2100:
            raise ValidationError("Enter a date between the years 2000 and 2100.")
        return value

    def clean_next_starts_at(self):
        value = self.cleaned_data["next_starts_at"]
        if value is not None and not 2000 <= value.year <= 2100:
            raise ValidationError("Enter a date between the years 2000 and 2100.")
        return value

    def clean(self):
        cleaned = super().clean()
        wants_next = cleaned.get("outcome") == FeedbackCall.Outcome.NEXT_ROUND
        if wants_next and not cleaned.get("next_starts_at") and "next_starts_at" not in self.errors:
            self.add_error(
                "next_starts_at",
                "“Next round”: when is it? Enter the next interview's date and time.",
            )
        return cleaned

    def next_round(self) -> NextRound | None:
        data = self.cleaned_data
        if data["outcome"] != FeedbackCall.Outcome.NEXT_ROUND:
            return None
        return NextRound(
            starts_at=data["next_starts_at"], kind=data["next_kind"] or Interview.Kind.VIDEO
        )


class AnticipatedForm(forms.Form):
    """One objection of the plan: did the client raise it, and how well did I handle it?"""

    raised = forms.BooleanField(required=False)
    # Not required: a row missing from the post (an objection added to the plan after the form
    # was opened) is simply not raised.
    handled = forms.ChoiceField(
        choices=RaisedObjection.Handled.choices,
        initial=RaisedObjection.Handled.YES,
        required=False,
    )

    def __init__(self, *args, objection: Objection, **kwargs):
        super().__init__(*args, prefix=f"a{objection.pk}", **kwargs)
        self.objection = objection
        self.fields["raised"].label = f"The client raised “{objection.text}”"
        self.fields["raised"].widget.attrs["class"] = "form-check-input"
        self.fields["handled"].label = f"How well did I handle “{objection.text}”?"
        self.fields["handled"].widget.attrs["class"] = "form-select form-select-sm"

    def raised_input(self) -> RaisedInput | None:
        if not self.cleaned_data.get("raised"):
            return None
        handled = self.cleaned_data["handled"] or RaisedObjection.Handled.YES
        return RaisedInput(objection=self.objection, handled=handled)


class UnanticipatedForm(forms.Form):
    """An objection nobody put in the plan; its rebuttal is kept with the call, and may also be
    offered to the team library."""

    text = forms.CharField(
        label="What did the client say?",
        required=False,
        max_length=_max(RaisedObjection, "text"),
    )
    # Not required: an empty row, or one missing from the post, takes the defaults.
    category = forms.ChoiceField(
        label="Kind of objection",
        choices=Objection.Category.choices,
        initial=Objection.Category.OTHER,
        required=False,
    )
    handled = forms.ChoiceField(
        label="How well did I handle it?",
        choices=RaisedObjection.Handled.choices,
        initial=RaisedObjection.Handled.YES,
        required=False,
    )
    rebuttal = forms.CharField(
        label="The rebuttal for next time",
        required=False,
        max_length=_max(Objection, "rebuttal"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Evidence, not adjectives: employer, dates, the result, and who will vouch.",
    )
    add_to_library = forms.BooleanField(
        label="Also send this objection and rebuttal to the team library",
        required=False,
        help_text="The rebuttal stays with this call either way. A manager accepts what "
        "salespeople send before the team is offered it.",
    )

    def __init__(self, *args, index: int, autofocus: bool = False, **kwargs):
        super().__init__(*args, prefix=f"new-{index}", **kwargs)
        self.index = index
        self.number = index + 1
        if autofocus:  # a row added with the button: type into it at once
            self.fields["text"].widget.attrs["autofocus"] = ""

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("text", "")
        rebuttal = cleaned.get("rebuttal", "")
        if not text and (rebuttal or cleaned.get("add_to_library")):
            self.add_error("text", "Write what the client said, or clear this row.")
        if cleaned.get("add_to_library") and not rebuttal and "rebuttal" not in self.errors:
            self.add_error("rebuttal", "Write the rebuttal to add this objection to the library.")
        return cleaned

    def raised_input(self) -> RaisedInput | None:
        data = self.cleaned_data
        if not data.get("text"):
            return None
        return RaisedInput(
            text=data["text"],
            category=data["category"] or Objection.Category.OTHER,
            handled=data["handled"] or RaisedObjection.Handled.YES,
            rebuttal=data["rebuttal"],
            add_to_library=data["add_to_library"],
        )


def new_row_count(data) -> int:
    """How many unanticipated rows the posted form had (the htmx button adds rows)."""
    try:
        count = int((data or {}).get("new_rows", NEW_ROWS))
    except (TypeError, ValueError):
        count = NEW_ROWS
    return max(NEW_ROWS, min(count, MAX_NEW_ROWS))


class FeedbackForms:
    """The whole page's forms, validated together; `service_values()` feeds the service."""

    def __init__(
        self,
        *,
        plan: CallPlan,
        objections: list[Objection],
        planned_question_id: int | None = None,
        data=None,
    ):
        self.plan = plan
        self.main = FeedbackCallForm(
            data,
            plan=plan,
            initial={
                "called_at": timezone.localtime().replace(second=0, microsecond=0),
                "closing_question_asked": planned_question_id,
            },
        )
        self.anticipated = [AnticipatedForm(data, objection=o) for o in objections]
        self.new_rows = [UnanticipatedForm(data, index=i) for i in range(new_row_count(data))]
        self.non_field_errors: list[str] = []

    def is_valid(self) -> bool:
        forms_ = [self.main, *self.anticipated, *self.new_rows]
        return all(f.is_valid() for f in forms_)  # every form validated: all errors shown

    def add_error(self, error: ValidationError) -> None:
        """Show a service's refusal next to the field it names, or above the form."""
        if hasattr(error, "error_dict"):
            for name, messages in error.error_dict.items():
                if name in self.main.fields:
                    self.main.add_error(name, messages)
                else:
                    self.non_field_errors += [m for e in messages for m in e.messages]
        else:
            self.non_field_errors += error.messages

    def service_values(self) -> dict:
        data = self.main.cleaned_data
        raised = [f.raised_input() for f in (*self.anticipated, *self.new_rows)]
        return {
            "called_at": data["called_at"],
            "outcome": data["outcome"],
            "loss_reason": data["loss_reason"],
            "closing_question_asked": data["closing_question_asked"],
            "commitment": data["commitment"],
            "next_step": data["next_step"],
            "next_step_due": data["next_step_due"],
            "notes": data["notes"],
            "raised": [r for r in raised if r is not None],
            "next_round": self.main.next_round(),
        }


class PracticeForm(forms.Form):
    """Who practised with you, and a word on how it went; the cards come as card-<key>."""

    partner = forms.CharField(
        label="Who played the client?",
        required=False,
        max_length=PracticeSession._meta.get_field("partner").max_length,
        help_text="The co-worker who read the objections aloud. Leave empty if you practised alone.",
    )
    note = forms.CharField(
        label="A note on the practice",
        required=False,
        max_length=PracticeSession._meta.get_field("note").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


NOTE_LENGTH = PracticeItem._meta.get_field("note").max_length


def practice_items(data, cards, plan) -> tuple[list[PracticeItemInput], list[str]]:
    """The marked cards of a posted practice (card-<key>: nailed / shaky / missed, note-<key>),
    and what is wrong with the post; unmarked cards are left out."""
    results = set(PracticeItem.Result.values)
    objections = plan.objections.in_bulk([c.objection_id for c in cards if c.objection_id])
    items, errors = [], []
    for number, card in enumerate(cards, start=1):
        mark = data.get(f"card-{card.key}", "")
        note = data.get(f"note-{card.key}", "")
        if not mark:
            continue
        if mark not in results:
            errors.append(f"Card {number}: mark it nailed, shaky or missed.")
            continue
        if len(note) > NOTE_LENGTH or "\x00" in note:
            errors.append(f"Card {number}: keep the note under {NOTE_LENGTH} plain characters.")
            continue
        items.append(
            PracticeItemInput(
                result=mark,
                objection=objections.get(card.objection_id),
                prompt=card.objection,
                note=note,
            )
        )
    return items, errors


CLOSING_ROUNDS = 3


class ClosingPracticeForm(forms.Form):
    closing_question = forms.ModelChoiceField(
        label="The closing question you ask",
        queryset=ClosingQuestion.objects.none(),
        empty_label=None,
    )
    partner = PracticeForm.base_fields["partner"]
    note = PracticeForm.base_fields["note"]

    def __init__(self, *args, plan: CallPlan, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = list(plan.closing_questions.order_by("position", "id"))
        field = self.fields["closing_question"]
        field.queryset = ClosingQuestion.objects.filter(
            team_id=plan.submittal.job_order.team_id, status=LibraryStatus.ACTIVE
        ).order_by("position", "id")
        if chosen:
            field.initial = chosen[0].pk
            field.help_text = "The plan's question first; any of the team's may be rehearsed."
        self.fields["partner"].help_text = "The co-worker who plays the client."


class ClosingRoundForm(forms.Form):
    """One round: the client's answer to the closing question, the objection behind a "not yet",
    and how the salesperson's answer went. An untouched round is left out."""

    answer = forms.ChoiceField(
        label="What did the client say?",
        choices=PracticeItem.Answer.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    objection = forms.ModelChoiceField(
        label="Which objection holds them back?",
        queryset=Objection.objects.none(),
        required=False,
        empty_label="None of the plan's",
    )
    new_objection = forms.CharField(
        label="Or a new one, in the client's words",
        required=False,
        max_length=PracticeItem._meta.get_field("prompt").max_length,
    )
    add_to_plan = forms.BooleanField(label="Add this new objection to the plan", required=False)
    result = forms.ChoiceField(
        label="How did your answer go?",
        choices=PracticeItem.Result.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note", required=False, max_length=PracticeItem._meta.get_field("note").max_length
    )

    def __init__(self, *args, plan: CallPlan, number: int, **kwargs):
        kwargs.setdefault("prefix", f"r{number}")
        super().__init__(*args, **kwargs)
        self.number = number
        self.fields["objection"].queryset = plan.objections.order_by("position", "id")
        for name, field in self.fields.items():
            field.label = f"{field.label} (round {number})" if name != "answer" else field.label

    @property
    def touched(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("answer") or data.get("result") or data.get("new_objection"))

    def clean(self):
        data = super().clean()
        if not self.touched:
            return data
        if not data.get("answer"):
            self.add_error("answer", "Say what the client answered: ready, or not yet.")
        if not data.get("result"):
            self.add_error("result", "Mark how your answer went.")
        new = (data.get("new_objection") or "").strip()
        if data.get("answer") == PracticeItem.Answer.NOT_YET:
            if not (data.get("objection") or new):
                self.add_error("objection", "“Not yet” needs the objection that holds them back.")
            if data.get("objection") and new:
                self.add_error("new_objection", "Pick one of the plan's, or write a new one.")
        if data.get("add_to_plan") and not new:
            self.add_error("add_to_plan", "Write the new objection to add it to the plan.")
        return data

    def item(self) -> PracticeItemInput:
        data = self.cleaned_data
        return PracticeItemInput(
            result=data["result"],
            objection=data.get("objection"),
            prompt=(data.get("new_objection") or "").strip(),
            answer=data["answer"],
            note=data.get("note", ""),
            add_to_plan=bool(data.get("add_to_plan")),
        )


TRANSCRIPT_LENGTH = PracticeItem._meta.get_field("transcript").max_length


def roleplay_items(data, prompts, assessment) -> tuple[list[PracticeItemInput], list[str]]:
    """A posted reference-call role-play: per prompt `said-<key>` (what the "reference"
    answered) and `how-<key>` (nailed: specific, shaky: vague, missed: not asked); prompts left
    blank are left out; then the self-assessment's answers, both required."""
    results = set(PracticeItem.Result.values)
    items, errors = [], []
    for number, (key, text) in enumerate(prompts, start=1):
        said, how = data.get(f"said-{key}", ""), data.get(f"how-{key}", "")
        if not (said.strip() or how):
            continue
        if how not in results:
            errors.append(f"Question {number}: say how specific the answer was.")
        elif len(said) > TRANSCRIPT_LENGTH or "\x00" in said:
            errors.append(
                f"Question {number}: keep the answer under {TRANSCRIPT_LENGTH} characters."
            )
        else:
            items.append(PracticeItemInput(result=how, prompt=text, transcript=said))
    if not items and not errors:
        errors.append("Note at least one question and how specific the answer was.")
    for key, text in assessment:
        answer = data.get(key, "")
        if answer not in results:
            errors.append(f"Answer “{text}”")
        else:
            items.append(PracticeItemInput(result=answer, prompt=text))
    return items, errors
