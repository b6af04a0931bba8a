import zoneinfo
from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property


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
        DIRECTOR = "director", "Director"

    # The home team: where this person's own new records go (and, for a manager, the first team
    # they lead).
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.SALESPERSON)
    # The teams a manager or director leads besides the home team (a salesperson's are ignored):
    # their scope is the home team plus these (core/access.py).
    led_teams = models.ManyToManyField(
        Team,
        blank=True,
        related_name="leaders",
        help_text="A manager leads these teams besides their own; a director sees and reviews "
        "them. Ignored for a salesperson.",
    )

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

    @property
    def is_director(self) -> bool:
        return self.role == self.Role.DIRECTOR

    @property
    def leads_teams(self) -> bool:
        """A manager or a director: sees (and reviews) every team of their scope."""
        return self.role in (self.Role.MANAGER, self.Role.DIRECTOR)

    @property
    def led_team_ids_loaded(self) -> bool:
        """Whether `led_team_ids` is known without a query (read with the user, or asked)."""
        return "led_team_csv" in self.__dict__ or "led_team_ids" in self.__dict__

    @cached_property
    def led_team_ids(self) -> frozenset[int]:
        """The teams of `led_teams`: read with the user by the auth backends (`led_team_csv`),
        else one query, once per instance; none for a salesperson."""
        if not self.leads_teams:
            return frozenset()
        if "led_team_csv" in self.__dict__:
            return frozenset(int(pk) for pk in (self.led_team_csv or "").split(",") if pk)
        return frozenset(self.led_teams.values_list("pk", flat=True))
