"""The styled error pages as production shows them (DEBUG off), each with the way back."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.urls("tests.core.error_urls")


def _text(response) -> str:
    return response.content.decode()


def test_the_suite_runs_these_pages_with_debug_off():
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_an_unknown_address_is_the_styled_404_for_anyone(client, owner):
    anonymous = client.get("/does-not-exist")
    client.force_login(owner)
    signed_in = client.get("/does-not-exist")
    for response in (anonymous, signed_in):
        assert response.status_code == 404
        assert "We can't find that page" in _text(response)
        assert 'href="/">Back to your dashboard' in _text(response)
        assert "css/app.css" in _text(response)


@pytest.mark.django_db
def test_a_refusal_is_the_styled_403_with_its_reason(client, owner):
    client.force_login(owner)
    response = client.get("/forbidden/")
    assert response.status_code == 403
    assert "You can't do that here" in _text(response)
    assert "Only managers can see the team page." in _text(response)
    assert "Back to your dashboard" in _text(response)


@pytest.mark.django_db
def test_a_bug_is_the_styled_500_without_a_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in _text(response)
    assert "Back to your dashboard" in _text(response)
    assert "RuntimeError" not in _text(response) and "a bug" not in _text(response)


def test_the_500_page_renders_without_the_database():
    # No django_db mark: pytest-django fails any query this makes.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in _text(response)


@pytest.mark.django_db
def test_an_expired_form_explains_how_to_keep_what_was_typed(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post("/joborders/new/", {"title": "Data engineer"})
    assert response.status_code == 403
    assert "That form had expired" in _text(response)
    assert "Back button to keep what you typed" in _text(response)
