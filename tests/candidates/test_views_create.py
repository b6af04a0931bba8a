import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.models import Candidate

URL = reverse("candidates:create")

VALID = {
    "first_name": "Ana",
    "last_name": "Silva",
    "headline": "Platform engineer",
    "email": "ana@example.com",
    "phone": "+351 555 0100",
    "location": "Lisbon",
    "status": "available",
    "summary": "Moves banks to Kubernetes without downtime.",
}


@pytest.mark.parametrize("role", ["owner", "teammate", "outsider", "superuser"])
def test_anyone_signed_in_opens_the_form(client, as_user, role):
    as_user(role)
    response = client.get(URL)
    assert response.status_code == 200
    assert "What does this candidate do best?" in response.text


def test_creating_a_candidate_makes_me_the_owner_and_opens_the_profile(client, owner):
    client.force_login(owner)
    response = client.post(URL, VALID)
    candidate = Candidate.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("candidates:detail", args=[candidate.pk])
    assert (candidate.owner, candidate.full_name, candidate.version) == (owner, "Ana Silva", 1)


def test_a_missing_name_is_refused_and_the_rest_is_kept(client, owner):
    client.force_login(owner)
    response = client.post(URL, {**VALID, "last_name": "", "email": "not-an-email"})
    assert response.status_code == 422
    assert "This field is required." in response.text
    assert "Enter a valid email address." in response.text
    assert 'value="Platform engineer"' in response.text
    assert not Candidate.objects.exists()


def test_the_form_needs_a_login(client, db):
    assert client.post(URL, VALID).status_code == 302
    assert not Candidate.objects.exists()


NASTY = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Zs", "So"])),
    st.sampled_from(
        [
            "x" * 10_000,
            "<b onmouseover=alert(1)>hi</b>",
            "' OR 1=1; --",
            "\x00",
            "-1",
            "",
            "😀" * 100,
        ]
    ),
)
FIELDS = [*VALID, "version"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.dictionaries(st.sampled_from(FIELDS), NASTY))
def test_any_input_is_saved_or_refused_with_a_message_never_a_500(client, owner, data):
    client.force_login(owner)
    before = Candidate.objects.count()
    response = client.post(URL, data)
    assert response.status_code in (302, 422)
    if response.status_code == 422:
        assert "invalid-feedback" in response.text or "alert" in response.text
        assert Candidate.objects.count() == before
