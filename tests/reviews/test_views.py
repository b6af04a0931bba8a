import html
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from callplans.models import BulkExport, CallPlan, PlanReview
from callplans.selectors import plan_page_for
from core.ids import parse_id
from reviews.forms import ReviewFilterForm
from reviews.services import bulkexport_create
from reviews.tasks import export_plans_pdf
from tests.factories import ClientFactory
from tests.input import refused_as_unreadable
from tests.reviews.support import bare_plan, in_days, ready_plan, reviewed

HTMX = {"HTTP_HX_REQUEST": "true"}
LIST = reverse("review:list")
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
QUEUED = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def fresh_pdf_cache():
    cache.clear()  # PDFs are cached per plan id and version; ids repeat across tests


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def queued_tasks(settings):
    """Exports stay queued: nothing runs them (as when the worker is busy)."""
    settings.TASKS = QUEUED


def review_url(plan):
    return reverse("review:review_create", args=[plan.pk])


def rows(response) -> int:
    return response.content.decode().count('data-testid="review-row"')


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("owner", 403),
        ("teammate", 403),
        ("outsider", 403),
        ("manager", 200),
        ("outside_manager", 200),
        ("superuser", 200),
    ],
)
def test_only_managers_and_superusers_open_the_review_list(request, client, plan, role, status):
    client.force_login(request.getfixturevalue(role))
    response = client.get(LIST)
    assert response.status_code == status
    if role == "outside_manager":
        assert rows(response) == 0  # their own team has no plans; ours stay hidden


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("owner", 403),
        ("teammate", 403),
        ("outsider", 404),
        ("outside_manager", 404),
        ("manager", 302),
        ("superuser", 302),
    ],
)
def test_who_may_review_a_plan(request, client, plan, role, status):
    client.force_login(request.getfixturevalue(role))
    response = client.post(review_url(plan), {"decision": "approved", "comment": ""})
    assert response.status_code == status
    assert PlanReview.objects.exists() is (status == 302)


@pytest.mark.parametrize(
    ("role", "status"),
    [("owner", 403), ("outside_manager", 404), ("manager", 200), ("superuser", 200)],
)
def test_who_may_follow_and_download_an_export(
    request, client, manager, plan, immediate_tasks, role, status
):
    export = bulkexport_create(
        enqueue=export_plans_pdf.enqueue, requested_by=manager, plans=[plan], paper="letter"
    )
    client.force_login(request.getfixturevalue(role))
    progress = client.get(reverse("review:export_status", args=[export.pk]), **HTMX)
    download = client.get(reverse("review:export_download", args=[export.pk]))
    on_list = client.get(LIST, {"export": export.pk})
    assert (progress.status_code, download.status_code) == (status, status)
    assert on_list.status_code == (403 if role == "owner" else status)


@pytest.mark.parametrize(("role", "status"), [("owner", 403), ("teammate", 403)])
def test_salespeople_cannot_start_an_export(request, client, plan, role, status):
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse("review:export_create"), {"plans": [plan.pk]})
    assert response.status_code == status
    assert not BulkExport.objects.exists()


# --- The list -------------------------------------------------------------------------------


def test_the_list_shows_each_plan_with_readiness_and_last_review(client, manager, owner):
    plan = ready_plan(owner, interview_at=in_days(2), first_name="Rosa")
    reviewed(plan, manager, decision="needs_work", comment="Tighten the story")
    client.force_login(manager)
    body = client.get(LIST).content.decode()
    assert "Rosa Tester" in body and plan.submittal.job_order.title in body
    assert str(plan.submittal.job_order.client) in body and str(owner) in body
    assert '<span data-testid="readiness">100%</span>' in body and "Needs work" in body
    assert '<meter class="readiness-meter" min="0" max="100"' in body


def test_the_filters_narrow_the_list_and_keep_their_values(client, manager, owner, teammate):
    acme = ClientFactory(owner=owner, name="Acme Bank")
    bare_plan(owner, client=acme, first_name="Ana")
    ready_plan(teammate, first_name="Ben")
    client.force_login(manager)
    response = client.get(LIST, {"client": acme.pk, "readiness": "below"})
    body = response.content.decode()
    assert rows(response) == 1 and "Ana Tester" in body and "Ben Tester" not in body
    assert f'<option value="{acme.pk}" selected>Acme Bank</option>' in body


