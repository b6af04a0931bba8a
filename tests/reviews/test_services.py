import io
import signal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from pypdf import PdfReader

from callplans.models import BulkExport, CallPlan, PlanReview
from callplans.selectors import plan_page_for
from reviews.services import bulkexport_create, bulkexport_run, planreview_create
from reviews.tasks import export_plans_pdf
from tests.reviews.support import bare_plan, ready_plan

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def pdf_text(document: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)


# --- Reviews --------------------------------------------------------------------------------


def test_approving_a_plan_sets_its_status_and_writes_the_history(manager, plan):
    version = plan.version
    review = planreview_create(plan=plan, reviewer=manager, decision="approved", comment=" Good ")
    plan.refresh_from_db()
    assert plan.status == CallPlan.Status.APPROVED
    assert plan.version == version + 1
    assert review.comment == "Good"
    assert plan_page_for(plan.pk).history[0].what == f"Reviewed: approved by {manager}"


def test_needs_work_sets_the_status_and_keeps_the_comment(manager, plan):
    planreview_create(
        plan=plan, reviewer=manager, decision="needs_work", comment="Rebut the Kubernetes gap"
    )
    plan.refresh_from_db()
    assert plan.status == CallPlan.Status.NEEDS_WORK
    assert plan.reviews.get().comment == "Rebut the Kubernetes gap"
    assert plan_page_for(plan.pk).history[0].what == f"Reviewed: needs work by {manager}"


@pytest.mark.parametrize("comment", ["", "   "])
def test_needs_work_without_a_comment_is_refused_and_changes_nothing(manager, plan, comment):
    with pytest.raises(ValidationError) as refused:
        planreview_create(plan=plan, reviewer=manager, decision="needs_work", comment=comment)
    assert "Say what needs work" in str(refused.value.message_dict["comment"])
    plan.refresh_from_db()
    assert plan.status == CallPlan.Status.DRAFT and not PlanReview.objects.exists()


@pytest.mark.parametrize("role", ["owner", "teammate", "outside_manager", "outsider"])
def test_only_the_teams_managers_review(request, plan, role):
    with pytest.raises(PermissionDenied):
        planreview_create(
            plan=plan, reviewer=request.getfixturevalue(role), decision="approved", comment=""
        )
    assert not PlanReview.objects.exists()


def test_a_superuser_may_review_any_plan(superuser, plan):
    planreview_create(plan=plan, reviewer=superuser, decision="approved", comment="")
    plan.refresh_from_db()
    assert plan.status == CallPlan.Status.APPROVED


def test_an_unknown_decision_is_refused(manager, plan):
    with pytest.raises(ValidationError):
        planreview_create(plan=plan, reviewer=manager, decision="maybe", comment="")
    assert not PlanReview.objects.exists()


# --- Bulk export ----------------------------------------------------------------------------


def test_an_export_merges_every_plan_into_one_pdf_in_order(manager, owner, immediate_tasks):
    plans = [bare_plan(owner, first_name=name) for name in ("Ada", "Boris", "Chen")]
    export = bulkexport_create(
        enqueue=export_plans_pdf.enqueue, requested_by=manager, plans=plans, paper="a4"
    )
    export.refresh_from_db()
    assert (export.status, export.done, export.total) == ("done", 3, 3)
    assert export.finished_at is not None
    text = pdf_text(bytes(export.pdf))
    positions = [text.index(f"{name} Tester") for name in ("Ada", "Boris", "Chen")]
    assert positions == sorted(positions)
    # Each plan is a top-level bookmark; the plan's own headings nest under it.
    outline = PdfReader(io.BytesIO(bytes(export.pdf))).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    jobs = [p.submittal.job_order.title for p in plans]
    assert titles == [
        f"{n} Tester — {j}" for n, j in zip(("Ada", "Boris", "Chen"), jobs, strict=True)
    ]


def test_an_export_of_more_than_50_plans_is_refused(manager, owner, immediate_tasks):
    plan = bare_plan(owner)
    with pytest.raises(ValidationError, match="at most 50"):
        bulkexport_create(
            enqueue=export_plans_pdf.enqueue,
            requested_by=manager,
            plans=[plan] * 51,
            paper="letter",
        )
    assert not BulkExport.objects.exists()


def test_an_empty_export_or_unknown_paper_is_refused(manager, owner, immediate_tasks):
    with pytest.raises(ValidationError, match="at least one"):
        bulkexport_create(
            enqueue=export_plans_pdf.enqueue, requested_by=manager, plans=[], paper="letter"
        )
    with pytest.raises(ValidationError, match="Letter or A4"):
        bulkexport_create(
            enqueue=export_plans_pdf.enqueue,
            requested_by=manager,
            plans=[bare_plan(owner)],
            paper="legal",
        )


def test_a_salesperson_or_another_teams_manager_cannot_export(
    owner, outside_manager, immediate_tasks
):
    plan = bare_plan(owner)
    with pytest.raises(PermissionDenied):
        bulkexport_create(
            enqueue=export_plans_pdf.enqueue, requested_by=owner, plans=[plan], paper="letter"
        )
    with pytest.raises(PermissionDenied):
        bulkexport_create(
            enqueue=export_plans_pdf.enqueue,
            requested_by=outside_manager,
            plans=[plan],
            paper="letter",
        )


def test_a_plan_deleted_after_it_was_picked_is_skipped(manager, owner, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    keep, gone = bare_plan(owner, first_name="Kim"), bare_plan(owner, first_name="Gus")
    export = bulkexport_create(
        enqueue=export_plans_pdf.enqueue, requested_by=manager, plans=[keep, gone], paper="letter"
    )
    gone.delete()
    bulkexport_run(export_id=export.pk)
    export.refresh_from_db()
    assert (export.status, export.done) == ("done", 2)
    text = pdf_text(bytes(export.pdf))
    assert "Kim Tester" in text and "Gus Tester" not in text


def test_a_failed_render_marks_the_export_failed(manager, owner, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    export = bulkexport_create(
        enqueue=export_plans_pdf.enqueue,
        requested_by=manager,
        plans=[bare_plan(owner)],
        paper="letter",
    )

    def broken(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("reviews.services.callplan_pdf", broken)
    with pytest.raises(OSError):
        bulkexport_run(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == "failed" and "could not be made" in export.error


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_renders_a_queued_export(settings, team):
    """The real backend: the export waits in the queue until `db_worker --batch` runs it."""
    from tests.factories import ManagerFactory, UserFactory

    settings.TASKS = DATABASE
    manager = ManagerFactory(team=team)
    author = UserFactory(team=team)
    plans = [bare_plan(author, first_name="Wanda"), ready_plan(author, first_name="Xavi")]
    export = bulkexport_create(
        enqueue=export_plans_pdf.enqueue, requested_by=manager, plans=plans, paper="letter"
    )
    export.refresh_from_db()
    assert (export.status, export.done) == ("queued", 0)

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval=0", verbosity=0
        )
    finally:
        for number, handler in handlers.items():  # the worker installs its own
            signal.signal(number, handler)

    export.refresh_from_db()
    assert (export.status, export.done) == ("done", 2)
    text = pdf_text(bytes(export.pdf))
    assert "Wanda Tester" in text and "Xavi Tester" in text


def test_the_review_is_the_newest_entry_of_the_plans_history(manager, plan):
    planreview_create(plan=plan, reviewer=manager, decision="approved", comment="")
    whats = [h.what for h in plan_page_for(plan.pk).history]
    assert whats[:2] == [f"Reviewed: approved by {manager}", "Plan created"]
