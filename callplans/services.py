from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Team, User
from callplans.models import CallPlan, ClosingQuestion, Objection, ObjectionTemplate, PlanEvidence
from candidates.models import Engagement, Skill
from joborders.models import Requirement, Submittal


@transaction.atomic
def closingquestion_create(*, team: Team, text: str) -> ClosingQuestion:
    last = team.closing_questions.order_by("-position").values_list("position", flat=True).first()
    question = ClosingQuestion(team=team, text=text, position=0 if last is None else last + 1)
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def objectiontemplate_create(
    *, team: Team, category: str, text: str, rebuttal: str, skill: Skill | None = None
) -> ObjectionTemplate:
    template = ObjectionTemplate(
        team=team, category=category, text=text, rebuttal=rebuttal, skill=skill
    )
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def callplan_create(
    *, submittal: Submittal, author: User, candidate_story: str = "", next_action: str = ""
) -> CallPlan:
    if CallPlan.objects.filter(submittal=submittal).exists():
        raise ValidationError("This submittal already has a call plan.")
    plan = CallPlan(
        submittal=submittal,
        author=author,
        candidate_story=candidate_story,
        next_action=next_action,
    )
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def callplan_set_closing_questions(*, plan: CallPlan, questions: list[ClosingQuestion]) -> CallPlan:
    team_id = plan.submittal.job_order.team_id
    if any(q.team_id != team_id for q in questions):
        raise ValidationError("Pick closing questions from your team's library.")
    plan.closing_questions.set(questions)
    return plan


@transaction.atomic
def objection_add(
    *,
    plan: CallPlan,
    category: str,
    text: str,
    rebuttal: str = "",
    requirement: Requirement | None = None,
    likelihood: str = Objection.Likelihood.MEDIUM,
    source: str = Objection.Source.MANUAL,
) -> Objection:
    if requirement is not None and requirement.job_order_id != plan.submittal.job_order_id:
        raise ValidationError({"requirement": "That requirement is not part of this job."})
    last = plan.objections.order_by("-position").values_list("position", flat=True).first()
    objection = Objection(
        plan=plan,
        category=category,
        text=text,
        rebuttal=rebuttal,
        requirement=requirement,
        likelihood=likelihood,
        source=source,
        position=0 if last is None else last + 1,
    )
    objection.full_clean()
    objection.save()
    return objection


@transaction.atomic
def planevidence_link(
    *, plan: CallPlan, requirement: Requirement, engagement: Engagement, similarity_note: str = ""
) -> PlanEvidence:
    """Confirm that an engagement answers a requirement, and say how the projects were alike."""
    submittal = plan.submittal
    if requirement.job_order_id != submittal.job_order_id:
        raise ValidationError({"requirement": "That requirement is not part of this job."})
    if engagement.candidate_id != submittal.candidate_id:
        raise ValidationError({"engagement": "That engagement is another candidate's."})
    link, _ = PlanEvidence.objects.get_or_create(
        plan=plan, requirement=requirement, engagement=engagement
    )
    link.similarity_note = similarity_note
    link.full_clean()
    link.save()
    return link
