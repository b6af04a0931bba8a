"""The job order detail page: overview, requirements, pipeline, reference calls, status changes,
"Submit a candidate" and moving a submittal's stage."""

import datetime
import html

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.models import Candidate
from core.ids import parse_id
from joborders.models import JobOrder, Requirement, Submittal, SubmittalEvent
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
)
from tests.input import refused_as_unreadable

K = Requirement.Kind
HTMX = {"HX-Request": "true"}


def detail_url(job):
    return reverse("joborders:detail", args=[job.pk])


def status_url(job):
    return reverse("joborders:status", args=[job.pk])


def submit_url(job):
    return reverse("joborders:submittal_add", args=[job.pk])


def stage_url(submittal):
    return reverse("joborders:submittal_stage", args=[submittal.job_order_id, submittal.pk])


@pytest.fixture
def job(owner):
    contact = ClientContactFactory(client__owner=owner, name="Dana Ruiz", phone="+1 512 555 0147")
    return JobOrderFactory(owner=owner, client=contact.client, contact=contact)


# --- Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("teammate", 200),
        ("manager", 200),
        ("superuser", 200),
        ("outsider", 404),
        ("outside_manager", 404),
    ],
)
def test_the_team_reads_the_detail_page_and_outsiders_do_not_find_it(
    request, client, job, role, expected
):
    client.force_login(request.getfixturevalue(role))
    assert client.get(detail_url(job)).status_code == expected


def test_the_detail_page_shows_the_project_overview_and_grouped_requirements(client, owner, job):
    RequirementFactory(job_order=job, kind=K.CHALLENGE, description="Releases fail")
    RequirementFactory(job_order=job, kind=K.RESULT, description="Deploys in 30 minutes")
    RequirementFactory(
        job_order=job,
        kind=K.SKILL,
        skill=SkillFactory(name="Kubernetes"),
        min_years=3,
        description="",
    )
    RequirementFactory(job_order=job, kind=K.EXPERIENCE, description="PCI DSS", must_have=False)
    client.force_login(owner)
    body = client.get(detail_url(job)).content.decode()
    assert job.project_goal in body
    assert 'href="tel:+15125550147"' in body
    assert body.index("Releases fail") < body.index("Deploys in 30 minutes")
    assert "Kubernetes" in body
    assert "Nice-to-have" in body
    assert "Qualification: 3 of 4 questions answered" in body


def test_the_pipeline_shows_each_candidates_stage_and_interview(client, owner, job):
    SubmittalFactory(
        job_order=job,
        candidate=CandidateFactory(first_name="Alex", last_name="Kim"),
        status=Submittal.Status.INTERVIEW_SCHEDULED,
        interview_at=datetime.datetime(2027, 3, 4, 15, 0, tzinfo=datetime.UTC),
    )
    client.force_login(owner)
    body = client.get(detail_url(job)).content.decode()
    assert "Alex Kim" in body
    assert "Interview scheduled" in body
    assert "Thu 4 Mar 2027, 15:00" in body
    assert 'data-slot="feedback-call-plan"' in body


def test_only_a_candidate_still_before_the_decision_is_offered_a_plan_to_prepare(
    client, owner, job
):
    statuses = ["submitted", "interviewed", "offer", "placed", "rejected", "withdrawn"]
    for status in statuses:
        SubmittalFactory(
            job_order=job, candidate=CandidateFactory(first_name=status.title()), status=status
        )
    client.force_login(owner)
    body = client.get(detail_url(job)).content.decode()
    offered = [
        s
        for s in statuses
        if f'Prepare feedback call plan<span class="visually-hidden"> for {s.title()} ' in body
    ]
    assert offered == ["submitted", "interviewed"]


def test_reference_calls_for_the_job_are_listed_with_a_way_to_record_one(client, owner, job):
    ReferenceCallFactory(called_by=owner, job_order=job, reference__name="Pat Reyes")
    client.force_login(owner)
    body = client.get(detail_url(job)).content.decode()
    assert "Pat Reyes" in body
    assert f"{reverse('references:call_new')}?joborder={job.pk}" in body


def test_a_teammate_reads_but_is_offered_no_changes(client, teammate, job):
    SubmittalFactory(job_order=job)
    client.force_login(teammate)
    body = client.get(detail_url(job), {"candidate_q": "a"}).content.decode()
    assert "Edit the qualification" not in body
    assert "Put on hold" not in body
    assert "Submit a candidate" not in body
    assert "Move to stage" not in body
    assert "Change stage" not in body


