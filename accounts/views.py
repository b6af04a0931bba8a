from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.forms import ThrottledPasswordChangeForm
from accounts.middleware import duration_text
from accounts.selectors import team_members, teams_with_members
from accounts.throttling import password_reset_allowed
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


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail, rate-limited. Over the limit the same "check your inbox" page
    answers as for an unknown address, so neither reveals which addresses have an account."""

    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        if not password_reset_allowed(self.request, form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    def get_context_data(self, **kwargs) -> dict:
        link_hours = duration_text(settings.PASSWORD_RESET_TIMEOUT)
        return {**super().get_context_data(**kwargs), "link_hours": link_hours}
