"""The library's forms survive the hypothesis fuzzing the other forms get: any input is saved
(a redirect) or refused with the form shown again (409/422), never a server error."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callplans.services import objectiontemplate_create
from tests.input import refused_as_unreadable

pytestmark = pytest.mark.django_db

text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["x" * 10_000, "é" * 10_000, "Yes: at Acme", "  yes"]),
    st.sampled_from(["<script>alert(1)</script>", "'; DROP TABLE x; --", "\x00", "-1"]),
)
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(
    category=st.one_of(text, st.sampled_from(["not_solved_before", "skill_gap"])),
    objection=text,
    rebuttal=text,
    skill=st.one_of(text, st.integers(min_value=-5, max_value=10**12).map(str)),
    version=st.one_of(text, st.integers(min_value=-5, max_value=10).map(str)),
    target=st.one_of(text, st.integers(min_value=-5, max_value=10**12).map(str)),
)
def test_random_input_never_breaks_the_library_forms(
    client, manager, team, category, objection, rebuttal, skill, version, target
):
    template = objectiontemplate_create(team=team, category="skill_gap", text="T", rebuttal="R")
    client.force_login(manager)
    fields = {"category": category, "text": objection, "rebuttal": rebuttal, "skill": skill}
    added = client.post(reverse("library:template_add"), {f"t-{k}": v for k, v in fields.items()})
    assert added.status_code in (302, 422)
    edit = reverse("library:template_edit", args=[template.pk])
    edited = client.post(edit, {**fields, "version": version})
    assert edited.status_code in (302, 409, 422)
    question = client.post(reverse("library:question_add"), {"c-text": objection})
    assert question.status_code in (302, 422)
    merge = reverse("library:template_merge", args=[template.pk])
    assert client.post(merge, {"target": target}).status_code == 302
    listed = client.get(reverse("library:index"), {"q": objection, "sort": skill})
    if not refused_as_unreadable(listed, objection, skill):
        assert listed.status_code == 200
