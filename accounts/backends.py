"""The authentication backends, each loading the signed-in user with their team in one query:
every page reads `user.team` (the navigation, the access checks), so it never costs a second one."""

from axes.backends import AxesBackend
from django.contrib.auth.backends import ModelBackend

from accounts.models import User


class _WithTeam:
    def get_user(self, user_id):
        user = User._default_manager.select_related("team").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class LockoutBackend(_WithTeam, AxesBackend):
    """django-axes' lockout check first, as before."""


class PasswordBackend(_WithTeam, ModelBackend):
    pass