def test_a_bad_filter_shows_a_message_and_the_other_filters_still_apply(
    client, manager, owner, teammate
):
    bare_plan(owner, first_name="Ana")
    ready_plan(teammate, first_name="Ben")
    client.force_login(manager)
    response = client.get(
        LIST, {"salesperson": teammate.pk, "interview_from": "yesterday-ish", "sort": "bogus"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid date." in body
    assert rows(response) == 1 and "Ben Tester" in body
    assert 'value="yesterday-ish"' in body


def test_an_end_date_before_the_start_date_is_explained(client, manager, plan):
    client.force_login(manager)
    body = client.get(LIST, {"interview_from": "2026-05-02", "interview_to": "2026-05-01"})
    assert "The end date is before the start date." in body.content.decode()


def test_sorting_by_readiness_from_the_column_header(client, manager, owner):
    low = bare_plan(owner, first_name="Low")
    high = ready_plan(owner, first_name="High")
    client.force_login(manager)
    body = client.get(LIST, {"sort": "-readiness"}).content.decode()
    assert body.index("High Tester") < body.index("Low Tester")
    assert 'aria-sort="descending"' in body and "?sort=readiness" in body
    body = client.get(LIST, {"sort": "readiness"}).content.decode()
    assert body.index(f'data-plan="{low.pk}"') < body.index(f'data-plan="{high.pk}"')


def test_the_list_pages_by_25_unless_asked_for_more(client, manager, owner):
    for _ in range(26):
        bare_plan(owner)
    client.force_login(manager)
    assert rows(client.get(LIST)) == 25
    assert rows(client.get(LIST, {"page": 2})) == 1
    assert rows(client.get(LIST, {"per_page": 50})) == 26


@pytest.mark.parametrize("size", [3, 30])
def test_the_list_runs_the_same_queries_for_3_or_30_plans(
    client, manager, owner, teammate, size, django_assert_num_queries
):
    for n in range(size):
        plan = (ready_plan if n % 2 else bare_plan)(
            owner if n % 3 else teammate, interview_at=in_days(n)
        )
        reviewed(plan, manager)
    client.force_login(manager)
    # session, user with team, count, page of plans, their newest reviews,
    # salespeople and clients for the filters
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(8):
        response = client.get(LIST, {"per_page": 50, "sort": "readiness"})
    assert rows(response) == size


# --- Reviewing on the plan page -------------------------------------------------------------


def test_a_manager_sees_the_review_form_and_a_salesperson_only_the_reviews(
    client, manager, owner, plan
):
    reviewed(plan, manager, comment="Solid plan")
    client.force_login(owner)
    body = client.get(reverse("callplans:detail", args=[plan.pk])).content.decode()
    assert "Solid plan" in body and 'data-testid="review-form"' not in body
    client.force_login(manager)
    body = client.get(reverse("callplans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="review-form"' in body


def test_approving_with_htmx_swaps_the_review_and_the_card_with_its_status(client, manager, plan):
    client.force_login(manager)
    response = client.post(
        review_url(plan), {"decision": "approved", "comment": "Ready, go"}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert '<div id="plan-reviews"' in body
    assert '<header id="header" class="plan-header mb-3" data-hx-swap-oob="true">' in body
    assert 'data-testid="plan-status">Approved</span>' in body
    assert "Ready, go" in body and str(manager) in body
    assert 'id="plan-version"' in body  # out of band: the editor's forms stay current
    plan.refresh_from_db()
    assert plan.status == CallPlan.Status.APPROVED


def test_the_review_is_in_the_plans_history_under_the_reviewers_name(client, manager, plan):
    client.force_login(manager)
    client.post(review_url(plan), {"decision": "approved", "comment": ""})
    entry = plan_page_for(plan.pk).history[0]
    assert (entry.who, entry.what) == (str(manager), f"Reviewed: approved by {manager}")


def test_without_htmx_a_review_redirects_back_to_the_plan(client, manager, plan):
    client.force_login(manager)
    response = client.post(review_url(plan), {"decision": "approved", "comment": ""})
    assert response.url == reverse("callplans:detail", args=[plan.pk]) + "#reviews"


def test_needs_work_without_a_comment_answers_422_and_keeps_the_choice(client, manager, plan):
    client.force_login(manager)
    response = client.post(review_url(plan), {"decision": "needs_work", "comment": ""}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 422
    assert "Say what needs work" in body
    assert 'value="needs_work" checked' in body
    assert not PlanReview.objects.exists()


def test_without_htmx_a_refused_review_renders_the_whole_plan_page(client, manager, plan):
    client.force_login(manager)
    response = client.post(review_url(plan), {"decision": "", "comment": "Hmm"})
    body = response.content.decode()
    assert response.status_code == 422
    assert "Choose approved or needs work." in body and ">Hmm</textarea>" in body
    assert "Customer Project Overview" in body


@given(
    decision=st.one_of(st.sampled_from(["approved", "needs_work", "", "-1"]), st.text(max_size=30)),
    comment=st.one_of(
        st.text(max_size=200),
        st.just("x" * 10_000),
        st.just("<script>alert(1)</script>"),
        st.just("'; DROP TABLE callplans_planreview; --"),
        st.just("nul\x00byte"),
    ),
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_random_review_input_never_breaks_the_page(client, manager, plan, decision, comment):
    client.force_login(manager)
    response = client.post(review_url(plan), {"decision": decision, "comment": comment}, **HTMX)
    assert response.status_code in (200, 422)
    if response.status_code == 422:
        assert "is-invalid" in response.content.decode() or "alert-danger" in (
            response.content.decode()
        )


@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "salesperson",
                "status",
                "readiness",
                "interview_from",
                "interview_to",
                "client",
                "sort",
                "per_page",
                "page",
                "export",
            ]
        ),
        st.one_of(
            st.text(max_size=40),
            st.just("9" * 40),
            st.just("²"),
            st.just("-1"),
            st.just("x" * 10_000),
            st.just("<b>' OR 1=1 --"),
        ),
    )
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_random_filters_never_break_the_list(client, manager, plan, params):
    client.force_login(manager)
    response = client.get(LIST, params)
    if refused_as_unreadable(response, *params.values()):
        return
    if parse_id(params.get("export")):
        # No export exists: naming one is a 404, never a peek at another team's.
        assert response.status_code == 404
        return
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    # A bad filter is shown with its error and ignored, as the form promises.
    form = ReviewFilterForm(params, user=manager)
    for field, errors in form.errors.items():
        for error in errors:
            assert error in body, (field, error)
    if form.errors:
        assert "is-invalid" in body


# --- Bulk export ----------------------------------------------------------------------------


def test_exporting_two_plans_ends_with_a_download_of_one_pdf(
    client, manager, owner, immediate_tasks
):
    first, second = bare_plan(owner, first_name="Ines"), ready_plan(owner, first_name="Jon")
    client.force_login(manager)
    response = client.post(
        reverse("review:export_create"),
        {"plans": [first.pk, second.pk], "paper": "a4", "filters": "status=draft"},
    )
    export = BulkExport.objects.get()
    assert response.url == f"{LIST}?status=draft&export={export.pk}"
    body = client.get(response.url).content.decode()
    download_url = reverse("review:export_download", args=[export.pk])
    assert f'href="{download_url}"' in body
    download = client.get(download_url)
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    reader = PdfReader(io.BytesIO(download.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Ines Tester" in text and "Jon Tester" in text


def test_while_the_pdf_renders_the_list_shows_a_polled_progress_bar(
    client, manager, owner, queued_tasks
):
    export = bulkexport_create(
        enqueue=export_plans_pdf.enqueue,
        requested_by=manager,
        plans=[bare_plan(owner), bare_plan(owner)],
        paper="letter",
    )
    client.force_login(manager)
    body = client.get(LIST, {"export": export.pk}).content.decode()
    assert '<progress id="export-progress" class="export-progress" max="2" value="0">' in body
    assert 'data-hx-trigger="every 1s"' in body
    assert f'href="{LIST}?export={export.pk}">Refresh</a>' in body
    partial = client.get(reverse("review:export_status", args=[export.pk]), **HTMX)
    assert partial.content.decode().lstrip().startswith('<section id="export-status"')
    assert "Waiting for the worker: 0 of 2 plans rendered" in partial.content.decode()


def test_a_finished_export_stops_polling(client, manager, plan, immediate_tasks):
    export = bulkexport_create(
        enqueue=export_plans_pdf.enqueue, requested_by=manager, plans=[plan], paper="letter"
    )
    client.force_login(manager)
    partial = client.get(reverse("review:export_status", args=[export.pk]), **HTMX)
    assert "data-hx-trigger" not in partial.content.decode()
    assert "Download the PDF" in partial.content.decode()


def test_without_htmx_the_progress_url_leads_to_the_list(client, manager, plan, queued_tasks):
    export = bulkexport_create(
        enqueue=export_plans_pdf.enqueue, requested_by=manager, plans=[plan], paper="letter"
    )
    client.force_login(manager)
    response = client.get(reverse("review:export_status", args=[export.pk]))
    assert response.url == f"{LIST}?export={export.pk}"


def test_downloading_before_the_pdf_is_ready_explains_and_goes_back(
    client, manager, plan, queued_tasks
):
    export = bulkexport_create(
        enqueue=export_plans_pdf.enqueue, requested_by=manager, plans=[plan], paper="letter"
    )
    client.force_login(manager)
    response = client.get(reverse("review:export_download", args=[export.pk]), follow=True)
    assert "The PDF is not ready yet" in response.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_the_progress_partial_runs_the_same_queries_for_3_or_30_plans(
    client, manager, owner, size, queued_tasks, django_assert_num_queries
):
    export = bulkexport_create(
        enqueue=export_plans_pdf.enqueue,
        requested_by=manager,
        plans=[bare_plan(owner) for _ in range(size)],
        paper="letter",
    )
    client.force_login(manager)
    with django_assert_num_queries(3):  # session, user, export (without its PDF)
        response = client.get(reverse("review:export_status", args=[export.pk]), **HTMX)
    assert f"0 of {size} plans rendered" in response.content.decode()


def test_more_than_50_plans_are_refused_with_a_clear_message(
    client, manager, owner, immediate_tasks
):
    plans = [bare_plan(owner) for _ in range(51)]
    client.force_login(manager)
    response = client.post(
        reverse("review:export_create"), {"plans": [p.pk for p in plans]}, follow=True
    )
    assert "You picked 51 plans; one PDF holds at most 50." in response.content.decode()
    assert not BulkExport.objects.exists()


def test_exactly_50_plans_are_accepted(client, manager, owner, queued_tasks):
    plans = [bare_plan(owner) for _ in range(50)]
    client.force_login(manager)
    client.post(reverse("review:export_create"), {"plans": [p.pk for p in plans], "paper": "a4"})
    assert BulkExport.objects.get().total == 50


def test_other_teams_plans_in_the_selection_are_left_out_with_a_message(
    client, manager, plan, outsider, queued_tasks
):
    foreign = bare_plan(outsider)
    client.force_login(manager)
    response = client.post(
        reverse("review:export_create"),
        {"plans": [plan.pk, foreign.pk, "abc"], "paper": "letter"},
        follow=True,
    )
    assert BulkExport.objects.get().plan_ids == [plan.pk]
    assert "1 of the selected plans could not be found in your team" in (response.content.decode())


def test_a_superuser_exports_plans_of_several_teams_and_only_superusers_see_it(
    client, superuser, manager, plan, outsider, queued_tasks
):
    foreign = bare_plan(outsider)
    client.force_login(superuser)
    client.post(reverse("review:export_create"), {"plans": [plan.pk, foreign.pk], "paper": "a4"})
    export = BulkExport.objects.get()
    assert (export.team_id, export.plan_ids) == (None, [plan.pk, foreign.pk])
    client.force_login(manager)
    assert client.get(reverse("review:export_status", args=[export.pk]), **HTMX).status_code == 404


def test_an_export_of_only_other_teams_plans_is_refused(client, outside_manager, plan):
    client.force_login(outside_manager)
    response = client.post(
        reverse("review:export_create"), {"plans": [plan.pk], "paper": "letter"}, follow=True
    )
    assert "Pick at least one plan to export." in response.content.decode()
    assert not BulkExport.objects.exists()


@pytest.mark.parametrize("value", ["²", "9" * 40, "-3", " 1"])
def test_an_odd_export_id_on_the_list_is_ignored(client, manager, plan, value):
    client.force_login(manager)
    response = client.get(LIST, {"export": value})
    assert response.status_code == 200 and 'id="export-status"' not in response.content.decode()


def test_a_forged_paper_size_is_refused_with_a_message(client, manager, plan, queued_tasks):
    client.force_login(manager)
    response = client.post(
        reverse("review:export_create"), {"plans": [plan.pk], "paper": "tabloid"}, follow=True
    )
    assert "Choose Letter or A4 paper." in response.content.decode()


@given(
    plans=st.lists(
        st.one_of(st.text(max_size=25), st.just("-1"), st.just("9" * 30), st.just("²")), max_size=5
    ),
    paper=st.one_of(st.sampled_from(["a4", "letter"]), st.text(max_size=20)),
    filters=st.one_of(st.text(max_size=50), st.just("x" * 10_000)),
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_random_export_input_never_breaks(
    client, manager, plan, queued_tasks, plans, paper, filters
):
    client.force_login(manager)
    response = client.post(
        reverse("review:export_create"), {"plans": plans, "paper": paper, "filters": filters}
    )
    assert response.status_code == 302
