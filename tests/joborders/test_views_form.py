"""The qualification form: /joborders/new/, /joborders/<pk>/edit/ and its contact picker."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joborders.models import Client, JobOrder, Requirement
from joborders.services import joborder_change_status
from tests.factories import (
    ClientContactFactory,
    ClientFactory,
    JobOrderFactory,
    RequirementFactory,
    SkillFactory,
)

CREATE = reverse("joborders:create")
CONTACTS = reverse("joborders:contact_options")


def edit_url(job):
    return reverse("joborders:edit", args=[job.pk])


def main_form(job, **changes):
    data = {
        "client": job.client_id,
        "contact": job.contact_id or "",
        "title": job.title,
        "status": job.status,
        "openings": job.openings,
        "start_date": "",
        "duration_weeks": "",
        "bill_rate": "",
        "project_goal": job.project_goal,
        "project_scope": job.project_scope,
        "version": job.version,
    }
    return {**data, **changes}


# --- Create -----------------------------------------------------------------------------------


def test_the_new_job_order_page_asks_the_sources_questions_in_order(client, owner):
    client.force_login(owner)
    body = client.get(CREATE).content.decode()
    questions = [
        "1. Client &amp; contact",
        "What is the goal of the project?",
        "What project challenges does the customer need the candidate to solve?",
        "What deliverables or work artifacts does the customer need the candidate to produce?",
        "What specific, quantifiable results is the customer seeking?",
    ]
    positions = [body.index(q) for q in questions]
    assert positions == sorted(positions)


def test_a_job_order_with_a_picked_client_and_typed_rows_is_saved(client, owner):
    contoso = ClientFactory(owner=owner, name="Contoso Bank")
    dana = ClientContactFactory(client=contoso, name="Dana Ruiz")
    client.force_login(owner)
    response = client.post(
        CREATE,
        {
            "client": contoso.pk,
            "contact": dana.pk,
            "title": "Senior DevOps Engineer",
            "status": "open",
            "openings": "1",
            "start_date": "2027-02-01",
            "bill_rate": "95.50",
            "project_goal": "Move payments to Kubernetes before the Q3 peak.",
            "challenges": "Releases take two days\n\n  Staging cannot be trusted  \n",
            "deliverables": "Terraform modules",
            "results": "Release time under 30 minutes\nZero customer-visible outages",
        },
    )
    job = JobOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{edit_url(job)}#section-skill"
    assert (job.client, job.contact, job.owner, job.team) == (contoso, dana, owner, owner.team)
    by_kind = [(r.kind, r.description) for r in job.requirements.all()]
    assert by_kind == [
        ("challenge", "Releases take two days"),
        ("challenge", "Staging cannot be trusted"),
        ("deliverable", "Terraform modules"),
        ("result", "Release time under 30 minutes"),
        ("result", "Zero customer-visible outages"),
    ]


def test_a_new_client_and_contact_are_created_without_leaving_the_page(client, owner):
    client.force_login(owner)
    response = client.post(
        CREATE,
        {
            "new_client_name": "Fabrikam Health",
            "new_client_industry": "Healthcare",
            "new_contact_name": "Ann Lee",
            "new_contact_phone": "+1 555 0100",
            "title": "Data engineer",
            "status": "open",
            "openings": "2",
        },
    )
    assert response.status_code == 302
    job = JobOrder.objects.get()
    assert (job.client.name, job.client.industry, job.contact.name) == (
        "Fabrikam Health",
        "Healthcare",
        "Ann Lee",
    )


def test_a_missing_title_is_shown_next_to_the_field_and_the_rest_is_kept(client, owner):
    client.force_login(owner)
    response = client.post(
        CREATE,
        {"new_client_name": "Fabrikam", "title": "", "status": "open", "openings": "1"},
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "This field is required." in body
    assert 'value="Fabrikam"' in body
    assert not Client.objects.exists()


def test_picking_and_typing_a_client_says_pick_one(client, owner):
    contoso = ClientFactory(owner=owner)
    client.force_login(owner)
    response = client.post(
        CREATE,
        {
            "client": contoso.pk,
            "new_client_name": "Another",
            "title": "DBA",
            "status": "open",
            "openings": "1",
        },
    )
    assert response.status_code == 422
    assert "Pick a client or type a new one, not both." in response.content.decode()


def test_another_teams_client_cannot_be_picked(client, owner, outsider):
    foreign = ClientFactory(owner=outsider)
    client.force_login(owner)
    response = client.post(
        CREATE, {"client": foreign.pk, "title": "DBA", "status": "open", "openings": "1"}
    )
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert not JobOrder.objects.exists()


def test_a_user_without_a_team_is_told_why_they_cannot_create(client, superuser):
    client.force_login(superuser)
    response = client.post(
        CREATE, {"new_client_name": "X", "title": "DBA", "status": "open", "openings": "1"}
    )
    assert response.status_code == 422
    assert "Only a member of a team can own team records." in response.content.decode()


def test_a_line_too_long_for_a_row_is_named(client, owner):
    client.force_login(owner)
    response = client.post(
        CREATE,
        {
            "new_client_name": "Fabrikam",
            "title": "DBA",
            "status": "open",
            "openings": "1",
            "challenges": "short\n" + "x" * 600,
        },
    )
    assert response.status_code == 422
    assert "Line 2 is longer than 500 characters" in response.content.decode()


@pytest.mark.parametrize("clients", [3, 30])
def test_the_new_page_runs_the_same_queries_whatever_the_data(
    client, owner, django_assert_num_queries, clients
):
    for _ in range(clients):
        ClientContactFactory(client=ClientFactory(owner=owner))
    client.force_login(owner)
    # session, user with team, client choices, contact choices
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(5):
        assert client.get(CREATE).status_code == 200


# --- Contact picker (htmx partial; a plain GET works too) -----------------------------------


def test_changing_the_client_lists_only_its_contacts(client, owner):
    contoso = ClientFactory(owner=owner)
    ClientContactFactory(client=contoso, name="Dana Ruiz")
    ClientContactFactory(client=ClientFactory(owner=owner), name="Someone Else")
    client.force_login(owner)
    response = client.get(CONTACTS, {"client": contoso.pk}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="contact-field"' in body
    assert "Dana Ruiz" in body
    assert "Someone Else" not in body
    assert "<html" not in body


def test_picking_a_contact_offers_click_to_call(client, owner):
    contoso = ClientFactory(owner=owner)
    dana = ClientContactFactory(client=contoso, name="Dana Ruiz", phone="+1 (512) 555-0147")
    client.force_login(owner)
    response = client.get(
        CONTACTS,
        {"client": contoso.pk, "contact": dana.pk},
        headers={"HX-Request": "true", "HX-Trigger-Name": "contact"},
    )
    assert 'href="tel:+15125550147"' in response.content.decode()


def test_an_outsider_cannot_list_another_teams_contacts(client, owner, outsider):
    contoso = ClientFactory(owner=owner)
    client.force_login(outsider)
    assert client.get(CONTACTS, {"client": contoso.pk}).status_code == 404


@pytest.mark.parametrize("contacts", [3, 30])
def test_the_contact_picker_runs_the_same_queries_whatever_the_data(
    client, owner, django_assert_num_queries, contacts
):
    contoso = ClientFactory(owner=owner)
    for _ in range(contacts):
        ClientContactFactory(client=contoso)
    client.force_login(owner)
    # session, user, the client, its contacts (the partial holds no client picker)
    with django_assert_num_queries(4):
        client.get(CONTACTS, {"client": contoso.pk}, headers={"HX-Request": "true"})


# --- Edit -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("manager", 200),
        ("superuser", 200),
        ("teammate", 403),
        ("outsider", 404),
        ("outside_manager", 404),
    ],
)
def test_only_the_owner_and_managers_open_the_edit_page(request, client, owner, role, expected):
    job = JobOrderFactory(owner=owner)
    client.force_login(request.getfixturevalue(role))
    assert client.get(edit_url(job)).status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 302), ("manager", 302), ("teammate", 403), ("outsider", 404)],
)
def test_only_the_owner_and_managers_save_the_edit_form(request, client, owner, role, expected):
    job = JobOrderFactory(owner=owner, title="Before")
    client.force_login(request.getfixturevalue(role))
    response = client.post(edit_url(job), main_form(job, title="After"))
    assert response.status_code == expected
    job.refresh_from_db()
    assert job.title == ("After" if expected == 302 else "Before")


def test_saving_the_edit_form_goes_to_the_job_order_and_moves_the_version_on(client, owner):
    job = JobOrderFactory(owner=owner)
    client.force_login(owner)
    response = client.post(edit_url(job), main_form(job, title="Platform engineer"))
    assert response["Location"] == reverse("joborders:detail", args=[job.pk])
    job.refresh_from_db()
    assert (job.title, job.version) == ("Platform engineer", 2)


def test_a_stale_save_answers_409_keeps_the_input_and_overwrites_nothing(client, owner, manager):
    job = JobOrderFactory(owner=owner, title="Original")
    opened = main_form(job)  # the owner opens the form at version 1
    joborder_change_status(job_order=job, status=JobOrder.Status.ON_HOLD)  # manager acts
    client.force_login(owner)
    response = client.post(edit_url(job), {**opened, "title": "My late edit"})
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this job order since you opened it." in body
    assert "Changed since: Someone" in body and ": status</" in body  # what the newer version did
    assert 'value="My late edit"' in body
    job.refresh_from_db()
    assert (job.title, job.status) == ("Original", JobOrder.Status.ON_HOLD)


@pytest.mark.parametrize("version", ["abc", "²", "١٢"], ids=["letters", "superscript", "arabic"])
def test_a_tampered_version_is_refused_with_a_message(client, owner, version):
    job = JobOrderFactory(owner=owner)
    client.force_login(owner)
    response = client.post(edit_url(job), main_form(job, version=version))
    assert response.status_code == 422
    assert "reload the page" in response.content.decode()


@pytest.mark.parametrize("pk", ["²", "9" * 30], ids=["superscript digit", "too long"])
def test_a_contact_picker_asked_for_an_impossible_client_shows_the_empty_picker(client, owner, pk):
    client.force_login(owner)
    response = client.get(CONTACTS, {"client": pk, "contact": pk}, headers={"HX-Request": "true"})
    assert response.status_code == 200


def test_the_edit_page_shows_one_list_per_kind_with_its_rows(client, owner):
    job = JobOrderFactory(owner=owner)
    RequirementFactory(job_order=job, kind=Requirement.Kind.RESULT, description="Zero outages")
    RequirementFactory(
        job_order=job, kind=Requirement.Kind.SKILL, skill=SkillFactory(name="Terraform")
    )
    client.force_login(owner)
    body = client.get(edit_url(job)).content.decode()
    for section in ("challenge", "deliverable", "result", "skill", "experience"):
        assert f'id="section-{section}"' in body
    assert 'value="Zero outages"' in body
    assert 'value="Terraform"' in body
    assert 'list="skill-options"' in body
    assert "6. Skills and experience" in body


@pytest.mark.parametrize("rows", [3, 30])
def test_the_edit_page_runs_the_same_queries_whatever_the_data(
    client, owner, django_assert_num_queries, rows
):
    job = JobOrderFactory(owner=owner, contact=None)
    for n in range(rows):
        RequirementFactory(job_order=job, kind=Requirement.Kind.CHALLENGE)
        RequirementFactory(
            job_order=job, kind=Requirement.Kind.SKILL, skill=SkillFactory(name=f"S{n}")
        )
        ClientContactFactory(client=job.client)
    client.force_login(owner)
    # session, user with team, job order, requirements, client choices, contact choices
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(7):
        assert client.get(edit_url(job)).status_code == 200


# --- Random input: never a server error ------------------------------------------------------

nasty_text = st.one_of(
    st.text(max_size=60),
    st.just("x" * 10_000),
    st.sampled_from(
        [
            "",
            "<script>alert(1)</script>",
            "'; DROP TABLE joborders_joborder; --",
            "a\x00b",
            "line\x07bell",
            "Zürich Straße 🙂",
            "-5",
            "99999999999999999999",
            "1e309",
            "NaN",
        ]
    ),
)
maybe = st.one_of(st.none(), nasty_text)


def _post_data(draw_values: dict) -> dict:
    return {k: v for k, v in draw_values.items() if v is not None}


form_values = st.fixed_dictionaries(
    {
        "client": maybe,
        "new_client_name": maybe,
        "new_client_industry": maybe,
        "contact": maybe,
        "new_contact_name": maybe,
        "new_contact_title": maybe,
        "new_contact_phone": maybe,
        "new_contact_email": maybe,
        "title": maybe,
        "status": st.one_of(maybe, st.sampled_from(JobOrder.Status.values)),
        "openings": st.one_of(maybe, st.integers(-(10**6), 10**6).map(str)),
        "start_date": st.one_of(maybe, st.sampled_from(["2027-02-30", "0001-01-01", "9999-12-31"])),
        "duration_weeks": st.one_of(maybe, st.integers(-(10**6), 10**6).map(str)),
        "bill_rate": st.one_of(maybe, st.decimals(allow_nan=True).map(str)),
        "employment_type": st.one_of(maybe, st.sampled_from(JobOrder.EmploymentType.values)),
        "expected_hours": st.one_of(maybe, st.integers(-(10**6), 10**6).map(str)),
        "placement_fee": st.one_of(maybe, st.decimals(allow_nan=True).map(str)),
        "project_goal": maybe,
        "project_scope": maybe,
        "challenges": maybe,
        "deliverables": maybe,
        "results": maybe,
    }
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=form_values)
def test_any_input_to_the_new_job_order_form_is_saved_or_explained(client, owner, values):
    client.force_login(owner)
    response = client.post(CREATE, _post_data(values))
    assert response.status_code in (302, 422)
    if response.status_code == 422:
        assert "alert-danger" in response.content.decode()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=form_values, version=st.one_of(st.none(), nasty_text))
def test_any_input_to_the_edit_form_is_saved_or_explained(client, owner, values, version):
    job, _ = JobOrder.objects.get_or_create(
        title="Fuzzed",
        owner=owner,
        team=owner.team,
        defaults={"client": ClientFactory(owner=owner)},
    )
    client.force_login(owner)
    data = {**_post_data(values), "version": version if version is not None else job.version}
    response = client.post(edit_url(job), data)
    assert response.status_code in (302, 409, 422)
    if response.status_code != 302:
        assert "alert-danger" in response.content.decode()
