"""Writes to call plans. Every change to a plan goes through `callplan_change`, which refuses a
save made from a stale copy (optimistic locking: core/locking.py), moves the plan's version on and
leaves a history entry saying who changed what."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from callplans.models import CallPlan, ClosingQuestion, Objection, ObjectionTemplate, PlanEvidence
from candidates.models import Engagement
from core.locking import StaleEdit, changes_since, save_versioned
from joborders.models import Requirement, Submittal

PLAN_STALE = (
    "Someone else saved this plan while you were editing it. Nothing of theirs was "
    "overwritten: reload the plan to see their changes, then make yours again."
)


def callplan_change(
    plan: CallPlan, *, version: int | None, reason: str, **changes: object
) -> CallPlan:
    """Apply `changes` if the plan is still at `version`, move the version on and keep a history
    entry of the new state. `version=None` is for writes that are not edits of a copy on screen
    (seeding, rehearsal, a review)."""
    return save_versioned(plan, version=version, changes=changes, stale=PLAN_STALE, reason=reason)


def _check_version(plan: CallPlan, version: int | None) -> None:
    """Refuse early, before a write that is not the plan row itself (objection rows, links)."""
    stored = CallPlan.objects.values_list("version", flat=True).get(pk=plan.pk)
    if version is not None and stored != version:
        raise StaleEdit(PLAN_STALE, newer=changes_since(plan, version))


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
    plan._change_reason = "Plan created"
    plan.save()
    return plan


@transaction.atomic
def callplan_get_or_create(*, submittal: Submittal, author: User) -> tuple[CallPlan, bool]:
    """The submittal's plan, made on first use ("Prepare feedback call plan")."""
    existing = CallPlan.objects.filter(submittal=submittal).first()
    if existing is not None:
        return existing, False
    return callplan_create(submittal=submittal, author=author), True


@transaction.atomic
def callplan_update(
    *,
    plan: CallPlan,
    version: int,
    candidate_story: str,
    next_action: str,
    closing_questions: list[ClosingQuestion],
) -> CallPlan:
    _check_team_questions(plan, closing_questions)
    draft = CallPlan(
        pk=plan.pk,
        submittal_id=plan.submittal_id,
        author_id=plan.author_id,
        candidate_story=candidate_story,
        next_action=next_action,
    )
    draft.full_clean(exclude=["submittal"], validate_unique=False)
    changed = _changed_fields(plan, candidate_story=candidate_story, next_action=next_action)
    _check_version(plan, version)
    plan.closing_questions.set(closing_questions)
    return callplan_change(
        plan,
        version=version,
        reason=f"Edited {', '.join(changed) or 'closing questions'}",
        candidate_story=candidate_story,
        next_action=next_action,
    )


@transaction.atomic
def callplan_set_closing_questions(*, plan: CallPlan, questions: list[ClosingQuestion]) -> CallPlan:
    _check_team_questions(plan, questions)
    plan.closing_questions.set(questions)
    return callplan_change(plan, version=None, reason="Picked closing questions")


def _check_team_questions(plan: CallPlan, questions: list[ClosingQuestion]) -> None:
    team_id = plan.submittal.job_order.team_id
    if any(q.team_id != team_id for q in questions):
        raise ValidationError("Pick closing questions from your team's library.")


def _changed_fields(plan: CallPlan, **new_values: str) -> list[str]:
    stored = CallPlan.objects.filter(pk=plan.pk).values(*new_values).first() or {}
    labels = {"candidate_story": "the candidate story", "next_action": "the next action"}
    return [labels.get(f, f) for f, value in new_values.items() if stored.get(f) != value]


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
    version: int | None = None,
    rebuttal_draft: bool = False,
    template: ObjectionTemplate | None = None,
) -> Objection:
    if requirement is not None and requirement.job_order_id != plan.submittal.job_order_id:
        raise ValidationError({"requirement": "That requirement is not part of this job."})
    if template is not None and template.team_id != plan.submittal.job_order.team_id:
        raise ValidationError("That rebuttal is not in your team's library.")
    last = plan.objections.order_by("-position").values_list("position", flat=True).first()
    objection = Objection(
        plan=plan,
        category=category,
        text=text,
        rebuttal=rebuttal,
        requirement=requirement,
        likelihood=likelihood,
        source=source,
        rebuttal_draft=rebuttal_draft and bool(rebuttal.strip()),
        template=template,
        position=0 if last is None else last + 1,
    )
    objection.full_clean()
    callplan_change(plan, version=version, reason=f"Added objection: {text}")
    objection.save()
    return objection


