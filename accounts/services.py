import smtplib

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Team, User
from core.access import in_scope


@transaction.atomic
def team_get_or_create(*, name: str) -> Team:
    team, created = Team.objects.get_or_create(name=name)
    if created:
        team.full_clean()
    return team


@transaction.atomic
def user_get_or_create(
    *,
    username: str,
    password: str,
    team: Team | None,
    role: str = User.Role.SALESPERSON,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_superuser: bool = False,
) -> tuple[User, bool]:
    """Create a user once; an existing user is returned untouched (their password may have changed)."""
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing, False
    user = User(
        username=username,
        team=team,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user, True


@transaction.atomic
def user_set_led_teams(*, user: User, teams: list[Team]) -> User:
    """The teams a manager or director leads besides their home team (core/access.py)."""
    if not user.leads_teams:
        raise ValidationError("Only a manager or a director leads teams.")
    user.led_teams.set(teams)
    for known in ("led_team_ids", "led_team_csv"):  # what the instance knew is stale now
        user.__dict__.pop(known, None)
    return user


def _active_managers(team: Team | None):
    # Locked, so two managers demoting each other at once cannot leave the team without one.
    return User.objects.select_for_update().filter(
        team=team, role=User.Role.MANAGER, is_active=True
    )


def _refuse_removing_last_manager(member: User) -> None:
    if not (member.is_manager and member.is_active and member.team_id):
        return
    if not _active_managers(member.team).exclude(pk=member.pk).exists():
        raise ValidationError(
            f"{member} is the last manager of {member.team}: make someone else a manager first."
        )


@transaction.atomic
def member_invite(
    *,
    invited_by: User,
    username: str,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    site_url: str,
    team: Team | None = None,
) -> User:
    """Add someone to the inviting manager's team, without a password, and e-mail them a link
    to choose one (Django's password-reset token: it works once, for PASSWORD_RESET_TIMEOUT).
    The user and the e-mail go together: if the mail cannot be sent, nobody is added."""
    team = team or invited_by.team
    if not invited_by.is_manager or team is None or not in_scope(invited_by, team.pk):
        raise ValidationError("Only a team's manager can invite people to it.")
    email = email.strip()
    member = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        team=team,
        role=role,
    )
    member.set_unusable_password()
    errors: dict[str, list[str]] = {}
    try:
        member.full_clean()
    except ValidationError as error:
        errors = error.message_dict
    if not email:
        errors.setdefault("email", []).append("The invitation is sent to this address.")
    elif User.objects.filter(email__iexact=email).exists():
        errors.setdefault("email", []).append("Someone already has an account with this address.")
    if errors:
        raise ValidationError(errors)
    member.save()
    invitation_send(member=member, invited_by=invited_by, site_url=site_url)
    return member


def invitation_send(*, member: User, invited_by: User, site_url: str) -> None:
    path = reverse(
        "accounts:welcome",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(member.pk)),
            "token": default_token_generator.make_token(member),
        },
    )
    context = {
        "member": member,
        "invited_by": invited_by,
        "link": f"{site_url}{path}",
        "link_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    subject = render_to_string("accounts/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/invitation_email.txt", context)
    try:
        send_mail(subject, body, None, [member.email])
    except (OSError, smtplib.SMTPException) as error:
        raise ValidationError(
            "The invitation e-mail could not be sent, so nobody was added: try again later."
        ) from error


@transaction.atomic
def member_role_change(*, member: User, role: str) -> User:
    if role not in User.Role.values:
        raise ValidationError({"role": "Choose salesperson or manager."})
    if role != User.Role.MANAGER:
        _refuse_removing_last_manager(member)
    member.role = role
    member.full_clean()
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def member_deactivate(*, member: User, deactivated_by: User) -> User:
    """They can no longer log in (and a session they have ends at its next request); everything
    they wrote stays where it is."""
    if member.pk == deactivated_by.pk:
        raise ValidationError("You cannot deactivate yourself.")
    _refuse_removing_last_manager(member)
    member.is_active = False
    member.full_clean()
    member.save(update_fields=["is_active"])
    return member


@transaction.atomic
def member_reactivate(*, member: User) -> User:
    member.is_active = True
    member.full_clean()
    member.save(update_fields=["is_active"])
    return member


def user_remember_paper(*, user: User, paper: str) -> None:
    """Keep the paper the user just printed on, so their next PDF (single or bulk) uses it."""
    if paper not in User.Paper.values:
        raise ValidationError("Choose Letter or A4 paper.")
    if user.pdf_paper != paper:
        user.pdf_paper = paper
        User.objects.filter(pk=user.pk).update(pdf_paper=paper)


@transaction.atomic
def user_time_zone_change(*, user: User, time_zone: str) -> User:
    """The zone this person sees and types times in; blank follows their team's."""
    user.time_zone = time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["time_zone"])
    return user
