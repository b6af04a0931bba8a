"""The API's typed schemas: what a caller sends (`…In`, `…Patch`) and gets back (`…Out`).

Input refuses fields it does not know and NUL characters in any text (PostgreSQL cannot store
them); lengths, choices and ranges are judged again by the services' `full_clean()`."""

import datetime
import re
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, Strict, field_validator

from callplans.models import CallPlan, FeedbackCall, Objection, RaisedObjection
from candidates.models import Candidate
from joborders.models import Interview, JobOrder, Requirement, Submittal

MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# In a JSON body, a number is a number and a flag a flag: "5" or 5.0 for an int, "yes" for a
# bool, or a Unix time for a date would be guesses (pydantic's lax mode makes them), so they are
# refused as the schema says. Dates are ISO 8601 text, in bodies and query strings alike.
Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]
BodyId = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso(value: object) -> object:
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value
    if isinstance(value, datetime.date):
        return value
    raise ValueError("Write the date as ISO 8601 text, e.g. 2027-03-01 or 2027-03-01T15:00:00Z.")


Date = Annotated[datetime.date, BeforeValidator(_iso)]
DateTime = Annotated[datetime.datetime, BeforeValidator(_iso)]
Text = Annotated[str, Field(max_length=10_000)]
Years = Annotated[Decimal, Field(ge=0, le=60, max_digits=3, decimal_places=1)]


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class Input(Schema):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if _has_nul(value):
            raise ValueError("Null characters are not allowed.")
        return value


def choices(model_choices) -> type:
    return Literal[tuple(model_choices.values)]  # type: ignore[valid-type]


JobStatus = choices(JobOrder.Status)
RequirementKind = choices(Requirement.Kind)
CandidateStatus = choices(Candidate.Status)
SubmittalStatus = choices(Submittal.Status)
PlanStatus = choices(CallPlan.Status)
Outcome = choices(FeedbackCall.Outcome)
InterviewKind = choices(Interview.Kind)
Handled = choices(RaisedObjection.Handled)
ObjectionCategory = choices(Objection.Category)


class Conflict(Schema):
    type: str
    title: str
    status: int
    detail: str
    changed_since: list[str]


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


# What any operation may answer besides its success: a body that is not JSON (400), no or a bad
# token (401), 403, 404, a body over the size limit (413), 422, the rate limit (429).
ERRORS = dict.fromkeys((400, 401, 403, 404, 413, 422, 429), Problem)


class Person(Schema):
    id: int
    username: str
    name: str


def person(user) -> dict:
    return {"id": user.pk, "username": user.username, "name": str(user)}


# --- Job orders -------------------------------------------------------------------------------


class RequirementIn(Input):
    kind: RequirementKind  # type: ignore[valid-type]
    description: Annotated[str, Field(max_length=500)] = ""
    skill: Annotated[str, Field(max_length=80)] = Field(
        "", description="For kind=skill: the skill's name or any alias (unknown names are added)."
    )
    min_years: Years | None = None
    must_have: Bool = True


class RequirementPatch(Input):
    description: Annotated[str, Field(max_length=500)] = ""
    skill: Annotated[str, Field(max_length=80)] = ""
    min_years: Years | None = None
    must_have: Bool = True


class RequirementOut(Schema):
    id: int
    kind: str
    description: str
    skill: str | None
    skill_id: int | None
    min_years: Decimal | None
    must_have: bool
    position: int


class ClientOut(Schema):
    id: int
    name: str


class JobOrderFields(Input):
    status: JobStatus = "open"  # type: ignore[valid-type]
    openings: Annotated[Int, Field(ge=1, le=32767)] = 1
    start_date: Date | None = None
    duration_weeks: Annotated[Int, Field(ge=0, le=32767)] | None = None
    bill_rate: Annotated[Decimal, Field(ge=0, max_digits=8, decimal_places=2)] | None = None
    project_goal: Text = ""
    project_scope: Text = ""
    contact_id: BodyId | None = None


class JobOrderIn(JobOrderFields):
    title: Annotated[str, Field(min_length=1, max_length=160)]
    client_id: BodyId | None = Field(None, description="One of your team's clients…")
    new_client_name: Annotated[str, Field(max_length=160)] = Field(
        "", description="…or the name of a new client to add."
    )
    requirements: Annotated[list[RequirementIn], Field(max_length=200)] = []


