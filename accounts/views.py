from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import services
from accounts.forms import InviteForm, MemberRoleForm, ThrottledPasswordChangeForm, TimeZoneForm
from accounts.middleware import duration_text
from accounts.models import Team, User
from accounts.selectors import (
    get_member_for_manager,
    picked_team_id,
    sees_several_teams,
    team_roster,
    teams_in_scope,
    teams_with_members,
)
from accounts.throttling import password_reset_allowed
from accounts.types import AuthedRequest
from core.access import scope_team_ids
from core.forms import INVALID, add_service_errors


def _managed_team(request: AuthedRequest, raw: str | None) -> Team:
    """The team a manager manages on this page: their home team, or one they lead besides it
    (`?team=<id>`; any other value is their home team again)."""
    user = request.user
    if not user.is_manager or not scope_team_ids(user):
        raise PermissionDenied("Only a team's managers manage it.")
    team_id, _ = picked_team_id(user, raw)
    team_id = team_id or user.team_id or scope_team_ids(user)[0]
    return user.team if team_id == user.team_id else Team.objects.get(pk=team_id)


def _team_page(
    request: AuthedRequest, *, refusal: ValidationError | None = None, team: Team | None = None
):
    user = request.user
    if user.is_superuser:
        return render(request, "accounts/team.html", {"teams": teams_with_members()})
    team = team or _managed_team(request, request.GET.get("team"))
    several = sees_several_teams(user)
    context = {
        "team": team,
        "members": team_roster(team),
        "refusal": refusal.messages if refusal else [],
        # A manager of several teams manages each: a link to each team's page.
        "managed_teams": list(teams_in_scope(user)) if several else None,
        "is_home": team.pk == user.team_id,
    }
    return render(request, "accounts/team.html", context, status=INVALID if refusal else 200)


@require_GET
def team(request: AuthedRequest):
    return _team_page(request)


@require_http_methods(["GET", "POST"])
def member_invite(request: AuthedRequest):
    user = request.user
    team = _managed_team(request, request.GET.get("team"))
    form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                member = services.member_invite(
                    invited_by=user,
                    team=team,
                    site_url=request.build_absolute_uri("/").rstrip("/"),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                status = add_service_errors(form, error)
            else:
                messages.success(
                    request, f"{member} is on the team: the link to choose a password is sent."
                )
                return _back_to(request.user, member)
    return render(request, "accounts/invite.html", {"form": form, "team": team}, status=status)


def _back_to(user: User, member: User) -> HttpResponseRedirect:
    """The team page of the member's team (a led team's page names it)."""
    url = reverse("accounts:team")
    led = member.team_id is not None and member.team_id != user.team_id
    return HttpResponseRedirect(f"{url}?team={member.team_id}" if led else url)


def _member_action(request: AuthedRequest, pk: int, action: Callable[[User], str]):
    """Run a service on a member the user manages, then back to the team page with its message,
    or the team page with the refusal (422)."""
    member = get_member_for_manager(request.user, pk)
    try:
        done = action(member)
    except ValidationError as error:
        team = None if request.user.is_superuser or member.team is None else member.team
        return _team_page(request, refusal=error, team=team)
    messages.success(request, done)
    return _back_to(request.user, member)


@require_POST
def member_role(request: AuthedRequest, pk: int):
    form = MemberRoleForm(request.POST)

    def change(member: User) -> str:
        if not form.is_valid():
            raise ValidationError("Choose salesperson or manager.")
        member = services.member_role_change(member=member, role=form.cleaned_data["role"])
        return f"{member} is now a {member.get_role_display().lower()}."

    return _member_action(request, pk, change)


@require_POST
def member_deactivate(request: AuthedRequest, pk: int):
    def deactivate(member: User) -> str:
        services.member_deactivate(member=member, deactivated_by=request.user)
        return f"{member} is deactivated: they cannot log in, and their work stays."

    return _member_action(request, pk, deactivate)


@require_POST
def member_reactivate(request: AuthedRequest, pk: int):
    def reactivate(member: User) -> str:
        services.member_reactivate(member=member)
        return f"{member} can log in again."

    return _member_action(request, pk, reactivate)


def _team_zone(user: User) -> str:
    return user.team.time_zone if user.team_id and user.team.time_zone else settings.TIME_ZONE


@require_http_methods(["GET", "POST"])
def my_settings(request: AuthedRequest):
    """The signed-in person's own settings: their time zone."""
    user = request.user
    team_zone = _team_zone(user)
    form = TimeZoneForm(
        request.POST or None, initial={"time_zone": user.time_zone}, team_zone=team_zone
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                services.user_time_zone_change(user=user, time_zone=form.cleaned_data["time_zone"])
            except ValidationError as error:
                status = add_service_errors(form, error)
            else:
                messages.success(request, f"Saved. Times now show in {user.time_zone_name}.")
                return redirect("my_settings")
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "zone": user.time_zone_name, "now": timezone.now()},
        status=status,
    )


class WelcomeView(auth_views.PasswordResetConfirmView):
    """The invitation link: Django's reset confirmation, worded for a first password."""

    template_name = "accounts/welcome.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            f"Welcome to DialReady: your password is set. Log in as {self.user.get_username()}.",
        )
        return response


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
