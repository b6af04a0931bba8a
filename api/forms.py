from django import forms

from api.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What is this token for?",
        max_length=80,
        help_text="Say where it will be used, e.g. “Bullhorn sync” or “Sam's laptop script”.",
    )
    scope = forms.ChoiceField(
        label="What may it do?",
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text="Read only is enough for reports and exports; writing creates and changes records.",
    )
