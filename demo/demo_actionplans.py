"""The demo's mutual action plan: Priya's plan for Riley Chen at Fabrikam Health (at the offer
stage), started from the team's template, shared with Chris Okafor, who marked the offer done
and left a comment. The link's secret is not kept (it is shown once): make a new one on the
plan's page to open the client's view."""

from django.db import transaction

from actionplans.models import ActionStep
from actionplans.services import (
    actionplan_start_from_template,
    actionstep_set_status,
    clientaction_comment,
    clientaction_mark_done,
    sharedlink_create,
)
from demo.people import DemoPeople
from joborders.models import Submittal

CLIENT_ADDRESS = "203.0.113.24"  # a documentation address (RFC 5737)
CLIENT_COMMENT = "Offer approved by finance; HR sends the letter on Monday."


@transaction.atomic
def seed_demo_action_plan(people: DemoPeople) -> bool:
    """Safe to run again: a plan that has steps is left as it is. False when nothing was made."""
    submittal = (
        Submittal.objects.filter(
            candidate__first_name="Riley",
            candidate__last_name="Chen",
            job_order__team=people.team,
        )
        .select_related("job_order__contact", "submitted_by")
        .first()
    )
    if submittal is None or submittal.job_order.contact is None:
        return False
    if ActionStep.objects.filter(submittal=submittal).exists():
        return False
    steps = {step.title: step for step in actionplan_start_from_template(submittal=submittal)}
    for title in ("Feedback call", "Second interview"):
        actionstep_set_status(step=steps[title], status=ActionStep.Status.DONE)
    actionstep_set_status(step=steps["Background check"], status=ActionStep.Status.AT_RISK)
    link = sharedlink_create(
        submittal=submittal,
        contact=submittal.job_order.contact,
        created_by=submittal.submitted_by,
    ).link
    clientaction_mark_done(link=link, step_pk=steps["Offer"].pk, ip_address=CLIENT_ADDRESS)
    clientaction_comment(link=link, comment=CLIENT_COMMENT, ip_address=CLIENT_ADDRESS)
    return True