class JobOrderPatch(Input):
    """Only the fields sent change; `version` is the one you read (a stale one answers 409)."""

    version: Annotated[Int, Field(ge=1, le=MAX_ID)]
    status: JobStatus | None = Field(  # type: ignore[valid-type]
        None, description="open → on_hold, filled, lost or cancelled (and back to open)."
    )
    title: Annotated[str, Field(min_length=1, max_length=160)] | None = None
    client_id: BodyId | None = None
    contact_id: BodyId | None = None
    openings: Annotated[Int, Field(ge=1, le=32767)] | None = None
    start_date: Date | None = None
    duration_weeks: Annotated[Int, Field(ge=0, le=32767)] | None = None
    bill_rate: Annotated[Decimal, Field(ge=0, max_digits=8, decimal_places=2)] | None = None
    project_goal: Text | None = None
    project_scope: Text | None = None


class JobOrderOut(Schema):
    id: int
    version: int
    title: str
    status: str
    client: ClientOut
    contact_id: int | None
    owner: Person
    openings: int
    start_date: datetime.date | None
    duration_weeks: int | None
    bill_rate: Decimal | None
    project_goal: str
    project_scope: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    requirements: list[RequirementOut]


# --- Candidates -------------------------------------------------------------------------------


class CandidateSkillIn(Input):
    skill: Annotated[str, Field(min_length=1, max_length=80)]
    years: Years
    last_used_year: Annotated[Int, Field(ge=1950, le=2100)] | None = None


class CandidateSkillOut(Schema):
    id: int
    skill: str
    skill_id: int
    years: Decimal
    last_used_year: int | None


class EngagementIn(Input):
    employer: Annotated[str, Field(min_length=1, max_length=120)]
    start_date: Date
    end_date: Date | None = None
    project_name: Annotated[str, Field(max_length=200)] = ""
    role: Annotated[str, Field(max_length=120)] = ""
    team_size: Annotated[Int, Field(ge=0, le=32767)] | None = None
    summary: Text = ""
    challenges_solved: Text = ""
    deliverables: Text = ""
    results: Text = ""
    skills: Annotated[list[Annotated[str, Field(max_length=80)]], Field(max_length=50)] = []


class EngagementOut(Schema):
    id: int
    employer: str
    project_name: str
    role: str
    start_date: datetime.date
    end_date: datetime.date | None
    team_size: int | None
    summary: str
    challenges_solved: str
    deliverables: str
    results: str
    skills: list[str]


class CandidateIn(Input):
    first_name: Annotated[str, Field(min_length=1, max_length=80)]
    last_name: Annotated[str, Field(min_length=1, max_length=80)]
    headline: Annotated[str, Field(max_length=200)] = ""
    email: Annotated[str, Field(max_length=200)] = ""
    phone: Annotated[str, Field(max_length=40)] = ""
    location: Annotated[str, Field(max_length=120)] = ""
    status: CandidateStatus = "available"  # type: ignore[valid-type]
    summary: Text = ""
    skills: Annotated[list[CandidateSkillIn], Field(max_length=200)] = []
    engagements: Annotated[list[EngagementIn], Field(max_length=100)] = []


class CandidatePatch(Input):
    version: Annotated[Int, Field(ge=1, le=MAX_ID)]
    first_name: Annotated[str, Field(min_length=1, max_length=80)] | None = None
    last_name: Annotated[str, Field(min_length=1, max_length=80)] | None = None
    headline: Annotated[str, Field(max_length=200)] | None = None
    email: Annotated[str, Field(max_length=200)] | None = None
    phone: Annotated[str, Field(max_length=40)] | None = None
    location: Annotated[str, Field(max_length=120)] | None = None
    status: CandidateStatus | None = None  # type: ignore[valid-type]
    summary: Text | None = None


class CandidateOut(Schema):
    id: int
    version: int
    first_name: str
    last_name: str
    headline: str
    email: str
    phone: str
    location: str
    status: str
    summary: str
    owner: Person
    created_at: datetime.datetime
    updated_at: datetime.datetime
    skills: list[CandidateSkillOut]
    engagements: list[EngagementOut]


# --- Submittals and interviews ----------------------------------------------------------------


class SubmittalIn(Input):
    job_order_id: BodyId
    candidate_id: BodyId
    interview_at: DateTime | None = Field(
        None, description="Set to schedule the interview (the stage becomes interview_scheduled)."
    )


class SubmittalPatch(Input):
    status: SubmittalStatus | None = None  # type: ignore[valid-type]
    interview_at: DateTime | None = None


class SubmittalOut(Schema):
    id: int
    job_order_id: int
    job_order_title: str
    client: str
    candidate_id: int
    candidate_name: str
    submitted_by: Person
    submitted_at: datetime.datetime
    status: str
    interview_at: datetime.datetime | None


