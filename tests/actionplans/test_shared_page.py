"""The client's page of a shared action plan: the secret link's rules, what the client sees
and may do, every action recorded with its address, guessing throttled."""

import datetime
import hashlib
import io
import logging
import re
import runpy
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from gunicorn.config import Config

from actionplans.models import ActionStep, ClientAction, SharedLink
from actionplans.selectors import link_for_secret
from actionplans.services import sharedlink_create, sharedlink_revoke
from reminders.logredact import RedactFeedSecrets, redact
from tests.factories import ActionStepFactory, ClientContactFactory, SubmittalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(owner):
    submittal = SubmittalFactory(
        submitted_by=owner,
        job_order__owner=owner,
        job_order__title="Platform engineer",
        candidate__first_name="Alex",
        candidate__last_name="Morgan",
    )
    contact = ClientContactFactory(client=submittal.job_order.client, name="Priya Shah")
    ours = ActionStepFactory(submittal=submittal, title="Send the offer letter", side="us")
    theirs = ActionStepFactory(submittal=submittal, title="Second interview", side="client")
    created = sharedlink_create(submittal=submittal, contact=contact, created_by=owner)
    return {
        "submittal": submittal,
        "contact": contact,
        "ours": ours,
        "theirs": theirs,
        "link": created.link,
        "secret": created.secret,
        "url": reverse("sharedplans:page", args=[submittal.pk, created.secret]),
    }


def done_url(shared, step):
    return reverse("sharedplans:done", args=[shared["submittal"].pk, shared["secret"], step.pk])


def test_the_secret_is_long_random_and_stored_only_as_its_hash(shared):
    secret, link = shared["secret"], shared["link"]
    assert len(secret) >= 40
    assert link.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = SharedLink.objects.filter(pk=link.pk).values().get()
    assert all(secret not in str(value) for value in stored.values())
    # Looked up by its hash (then compared in constant time), so a near miss finds nothing.
    assert link_for_secret(shared["submittal"].pk, secret) == link
    near_miss = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    assert link_for_secret(shared["submittal"].pk, near_miss) is None


def test_the_client_sees_only_the_job_title_the_first_name_and_the_steps(client, shared):
    response = client.get(shared["url"])
    assert response.status_code == 200
    text = response.text
    assert "Platform engineer" in text and "Alex" in text
    assert "Second interview" in text and "Send the offer letter" in text
    assert "Morgan" not in text and str(shared["submittal"].job_order.client) not in text
    # No navigation and no link anywhere: only the page's own forms post back to it.
    assert "<a " not in text and "<nav" not in text
    actions = re.findall(r'action="([^"]+)"', text)
    assert actions and all(a.startswith(shared["url"]) for a in actions)


