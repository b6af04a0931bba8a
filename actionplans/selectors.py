"""Reads for action plans: a submittal's steps and links, the client's actions, a link by its
secret, the steps due for the reminders, the count of open steps."""

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from actionplans.models import ActionStep, ClientAction, SharedLink, TemplateStep
from actionplans.rules import STARTER_TEMPLATE
from actionplans.rules import TemplateStep as Planned
from joborders.models import ClientContact, Submittal

LINK_PREFIX = "map_"
ACTIONS_SHOWN = 50


def secret_hash(secret: str) -> str:
    """As the calendar feed's and the API tokens': a random 256-bit secret needs no slow hash."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def steps_of(submittal: Submittal) -> QuerySet[ActionStep]:
    return ActionStep.objects.filter(submittal=submittal).order_by("position", "pk")


def get_step_of(submittal: Submittal, pk: int) -> ActionStep | None:
    return steps_of(submittal).filter(pk=pk).first()


def open_step_count(submittal: Submittal) -> int:
    return ActionStep.objects.filter(submittal=submittal).exclude(status="done").count()


def contacts_to_share_with(submittal: Submittal) -> QuerySet[ClientContact]:
    return ClientContact.objects.filter(client_id=submittal.job_order.client_id).order_by("name")


def live_links_of(submittal: Submittal, *, now: datetime.datetime) -> QuerySet[SharedLink]:
    """The links still open (not revoked, not expired), with their contact."""
    return (
        SharedLink.objects.filter(submittal=submittal, revoked_at__isnull=True, expires_at__gt=now)
        .select_related("contact")
        .order_by("contact__name", "pk")
    )


def client_actions_of(submittal: Submittal) -> QuerySet[ClientAction]:
    return (
        ClientAction.objects.filter(submittal=submittal)
        .select_related("link__contact", "step")
        .order_by("-at", "-id")[:ACTIONS_SHOWN]
    )


@dataclass(frozen=True)
class PlanPage:
    submittal: Submittal
    steps: list[ActionStep]
    links: list[SharedLink]
    actions: list[ClientAction]
    contacts: list[ClientContact]

    @property
    def open_steps(self) -> int:
        return sum(1 for step in self.steps if step.status != ActionStep.Status.DONE)


def plan_page_of(submittal: Submittal) -> PlanPage:
    """Everything the salesperson's page shows, in four queries whatever the plan's size."""
    now = timezone.now()
    return PlanPage(
        submittal=submittal,
        steps=list(steps_of(submittal)),
        links=list(live_links_of(submittal, now=now)),
        actions=list(client_actions_of(submittal)),
        contacts=list(contacts_to_share_with(submittal)),
    )


def link_for_secret(pk: int, secret: str) -> SharedLink | None:
    """The live link this secret opens on submittal `pk`, with what the client page names, in
    one query; None for anything else (unknown, revoked, expired, another submittal's). Found by
    the secret's hash, so no stored secret is compared with the one sent byte by byte; the
    found hash is compared again in constant time all the same."""
    if not secret.startswith(LINK_PREFIX) or len(secret) > 100:
        return None
    wanted = secret_hash(secret)
    link = (
        SharedLink.objects.select_related("submittal__job_order", "submittal__candidate", "contact")
        .filter(
            key_hash=wanted,
            submittal_id=pk,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )
    if link is None or not hmac.compare_digest(link.key_hash, wanted):
        return None
    return link


def steps_due(*, today: datetime.date, since: datetime.date) -> QuerySet[ActionStep]:
    """Steps not done whose due date is between `since` and `today`, with the submittal's
    salesperson (active) and what a reminder names."""
    return (
        ActionStep.objects.exclude(status=ActionStep.Status.DONE)
        .filter(due_on__gte=since, due_on__lte=today, submittal__submitted_by__is_active=True)
        .select_related("submittal__job_order", "submittal__candidate")
        .order_by("due_on", "pk")
    )


def template_rows_of(team_id: int | None) -> QuerySet[TemplateStep]:
    return TemplateStep.objects.filter(team_id=team_id).order_by("position", "pk")


def template_of(team_id: int | None) -> tuple[Planned, ...]:
    """The team's template as its managers wrote it, else the starter template."""
    rows = list(template_rows_of(team_id))
    if not rows:
        return STARTER_TEMPLATE
    return tuple(Planned(r.title, r.side, r.offset_days) for r in rows)