class InterviewIn(Input):
    kind: InterviewKind = "video"  # type: ignore[valid-type]
    starts_at: DateTime
    ends_at: DateTime | None = Field(None, description="Left out: an hour after the start.")
    interviewer_ids: Annotated[list[BodyId], Field(max_length=20)] = Field(
        [], description="Contacts of the job order's client."
    )
    location: Annotated[str, Field(max_length=200)] = ""
    meeting_url: Annotated[str, Field(max_length=500)] = ""
    notes: Annotated[str, Field(max_length=2000)] = ""


class InterviewPatch(Input):
    """Only the fields sent change."""

    kind: InterviewKind | None = None  # type: ignore[valid-type]
    starts_at: DateTime | None = None
    ends_at: DateTime | None = None
    interviewer_ids: Annotated[list[BodyId], Field(max_length=20)] | None = None
    location: Annotated[str, Field(max_length=200)] | None = None
    meeting_url: Annotated[str, Field(max_length=500)] | None = None
    notes: Annotated[str, Field(max_length=2000)] | None = None


class ContactOut(Schema):
    id: int
    name: str
    title: str


class InterviewOut(Schema):
    id: int
    submittal_id: int
    round: int
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    interviewers: list[ContactOut]
    location: str
    meeting_url: str
    notes: str
    feedback_call_logged: bool


# --- Call plans and feedback calls ------------------------------------------------------------


class PlanSummaryOut(Schema):
    id: int
    version: int
    status: str
    submittal_id: int
    candidate_name: str
    job_order_title: str
    client: str
    interview_at: datetime.datetime | None
    next_action: str
    author: Person
    updated_at: datetime.datetime


class SkillEvidenceOut(Schema):
    skill: str
    years: Decimal
    last_used_year: int | None


class GapRowOut(Schema):
    requirement_id: int
    kind: str
    text: str
    must_have: bool
    min_years: Decimal | None
    status: Literal["strong", "partial", "gap", "concern"]
    reason: str
    skill_evidence: SkillEvidenceOut | None
    adjacent: list[SkillEvidenceOut]
    engagement_ids: list[int]


class GapOut(Schema):
    score: int
    strengths: list[str]
    weaknesses: list[str]
    rows: list[GapRowOut]


class ObjectionOut(Schema):
    id: int
    category: str
    text: str
    rebuttal: str
    rebuttal_is_draft: bool
    likelihood: str
    most_likely: bool
    requirement_id: int | None


class ClosingQuestionOut(Schema):
    id: int
    text: str


class ChecklistItemOut(Schema):
    key: str
    label: str
    done: bool
    hint: str


class ReadinessOut(Schema):
    score: int
    ready_to_dial: bool
    items: list[ChecklistItemOut]


class RaisedIn(Input):
    objection_id: BodyId | None = Field(None, description="One of the plan's objections, or none…")
    text: Annotated[str, Field(max_length=500)] = Field(
        "", description="…and what the client said."
    )
    category: ObjectionCategory = "other"  # type: ignore[valid-type]
    handled: Handled = "yes"  # type: ignore[valid-type]
    rebuttal: Text = ""
    add_to_library: Bool = False


class RaisedOut(Schema):
    id: int
    objection_id: int | None
    category: str
    text: str
    handled: str
    rebuttal: str


class NextRoundIn(Input):
    starts_at: DateTime
    kind: InterviewKind = "video"  # type: ignore[valid-type]


class FeedbackCallIn(Input):
    called_at: DateTime
    outcome: Outcome  # type: ignore[valid-type]
    next_round: NextRoundIn | None = Field(
        None, description="Required with outcome next_round: the interview it schedules."
    )
    closing_question_id: BodyId | None = None
    commitment: Annotated[str, Field(max_length=300)] = ""
    next_step: Annotated[str, Field(max_length=300)] = ""
    next_step_due: Date | None = Field(
        None, description="By when the next step is due (default: two working days after the call)."
    )
    notes: Text = ""
    raised: Annotated[list[RaisedIn], Field(max_length=50)] = []


class FeedbackCallOut(Schema):
    id: int
    plan_id: int
    called_by: Person
    called_at: datetime.datetime
    outcome: str
    closing_question_id: int | None
    commitment: str
    next_step: str
    next_step_due: datetime.date | None
    notes: str
    raised: list[RaisedOut]
    submittal_status: str


class PlanOut(PlanSummaryOut):
    candidate_id: int
    job_order_id: int
    candidate_story: str
    gap: GapOut
    objections: list[ObjectionOut]
    closing_questions: list[ClosingQuestionOut]
    readiness: ReadinessOut
    feedback_calls: list[FeedbackCallOut]


class Page[T](Schema):
    results: list[T]
    next_cursor: str | None = Field(
        None, description="Pass as `cursor` for the next page; null on the last page."
    )
