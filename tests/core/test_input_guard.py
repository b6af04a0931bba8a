"""core/input_guard.py: an address with characters DialReady cannot read is a 400 with a plain
explanation, before sessions or views see it; readable addresses pass untouched."""

import pytest
from django.test import RequestFactory
from django.utils.html import escape

from core.input_guard import MESSAGE, unreadable_address

rf = RequestFactory()


@pytest.mark.parametrize(
    "url",
    [
        "/candidates/skills/suggest/?q=%00",
        "/candidates/skills/suggest/?skill=Kube%00rnetes",
        "/candidates/?q=%01",
        "/candidates/?q=%7f",
        "/candidates/?q=%c2%85",  # a C1 control, in valid UTF-8
        "/candidates/?q=%ff%fe",
        "/candidates/?q=%c3",  # a UTF-8 sequence cut short
        "/candidates/?%00=1",
        "/candidates/%00/",
        "/candidates/%0a/",
        "/candidates/%ff%fe/",
    ],
)
def test_it_refuses_unreadable_characters_in_the_address(url):
    assert unreadable_address(rf.get(url))


@pytest.mark.parametrize(
    "url",
    [
        "/candidates/?q=Jos%C3%A9+Mar%C3%ADa",
        "/candidates/?q=%E2%80%9CKubernetes%E2%80%9D&status=active",
        "/candidates/?q=two%0Alines%09and+a+tab%0D",  # a GET form's textarea sends these
        "/candidates/?q=100%25",
        "/candidates/?page=99999999999999999999999",
        "/candidates/12/",
        "/",
    ],
)
def test_it_lets_readable_addresses_through(url):
    assert not unreadable_address(rf.get(url))


def test_the_answer_is_a_400_that_explains_itself(client, db):
    response = client.get("/candidates/skills/suggest/?q=%00")
    assert response.status_code == 400
    assert escape(MESSAGE) in response.text
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


def test_it_answers_before_the_login_redirect(client, db):
    # Anonymous or not, the address is refused the same way: nothing reads it first.
    assert client.get("/joborders/?q=%00").status_code == 400
    assert client.get("/joborders/?q=ok").status_code == 302