@transaction.atomic
def objection_update(
    *,
    objection: Objection,
    version: int,
    category: str,
    text: str,
    rebuttal: str,
    likelihood: str,
) -> Objection:
    objection.category = category
    objection.text = text
    objection.rebuttal = rebuttal
    objection.likelihood = likelihood
    objection.rebuttal_draft = False  # saved from the form: the salesperson's own now
    objection.full_clean()
    callplan_change(objection.plan, version=version, reason=f"Edited objection: {text}")
    objection.save()
    return objection


@transaction.atomic
def objection_accept_draft(*, objection: Objection, version: int) -> Objection:
    """The salesperson read the drafted rebuttal and keeps it as it is."""
    if not objection.rebuttal.strip():
        raise ValidationError({"rebuttal": "There is no drafted rebuttal to accept: write one."})
    callplan_change(objection.plan, version=version, reason=f"Accepted rebuttal: {objection.text}")
    objection.rebuttal_draft = False
    objection.save(update_fields=["rebuttal_draft"])
    return objection


@transaction.atomic
def objection_remove(*, objection: Objection, version: int) -> None:
    plan = objection.plan
    callplan_change(plan, version=version, reason=f"Removed objection: {objection.text}")
    objection.delete()
    _renumber(plan)


@transaction.atomic
def objection_move(*, objection: Objection, version: int, step: int) -> None:
    """Move an objection up (step -1) or down (step +1) the list."""
    plan = objection.plan
    ordered = list(plan.objections.order_by("position", "id"))
    index = next(i for i, o in enumerate(ordered) if o.pk == objection.pk)
    target = index + step
    if not 0 <= target < len(ordered):
        return
    callplan_change(plan, version=version, reason=f"Reordered objection: {objection.text}")
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(plan, ordered)


def _renumber(plan: CallPlan, ordered: list[Objection] | None = None) -> None:
    ordered = ordered if ordered is not None else list(plan.objections.order_by("position", "id"))
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def planevidence_link(
    *,
    plan: CallPlan,
    requirement: Requirement,
    engagement: Engagement,
    similarity_note: str = "",
    version: int | None = None,
) -> PlanEvidence:
    """Confirm that an engagement answers a requirement, and say how the projects were alike."""
    submittal = plan.submittal
    if requirement.job_order_id != submittal.job_order_id:
        raise ValidationError({"requirement": "That requirement is not part of this job."})
    if engagement.candidate_id != submittal.candidate_id:
        raise ValidationError({"engagement": "That engagement is another candidate's."})
    link = PlanEvidence.objects.filter(
        plan=plan, requirement=requirement, engagement=engagement
    ).first() or PlanEvidence(plan=plan, requirement=requirement, engagement=engagement)
    link.similarity_note = similarity_note
    link.full_clean()
    callplan_change(plan, version=version, reason=f"Linked {engagement.employer} to {requirement}")
    link.save()
    return link


@transaction.atomic
def planevidence_unlink(*, link: PlanEvidence, version: int) -> None:
    callplan_change(
        link.plan, version=version, reason=f"Unlinked {link.engagement.employer} from a need"
    )
    link.delete()


@transaction.atomic
def callplan_mark_ready(*, plan: CallPlan, version: int, missing: list[str]) -> CallPlan:
    """Draft → ready, only when the ready-to-dial checklist passes (`missing` is what it lacks)."""
    if missing:
        raise ValidationError(["Not ready to dial yet. Still missing:", *missing])
    return callplan_change(
        plan, version=version, reason="Marked ready to dial", status=CallPlan.Status.READY
    )
