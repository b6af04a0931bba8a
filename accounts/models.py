from django.contrib.auth.models import AbstractUser
from django.db import models


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

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

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        indexes = [models.Index(fields=["team", "role"])]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_manager(self) -> bool:
        return self.role == self.Role.MANAGER
