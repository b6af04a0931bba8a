from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.forms import ThrottledPasswordChangeForm
from accounts.selectors import team_members, teams_with_members
from accounts.types import AuthedRequest


@require_GET
def team(request: AuthedRequest):
    user = request.user
    if user.is_superuser:
        return render(request, "accounts/team.html", {"teams": teams_with_members()})
    if not user.is_manager or user.team is None:
        raise PermissionDenied("Only managers can see the team page.")
    members = team_members(user.team)
    return render(request, "accounts/team.html", {"team": user.team, "members": members})


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}
