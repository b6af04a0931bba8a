"""A team's data, whole: one JSON file to take elsewhere (or load into an empty DialReady) and
one CSV per table for spreadsheets.

The JSON file is a plain Django fixture (pk-preserving), so `manage.py loaddata` reads it as well
as `manage.py import_team_export`. It holds what the team owns (clients, job orders and their
requirements, submittals and their stage history and interview rounds, reference calls, call plans, reviews, feedback
calls, the team's libraries), the change history of those records, and the firm-wide records
they point at (candidates with their skills, engagements and references, the skills named), so
an import is self-contained. People come without passwords: every exported user has an unusable
password and no staff or superuser rights, and sets a new password after an import. People of
other teams that the data names (a candidate's owner, say) come without their team.
Not exported: the rendered bulk-PDF cache, sessions, login attempts.

accounts sits below the domain apps, so models are named by label here rather than imported.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.db.models import Model, Q, QuerySet

from accounts.models import Team, User

# What a user row carries out of the building: no password hash, no rights, no groups.
USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "date_joined",
    "team",
    "role",
)


def _model(label: str) -> type[Model]:
    return apps.get_model(label)


@dataclass(frozen=True)
class Table:
    name: str  # the CSV's name: /team/export/<name>.csv
    label: str
    model: str  # app_label.ModelName
    csv_only: bool = False  # a many-to-many link, inside its owner's row in the JSON file
    many_to_many: tuple[str, ...] = ()  # written inside each row of the JSON file


class TeamData:
    """The querysets of everything `team` owns or points at, as subqueries of one another, so
    each table is one query whatever the team's size."""

    def __init__(self, team: Team) -> None:
        self.team = team

    def rows(self, name: str) -> QuerySet:
        return getattr(self, name)

    @cached_property
    def teams(self) -> QuerySet:
        return Team.objects.filter(pk=self.team.pk)

    @cached_property
    def clients(self) -> QuerySet:
        return _model("joborders.Client").objects.filter(team=self.team)

    @cached_property
    def client_contacts(self) -> QuerySet:
        return _model("joborders.ClientContact").objects.filter(client__in=self.clients)

    @cached_property
    def joborders(self) -> QuerySet:
        return _model("joborders.JobOrder").objects.filter(team=self.team)

    @cached_property
    def requirements(self) -> QuerySet:
        return _model("joborders.Requirement").objects.filter(job_order__in=self.joborders)

    @cached_property
    def submittals(self) -> QuerySet:
        return _model("joborders.Submittal").objects.filter(job_order__in=self.joborders)

    @cached_property
    def submittal_events(self) -> QuerySet:
        return _model("joborders.SubmittalEvent").objects.filter(submittal__in=self.submittals)

    @cached_property
    def interviews(self) -> QuerySet:
        return _model("joborders.Interview").objects.filter(submittal__in=self.submittals)

    @cached_property
    def interview_interviewers(self) -> QuerySet:
        through = _model("joborders.Interview").interviewers.through
        return through.objects.filter(interview__submittal__in=self.submittals)

    @cached_property
    def reference_calls(self) -> QuerySet:
        return _model("references.ReferenceCall").objects.filter(team=self.team)

    @cached_property
    def candidates(self) -> QuerySet:
        called = _model("references.Reference").objects.filter(calls__in=self.reference_calls)
        return _model("candidates.Candidate").objects.filter(
            Q(owner__team=self.team)
            | Q(pk__in=self.submittals.values("candidate_id"))
            | Q(pk__in=called.values("candidate_id"))
        )

    @cached_property
    def candidate_skills(self) -> QuerySet:
        return _model("candidates.CandidateSkill").objects.filter(candidate__in=self.candidates)

    @cached_property
    def engagements(self) -> QuerySet:
        return _model("candidates.Engagement").objects.filter(candidate__in=self.candidates)

    @cached_property
    def engagement_skills(self) -> QuerySet:
        through = _model("candidates.Engagement").skills.through
        return through.objects.filter(engagement__candidate__in=self.candidates)

    @cached_property
    def skills(self) -> QuerySet:
        templates = self.objection_templates.filter(skill__isnull=False)
        return _model("candidates.Skill").objects.filter(
            Q(pk__in=self.candidate_skills.values("skill_id"))
            | Q(pk__in=self.engagement_skills.values("skill_id"))
            | Q(pk__in=self.requirements.filter(skill__isnull=False).values("skill_id"))
            | Q(pk__in=templates.values("skill_id"))
        )

    @cached_property
    def references(self) -> QuerySet:
        return _model("references.Reference").objects.filter(candidate__in=self.candidates)

    @cached_property
    def reference_findings(self) -> QuerySet:
        return _model("references.ReferenceFinding").objects.filter(call__in=self.reference_calls)

    @cached_property
    def reference_questions(self) -> QuerySet:
        return _model("references.ReferenceQuestion").objects.filter(team=self.team)

    @cached_property
    def closing_questions(self) -> QuerySet:
        return _model("callplans.ClosingQuestion").objects.filter(team=self.team)

    @cached_property
    def objection_templates(self) -> QuerySet:
        return _model("callplans.ObjectionTemplate").objects.filter(team=self.team)

    @cached_property
    def call_plans(self) -> QuerySet:
        return _model("callplans.CallPlan").objects.filter(submittal__in=self.submittals)

    @cached_property
    def plan_closing_questions(self) -> QuerySet:
        through = _model("callplans.CallPlan").closing_questions.through
        return through.objects.filter(callplan__submittal__in=self.submittals)

    @cached_property
    def objections(self) -> QuerySet:
        return _model("callplans.Objection").objects.filter(plan__submittal__in=self.submittals)

    @cached_property
    def plan_evidence(self) -> QuerySet:
        return _model("callplans.PlanEvidence").objects.filter(plan__submittal__in=self.submittals)

    @cached_property
    def plan_reviews(self) -> QuerySet:
        return _model("callplans.PlanReview").objects.filter(plan__submittal__in=self.submittals)

    @cached_property
    def feedback_calls(self) -> QuerySet:
        return _model("callplans.FeedbackCall").objects.filter(plan__submittal__in=self.submittals)

    @cached_property
    def raised_objections(self) -> QuerySet:
        return _model("callplans.RaisedObjection").objects.filter(
            feedback_call__in=self.feedback_calls
        )

    @cached_property
    def users(self) -> QuerySet:
        """The team's people, and anyone else the exported rows name."""
        named = (
            (self.clients, "owner_id"),
            (self.joborders, "owner_id"),
            (self.submittals, "submitted_by_id"),
            (self.submittal_events, "changed_by_id"),
            (self.candidates, "owner_id"),
            (self.reference_calls, "called_by_id"),
            (self.call_plans, "author_id"),
            (self.plan_reviews, "reviewer_id"),
            (self.feedback_calls, "called_by_id"),
        )
        condition = Q(team=self.team)
        for rows, column in named:
            condition |= Q(pk__in=rows.values(column))
        return User.objects.filter(condition)

    def histories(self) -> list[QuerySet]:
        """The change history of the exported records, as django-simple-history keeps it."""
        plans = _model("callplans.HistoricalCallPlan").objects.filter(
            id__in=self.call_plans.values("pk")
        )
        return [
            _model("joborders.HistoricalJobOrder").objects.filter(team_id=self.team.pk),
            _model("joborders.HistoricalRequirement").objects.filter(
                job_order_id__in=self.joborders.values("pk")
            ),
            _model("candidates.HistoricalCandidate").objects.filter(
                id__in=self.candidates.values("pk")
            ),
            _model("candidates.HistoricalCandidateSkill").objects.filter(
                candidate_id__in=self.candidates.values("pk")
            ),
            _model("candidates.HistoricalEngagement").objects.filter(
                candidate_id__in=self.candidates.values("pk")
            ),
            _model("references.HistoricalReferenceCall").objects.filter(team_id=self.team.pk),
            _model("references.HistoricalReferenceFinding").objects.filter(
                call_id__in=self.reference_calls.values("pk")
            ),
            plans,
            _model("callplans.HistoricalCallPlan_closing_questions").objects.filter(
                history_id__in=plans.values("history_id")
            ),
            _model("callplans.HistoricalObjection").objects.filter(
                plan_id__in=self.call_plans.values("pk")
            ),
            _model("callplans.HistoricalClosingQuestion").objects.filter(team_id=self.team.pk),
            _model("callplans.HistoricalObjectionTemplate").objects.filter(team_id=self.team.pk),
        ]


