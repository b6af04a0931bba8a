"""The bulk benchmark data (`seed_demo --scale N`): the advertised volumes, no links across teams,
and re-running adds nothing."""

from django.db.models import F

from accounts.models import Team, User
from callplans.models import CallPlan, Objection
from candidates.models import Candidate, Engagement, Skill
from candidates.selectors import skill_resolve
from demo.scale import seed_scale
from joborders.models import JobOrder, Requirement, Submittal, SubmittalEvent
from references.models import Reference, ReferenceCall, ReferenceFinding


def _quiet(_line: str) -> None:
    pass


def test_one_unit_has_the_advertised_volumes_and_running_again_adds_nothing(db):
    lines: list[str] = []
    counts = seed_scale(scale=1, progress=lines.append)

    assert Team.objects.filter(name__startswith="Bulk team 1-").count() == 10
    assert User.objects.filter(username__startswith="bulk1_").count() == 50
    assert User.objects.filter(username="bulk1_t3_m", role=User.Role.MANAGER).exists()
    assert JobOrder.objects.count() == 1000
    assert Candidate.objects.count() == 5000
    assert Engagement.objects.count() == 20000
    assert Submittal.objects.count() == 5000
    assert CallPlan.objects.count() == 5000
    assert Reference.objects.count() == 1000
    assert ReferenceCall.objects.count() == 1000  # a fifth of the submittals
    assert counts["JobOrder"] == 1000 and counts["CallPlan"] == 5000
    assert len(lines) == 1 and lines[0].startswith("unit 1/1: 1000 job orders, 5000 candidates")

    before = {m: m.objects.count() for m in (Team, User, JobOrder, Submittal, Skill, Objection)}
    assert seed_scale(scale=1, progress=_quiet) == {}
    assert {m: m.objects.count() for m in before} == before


def test_the_bulk_data_is_consistent_across_teams_and_pipelines(db):
    seed_scale(scale=1, progress=_quiet)

    # Every submittal has its plan, written by the submitter, and its creation event.
    assert not Submittal.objects.filter(plan__isnull=True).exists()
    assert not CallPlan.objects.exclude(author=F("submittal__submitted_by")).exists()
    created = SubmittalEvent.objects.filter(from_status="", to_status=Submittal.Status.SUBMITTED)
    assert created.count() == Submittal.objects.count()
    moved = Submittal.objects.exclude(status=Submittal.Status.SUBMITTED)
    assert SubmittalEvent.objects.exclude(from_status="").count() == moved.count()
    assert set(Submittal.objects.values_list("status", flat=True)) == set(Submittal.Status.values)
    assert set(CallPlan.objects.values_list("status", flat=True)) == set(CallPlan.Status.values)

    # Interview stages have an interview time; nothing else does.
    interviewing = [Submittal.Status.INTERVIEW_SCHEDULED, Submittal.Status.INTERVIEWED]
    assert not Submittal.objects.filter(status__in=interviewing, interview_at=None).exists()
    assert (
        not Submittal.objects.exclude(status__in=interviewing).exclude(interview_at=None).exists()
    )

    # No cross-team links.
    assert not CallPlan.objects.exclude(author__team=F("submittal__job_order__team")).exists()
    assert not JobOrder.objects.exclude(client__team=F("team")).exists()
    assert not ReferenceCall.objects.exclude(team=F("job_order__team")).exists()
    assert not ReferenceCall.objects.exclude(called_by__team=F("team")).exists()
    tied = Objection.objects.exclude(requirement=None)
    assert not tied.exclude(requirement__job_order=F("plan__submittal__job_order")).exists()
    assert not ReferenceFinding.objects.exclude(
        requirement__job_order=F("call__job_order")
    ).exists()
    assert ReferenceFinding.objects.count() == 2 * ReferenceCall.objects.count()

    # Requirements are well formed and skills resolve by alias.
    skill_reqs = Requirement.objects.filter(kind=Requirement.Kind.SKILL)
    assert not skill_reqs.filter(min_years=None).exists()
    other_reqs = Requirement.objects.exclude(kind=Requirement.Kind.SKILL)
    assert not other_reqs.filter(description="").exists()
    assert skill_resolve("k8s").name == "Kubernetes"
    assert Engagement.skills.through.objects.exists()


def test_a_larger_scale_adds_only_the_missing_units(db):
    Skill.objects.create(name="Kubernetes", aliases="k8s", lookup_keys="|kubernetes|k8s|")
    first = seed_scale(scale=1, progress=_quiet, unit_size=0.02)
    lines: list[str] = []
    second = seed_scale(scale=3, progress=lines.append, unit_size=0.02)

    assert first["Team"] == 10 and second["Team"] == 20
    assert lines[0] == "unit 1/3: already there, skipped"
    assert Team.objects.filter(name__startswith="Bulk team 3-").count() == 10
    assert JobOrder.objects.count() == 3 * 20
    assert Submittal.objects.count() == CallPlan.objects.count() == 3 * 100
    # The existing skill row was reused rather than duplicated.
    assert Skill.objects.filter(name__iexact="kubernetes").count() == 1
    assert "Skill" not in second


def test_a_unit_is_the_same_rows_whichever_process_makes_it():
    from datetime import UTC, datetime

    from demo.scale.generate import generate_unit, unit_sizes
    from demo.scale.rows import SkillRef, Skills
    from demo.scale.vocabulary import SKILL_TAXONOMY

    by_family: dict[str, list[SkillRef]] = {}
    for pk, (name, _, family) in enumerate(SKILL_TAXONOMY, start=1):
        by_family.setdefault(family, []).append(SkillRef(pk=pk, name=name))
    skills = Skills(by_family=by_family, families=list(by_family))
    now = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)

    def make(unit: int):
        return generate_unit(
            unit=unit, sizes=unit_sizes(0.02), skills=skills, password="x", now=now, seed=1
        )

    first, again, other = make(2), make(2), make(3)
    assert first.tables == again.tables
    assert first.tables != other.tables
    # Ids are local to the unit, 1, 2, 3… in each table, for the loader to swap for real ones.
    assert all(
        [row["id"] for row in rows] == list(range(1, len(rows) + 1))
        for rows in first.tables.values()
    )
    teams = {row["id"] for row in first.tables[Team]}
    assert {row["team_id"] for row in first.tables[JobOrder]} == teams