@pytest.mark.parametrize("rows", [3, 30])
def test_the_detail_page_runs_the_same_queries_whatever_the_data(
    client, owner, job, django_assert_num_queries, rows
):
    for n in range(rows):
        RequirementFactory(job_order=job, kind=K.CHALLENGE)
        RequirementFactory(job_order=job, kind=K.SKILL, skill=SkillFactory(name=f"S{n}"))
        SubmittalFactory(job_order=job, candidate=CandidateFactory(first_name=f"Cand{n}"))
        ReferenceCallFactory(called_by=owner, job_order=job)
    client.force_login(owner)
    # session, user with team, job order, requirements, pipeline, candidate search,
    # reference calls
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(8):
        response = client.get(detail_url(job), {"candidate_q": "cand"})
    assert response.status_code == 200


# --- Submit a candidate -----------------------------------------------------------------------


def test_searching_lists_matching_candidates_each_with_a_submit_button(client, owner, job):
    alex = CandidateFactory(first_name="Alex", last_name="Kim")
    CandidateFactory(first_name="Blair", last_name="Stone", headline="Designer")
    client.force_login(owner)
    body = client.get(detail_url(job), {"candidate_q": "alex"}).content.decode()
    assert "Alex Kim" in body
    assert "Blair Stone" not in body
    assert f'name="candidate" value="{alex.pk}"' in body


def test_an_already_submitted_candidate_is_marked_in_the_results(client, owner, job):
    SubmittalFactory(job_order=job, candidate=CandidateFactory(first_name="Alex"))
    client.force_login(owner)
    body = client.get(detail_url(job), {"candidate_q": "alex"}).content.decode()
    assert "Already submitted" in body


def test_the_search_results_come_back_as_a_partial_for_htmx(client, owner, job):
    CandidateFactory(first_name="Alex")
    client.force_login(owner)
    response = client.get(
        detail_url(job),
        {"candidate_q": "alex"},
        headers={**HTMX, "HX-Target": "candidate-results"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="candidate-results"')
    assert "Alex" in body
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("candidates", [3, 30])
def test_the_search_results_run_the_same_queries_whatever_the_data(
    client, owner, job, django_assert_num_queries, candidates
):
    for n in range(candidates):
        SubmittalFactory(job_order=job, candidate=CandidateFactory(first_name=f"Alex{n}"))
        CandidateFactory(first_name=f"Alex{n}b")
    client.force_login(owner)
    # session, user, job order, submitted candidates, matching candidates
    with django_assert_num_queries(5):
        client.get(
            detail_url(job),
            {"candidate_q": "alex"},
            headers={**HTMX, "HX-Target": "candidate-results"},
        )


def test_submitting_a_candidate_adds_them_to_the_pipeline(client, owner, job):
    alex = CandidateFactory(first_name="Alex", last_name="Kim")
    client.force_login(owner)
    response = client.post(submit_url(job), {"candidate": alex.pk, "candidate_q": "alex"})
    assert response.status_code == 302
    submittal = Submittal.objects.get()
    assert (submittal.job_order, submittal.candidate, submittal.submitted_by) == (job, alex, owner)
    assert submittal.events.count() == 1
    body = client.get(response["Location"]).content.decode()
    assert "Alex Kim is submitted" in body


def test_submitting_a_candidate_twice_says_so_and_loses_nothing(client, owner, job):
    alex = CandidateFactory(first_name="Alex", last_name="Kim")
    first = SubmittalFactory(job_order=job, candidate=alex, status=Submittal.Status.OFFER)
    client.force_login(owner)
    response = client.post(submit_url(job), {"candidate": alex.pk, "candidate_q": "alex"})
    assert response["Location"] == f"{detail_url(job)}?candidate_q=alex#submit"
    body = client.get(response["Location"]).content.decode()
    assert "Alex Kim is already submitted to this job order" in body
    assert list(Submittal.objects.all()) == [first]
    first.refresh_from_db()
    assert first.status == Submittal.Status.OFFER


def test_an_archived_candidate_cannot_be_submitted(client, owner, job):
    archived = CandidateFactory(archived=True)
    client.force_login(owner)
    response = client.post(submit_url(job), {"candidate": archived.pk})
    assert "archived" in client.get(response["Location"]).content.decode()
    assert not Submittal.objects.exists()


def test_submitting_nobody_explains_what_to_do(client, owner, job):
    client.force_login(owner)
    response = client.post(submit_url(job), {"candidate": "not a number"})
    body = client.get(response["Location"]).content.decode()
    assert "Pick a candidate from the search results" in body


def test_submitting_an_unknown_candidate_is_not_found(client, owner, job):
    client.force_login(owner)
    assert client.post(submit_url(job), {"candidate": 999_999}).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 302), ("manager", 302), ("teammate", 403), ("outsider", 404)],
)
def test_only_the_owner_and_managers_submit_candidates(request, client, job, role, expected):
    candidate = CandidateFactory()
    client.force_login(request.getfixturevalue(role))
    assert client.post(submit_url(job), {"candidate": candidate.pk}).status_code == expected
    assert Submittal.objects.exists() is (expected == 302)


