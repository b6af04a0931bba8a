"""The ready-to-dial checklist computed in SQL, for lists that show or sort by readiness.

`with_readiness(plans)` annotates each plan with the six checklist items of
`callplans.checklist.ready_checklist` as booleans (`check_qualified`, `check_reference`,
`check_rebuttals`, `check_closing`, `check_next_action`, `check_rehearsed`), their count
`readiness_done` (0–6) and `readiness` = round(100 * done / 6), the same number as
`plan_page_for(pk).checklist.score`. Everything is a correlated subquery, so a page of plans costs
one query whatever its size, and ordering by `readiness` sorts in the database.

Where SQL differs from the plan page (the approximation):
- "Every must-have gap has an objection with a rebuttal" repeats the gap rules of `gaps.py` with
  `Exists` subqueries (a must-have requirement is a gap or concern exactly when the plan page
  says so). What SQL cannot reproduce is Python's `str.strip()`: blank texts (the job's goal, an
  objection's rebuttal, the next action) are tested with SQL `TRIM`, which removes spaces only.
  A rebuttal, goal or next action made only of tabs or line breaks therefore counts as written
  here and as empty on the plan page. Forms strip their input, so only data written around the
  forms (imports, the shell) can show the difference.
"""

from django.db.models import (
    Case,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Trim
from django.db.models.lookups import GreaterThan

from callplans.models import CallPlan, Objection, PlanEvidence
from candidates.models import CandidateSkill, Engagement
from core.queries import exists_per_row
from joborders.models import Requirement, Submittal
from references.models import ReferenceCall, ReferenceFinding

CHECKS = (
    "check_qualified",
    "check_reference",
    "check_rebuttals",
    "check_closing",
    "check_next_action",
    "check_rehearsed",
)
_SCORES = {done: round(100 * done / len(CHECKS)) for done in range(len(CHECKS) + 1)}
# `_score` computes these in SQL with integer division; the two agree for every count.
assert all((100 * d + len(CHECKS) // 2) // len(CHECKS) == s for d, s in _SCORES.items())


def with_readiness(plans: QuerySet[CallPlan]) -> QuerySet[CallPlan]:
    """Annotate `readiness` (0–100), `readiness_done` (0–6) and the six `check_*` booleans."""
    checks, done = _checks_and_done()
    return (
        plans.annotate(
            _goal_trimmed=Trim("submittal__job_order__project_goal"),
            _next_action_trimmed=Trim("next_action"),
        )
        .annotate(
            **{
                name: Case(When(condition, then=Value(True)), default=Value(False))
                for name, condition in checks.items()
            },
            readiness_done=done,
        )
        .annotate(readiness=_score(F("readiness_done")))
    )


def with_readiness_score(plans: QuerySet[CallPlan]) -> QuerySet[CallPlan]:
    """Annotate only `readiness` (0–100), the same number as `with_readiness`, for lists that
    show or sort by the score alone: each checklist subquery then runs once per row instead of
    twice (once for its `check_*` column, once inside the score)."""
    checks, done = _checks_and_done()
    return (
        plans.alias(
            _goal_trimmed=Trim("submittal__job_order__project_goal"),
            _next_action_trimmed=Trim("next_action"),
        )
        .alias(readiness_done=done)
        .annotate(readiness=_score(F("readiness_done")))
    )


class SubmittalReadiness(Expression):
    """The readiness score (0–100, None without a plan) of the plan of the submittal whose id is
    the `submittal` column of the outer row, as the SQL `with_readiness_score` writes, compiled
    once per process and database vendor.

    The ORM resolves and copies an expression tree on every use: for this one, dozens of nested
    subqueries, that cost more than running its SQL. This expression holds the compiled SQL and
    only its outer column (`F(submittal)`) goes through the ORM, so aliases and joins of the
    outer query stay Django's. The compiled SQL names its own tables U0, V0…, which a top-level
    query never uses: a query that is itself a subquery might, so it refuses to compile there.
    """

    output_field = IntegerField()

    def __init__(self, submittal: str = "pk"):
        super().__init__()
        self.submittal = F(submittal)

    def get_source_expressions(self) -> list:
        return [self.submittal]

    def set_source_expressions(self, exprs: list) -> None:
        (self.submittal,) = exprs

    def as_sql(self, compiler, connection):
        if compiler.query.alias_prefix != Submittal.objects.none().query.alias_prefix:
            raise ValueError("SubmittalReadiness works in top-level queries only")
        before, after, params = _compiled_readiness(connection)
        column, column_params = compiler.compile(self.submittal)
        return f"{before}{column}{after}", (*params, *column_params)


_OUTER = ("joborders_submittal", "id")


_COMPILED: dict[str, tuple[str, str, tuple]] = {}


def _compiled_readiness(connection) -> tuple[str, str, tuple]:
    """(SQL before the outer column, SQL after it, parameters), per database vendor."""
    if connection.vendor not in _COMPILED:
        _COMPILED[connection.vendor] = _compile_readiness(connection)
    return _COMPILED[connection.vendor]


def _compile_readiness(connection) -> tuple[str, str, tuple]:
    outer = Submittal.objects.all().query
    plans = with_readiness_score(CallPlan.objects.filter(submittal_id=OuterRef("pk")))
    subquery = Subquery(plans.order_by().values("readiness")[:1], IntegerField())
    sql, params = outer.get_compiler(connection=connection).compile(
        subquery.resolve_expression(outer)
    )
    column = ".".join(connection.ops.quote_name(name) for name in _OUTER)
    # The outer id comes once, last in the SQL of the plan's own WHERE clause, with no
    # parameter after it; anything else means Django wrote the query differently.
    before, found, after = sql.rpartition(column)
    if not found or column in before or "%s" in after:
        raise AssertionError(f"unexpected readiness SQL: {sql}")
    return before, after, tuple(params)


def _checks_and_done() -> tuple[dict, Expression]:
    checks = {
        "check_qualified": _qualified(),
        "check_reference": _reference_call_made(),
        "check_rebuttals": ~_unanswered_must_have_gap(),
        "check_closing": Exists(
            CallPlan.closing_questions.through.objects.filter(callplan_id=OuterRef("pk"))
        ),
        "check_next_action": ~Q(_next_action_trimmed=""),
        "check_rehearsed": Q(rehearsed_at__isnull=False),
    }
    done = sum(
        (Case(When(condition, then=Value(1)), default=Value(0)) for condition in checks.values()),
        start=Value(0),
    )
    return checks, done


def _score(done: Expression) -> Expression:
    """round(100 * done / 6) in integer arithmetic, (100 * done + 3) / 6, so the count of done
    items (a sum of subqueries) is written once in the SQL, not once per possible score."""
    return ExpressionWrapper(
        (done * Value(100) + Value(len(CHECKS) // 2)) / Value(len(CHECKS)),
        output_field=IntegerField(),
    )


def _qualified() -> Q:
    kinds = (Requirement.Kind.CHALLENGE, Requirement.Kind.DELIVERABLE, Requirement.Kind.RESULT)
    condition = ~Q(_goal_trimmed="")
    for kind in kinds:
        condition &= Q(
            Exists(
                Requirement.objects.filter(
                    job_order_id=OuterRef("submittal__job_order_id"), kind=kind
                )
            )
        )
    return condition


def _reference_call_made() -> GreaterThan:
    return exists_per_row(
        ReferenceCall.objects.filter(
            reference__candidate_id=OuterRef("submittal__candidate_id"),
            job_order_id=OuterRef("submittal__job_order_id"),
            team_id=OuterRef("submittal__job_order__team_id"),
        )
    )


def _unanswered_must_have_gap() -> Exists:
    """A must-have requirement of the plan's job that is a gap or concern without a rebuttal.

    Inside the requirement subquery, `OuterRef("…")` is the requirement and
    `OuterRef(OuterRef("…"))` the plan.
    """
    plan = OuterRef(OuterRef("pk"))
    candidate = OuterRef(OuterRef("submittal__candidate_id"))

    def finding(assessment: str) -> GreaterThan:
        return exists_per_row(
            ReferenceFinding.objects.filter(
                requirement_id=OuterRef("pk"),
                assessment=assessment,
                call__reference__candidate_id=candidate,
                call__team_id=OuterRef("job_order__team_id"),
            )
        )

    linked = exists_per_row(
        PlanEvidence.objects.filter(
            plan_id=plan, requirement_id=OuterRef("pk"), engagement__candidate_id=candidate
        )
    )
    has_skill = exists_per_row(
        CandidateSkill.objects.filter(candidate_id=candidate, skill_id=OuterRef("skill_id"))
    )
    used_skill = exists_per_row(
        Engagement.skills.through.objects.filter(
            engagement__candidate_id=candidate, skill_id=OuterRef("skill_id")
        )
    )
    strong = finding(ReferenceFinding.Assessment.STRONG)
    skill_gap = Q(kind=Requirement.Kind.SKILL) & ~Q(has_skill) & ~Q(used_skill)
    skill_gap &= ~Q(linked) & ~Q(strong)
    outcome_gap = (
        ~Q(kind=Requirement.Kind.SKILL)
        & ~Q(linked)
        & ~Q(strong)
        & ~Q(finding(ReferenceFinding.Assessment.ADEQUATE))
    )
    rebutted = Exists(
        Objection.objects.annotate(_rebuttal_trimmed=Trim("rebuttal"))
        .filter(plan_id=plan, requirement_id=OuterRef("pk"))
        .exclude(_rebuttal_trimmed="")
    )
    return Exists(
        Requirement.objects.filter(
            Q(finding(ReferenceFinding.Assessment.CONCERN)) | skill_gap | outcome_gap,
            ~rebutted,
            job_order_id=OuterRef("submittal__job_order_id"),
            must_have=True,
        )
    )
