import datetime

import pytest
from django.utils import timezone

from callplans.models import FeedbackCall, RaisedObjection
from callplans.services import callplan_create, objection_add, objectiontemplate_create
from tests.factories import JobOrderFactory, SubmittalFactory

# The twelve feedback calls of the hand count: (plan, outcome, how the library objection raised
# on the call was handled, or None when it was not raised).
CALLS = [
    (1, "next_round", "yes"),
    (1, "offer", "yes"),
    (2, "next_round", "partly"),
    (2, "rejected", "no"),
    (3, "no_decision", None),
    (3, "offer", "yes"),
    (4, "next_round", "yes"),
    (4, "next_round", None),  # only an objection nobody anticipated
    (5, "offer", "no"),
    (5, "offer", "partly"),  # a second offer call on the same plan is still one plan's offer
    (6, "rejected", "yes"),
    (6, "next_round", None),
]


@pytest.fixture
def library(team):
    """Three entries of one kind: `ramp` used by plans 1–4, `adjacent` by 5–6, `unused` by none."""
    make = objectiontemplate_create
    return {
        "ramp": make(team=team, category="skill_gap", text="No Terraform", rebuttal="Ramp-up plan"),
        "adjacent": make(
            team=team, category="skill_gap", text="No Pulumi", rebuttal="Same practice"
        ),
        "unused": make(team=team, category="skill_gap", text="No Bicep", rebuttal="Azure"),
    }


@pytest.fixture
def twelve_calls(owner, library):
    job = JobOrderFactory(owner=owner)
    plans = {}
    for n in range(1, 7):
        submittal = SubmittalFactory(job_order=job, submitted_by=owner)
        plan = callplan_create(submittal=submittal, author=owner)
        template = library["ramp"] if n <= 4 else library["adjacent"]
        used = objection_add(
            plan=plan,
            category="skill_gap",
            text=template.text,
            rebuttal=template.rebuttal,
            template=template,
        )
        objection_add(plan=plan, category="other", text="Rate", rebuttal="Value")  # not a template
        plans[n] = (plan, used)
    when = timezone.now() - datetime.timedelta(days=1)
    for n, outcome, handled in CALLS:
        plan, used = plans[n]
        call = FeedbackCall.objects.create(
            plan=plan, called_by=owner, called_at=when, outcome=outcome
        )
        if handled is not None:
            RaisedObjection.objects.create(
                feedback_call=call,
                objection=used,
                category="skill_gap",
                text=used.text,
                handled=handled,
            )
        else:
            RaisedObjection.objects.create(feedback_call=call, text="Notice period", handled="no")
    return plans
