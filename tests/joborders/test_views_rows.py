"""Requirement rows of the edit page: added, corrected, removed and reordered in place (htmx),
and the same with plain POSTs when JavaScript is off."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.services import skill_create
from joborders.models import Requirement
from tests.factories import CallPlanFactory, JobOrderFactory, RequirementFactory, SkillFactory

K = Requirement.Kind
HTMX = {"HX-Request": "true"}


def add_url(job, kind):
    return reverse("joborders:requirement_add", args=[job.pk, kind])


def row_url(row, action=None, direction=None):
    if action == "delete":
        return reverse("joborders:requirement_delete", args=[row.job_order_id, row.pk])
    if action == "move":
        return reverse("joborders:requirement_move", args=[row.job_order_id, row.pk, direction])
    return reverse("joborders:requirement_update", args=[row.job_order_id, row.pk])


def descriptions(job, kind=K.CHALLENGE):
    return list(job.requirements.filter(kind=kind).values_list("description", flat=True))


@pytest.fixture
def job(owner):
    return JobOrderFactory(owner=owner)


def test_adding_a_challenge_returns_the_section_with_the_new_row(client, owner, job):
    client.force_login(owner)
    response = client.post(
        add_url(job, K.CHALLENGE), {"description": "Releases fail"}, headers=HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="section-challenge"')
    assert 'value="Releases fail"' in body
    assert "autofocus" in body  # the cursor is back in the empty "add" box
    assert descriptions(job) == ["Releases fail"]


def test_a_skill_typed_as_an_alias_is_added_as_the_skill(client, owner, job):
    skill_create(name="Kubernetes", aliases="k8s")
    client.force_login(owner)
    response = client.post(
        add_url(job, K.SKILL), {"skill": "k8s", "min_years": "3", "must_have": "on"}, headers=HTMX
    )
    assert 'value="Kubernetes"' in response.content.decode()
    row = job.requirements.get()
    assert (row.skill.name, row.min_years, row.must_have) == ("Kubernetes", Decimal("3"), True)


def test_an_unchecked_must_have_makes_a_nice_to_have(client, owner, job):
    client.force_login(owner)
    client.post(add_url(job, K.EXPERIENCE), {"description": "PCI DSS"}, headers=HTMX)
    assert job.requirements.get().must_have is False


def test_an_empty_row_is_refused_next_to_the_row_with_422(client, owner, job):
    client.force_login(owner)
    response = client.post(add_url(job, K.RESULT), {"description": ""}, headers=HTMX)
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert not job.requirements.exists()


def test_a_repeated_skill_is_explained_and_the_input_kept(client, owner, job):
    RequirementFactory(job_order=job, kind=K.SKILL, skill=SkillFactory(name="Go"))
    client.force_login(owner)
    response = client.post(add_url(job, K.SKILL), {"skill": "go", "min_years": "2"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 422
    assert "Go is already on this job order." in body
    assert 'value="go"' in body


def test_correcting_a_row_swaps_only_that_row(client, owner, job):
    row = RequirementFactory(job_order=job, description="Old")
    client.force_login(owner)
    response = client.post(row_url(row), {"description": "New words"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<li id="req-{row.pk}"')
    assert "Saved" in body
    assert descriptions(job) == ["New words"]


def test_a_too_long_correction_is_refused_with_the_input_kept(client, owner, job):
    row = RequirementFactory(job_order=job, description="Old")
    client.force_login(owner)
    response = client.post(row_url(row), {"description": "y" * 501}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 422
    assert "Ensure this value has at most 500 characters" in body
    assert "y" * 501 in body
    assert descriptions(job) == ["Old"]


def test_removing_a_row_returns_the_section_without_it(client, owner, job):
    keep = RequirementFactory(job_order=job, description="Keep")
    gone = RequirementFactory(job_order=job, description="Gone")
    client.force_login(owner)
    response = client.post(row_url(gone, "delete"), headers=HTMX)
    assert "Gone" not in response.content.decode()
    assert descriptions(job) == ["Keep"]
    keep.refresh_from_db()
    assert keep.position == 0


def test_moving_a_row_up_returns_the_section_in_the_new_order(client, owner, job):
    RequirementFactory(job_order=job, description="First")
    second = RequirementFactory(job_order=job, description="Second")
    client.force_login(owner)
    body = client.post(row_url(second, "move", "up"), headers=HTMX).content.decode()
    assert body.index("Second") < body.index("First")
    assert descriptions(job) == ["Second", "First"]


def test_the_first_row_offers_no_move_up_and_the_last_no_move_down(client, owner, job):
    first = RequirementFactory(job_order=job, description="First")
    last = RequirementFactory(job_order=job, description="Last")
    client.force_login(owner)
    body = client.get(reverse("joborders:edit", args=[job.pk])).content.decode()
    assert row_url(first, "move", "up") not in body
    assert row_url(first, "move", "down") in body
    assert row_url(last, "move", "down") not in body


# --- Without JavaScript -----------------------------------------------------------------------


def test_without_javascript_adding_a_row_redirects_to_its_section(client, owner, job):
    client.force_login(owner)
    response = client.post(add_url(job, K.DELIVERABLE), {"description": "Runbooks"})
    assert response.status_code == 302
    assert response["Location"] == f"/joborders/{job.pk}/edit/#section-deliverable"
    assert descriptions(job, K.DELIVERABLE) == ["Runbooks"]


def test_without_javascript_a_bad_row_re_renders_the_whole_page(client, owner, job):
    row = RequirementFactory(job_order=job, description="Old")
    client.force_login(owner)
    response = client.post(row_url(row), {"description": ""})
    body = response.content.decode()
    assert response.status_code == 422
    assert "<html" in body
    assert "This field is required." in body


def test_without_javascript_moving_and_removing_redirect_back(client, owner, job):
    RequirementFactory(job_order=job, description="A")
    b = RequirementFactory(job_order=job, description="B")
    client.force_login(owner)
    assert client.post(row_url(b, "move", "up")).status_code == 302
    assert client.post(row_url(b, "delete")).status_code == 302
    assert descriptions(job) == ["A"]


# --- Who may change rows ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("manager", 200), ("superuser", 200), ("teammate", 403), ("outsider", 404)],
)
def test_only_the_owner_and_managers_change_rows(request, client, job, role, expected):
    row = RequirementFactory(job_order=job, description="Original")
    other = RequirementFactory(job_order=job, description="Other")
    client.force_login(request.getfixturevalue(role))
    responses = [
        client.post(add_url(job, K.CHALLENGE), {"description": "New"}, headers=HTMX),
        client.post(row_url(row), {"description": "Changed"}, headers=HTMX),
        client.post(row_url(other, "move", "up"), headers=HTMX),
        client.post(row_url(other, "delete"), headers=HTMX),
    ]
    assert [r.status_code for r in responses] == [expected] * 4
    if expected != 200:
        assert descriptions(job) == ["Original", "Other"]


def test_a_row_of_another_job_order_is_not_found(client, owner, job):
    foreign_row = RequirementFactory(job_order=JobOrderFactory(owner=owner))
    client.force_login(owner)
    url = reverse("joborders:requirement_update", args=[job.pk, foreign_row.pk])
    assert client.post(url, {"description": "x"}).status_code == 404


def test_an_unknown_list_or_direction_is_not_found(client, owner, job):
    row = RequirementFactory(job_order=job)
    client.force_login(owner)
    assert client.post(add_url(job, "hobbies"), {"description": "x"}).status_code == 404
    assert client.post(row_url(row, "move", "sideways")).status_code == 404


def test_reading_a_row_url_is_not_allowed(client, owner, job):
    row = RequirementFactory(job_order=job)
    client.force_login(owner)
    assert client.get(row_url(row)).status_code == 405


# --- Constant queries for the partials --------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 30])
def test_adding_a_row_runs_the_same_queries_whatever_the_data(
    client, owner, job, django_assert_num_queries, rows
):
    for _ in range(rows):
        RequirementFactory(job_order=job, kind=K.CHALLENGE)
    client.force_login(owner)
    # session, user, job order; in the service's savepoint: last position, full_clean (job order
    # exists, two constraint checks in savepoints), insert; then the section's requirements
    with django_assert_num_queries(16):
        client.post(add_url(job, K.CHALLENGE), {"description": "One more"}, headers=HTMX)


@pytest.mark.parametrize("rows", [3, 30])
def test_correcting_a_row_runs_the_same_queries_whatever_the_data(
    client, owner, job, django_assert_num_queries, rows
):
    skill_rows = [
        RequirementFactory(job_order=job, kind=K.SKILL, skill=SkillFactory(name=f"S{n}"))
        for n in range(rows)
    ]
    client.force_login(owner)
    # session, user, job order, requirement, siblings; in the service's savepoint: skill lookup,
    # repeat check, full_clean (job order and skill exist, two constraint checks), update
    with django_assert_num_queries(19):
        response = client.post(
            row_url(skill_rows[1]), {"skill": "S1", "min_years": "4"}, headers=HTMX
        )
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_moving_a_row_runs_the_same_queries_whatever_the_data(
    client, owner, job, django_assert_num_queries, rows
):
    made = [RequirementFactory(job_order=job, kind=K.RESULT) for _ in range(rows)]
    client.force_login(owner)
    # session, user, job order, requirement; in a savepoint: lock, rows, one bulk update;
    # then the section
    with django_assert_num_queries(10):
        client.post(row_url(made[-1], "move", "up"), headers=HTMX)


# --- Random input -----------------------------------------------------------------------------

nasty = st.one_of(
    st.text(max_size=80),
    st.just("z" * 10_000),
    st.sampled_from(
        ["<b>bold</b>", "' OR '1'='1", "\x00", "tab\there", "k8s|kube", "-3", "60.01", "1e9"]
    ),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(list(K.values)),
    description=st.one_of(st.none(), nasty),
    skill=st.one_of(st.none(), nasty),
    min_years=st.one_of(st.none(), nasty, st.integers(-100, 100).map(str)),
    must_have=st.one_of(st.none(), nasty),
    htmx=st.booleans(),
)
def test_any_row_input_is_saved_or_explained(
    client, owner, kind, description, skill, min_years, must_have, htmx
):
    job = JobOrderFactory(owner=owner)
    row = RequirementFactory(job_order=job, kind=K.CHALLENGE, description="Existing")
    values = {"description": description, "skill": skill, "min_years": min_years}
    data = {k: v for k, v in {**values, "must_have": must_have}.items() if v is not None}
    headers = HTMX if htmx else {}
    client.force_login(owner)
    for url in (add_url(job, kind), row_url(row)):
        response = client.post(url, data, headers=headers)
        assert response.status_code in ((200, 422) if htmx else (302, 422))
        if response.status_code == 422:
            assert "invalid-feedback" in response.content.decode() or "alert" in (
                response.content.decode()
            )


def test_a_moved_row_shows_in_its_new_order_on_the_job_order_and_plan_pages_at_once(
    client, owner, job
):
    """Pages render from the database: no cache can show the order from before the move."""
    RequirementFactory(job_order=job, kind=K.CHALLENGE, description="Cut release time")
    second = RequirementFactory(job_order=job, kind=K.CHALLENGE, description="Tame the pager")
    plan = CallPlanFactory(submittal__job_order=job, author=owner)
    client.force_login(owner)
    pages = [
        reverse("joborders:detail", args=[job.pk]),
        reverse("callplans:detail", args=[plan.pk]),
    ]
    for url in pages:  # seen once before the move, as a returning user would have
        body = client.get(url).text
        assert body.index("Cut release time") < body.index("Tame the pager")
    client.post(row_url(second, "move", "up"))
    for url in pages:
        body = client.get(url).text
        assert body.index("Tame the pager") < body.index("Cut release time"), url