# In the order an import saves them (each row's links point up the list).
TABLES = (
    Table("teams", "Team", "accounts.Team"),
    Table("users", "People (without passwords)", "accounts.User"),
    Table("skills", "Skills", "candidates.Skill"),
    Table("candidates", "Candidates", "candidates.Candidate"),
    Table("candidate_skills", "Candidate skills", "candidates.CandidateSkill"),
    Table("engagements", "Engagements", "candidates.Engagement", many_to_many=("skills",)),
    Table("engagement_skills", "Skills used on engagements", "", csv_only=True),
    Table("clients", "Clients", "joborders.Client"),
    Table("client_contacts", "Client contacts", "joborders.ClientContact"),
    Table("joborders", "Job orders", "joborders.JobOrder"),
    Table("requirements", "Job order requirements", "joborders.Requirement"),
    Table("submittals", "Submittals", "joborders.Submittal"),
    Table("submittal_events", "Submittal stage changes", "joborders.SubmittalEvent"),
    Table("interviews", "Interview rounds", "joborders.Interview", many_to_many=("interviewers",)),
    Table("interview_interviewers", "Interviewers of each round", "", csv_only=True),
    Table("references", "References", "references.Reference"),
    Table("reference_questions", "Reference questions", "references.ReferenceQuestion"),
    Table("reference_calls", "Reference calls", "references.ReferenceCall"),
    Table("reference_findings", "Reference findings", "references.ReferenceFinding"),
    Table("closing_questions", "Closing questions", "callplans.ClosingQuestion"),
    Table("objection_templates", "Objection library", "callplans.ObjectionTemplate"),
    Table("call_plans", "Call plans", "callplans.CallPlan", many_to_many=("closing_questions",)),
    Table("plan_closing_questions", "Closing questions picked in plans", "", csv_only=True),
    Table("objections", "Plan objections", "callplans.Objection"),
    Table("plan_evidence", "Plan evidence", "callplans.PlanEvidence"),
    Table("plan_reviews", "Plan reviews", "callplans.PlanReview"),
    Table("feedback_calls", "Feedback calls", "callplans.FeedbackCall"),
    Table("raised_objections", "Objections raised on feedback calls", "callplans.RaisedObjection"),
)
TABLES_BY_NAME = {table.name: table for table in TABLES}