# --- Status -----------------------------------------------------------------------------------


def test_putting_a_job_on_hold_swaps_the_status_block(client, owner, job):
    client.force_login(owner)
    response = client.post(status_url(job), {"status": "on_hold"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="joborder-status"')
    assert "On hold" in body
    assert "Reopen" in body
    job.refresh_from_db()
    assert (job.status, job.version) == (JobOrder.Status.ON_HOLD, 2)


def test_without_javascript_a_status_change_redirects_back_with_a_message(client, owner, job):
    client.force_login(owner)
    response = client.post(status_url(job), {"status": "lost"})
    assert response.status_code == 302
    assert "The job order is now Lost." in client.get(response["Location"]).content.decode()


def test_a_filled_job_order_cannot_be_marked_lost(client, owner):
    job = JobOrderFactory(owner=owner, status=JobOrder.Status.FILLED)
    client.force_login(owner)
    response = client.post(status_url(job), {"status": "lost"}, headers=HTMX)
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    job.refresh_from_db()
    assert job.status == JobOrder.Status.FILLED


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("manager", 200), ("superuser", 200), ("teammate", 403), ("outsider", 404)],
)
def test_only_the_owner_and_managers_change_the_status(request, client, job, role, expected):
    client.force_login(request.getfixturevalue(role))
    response = client.post(status_url(job), {"status": "cancelled"}, headers=HTMX)
    assert response.status_code == expected


def test_the_status_block_runs_a_fixed_number_of_queries(
    client, owner, job, django_assert_num_queries
):
    client.force_login(owner)
    # session, user, job order; savepoint, update, reload, release
    with django_assert_num_queries(8):
        client.post(status_url(job), {"status": "on_hold"}, headers=HTMX)


# --- Moving a submittal's stage ---------------------------------------------------------------


def test_scheduling_an_interview_records_the_stage_and_its_date(client, owner, job):
    submittal = SubmittalFactory(job_order=job)
    client.force_login(owner)
    response = client.post(
        stage_url(submittal),
        {"status": "interview_scheduled", "interview_at": "2027-03-04T15:00"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<tr id="submittal-{submittal.pk}"')
    assert "Thu 4 Mar 2027, 15:00" in body
    submittal.refresh_from_db()
    assert submittal.status == Submittal.Status.INTERVIEW_SCHEDULED
    event = SubmittalEvent.objects.get(submittal=submittal)
    assert (event.from_status, event.to_status, event.changed_by) == (
        "submitted",
        "interview_scheduled",
        owner,
    )


def test_scheduling_an_interview_without_a_date_asks_for_it(client, owner, job):
    submittal = SubmittalFactory(job_order=job)
    client.force_login(owner)
    response = client.post(stage_url(submittal), {"status": "interview_scheduled"}, headers=HTMX)
    assert response.status_code == 422
    assert "When is the interview?" in response.content.decode()
    submittal.refresh_from_db()
    assert submittal.status == Submittal.Status.SUBMITTED


def test_without_javascript_a_stage_change_redirects_to_the_pipeline(client, owner, job):
    submittal = SubmittalFactory(job_order=job)
    client.force_login(owner)
    response = client.post(stage_url(submittal), {"status": "rejected"})
    assert response["Location"] == f"{detail_url(job)}#pipeline"
    submittal.refresh_from_db()
    assert submittal.status == Submittal.Status.REJECTED


def test_without_javascript_a_bad_stage_re_renders_the_page_with_the_message(client, owner, job):
    submittal = SubmittalFactory(job_order=job)
    client.force_login(owner)
    response = client.post(stage_url(submittal), {"status": "interview_scheduled"})
    body = response.content.decode()
    assert response.status_code == 422
    assert "<html" in body
    assert "When is the interview?" in body


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("manager", 200), ("superuser", 200), ("teammate", 403), ("outsider", 404)],
)
def test_only_the_owner_and_managers_move_a_stage(request, client, job, role, expected):
    submittal = SubmittalFactory(job_order=job)
    client.force_login(request.getfixturevalue(role))
    response = client.post(stage_url(submittal), {"status": "withdrawn"}, headers=HTMX)
    assert response.status_code == expected


