from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest

from accounts.models import User, time_zone_names

# A team's managers make salespeople and managers; a director is named by an administrator
# (the admin), who also sets the teams they lead.
TEAM_ROLES = [(User.Role.SALESPERSON, "Salesperson"), (User.Role.MANAGER, "Manager")]


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The current password is checked by logging in with it, so a wrong one counts as a failed
    login (accounts/throttling.py): after the login limit the page is paused like the login."""

    def __init__(self, user, *args, request: HttpRequest, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        checked = authenticate(
            self.request, username=self.user.get_username(), password=old_password
        )
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class InviteForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="What they log in with: letters, digits and @ . + - _ only, e.g. sam.lee.",
    )
    email = forms.EmailField(
        label="E-mail", help_text="The link to choose a password goes to this address."
    )
    role = forms.ChoiceField(
        label="Role",
        choices=TEAM_ROLES,
        initial=User.Role.SALESPERSON,
        help_text="Managers also review plans, see the whole team's numbers and manage the team.",
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=TEAM_ROLES)


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Your time zone",
        required=False,
        help_text="Every time DialReady shows you, and every time you type, is in this zone: "
        "interviews, calls, PDFs and CSV files.",
    )

    def __init__(self, *args, team_zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [
            ("", f"My team's time zone ({team_zone})"),
            *((name, name.replace("_", " ")) for name in sorted(time_zone_names())),
        ]
