"""Plans made by hand for the review tests: helpers only, no tests (imported by test_review_*)."""

import datetime

from django.utils import timezone

from joborders.models import Requirement
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    ClientFactory,
    ClosingQuestionFactory,
    JobOrderFactory,
    PlanEvidenceFactory,
    PlanReviewFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    RequirementFactory,
    SubmittalFactory,
)

OUTCOME_KINDS = (Requirement.Kind.CHALLENGE, Requirement.Kind.DELIVERABLE, Requirement.Kind.RESULT)


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    today = timezone.localdate()
    return timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
    )


def bare_plan(author, *, client=None, interview_at=None, first_name="Alex", status="draft", **kw):
    """A plan with a goal and a next action and nothing else: readiness 2 of 6 (33%)."""
    client = client or ClientFactory(owner=author)
    job = JobOrderFactory(owner=author, client=client, project_goal="Move payments to Kubernetes")
    submittal = SubmittalFactory(
        job_order=job,
        candidate=CandidateFactory(first_name=first_name, last_name="Tester", owner=author),
        submitted_by=author,
        interview_at=interview_at,
    )
    return CallPlanFactory(submittal=submittal, author=author, status=status, **kw)


def ready_plan(author, **kwargs):
    """A plan that passes every checklist item (100%)."""
    plan = bare_plan(author, rehearsed_at=timezone.now(), **kwargs)
    job, candidate = plan.submittal.job_order, plan.submittal.candidate
    for kind in OUTCOME_KINDS:
        PlanEvidenceFactory(plan=plan, requirement=RequirementFactory(job_order=job, kind=kind))
    ReferenceCallFactory(
        reference=ReferenceFactory(candidate=candidate), job_order=job, called_by=author
    )
    plan.closing_questions.add(ClosingQuestionFactory(team=author.team))
    return plan


def reviewed(plan, reviewer, decision="approved", comment="Good rebuttals."):
    return PlanReviewFactory(plan=plan, reviewer=reviewer, decision=decision, comment=comment)