HISTORY_MODELS = (
    "joborders.HistoricalJobOrder",
    "joborders.HistoricalRequirement",
    "candidates.HistoricalCandidate",
    "candidates.HistoricalCandidateSkill",
    "candidates.HistoricalEngagement",
    "references.HistoricalReferenceCall",
    "references.HistoricalReferenceFinding",
    "callplans.HistoricalCallPlan",
    "callplans.HistoricalCallPlan_closing_questions",
    "callplans.HistoricalObjection",
    "callplans.HistoricalClosingQuestion",
    "callplans.HistoricalObjectionTemplate",
)
IMPORTABLE = {t.model.lower() for t in TABLES if t.model} | {m.lower() for m in HISTORY_MODELS}


# --- Export -----------------------------------------------------------------------------------


def team_export_json(team: Team) -> str:
    data = TeamData(team)
    people = list(data.users)
    exported_ids = {user.pk for user in people}
    objects = []
    for table in TABLES:
        if table.csv_only:
            continue
        if table.name == "users":
            objects += _users(people, team)
        else:
            rows = data.rows(table.name).prefetch_related(*table.many_to_many)
            objects += serializers.serialize("python", rows)
    for history in data.histories():
        for row in serializers.serialize("python", history):
            # who made a change stays only if that person is in the file
            fields = row["fields"]
            if "history_user" in fields and fields["history_user"] not in exported_ids:
                fields["history_user"] = None
            objects.append(row)
    return json.dumps(objects, cls=DjangoJSONEncoder, indent=1, ensure_ascii=False)


