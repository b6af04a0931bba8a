"""Whole pages from the cache: served again only while nothing they show has changed, only to the
user they were made for, with this request's CSP nonce and a CSRF token that still works."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from callplans.services import objection_add, objection_update
from candidates.services import candidate_update
from config import pagecache
from joborders.models import JobOrder, Requirement, Submittal
from joborders.services import joborder_change_status, requirement_add, requirement_remove
from tests.factories import (
    CandidateFactory,
    JobOrderFactory,
    SubmittalFactory,
    TeamFactory,
    UserFactory,
)

# A hit reads the session and the user, checks access to the plan, and renews the idle timer.
MOST_QUERIES_OF_A_HIT = 4


def plan_url(plan):
    return reverse("callplans:detail", args=[plan.pk])


def get(client, url):
    """The page's body and how many SQL queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def cached(client, url):
    """View `url` until it comes from the cache (the first view sets the CSRF cookie, the
    second stores the page); fails if it never does."""
    client.get(url)
    client.get(url)
    body, queries = get(client, url)
    assert queries <= MOST_QUERIES_OF_A_HIT, f"{url} was not served from the cache"
    return body


@pytest.fixture
def plan(owner):
    submittal = SubmittalFactory(
        job_order=JobOrderFactory(owner=owner, title="Senior DevOps Engineer"),
        candidate=CandidateFactory(first_name="Alex", last_name="Morgan"),
        submitted_by=owner,
    )
    from callplans.services import callplan_create

    plan = callplan_create(submittal=submittal, author=owner)
    objection_add(plan=plan, category="skill_gap", text="Only two years of Kubernetes")
    return plan


def test_a_page_seen_again_comes_from_the_cache_unchanged(client, owner, plan):
    client.force_login(owner)
    first, queries_first = get(client, plan_url(plan))
    again = cached(client, plan_url(plan))
    assert queries_first > MOST_QUERIES_OF_A_HIT
    assert "Only two years of Kubernetes" in again
    without_tokens = re.compile(r'(nonce|value|X-CSRFToken)(=|": )"[^"]*"')
    assert without_tokens.sub("", again) == without_tokens.sub("", first)


def _edit_objection(plan):
    objection = plan.objections.get()
    objection_update(
        objection=objection,
        version=plan.version,
        category="skill_gap",
        text="Has never run Kubernetes in production",
        rebuttal="",
        likelihood="high",
    )
    return "Has never run Kubernetes in production"


def _rename_candidate(plan):
    candidate = plan.submittal.candidate
    candidate_update(
        candidate=candidate, version=candidate.version, first_name="Alexandra", last_name="Morgan"
    )
    return "Alexandra Morgan"


def _add_challenge(plan):
    requirement_add(
        job_order=plan.submittal.job_order,
        kind=Requirement.Kind.CHALLENGE,
        description="Cut the release cycle from a month to a week",
    )
    return "Cut the release cycle from a month to a week"


def _rename_author(plan):
    plan.author.first_name = "Samantha"
    plan.author.save()
    return "Samantha"


@pytest.mark.parametrize(
    "write",
    [_edit_objection, _rename_candidate, _add_challenge, _rename_author],
    ids=["objection edited", "candidate renamed (firm-wide)", "requirement added", "user renamed"],
)
def test_any_write_the_plan_page_shows_appears_on_the_next_view(client, owner, plan, write):
    client.force_login(owner)
    cached(client, plan_url(plan))
    expected = write(plan)
    body, _ = get(client, plan_url(plan))
    assert expected in body


def test_a_write_through_update_renews_the_job_order_page(client, owner, plan):
    job_order = plan.submittal.job_order
    url = reverse("joborders:detail", args=[job_order.pk])
    client.force_login(owner)
    assert "On hold" not in cached(client, url)
    joborder_change_status(job_order=job_order, status=JobOrder.Status.ON_HOLD)
    assert "On hold" in get(client, url)[0]


def test_removing_a_requirement_renews_the_page_even_though_the_delete_cascades(
    client, owner, plan
):
    challenge = requirement_add(
        job_order=plan.submittal.job_order,
        kind=Requirement.Kind.CHALLENGE,
        description="Migrate forty services",
    )
    client.force_login(owner)
    assert "Migrate forty services" in cached(client, plan_url(plan))
    requirement_remove(requirement=challenge)
    assert "Migrate forty services" not in get(client, plan_url(plan))[0]


def test_another_teams_writes_leave_the_cached_page_alone(client, owner, plan):
    client.force_login(owner)
    cached(client, plan_url(plan))
    JobOrderFactory(owner=UserFactory(team=TeamFactory()), title="Elsewhere")
    assert get(client, plan_url(plan))[1] <= MOST_QUERIES_OF_A_HIT


def test_a_superusers_list_moves_with_every_team(client, superuser):
    client.force_login(superuser)
    cached(client, reverse("joborders:list") + "?owner=")
    JobOrderFactory(owner=UserFactory(team=TeamFactory()), title="Brand new job in another team")
    assert "Brand new job in another team" in get(client, reverse("joborders:list") + "?owner=")[0]


def test_each_user_gets_the_page_made_for_them(client, owner, teammate, plan):
    client.force_login(owner)
    assert "Add objection" in cached(client, plan_url(plan))
    client.force_login(teammate)
    body, _ = get(client, plan_url(plan))
    assert "Add objection" not in body


def test_an_outsider_gets_404_while_the_owners_page_is_cached(client, owner, outsider, plan):
    client.force_login(owner)
    cached(client, plan_url(plan))
    client.force_login(outsider)
    assert client.get(plan_url(plan)).status_code == 404


