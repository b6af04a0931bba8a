"""The manager review's filters and decision form."""

from django import forms

from accounts.models import Team, User
from accounts.selectors import sees_several_teams, teams_in_scope
from callplans.models import CallPlan, PlanReview
from candidates.models import LONG_TEXT
from joborders.models import Client
from reviews.selectors import (
    BELOW_READY,
    READY,
    ReviewFilters,
    review_clients,
    review_salespeople,
)

PER_PAGE_CHOICES = (25, 50, 100)


class ReviewFilterForm(forms.Form):
    salesperson = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Anyone", label="Salesperson"
    )
    status = forms.ChoiceField(
        choices=[("", "Any status"), *CallPlan.Status.choices], required=False
    )
    readiness = forms.ChoiceField(
        choices=[
            ("", "Any readiness"),
            (BELOW_READY, "Below 100% (items missing)"),
            (READY, "Ready to dial (100%)"),
        ],
        required=False,
    )
    interview_from = forms.DateField(
        required=False, label="Interview from", widget=forms.DateInput(attrs={"type": "date"})
    )
    interview_to = forms.DateField(
        required=False, label="Interview to", widget=forms.DateInput(attrs={"type": "date"})
    )
    client = forms.ModelChoiceField(
        queryset=Client.objects.none(), required=False, empty_label="Any client"
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(), required=False, empty_label="All my teams"
    )
    sort = forms.ChoiceField(
        choices=[
            ("interview", "Interview date, soonest first"),
            ("-interview", "Interview date, latest first"),
            ("readiness", "Readiness, lowest first"),
            ("-readiness", "Readiness, highest first"),
        ],
        required=False,
        label="Sort by",
    )
    per_page = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in PER_PAGE_CHOICES],
        coerce=int,
        required=False,
        empty_value=PER_PAGE_CHOICES[0],
        label="Plans per page",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        # The options show names only (the page reads them for every request).
        people = review_salespeople(user).only("first_name", "last_name", "username")
        self.fields["salesperson"].queryset = people
        self.fields["client"].queryset = review_clients(user).only("name")
        # One who leads several teams filters by team (the picker's query only for them).
        self.team_picker = sees_several_teams(user)
        if self.team_picker:
            self.fields["team"].queryset = teams_in_scope(user)
        else:
            del self.fields["team"]

    def clean(self):
        data = super().clean()
        start, end = data.get("interview_from"), data.get("interview_to")
        if start and end and end < start:
            self.add_error("interview_to", "The end date is before the start date.")
        return data

    def filters(self) -> tuple[ReviewFilters, int]:
        """The filters that are valid; a bad one is shown with its error and ignored."""
        self.is_valid()  # fills cleaned_data with the valid fields and errors for the others
        data = getattr(self, "cleaned_data", {})
        filters = ReviewFilters(
            salesperson=data.get("salesperson"),
            status=data.get("status") or "",
            readiness=data.get("readiness") or "",
            interview_from=data.get("interview_from"),
            interview_to=data.get("interview_to"),
            client=data.get("client"),
            team=data.get("team"),
            sort=data.get("sort") or "interview",
        )
        return filters, data.get("per_page") or PER_PAGE_CHOICES[0]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=PlanReview.Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(max_length=LONG_TEXT, required=False, widget=forms.Textarea)