def test_the_client_page_sends_no_referrer_and_noindex(client, shared):
    response = client.get(shared["url"])
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_the_client_marks_their_own_step_done_recorded_with_time_and_address(client, shared):
    response = client.post(done_url(shared, shared["theirs"]), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert response["Referrer-Policy"] == "no-referrer"
    shared["theirs"].refresh_from_db()
    assert shared["theirs"].status == ActionStep.Status.DONE
    action = ClientAction.objects.get(kind="step_done")
    assert action.step == shared["theirs"] and action.ip_address == "198.51.100.7"
    assert timezone.now() - action.at < datetime.timedelta(minutes=1)


def test_the_client_cannot_change_our_steps_or_the_candidates(client, shared):
    candidate_step = ActionStepFactory(submittal=shared["submittal"], side="candidate")
    for step in (shared["ours"], candidate_step):
        response = client.post(done_url(shared, step))
        assert response.status_code == 403
        step.refresh_from_db()
        assert step.status == ActionStep.Status.TODO
    other = ActionStepFactory(side="client")  # another submittal's client step
    assert client.post(done_url(shared, other)).status_code == 403
    assert not ClientAction.objects.filter(kind="step_done").exists()


def test_the_client_comments_and_a_blank_comment_is_refused(client, shared):
    url = reverse("sharedplans:comment", args=[shared["submittal"].pk, shared["secret"]])
    refused = client.post(url, {"comment": "   "})
    assert refused.status_code == 422 and "This field is required" in refused.text
    response = client.post(url, {"comment": "We can do Thursday."}, REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 302
    action = ClientAction.objects.get(kind="comment")
    assert action.comment == "We can do Thursday." and action.ip_address == "198.51.100.8"
    assert "your comment was sent" in client.get(response.url).text


def test_the_client_page_forms_carry_a_csrf_token_and_pass_the_check(shared):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(shared["url"]).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert browser.post(done_url(shared, shared["theirs"])).status_code == 403  # no token
    response = browser.post(done_url(shared, shared["theirs"]), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_opening_the_page_is_recorded_once_an_hour(client, shared):
    client.get(shared["url"], REMOTE_ADDR="198.51.100.9")
    client.get(shared["url"], REMOTE_ADDR="198.51.100.9")
    opened = ClientAction.objects.filter(kind="opened")
    assert opened.count() == 1 and opened.get().ip_address == "198.51.100.9"


def test_a_wrong_expired_revoked_or_other_submittals_token_is_a_plain_404(client, shared, owner):
    pk, secret = shared["submittal"].pk, shared["secret"]
    other = SubmittalFactory(job_order=shared["submittal"].job_order, submitted_by=owner)

    def status(pk, secret):
        return client.get(reverse("sharedplans:page", args=[pk, secret])).status_code

    assert status(pk, secret) == 200
    assert status(pk, secret[:-2] + ("yz" if secret.endswith("xy") else "xy")) == 404
    assert status(pk, "map_" + "A" * 43) == 404
    assert status(other.pk, secret) == 404
    SharedLink.objects.filter(pk=shared["link"].pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert status(pk, secret) == 404
    SharedLink.objects.filter(pk=shared["link"].pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    sharedlink_revoke(submittal=shared["submittal"], contact=shared["contact"])
    assert status(pk, secret) == 404


def test_a_new_link_for_the_contact_replaces_the_old_one(client, shared, owner):
    again = sharedlink_create(
        submittal=shared["submittal"], contact=shared["contact"], created_by=owner
    )
    assert client.get(shared["url"]).status_code == 404
    new = reverse("sharedplans:page", args=[shared["submittal"].pk, again.secret])
    assert client.get(new).status_code == 200
    assert SharedLink.objects.filter(revoked_at__isnull=True).count() == 1


def test_guessing_is_throttled_per_address_even_for_a_right_link(client, shared, settings):
    settings.ACTION_PLAN_GUESSES_PER_ADDRESS = 3
    pk = shared["submittal"].pk
    for n in range(3):
        wrong = reverse("sharedplans:page", args=[pk, f"map_guess{n}"])
        assert client.get(wrong, REMOTE_ADDR="192.0.2.1").status_code == 404
    assert client.get(shared["url"], REMOTE_ADDR="192.0.2.1").status_code == 429
    # Another address is not paused.
    assert client.get(shared["url"], REMOTE_ADDR="192.0.2.2").status_code == 200


def test_the_posts_of_one_link_are_rate_limited(client, shared, settings):
    settings.ACTION_PLAN_POSTS_PER_LINK = 2
    url = reverse("sharedplans:comment", args=[shared["submittal"].pk, shared["secret"]])
    assert client.post(url, {"comment": "one"}).status_code == 302
    assert client.post(url, {"comment": "two"}).status_code == 302
    assert client.post(url, {"comment": "three"}).status_code == 429
    assert ClientAction.objects.filter(kind="comment").count() == 2


def test_the_secret_never_reaches_a_log_line(shared):
    line = f'"GET {shared["url"]} HTTP/1.1" 404'
    assert shared["secret"] not in redact(line)
    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "Not Found: %s", (shared["url"],), None
    )
    RedactFeedSecrets().filter(record)
    assert shared["secret"] not in record.getMessage()
    assert f"/shared/action-plans/{shared['submittal'].pk}/…" in record.getMessage()


def test_a_nul_in_the_clients_comment_is_a_form_error_that_keeps_the_text(client, shared):
    url = reverse("sharedplans:comment", args=[shared["submittal"].pk, shared["secret"]])
    response = client.post(url, {"comment": "Thursday\x00 works"})
    assert response.status_code == 422
    assert "Null characters are not allowed." in response.text
    assert not ClientAction.objects.filter(kind="comment").exists()


def test_the_null_origin_a_no_referrer_page_sends_still_needs_the_csrf_token(shared):
    """`Referrer-Policy: no-referrer` makes the browser post with `Origin: null`: accepted on
    the client's forms with the page's token, refused without it or from another origin."""
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(shared["url"]).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    url = done_url(shared, shared["theirs"])
    assert browser.post(url, HTTP_ORIGIN="null").status_code == 403
    evil = browser.post(url, {"csrfmiddlewaretoken": token}, HTTP_ORIGIN="https://evil.example")
    assert evil.status_code == 403
    ok = browser.post(url, {"csrfmiddlewaretoken": token}, HTTP_ORIGIN="null")
    assert ok.status_code == 302


def test_a_revoked_links_404_and_gunicorns_access_line_hide_the_secret(client, shared):
    sharedlink_revoke(submittal=shared["submittal"], contact=shared["contact"])
    # The console handler every Django logger writes through (config/settings.py LOGGING).
    [console] = [h for h in logging.getLogger("django").handlers if h.name == "console"]
    written = io.StringIO()
    previous = console.setStream(written)
    try:
        response = client.get(shared["url"])
    finally:
        console.setStream(previous)
    assert response.status_code == 404
    assert f"Not Found: /shared/action-plans/{shared['submittal'].pk}/…/" in written.getvalue()
    assert shared["secret"] not in written.getvalue()

    conf = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    access = conf["logger_class"](Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": shared["url"],
        "PATH_INFO": shared["url"],
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    answer = SimpleNamespace(status="404 Not Found", response_length=10, sent=10, headers=[])
    atoms = access.atoms(answer, SimpleNamespace(headers=[]), environ, datetime.timedelta(0))
    line = access.cfg.access_log_format % atoms
    assert shared["secret"] not in line and "/shared/action-plans/" in line
