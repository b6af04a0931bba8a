"""The demo's reminders: Maria's review of Sam's plan for Alex, then what `send_reminders`
would make now (Alex's interview was yesterday and its feedback call is not logged: due). No
e-mail: the digest is off for the demo people, and this run sends none anyway."""

from django.db import transaction

from callplans.models import CallPlan, PlanReview
from demo.people import DemoPeople
from reminders.services import reminders_send
from reviews.services import planreview_create


@transaction.atomic
def seed_demo_reminders(people: DemoPeople) -> int:
    """Safe to run again: the review is made once, and each reminder is stored once."""
    sam = people.salespeople[0]
    plan = CallPlan.objects.filter(
        author=sam,
        submittal__candidate__first_name="Alex",
        submittal__candidate__last_name="Morgan",
    ).first()
    if plan is not None and not PlanReview.objects.filter(plan=plan).exists():
        planreview_create(
            plan=plan,
            reviewer=people.manager,
            decision=PlanReview.Decision.APPROVED,
            comment="Good plan. Lead with the Northwind rollback story before the rate comes up.",
        )
    return reminders_send(digests=False).notified
