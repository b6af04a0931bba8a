from django.db import transaction

from accounts.models import Team, User


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
