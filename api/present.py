"""Records and selector bundles as the API's output schemas read them (plain dicts)."""

from collections.abc import Iterable

from api.schemas import person
from callplans.models import CallPlan, FeedbackCall, RaisedObjection
from callplans.selectors import PlanPage
from candidates.models import Candidate, CandidateSkill, Engagement
from joborders.models import JobOrder, Requirement, Submittal


def requirement_out(r: Requirement) -> dict:
    return {
        "id": r.pk,
        "kind": r.kind,
        "description": r.description,
        "skill": r.skill.name if r.skill_id else None,
        "skill_id": r.skill_id,
        "min_years": r.min_years,
        "must_have": r.must_have,
        "position": r.position,
    }


def joborder_out(job: JobOrder) -> dict:
    return {
        "id": job.pk,
        "version": job.version,
        "title": job.title,
        "status": job.status,
        "client": {"id": job.client_id, "name": job.client.name},
        "contact_id": job.contact_id,
        "owner": person(job.owner),
        "openings": job.openings,
        "start_date": job.start_date,
        "duration_weeks": job.duration_weeks,
        "bill_rate": job.bill_rate,
        "project_goal": job.project_goal,
        "project_scope": job.project_scope,
        "created_at": job.created_at,
        "updated_at": job.updated_at,
        "requirements": [requirement_out(r) for r in job.requirements.all()],
    }


def engagement_out(e: Engagement) -> dict:
    return {
        "id": e.pk,
        "employer": e.employer,
        "project_name": e.project_name,
        "role": e.role,
        "start_date": e.start_date,
        "end_date": e.end_date,
        "team_size": e.team_size,
        "summary": e.summary,
        "challenges_solved": e.challenges_solved,
        "deliverables": e.deliverables,
        "results": e.results,
        "skills": [s.name for s in e.skills.all()],
    }


def candidate_skill_out(s: CandidateSkill) -> dict:
    return {
        "id": s.pk,
        "skill": s.skill.name,
        "skill_id": s.skill_id,
        "years": s.years,
        "last_used_year": s.last_used_year,
    }


def candidate_out(c: Candidate) -> dict:
    return {
        "id": c.pk,
        "version": c.version,
        "first_name": c.first_name,
        "last_name": c.last_name,
        "headline": c.headline,
        "email": c.email,
        "phone": c.phone,
        "location": c.location,
        "status": c.status,
        "summary": c.summary,
        "owner": person(c.owner),
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "skills": [candidate_skill_out(s) for s in c.skills.all()],
        "engagements": [engagement_out(e) for e in c.engagements.all()],
    }


def submittal_out(s: Submittal) -> dict:
    return {
        "id": s.pk,
        "job_order_id": s.job_order_id,
        "job_order_title": s.job_order.title,
        "client": s.job_order.client.name,
        "candidate_id": s.candidate_id,
        "candidate_name": s.candidate.full_name,
        "submitted_by": person(s.submitted_by),
        "submitted_at": s.submitted_at,
        "status": s.status,
        "interview_at": s.interview_at,
    }


def plan_summary_out(plan: CallPlan) -> dict:
    submittal = plan.submittal
    return {
        "id": plan.pk,
        "version": plan.version,
        "status": plan.status,
        "submittal_id": submittal.pk,
        "candidate_name": submittal.candidate.full_name,
        "job_order_title": submittal.job_order.title,
        "client": submittal.job_order.client.name,
        "interview_at": submittal.interview_at,
        "next_action": plan.next_action,
        "author": person(plan.author),
        "updated_at": plan.updated_at,
    }


def feedbackcall_out(
    call: FeedbackCall, *, submittal_status: str, raised: Iterable[RaisedObjection] | None = None
) -> dict:
    return {
        "id": call.pk,
        "plan_id": call.plan_id,
        "called_by": person(call.called_by),
        "called_at": call.called_at,
        "outcome": call.outcome,
        "closing_question_id": call.closing_question_asked_id,
        "commitment": call.commitment,
        "next_step": call.next_step,
        "next_step_due": call.next_step_due,
        "notes": call.notes,
        "raised": [
            {
                "id": r.pk,
                "objection_id": r.objection_id,
                "category": r.category,
                "text": r.text,
                "handled": r.handled,
                "rebuttal": r.rebuttal,
            }
            for r in (call.raised_objections.all() if raised is None else raised)
        ],
        "submittal_status": submittal_status,
    }


def _evidence(e) -> dict | None:
    if e is None:
        return None
    return {"skill": e.skill, "years": e.years, "last_used_year": e.last_used_year}


def plan_out(page: PlanPage) -> dict:
    plan, gap, checklist = page.plan, page.gap, page.checklist
    status = plan.submittal.status
    return {
        **plan_summary_out(plan),
        "candidate_id": plan.submittal.candidate_id,
        "job_order_id": plan.submittal.job_order_id,
        "candidate_story": plan.candidate_story,
        "gap": {
            "score": gap.score,
            "strengths": list(gap.strengths),
            "weaknesses": list(gap.weaknesses),
            "rows": [
                {
                    "requirement_id": row.requirement_id,
                    "kind": row.kind,
                    "text": row.text,
                    "must_have": row.must_have,
                    "min_years": row.min_years,
                    "status": row.status,
                    "reason": row.reason,
                    "skill_evidence": _evidence(row.skill_evidence),
                    "adjacent": [_evidence(a) for a in row.adjacent],
                    "engagement_ids": [e.engagement_id for e in row.engagements if e.linked],
                }
                for row in gap.rows
            ],
        },
        "objections": [
            {
                "id": o.pk,
                "category": o.category,
                "text": o.text,
                "rebuttal": o.rebuttal,
                "rebuttal_is_draft": o.rebuttal_draft,
                "likelihood": o.likelihood,
                "most_likely": rank.most_likely,
                "requirement_id": o.requirement_id,
            }
            for o, rank in page.objection_ranks
        ],
        "closing_questions": [{"id": q.pk, "text": q.text} for q in page.chosen_questions],
        "readiness": {
            "score": checklist.score,
            "ready_to_dial": checklist.passes,
            "items": [
                {"key": i.key, "label": i.label, "done": i.done, "hint": i.hint}
                for i in checklist.items
            ],
        },
        "feedback_calls": [
            feedbackcall_out(call, submittal_status=status, raised=raised)
            for call, raised in page.calls_with_raised
        ],
    }


def interview_out(interview) -> dict:
    """A round read with `joborders.selectors.rounds_of` (its interviewers and call count)."""
    return {
        "id": interview.pk,
        "submittal_id": interview.submittal_id,
        "round": interview.round,
        "kind": interview.kind,
        "starts_at": interview.starts_at,
        "ends_at": interview.ends_at,
        "interviewers": [
            {"id": c.pk, "name": c.name, "title": c.title} for c in interview.interviewers.all()
        ],
        "location": interview.location,
        "meeting_url": interview.meeting_url,
        "notes": interview.notes,
        "feedback_call_logged": bool(getattr(interview, "call_count", 0)),
    }