def test_a_flash_message_shows_once_and_is_never_cached(client, owner, plan):
    client.force_login(owner)
    cached(client, plan_url(plan))
    objection = plan.objections.get()
    response = client.post(
        reverse("callplans:practice", args=[plan.pk]),
        {f"card-o{objection.pk}": "nailed"},
        follow=True,
    )
    assert "Practice recorded: 1 of 1 nailed." in response.content.decode()
    for _ in range(2):
        body, _ = get(client, plan_url(plan))
        assert "Practice recorded" not in body and "Only two years of Kubernetes" in body


def test_a_cached_page_carries_this_requests_csp_nonce(client, owner, plan):
    client.force_login(owner)
    cached(client, plan_url(plan))
    response = client.get(plan_url(plan))
    header_nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    body_nonces = set(re.findall(r'nonce="([^"]+)"', response.content.decode()))
    assert body_nonces == {header_nonce}
    assert pagecache.NONCE_MARK not in response.content.decode()


def test_forms_on_a_cached_page_still_post_after_logging_in_again(owner, plan):
    owner.set_password("pw-for-this-test")
    owner.save()
    browser = Client(enforce_csrf_checks=True)

    def log_in():
        browser.get(reverse("login"))
        token = browser.cookies["csrftoken"].value
        browser.post(
            reverse("login"),
            {"username": "owner", "password": "pw-for-this-test", "csrfmiddlewaretoken": token},
        )

    log_in()
    cached(browser, plan_url(plan))
    browser.post(reverse("logout"), {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value})
    log_in()  # a login rotates the CSRF secret: the page made before holds a dead token
    body, _ = get(browser, plan_url(plan))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    response = browser.post(
        reverse("callplans:objection_add", args=[plan.pk]),
        {
            "csrfmiddlewaretoken": token,
            "new-version": plan.version,
            "new-text": "Posted from the page",
            "new-category": "other",
            "new-likelihood": "high",
            "new-source": "manual",
        },
    )
    assert response.status_code == 302
    assert plan.objections.filter(text="Posted from the page").exists()


def test_the_dashboard_follows_the_clock_within_a_minute(client, owner, plan, monkeypatch):
    Submittal.objects.filter(pk=plan.submittal_id).update(
        status=Submittal.Status.INTERVIEW_SCHEDULED,
        interview_at=timezone.now() + datetime.timedelta(seconds=30),
    )
    pagecache.touch(pagecache.team_scope(owner.team_id))  # the update() above sends no signal
    client.force_login(owner)

    def upcoming(body):
        return body.split('data-testid="upcoming"')[1].split("</section>")[0]

    assert "Alex Morgan" in upcoming(cached(client, reverse("dashboard")))
    later = timezone.now() + datetime.timedelta(seconds=61)
    monkeypatch.setattr(timezone, "now", lambda: later)  # the interview has begun
    assert "Alex Morgan" not in upcoming(get(client, reverse("dashboard"))[0])


def test_every_model_of_ours_says_whose_pages_its_writes_renew():
    for model in pagecache.watched_models():
        label = model._meta.label_lower
        has_team = any(f.name == "team" for f in model._meta.get_fields())
        assert label in pagecache.FIRM_WIDE or label in pagecache.TEAM_PATHS or has_team, label
    known = {m._meta.label_lower for m in pagecache.watched_models()}
    assert set(pagecache.TEAM_PATHS) | pagecache.FIRM_WIDE <= known


def key_pages(plan, job_order):
    return {
        "dashboard": reverse("dashboard"),
        "job order list": reverse("joborders:list"),
        "job order detail": reverse("joborders:detail", args=[job_order.pk]),
        "candidate search": reverse("candidates:list") + "?q=kubernetes",
        "plan page": plan_url(plan),
        "review list": reverse("review:list") + "?status=draft&sort=interview",
        "metrics": reverse("metrics:index") + "?scope=team",
    }


@pytest.mark.parametrize("size", [1, 15])
@pytest.mark.parametrize(
    ("page", "queries"),
    [
        ("dashboard", 2),
        ("job order list", 2),
        ("job order detail", 3),
        ("candidate search", 2),
        ("plan page", 3),
        ("review list", 2),
        ("metrics", 2),
    ],
)
def test_a_key_page_seen_again_runs_the_same_few_queries_for_any_amount_of_data(
    client, manager, plan, page, queries, size, django_assert_num_queries
):
    from callplans.services import callplan_create

    for _ in range(size):
        submittal = SubmittalFactory(job_order=JobOrderFactory(owner=manager), submitted_by=manager)
        callplan_create(submittal=submittal, author=manager)
    url = key_pages(plan, plan.submittal.job_order)[page]
    client.force_login(manager)
    cached(client, url)
    with django_assert_num_queries(queries):  # the session, the user, and the access check
        client.get(url)


@pytest.fixture
def unreachable_redis(settings):
    import socket

    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }


def test_without_a_cache_server_pages_still_render_and_writes_still_save(
    client, owner, plan, unreachable_redis, caplog
):
    client.force_login(owner)
    for _ in range(3):
        assert "Only two years of Kubernetes" in get(client, plan_url(plan))[0]
    _edit_objection(plan)  # renewing the stamps fails: the write is kept all the same
    assert plan.objections.get().text == "Has never run Kubernetes in production"
    assert "Has never run Kubernetes in production" in get(client, plan_url(plan))[0]
    assert "Could not renew the page stamps" in caplog.text