def _users(people: list[User], team: Team) -> list[dict]:
    rows = serializers.serialize("python", people, fields=USER_FIELDS)
    for row in rows:
        fields = row["fields"]
        fields["password"] = make_password(None)  # unusable: nobody's hash leaves the building
        if fields["team"] != team.pk:
            fields["team"] = None
    return rows


def team_table_rows(team: Team, name: str) -> tuple[list[str], Iterable[tuple]]:
    """The CSV of one table: its column names (links as <name>_id) and its rows."""
    rows = TeamData(team).rows(name)
    columns = [field.attname for field in rows.model._meta.concrete_fields]
    if name == "users":
        columns = ["id", *(rows.model._meta.get_field(f).attname for f in USER_FIELDS)]
    return columns, rows.order_by("pk").values_list(*columns)


def team_table_counts(team: Team) -> list[tuple[Table, int]]:
    data = TeamData(team)
    return [(table, data.rows(table.name).count()) for table in TABLES]


# --- Import -----------------------------------------------------------------------------------


class ImportRefused(Exception):
    """The file is not a team export, or the database is not empty: nothing was written."""


def team_import(*, text: str) -> dict[str, int]:
    """Load a team export into an empty database, all of it or nothing. Returns rows per model.

    Like loaddata: primary keys are kept, links are checked once everything is in, and the
    database's id counters are moved past the loaded ids."""
    _check_export(text)
    try:
        return _load(text)
    except (DeserializationError, IntegrityError) as error:
        raise ImportRefused(
            f"The file does not fit together, so nothing was loaded: {error}"
        ) from None


@transaction.atomic
def _load(text: str) -> dict[str, int]:
    if User.objects.exists() or Team.objects.exists():
        raise ImportRefused(
            "This database already has people or teams in it. Load a team export into a "
            "new, empty database (run `manage.py migrate` on it first)."
        )
    counts: dict[str, int] = {}
    loaded: set[type[Model]] = set()
    with connection.constraint_checks_disabled():
        deferred = []
        for item in serializers.deserialize("json", text, handle_forward_references=True):
            if isinstance(item.object, User):
                _without_rights(item.object)
            # the file carries the history: setting a plan's closing questions must not add to it
            item.object.skip_history_when_saving = True
            item.save()
            if item.deferred_fields:
                deferred.append(item)
            model = type(item.object)
            loaded.add(model)
            counts[model._meta.label] = counts.get(model._meta.label, 0) + 1
        for item in deferred:
            item.save_deferred_fields()
    connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
    _reset_id_counters(loaded)
    return counts


def _check_export(text: str) -> None:
    try:
        items = json.loads(text)
    except ValueError:
        raise ImportRefused("This file is not JSON: use the team.json of a team export.") from None
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        raise ImportRefused("This file holds no records: use the team.json of a team export.")
    unknown = {str(item.get("model", "")).lower() for item in items} - IMPORTABLE
    if unknown:
        raise ImportRefused(
            "This file holds records a team export never has "
            f"({', '.join(sorted(unknown))}): nothing was loaded."
        )


def _without_rights(user: User) -> None:
    user.set_unusable_password()
    user.is_staff = False
    user.is_superuser = False


def _reset_id_counters(models: Iterable[type[Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
