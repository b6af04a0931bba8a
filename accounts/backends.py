"""The authentication backends, each loading the signed-in user with their team and the ids of
the teams they lead in one query: every page reads `user.team` (the navigation, the access
checks) and a leader's pages ask whether a record is in a led team, so neither costs a second."""

from axes.backends import AxesBackend
from django.contrib.auth.backends import ModelBackend
from django.db.models import CharField, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast

from accounts.models import User


def with_led_team_ids(users):
    """`led_team_csv`: the led teams' ids, comma-separated (None: none), read by
    `User.led_team_ids` instead of a query of its own."""
    led = (
        User.led_teams.through.objects.filter(user_id=OuterRef("pk"))
        .order_by()
        .values("user_id")
        .annotate(ids=StringAgg(Cast("team_id", CharField()), Value(",")))
        .values("ids")
    )
    return users.annotate(led_team_csv=Subquery(led))


class _WithTeam:
    def get_user(self, user_id):
        users = with_led_team_ids(User._default_manager.select_related("team"))
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class LockoutBackend(_WithTeam, AxesBackend):
    """django-axes' lockout check first, as before."""


class PasswordBackend(_WithTeam, ModelBackend):
    pass