def test_a_submittal_of_another_job_order_is_not_found(client, owner, job):
    foreign = SubmittalFactory(job_order=JobOrderFactory(owner=owner))
    client.force_login(owner)
    url = reverse("joborders:submittal_stage", args=[job.pk, foreign.pk])
    assert client.post(url, {"status": "offer"}).status_code == 404


def _alex(job):
    candidate = CandidateFactory(first_name="Alex", last_name="Kim")
    return SubmittalFactory(job_order=job, candidate=candidate)


def test_the_pipeline_rows_are_read_only_with_a_link_to_each_rows_stage_form(client, owner, job):
    submittal = _alex(job)
    client.force_login(owner)
    body = client.get(detail_url(job)).content.decode()
    assert f'href="{stage_url(submittal)}#submittal-{submittal.pk}"' in body
    assert f'data-hx-get="{stage_url(submittal)}"' in body
    assert 'Change stage<span class="visually-hidden"> of Alex Kim</span>' in body
    assert f'id="submittal-{submittal.pk}-status"' not in body
    assert "Stage for Alex Kim" not in body


def test_the_stage_form_of_a_row_comes_with_htmx_and_focuses_the_stage(client, owner, job):
    submittal = _alex(job)
    client.force_login(owner)
    response = client.get(stage_url(submittal), headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<tr id="submittal-{submittal.pk}"')
    assert "<html" not in body
    assert "Stage for Alex Kim" in body
    assert f'data-hx-post="{stage_url(submittal)}"' in body
    assert f"#submittal-{submittal.pk}-status" in response["HX-Trigger-After-Settle"]


def test_cancel_brings_the_read_only_row_back(client, owner, job):
    submittal = _alex(job)
    client.force_login(owner)
    response = client.get(stage_url(submittal), {"show": "row"}, headers=HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="submittal-{submittal.pk}"')
    assert "Stage for Alex Kim" not in body
    assert "Change stage" in body
    assert f"#change-stage-{submittal.pk}" in response["HX-Trigger-After-Settle"]
    no_js = client.get(stage_url(submittal), {"show": "row"})
    assert no_js["Location"] == f"{detail_url(job)}#submittal-{submittal.pk}"


def test_without_javascript_the_link_opens_the_page_with_that_rows_form(client, owner, job):
    submittal, other = _alex(job), SubmittalFactory(job_order=job)
    client.force_login(owner)
    body = client.get(stage_url(submittal)).content.decode()
    assert "<html" in body
    assert "Stage for Alex Kim" in body
    assert f'id="submittal-{other.pk}-status"' not in body
    assert f'href="{stage_url(other)}#submittal-{other.pk}"' in body
    # The form posts, the page comes back with the new stage and the rows read-only again.
    response = client.post(stage_url(submittal), {"status": "offer"}, follow=True)
    body = response.content.decode()
    assert "Alex Kim: stage is now Offer." in body
    assert "Stage for Alex Kim" not in body
    submittal.refresh_from_db()
    assert submittal.status == Submittal.Status.OFFER


def test_a_saved_stage_comes_back_as_the_read_only_row(client, owner, job):
    submittal = _alex(job)
    client.force_login(owner)
    body = client.post(stage_url(submittal), {"status": "offer"}, headers=HTMX).content.decode()
    assert "Offer" in body
    assert "Stage for Alex Kim" not in body
    assert 'role="status">Saved</span>' in body


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("manager", 200), ("superuser", 200), ("teammate", 403), ("outsider", 404)],
)
def test_only_the_owner_and_managers_open_a_stage_form(request, client, job, role, expected):
    submittal = SubmittalFactory(job_order=job)
    client.force_login(request.getfixturevalue(role))
    assert client.get(stage_url(submittal), headers=HTMX).status_code == expected
    assert client.get(stage_url(submittal)).status_code == expected


