"""Every page reachable from the navigation, for every demo role: no server error, no console
error, no request to another origin, and no WCAG 2.1 A/AA violation found by axe-core."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from candidates.services import skill_taxonomy_load
from demo.people import seed_demo_people
from joborders.models import JobOrder, Submittal
from joborders.services import interview_schedule, lossreasons_start, submittal_create
from tests.browser.audit import audit
from tests.browser.vnu import vnu_errors, vnu_missing
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    JobOrderFactory,
    SubmittalFactory,
)

pytestmark = pytest.mark.browser

# The team library and the money board are in the navigation; a sorted view of each is audited
# as well.
EXTRA_PAGES = [
    "/accounts/password/",
    "/accounts/settings/",
    "/accounts/tokens/",
    "/references/questions/",
    "/library/",
    "/library/?sort=offers",
    "/skills/",
    "/search/?q=maria",
    "/board/?scope=team&sort=value",
    "/notifications/",
    "/calendar/",
]
# Pages a manager reaches from the team page, and the pages anyone reaches without logging in.
# The team's loss reasons and /import/ belong to a team: the superuser has none.
MANAGER_PAGES = {
    "maria": [
        "/team/invite/",
        "/submittals/loss-reasons/",
        "/submittals/action-plan-template/",
        "/import/",
    ],
    "sam": ["/submittals/loss-reasons/", "/submittals/action-plan-template/", "/import/"],
    # A manager of two teams: the team pickers on the board, review, coaching and metrics pages.
    "theo": ["/team/invite/", "/team/plans/?team=", "/metrics/?scope=team"],
}
ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/password/reset/sent/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/MA/not-a-token/",
    "/team/welcome/MA/not-a-token/",
]


@pytest.mark.parametrize("username", ["sam", "maria", "theo", "diana", "admin"])
def test_every_navigation_page_passes_the_audit(browser_page, live_server, log_in_as, username):
    seed_demo_people()
    skill_taxonomy_load()  # the skill list's first page full, with families and aliases
    page = log_in_as(User.objects.get(username=username))
    page.goto(f"{live_server.url}/")
    nav_urls = page.eval_on_selector_all("nav a.nav-link", "links => links.map(a => a.href)")
    assert f"{live_server.url}/" in nav_urls
    problems = []
    extra = [*EXTRA_PAGES, *MANAGER_PAGES.get(username, [])]
    for url in [*nav_urls, *(f"{live_server.url}{path}" for path in extra)]:
        problems += audit(page, url)
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
def test_the_pages_without_login_pass_the_audit(browser_page, live_server):
    problems = []
    for path in ANONYMOUS_PAGES:
        problems += audit(browser_page, f"{live_server.url}{path}")
    assert problems == [], "\n".join(problems)


def test_a_submittal_page_and_the_dates_out_of_order_pass_the_audit(
    browser_page, live_server, log_in_as, tmp_path
):
    seed_demo_people()
    sam = User.objects.get(username="sam")
    submittal = SubmittalFactory(
        job_order=JobOrderFactory(owner=sam),
        submitted_by=sam,
        submitted_at=timezone.now() - datetime.timedelta(days=3),
    )
    # Received after the submittal: listed on the metrics page, flagged on the submittal's.
    JobOrder.objects.filter(pk=submittal.job_order_id).update(received_on=timezone.localdate())
    page = log_in_as(sam)
    problems = audit(page, f"{live_server.url}/submittals/{submittal.pk}/")
    problems += audit(page, f"{live_server.url}/metrics/")
    assert page.locator("[data-testid=table-dates] tbody tr").count() == 1
    problems += audit(page, f"{live_server.url}/joborders/{submittal.job_order_id}/")
    # The page a row's "Change stage" link opens without JavaScript: that row's form.
    stage = f"/joborders/{submittal.job_order_id}/submittals/{submittal.pk}/stage/"
    problems += audit(page, f"{live_server.url}{stage}")
    assert page.get_by_label("Stage for").count() == 1
    # A rejected candidate's page asks why; the team's list of reasons is its own page.
    lossreasons_start(team=sam.team)
    rejected = SubmittalFactory(
        job_order=submittal.job_order, submitted_by=sam, status=Submittal.Status.REJECTED
    )
    problems += audit(page, f"{live_server.url}/submittals/{rejected.pk}/")
    assert page.get_by_label("Why was").count() == 1
    problems += audit(page, f"{live_server.url}/submittals/loss-reasons/")
    # Two rounds, the second with its interviewer, place and link, and its form open.
    rounds = submittal_create(
        job_order=submittal.job_order,
        candidate=CandidateFactory(),
        submitted_by=sam,
        submitted_at=timezone.now() - datetime.timedelta(days=2),
    )
    dana = ClientContactFactory(client=submittal.job_order.client, name="Dana Ruiz")
    interview_schedule(submittal=rounds, starts_at=timezone.now(), scheduled_by=sam)
    interview_schedule(
        submittal=rounds,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        kind="on_site",
        interviewers=[dana],
        location="12 Main St",
        meeting_url="https://meet.example.com/a",
        notes="Bring the portfolio",
        scheduled_by=sam,
    )
    problems += audit(page, f"{live_server.url}/submittals/{rounds.pk}/")
    problems += audit(page, f"{live_server.url}/submittals/{rounds.pk}/?edit_round=2")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/submittals/{rounds.pk}/?edit_round=2")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the rounds page is {width} px wide on a phone"
    if vnu_missing() is None:  # the HTML of both, as the phone walk checks every page
        html = {"rounds, form open": page.content()}
        page.goto(f"{live_server.url}/submittals/{rounds.pk}/")
        html["rounds"] = page.content()
        errors = vnu_errors(html, tmp_path / "vnu")
        problems += [f"{name}: {error}" for name, found in errors.items() for error in found]
    assert problems == [], "\n".join(problems)


def test_the_import_pages_pass_the_audit_in_each_state(browser_page, live_server, log_in_as):
    """Upload, mapping, preview (with refused rows and unknown skills) and result."""
    from django.core.files.base import ContentFile

    from imports.services import (
        importrun_analyse,
        importrun_confirm,
        importrun_create,
        importrun_execute,
    )
    from tests.imports.conftest import fixture_bytes

    seed_demo_people()
    sam = User.objects.get(username="sam")
    mapping = importrun_create(
        user=sam,
        kind="candidates",
        file=ContentFile(fixture_bytes("spreadsheet_candidates.csv"), name="sheet.csv"),
    )
    data = fixture_bytes("bullhorn_candidates.csv") + b"4104,Dee,,=cmd,x@example.test,,,,,,,,\n"
    previewed = importrun_analyse(
        run_id=importrun_create(
            user=sam, kind="candidates", file=ContentFile(data, name="bh.csv")
        ).pk
    )
    done = importrun_analyse(
        run_id=importrun_create(
            user=sam, kind="candidates", file=ContentFile(data, name="bh2.csv")
        ).pk
    )
    importrun_confirm(run=done, user=sam, skill_choices={}, enqueue=lambda pk: None)
    importrun_execute(run_id=done.pk)
    page = log_in_as(sam)
    problems = []
    for run in (None, mapping, previewed, done):
        path = "/import/" if run is None else f"/import/{run.pk}/"
        problems += audit(page, f"{live_server.url}{path}")
    assert problems == [], "\n".join(problems)
