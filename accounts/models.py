import zoneinfo
from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    """An IANA zone name the machine knows (zoneinfo.available_timezones()), e.g. Europe/Berlin."""
    if value and value not in time_zone_names():
        raise ValidationError(
            "%(value)s is not a time zone DialReady knows: pick one from the list, "
            "e.g. Europe/Berlin or America/New_York.",
            params={"value": value[:60]},
            code="time_zone",
        )


def default_time_zone() -> str:
    return settings.TIME_ZONE


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The zone the team's members see times in unless they choose their own: a new team starts
    # in the firm's (settings.TIME_ZONE); db_default only serves a row written without the field
    # (an older migration's model).
    time_zone = models.CharField(
        max_length=64, default=default_time_zone, db_default="UTC", validators=[validate_time_zone]
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    class Role(models.TextChoices):
        SALESPERSON = "salesperson", "Salesperson"
        MANAGER = "manager", "Manager"

    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.SALESPERSON)

    class Paper(models.TextChoices):
        LETTER = "letter", "Letter"
        A4 = "a4", "A4"

    # The paper of the user's last PDF (single or bulk); blank until they pick one.
    pdf_paper = models.CharField(
        max_length=6, choices=Paper.choices, blank=True, default="", db_default=""
    )

    # The zone this person sees and types times in; blank: their team's (time_zone_name).
    time_zone = models.CharField(
        max_length=64, blank=True, default="", db_default="", validators=[validate_time_zone]
    )

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        indexes = [models.Index(fields=["team", "role"])]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def time_zone_name(self) -> str:
        """The zone the pages use for this person: their own, else their team's, else the firm's."""
        if self.time_zone:
            return self.time_zone
        if self.team_id and self.team.time_zone:
            return self.team.time_zone
        return settings.TIME_ZONE

    @property
    def is_manager(self) -> bool:
        return self.role == self.Role.MANAGER
