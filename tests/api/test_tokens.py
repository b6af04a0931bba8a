import re

import pytest
from django.test import Client

from api.models import ApiToken
from api.services import apitoken_create, apitoken_revoke, token_hash
from tests.api.conftest import ApiClient, problem_of
from tests.factories import JobOrderFactory

PAGE = "/accounts/tokens/"
URL = "/api/v1/joborders"


def test_a_token_is_created_on_the_page_shown_once_and_stored_hashed(client, owner):
    client.force_login(owner)
    response = client.post(PAGE, {"name": "Bullhorn sync", "scope": "read"})
    assert response.status_code == 201
    secret = re.search(r'id="new-token">(dr_[\w-]+)<', response.text)[1]
    token = ApiToken.objects.get()
    assert (token.name, token.scope, token.user) == ("Bullhorn sync", "read", owner)
    assert token.key_hash == token_hash(secret) and secret not in token.key_hash
    assert secret.startswith(token.prefix)
    listed = client.get(PAGE)
    assert "Bullhorn sync" in listed.text and secret not in listed.text
    assert ApiClient(secret).get(URL).status_code == 200


def test_a_nameless_token_is_refused_beside_the_field(client, owner):
    client.force_login(owner)
    response = client.post(PAGE, {"name": "", "scope": "write"})
    assert response.status_code == 422 and not ApiToken.objects.exists()


def test_a_revoked_token_no_longer_opens_the_api(client, owner):
    created = apitoken_create(user=owner, name="Old script")
    client.force_login(owner)
    response = client.post(f"{PAGE}{created.token.pk}/revoke/")
    assert response.status_code == 302
    problem = problem_of(ApiClient(created.secret).get(URL), 401)
    assert "revoked" in problem["detail"]


def test_nobody_revokes_someone_elses_token(client, owner, teammate):
    created = apitoken_create(user=owner, name="Mine")
    client.force_login(teammate)
    assert client.post(f"{PAGE}{created.token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get().revoked_at is None


@pytest.mark.parametrize(
    "header",
    [
        "",
        "Bearer dr_not-a-real-token",
        "Bearer ",
        "Token abc",
        "Basic b3duZXI6c2VjcmV0",
        "Bearer x" * 200,
    ],
)
def test_no_token_or_a_wrong_one_is_a_401_problem(db, header):
    client = Client(headers={"Authorization": header} if header else {})
    response = client.get(URL)
    problem_of(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_deactivated_users_token_is_refused(owner, api_as):
    api = api_as(owner)
    owner.is_active = False
    owner.save()
    problem_of(api.get(URL), 401)


def test_a_read_token_reads_but_may_not_write(owner, api_as):
    job = JobOrderFactory(owner=owner)
    api = api_as(owner, scope="read")
    assert api.get(f"{URL}/{job.pk}").status_code == 200
    problem = problem_of(api.patch(f"{URL}/{job.pk}", {"version": 1, "title": "New"}), 403)
    assert "read-only" in problem["detail"]


def test_the_signed_in_browser_reads_and_its_writes_need_the_csrf_token(owner):
    job = JobOrderFactory(owner=owner)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    assert browser.get(f"{URL}/{job.pk}").status_code == 200
    body = {"version": 1, "title": "Renamed"}
    refused = browser.patch(f"{URL}/{job.pk}", body, content_type="application/json")
    problem_of(refused, 403)
    browser.get("/accounts/tokens/")  # any page sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    allowed = browser.patch(
        f"{URL}/{job.pk}", body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert allowed.status_code == 200, allowed.content
    job.refresh_from_db()
    assert job.title == "Renamed"


def test_a_token_is_not_asked_for_a_csrf_token(owner):
    job = JobOrderFactory(owner=owner)
    secret = apitoken_create(user=owner, name="ATS", scope="write").secret
    ats = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    body = {"version": 1, "title": "Renamed"}
    response = ats.patch(f"{URL}/{job.pk}", body, content_type="application/json")
    assert response.status_code == 200, response.content


def test_past_the_rate_a_token_gets_429_with_retry_after(owner, api_as, settings):
    settings.API_RATE = "3/m"
    api, other = api_as(owner), api_as(owner)
    assert [api.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    response = api.get(URL)
    problem_of(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60
    # The limit is per token: another token of the same user still answers.
    assert other.get(URL).status_code == 200


def test_history_names_the_tokens_owner(owner, api_as):
    job = JobOrderFactory(owner=owner)
    api_as(owner).patch(f"{URL}/{job.pk}", {"version": 1, "title": "Renamed"})
    assert job.history.first().history_user == owner


def test_revoking_twice_keeps_the_first_time(owner):
    token = apitoken_create(user=owner, name="x").token
    first = apitoken_revoke(token=token).revoked_at
    assert apitoken_revoke(token=token).revoked_at == first


def test_every_api_answer_is_private(owner, api_as):
    response = api_as(owner).get(URL)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