def submittal_with_history(job, owner, events: int):
    submittal = SubmittalFactory(job_order=job)
    for _ in range(events):
        SubmittalEvent.objects.create(
            submittal=submittal, to_status="submitted", changed_by=owner, changed_at=job.created_at
        )
    return submittal


@pytest.mark.parametrize("events", [3, 30])
def test_the_stage_form_runs_the_same_queries_whatever_the_history(
    client, owner, job, django_assert_num_queries, events
):
    submittal = submittal_with_history(job, owner, events)
    client.force_login(owner)
    # session, user, submittal (with job, client, candidate); the row's call plan link
    with django_assert_num_queries(4):
        client.get(stage_url(submittal), headers=HTMX)


@pytest.mark.parametrize("events", [3, 30])
def test_moving_a_stage_runs_the_same_queries_whatever_the_history(
    client, owner, job, django_assert_num_queries, events
):
    submittal = submittal_with_history(job, owner, events)
    client.force_login(owner)
    # session, user, submittal (with job, client, candidate); savepoint, the first offer's
    # date (the dates' order), three full_clean lookups, update, event insert, release; the
    # row's call plan link
    with django_assert_num_queries(12):
        client.post(stage_url(submittal), {"status": "offer"}, headers=HTMX)


# --- Random input -----------------------------------------------------------------------------

nasty = st.one_of(
    st.text(max_size=40),
    st.just("q" * 10_000),
    st.sampled_from(
        [
            "",
            "<img src=x>",
            "1; DELETE FROM joborders_submittal",
            "\x00",
            "-1",
            "0",
            "2027-13-45T99:99",
            "0001-01-01T00:00",
            "9999-12-31T23:59",
            "interview_scheduled",
            "placed",
            "on_hold",
            "99999999999999999999999",
        ]
    ),
)
optional = st.one_of(st.none(), nasty)


def _data(**values):
    return {k: v for k, v in values.items() if v is not None}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(status=optional, interview_at=optional, htmx=st.booleans())
def test_any_stage_input_is_saved_or_explained(client, owner, status, interview_at, htmx):
    job = JobOrderFactory(owner=owner)
    submittal = SubmittalFactory(job_order=job)
    client.force_login(owner)
    response = client.post(
        stage_url(submittal),
        _data(status=status, interview_at=interview_at),
        headers=HTMX if htmx else {},
    )
    assert response.status_code in ((200, 422) if htmx else (302, 422))
    if response.status_code == 422:
        assert "invalid-feedback" in response.content.decode()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(status=optional, htmx=st.booleans())
def test_any_status_input_is_saved_or_explained(client, owner, status, htmx):
    job = JobOrderFactory(owner=owner)
    client.force_login(owner)
    response = client.post(status_url(job), _data(status=status), headers=HTMX if htmx else {})
    assert response.status_code in ((200, 422) if htmx else (302,))
    if response.status_code == 422:
        assert "alert-danger" in response.content.decode()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(candidate=optional, candidate_q=optional)
def test_any_submit_input_is_submitted_or_explained(client, owner, candidate, candidate_q):
    job = JobOrderFactory(owner=owner)
    client.force_login(owner)
    data = _data(candidate=candidate, candidate_q=candidate_q)
    response = client.post(submit_url(job), data, follow=True)
    if response.status_code == 404:
        # Only a well-formed id of no candidate this user may see is "not found".
        assert parse_id(candidate) is not None
        assert not Candidate.objects.filter(pk=parse_id(candidate)).exists()
        return
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "Pick a candidate from the search results to submit." in body or "is submitted" in body


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(candidate_q=nasty, htmx=st.booleans())
def test_any_search_text_gives_a_page(client, owner, candidate_q, htmx):
    job = JobOrderFactory(owner=owner)
    client.force_login(owner)
    headers = {**HTMX, "HX-Target": "candidate-results"} if htmx else {}
    response = client.get(detail_url(job), {"candidate_q": candidate_q}, headers=headers)
    if refused_as_unreadable(response, candidate_q):
        return
    assert response.status_code == 200
