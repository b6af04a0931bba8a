"""The board's filters: a GET form. A value it does not know is ignored, and said so."""

from django import forms

from accounts.models import User
from accounts.selectors import sees_several_teams, teams_in_scope
from board import rules
from board.selectors import SCOPES, SORTS, board_clients

STAGES = [("", "Any stage"), *((s, rules.STAGE_LABELS[s]) for s in rules.STAGE_ORDER)]


class BoardFilterForm(forms.Form):
    scope = forms.ChoiceField(choices=SCOPES, required=False, label="Whose job orders")
    client = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Any client", label="Client"
    )
    team = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="All my teams", label="Team"
    )
    stage = forms.ChoiceField(choices=STAGES, required=False, label="Stage")
    sort = forms.ChoiceField(choices=SORTS, required=False, label="Sort by")

    def __init__(self, data, *, user: User):
        # A manager's, director's (or superuser's) board opens on the team, a salesperson's on
        # their own; one who leads several teams also picks a team (no query unless they do).
        self.default_scope = "team" if user.is_superuser or user.leads_teams else "mine"
        super().__init__(data)
        self.team_picker = sees_several_teams(user)
        self.fields["team"].queryset = teams_in_scope(user)
        if not self.team_picker:
            del self.fields["team"]
        self.fields["client"].queryset = board_clients(user)
        self.fields["scope"].initial = self.default_scope

    def filters(self) -> tuple[dict, list[str]]:
        """The valid filters, and a notice per ignored one (an unknown value is never a 500)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        ignored = [
            f"{self.fields[name].label}: “{str(self.data.get(name, ''))[:40]}” is not one of "
            "the choices, so it is ignored."
            for name in self.errors
            if name in self.fields
        ]
        return {
            "scope": data.get("scope") or self.default_scope,
            "client": data.get("client"),
            "team": data.get("team"),
            "stage": data.get("stage") or "",
            "sort": data.get("sort") or "money",
        }, ignored
