from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import Team, User
from demo.people import DEMO_PASSWORD


def test_seed_demo_creates_the_demo_logins(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    maria = User.objects.get(username="maria")
    assert maria.is_manager and maria.check_password(DEMO_PASSWORD)
    assert User.objects.filter(team=maria.team, role=User.Role.SALESPERSON).count() == 2
    assert User.objects.get(username="oscar").team != maria.team
    assert User.objects.get(username="admin").is_superuser
    assert "sam" in out and DEMO_PASSWORD in out


def test_seed_demo_twice_changes_nothing(db):
    call_command("seed_demo")
    sam = User.objects.get(username="sam")
    sam.set_password("changed-by-sam-himself")
    sam.save()
    counts = (User.objects.count(), Team.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Team.objects.count()) == counts
    sam.refresh_from_db()
    assert sam.check_password("changed-by-sam-himself")


def test_seed_demo_loads_a_world_with_every_stage_and_a_complete_plan(db):
    from callplans.models import CallPlan
    from joborders.models import JobOrder, Submittal

    call_command("seed_demo")
    stages = set(Submittal.objects.values_list("status", flat=True))
    assert stages == set(Submittal.Status.values)
    plan = CallPlan.objects.get(
        submittal__candidate__last_name="Morgan", submittal__job_order__title__contains="DevOps"
    )
    assert plan.objections.exclude(rebuttal="").count() == 3
    assert plan.closing_questions.count() == 2 and plan.next_action
    devops = plan.submittal.job_order
    kinds = set(devops.requirements.values_list("kind", flat=True))
    assert kinds == {"skill", "experience", "challenge", "deliverable", "result"}
    assert devops.reference_calls.get().findings.count() == 4
    assert JobOrder.objects.exclude(team=devops.team).exists()  # the other team has work too


def test_seed_demo_twice_adds_no_demo_records(db):
    from callplans.models import Objection
    from joborders.models import Submittal, SubmittalEvent

    call_command("seed_demo")
    counts = (Submittal.objects.count(), SubmittalEvent.objects.count(), Objection.objects.count())
    call_command("seed_demo")
    assert (
        Submittal.objects.count(),
        SubmittalEvent.objects.count(),
        Objection.objects.count(),
    ) == counts


def test_seed_demo_scale_twice_loads_the_bulk_units_once(transactional_db, monkeypatch):
    from functools import partial

    from demo.management.commands import seed_demo
    from demo.scale import seed_scale
    from joborders.models import JobOrder

    # Small units; the default workers: two processes on PostgreSQL, this one on SQLite.
    monkeypatch.setattr(seed_demo, "seed_scale", partial(seed_scale, unit_size=0.02))
    first, second = StringIO(), StringIO()
    call_command("seed_demo", scale=2, stdout=first)
    bulk = JobOrder.objects.filter(team__name__startswith="Bulk team ")
    assert bulk.count() == 2 * 20
    assert "unit 2/2: 20 job orders" in first.getvalue()
    counts = (Team.objects.count(), User.objects.count(), JobOrder.objects.count())

    call_command("seed_demo", scale=2, stdout=second)
    assert (Team.objects.count(), User.objects.count(), JobOrder.objects.count()) == counts
    assert "unit 1/2: already there, skipped" in second.getvalue()
    assert "Bulk data: all 2 units already there." in second.getvalue()


def test_seed_demo_loads_sqlite_in_one_process_only(db):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL takes several workers")
    with pytest.raises(CommandError, match="--workers"):
        call_command("seed_demo", scale=1, workers=2, stdout=StringIO())
    assert not Team.objects.filter(name__startswith="Bulk team ").exists()


def test_seed_demo_gives_sam_a_few_notifications_once(db):
    from reminders.models import Notification

    call_command("seed_demo")
    sam = User.objects.get(username="sam")
    kinds = set(Notification.objects.filter(recipient=sam).values_list("kind", flat=True))
    assert kinds == {"feedback_due", "plan_reviewed"}
    count = Notification.objects.count()
    call_command("seed_demo")
    assert Notification.objects.count() == count


def test_seed_demo_has_a_second_round_after_a_next_round_feedback_call(db):
    from django.utils import timezone

    from joborders.models import Submittal

    call_command("seed_demo")
    jordan = Submittal.objects.get(candidate__first_name="Jordan", candidate__last_name="Lee")
    first, second = jordan.interviews.order_by("round")
    assert (first.kind, second.kind) == ("phone", "on_site")
    assert first.feedback_calls.get().outcome == "next_round"
    assert first.ends_at < timezone.now() < second.starts_at == jordan.interview_at
    assert jordan.status == Submittal.Status.INTERVIEW_SCHEDULED
    assert list(second.interviewers.values_list("name", flat=True)) == ["Dana Ruiz"]


def test_seed_demo_has_a_director_and_a_manager_of_two_teams_who_see_their_teams(db, client):
    from django.urls import reverse

    from demo.people import DEMO_TEAM, THIRD_TEAM

    call_command("seed_demo")
    theo, diana = User.objects.get(username="theo"), User.objects.get(username="diana")
    assert theo.is_manager and theo.team.name == THIRD_TEAM
    assert set(theo.led_teams.values_list("name", flat=True)) == {DEMO_TEAM}
    assert diana.is_director and diana.team is None
    assert set(diana.led_teams.values_list("name", flat=True)) == {DEMO_TEAM, THIRD_TEAM}
    assert diana.check_password(DEMO_PASSWORD) and theo.check_password(DEMO_PASSWORD)
    for person in (theo, diana):
        client.force_login(person)
        board = client.get(reverse("board:index")).text
        assert "Platform Engineer — route planning on AWS" in board  # Cascade's
        assert "Full-Stack Engineer — patient portal" in board  # Northwind's
        assert "Data Engineer — loyalty analytics" not in board  # Harbor's: not theirs
    client.force_login(User.objects.get(username="maria"))
    assert "route planning" not in client.get(reverse("board:index")).text


def test_seed_demo_shares_an_action_plan_the_client_has_worked_on(db):
    from actionplans.models import ActionStep, ClientAction, SharedLink

    call_command("seed_demo")
    steps = ActionStep.objects.filter(submittal__candidate__last_name="Chen")
    assert steps.count() == 6
    link = SharedLink.objects.get(revoked_at__isnull=True)
    assert link.contact == link.submittal.job_order.contact
    done = ClientAction.objects.get(kind="step_done")
    assert done.step.title == "Offer" and done.step.side == "client"
    assert ClientAction.objects.get(kind="comment").comment
    call_command("seed_demo")
    assert ActionStep.objects.count() == 6 and SharedLink.objects.count() == 1
