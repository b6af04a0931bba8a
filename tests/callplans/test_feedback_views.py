"""/plans/<pk>/feedback/: log the feedback call from the plan page (and the htmx "add a row")."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callplans.models import FeedbackCall, ObjectionTemplate, RaisedObjection
from callplans.services import objection_add
from joborders.models import Submittal
from joborders.services import submittal_change_status
from tests.factories import ClosingQuestionFactory, TeamFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def form_url(plan):
    return reverse("callplans:feedback_new", args=[plan.pk])


def row_url(plan):
    return reverse("callplans:feedback_row", args=[plan.pk])


def local(when: datetime.datetime) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def interviewed(plan, owner):
    submittal_change_status(
        submittal=plan.submittal, status=Submittal.Status.INTERVIEWED, changed_by=owner
    )
    return plan


@pytest.fixture
def kubernetes(interviewed):
    return objection_add(
        plan=interviewed,
        category="skill_gap",
        text="Only two years of Kubernetes",
        rebuttal="Ran 40 services on EKS.",
    )


def valid_post(**overrides) -> dict:
    return {
        "called_at": local(timezone.now() - datetime.timedelta(hours=1)),
        "outcome": "offer",
        "closing_question_asked": "",
        "commitment": "Offer letter by Friday",
        "next_step": "Call Alex tonight",
        "notes": "",
        "new_rows": "3",
        **{f"new-{i}-{name}": "" for i in range(3) for name in ("text", "rebuttal")},
        **{f"new-{i}-category": "other" for i in range(3)},
        **{f"new-{i}-handled": "yes" for i in range(3)},
    } | overrides


# --- Access -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("owner", 200),
        ("manager", 200),
        ("superuser", 200),
        ("teammate", 403),
        ("outsider", 404),
        ("outside_manager", 404),
    ],
)
def test_who_may_open_the_feedback_form(request, client, interviewed, role, status):
    client.force_login(request.getfixturevalue(role))
    assert client.get(form_url(interviewed)).status_code == status
    assert client.get(row_url(interviewed)).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("owner", 302), ("manager", 302), ("superuser", 302), ("teammate", 403), ("outsider", 404)],
)
def test_who_may_log_the_feedback_call(request, client, interviewed, role, status):
    client.force_login(request.getfixturevalue(role))
    response = client.post(form_url(interviewed), valid_post())
    assert response.status_code == status
    assert FeedbackCall.objects.exists() is (status == 302)
    moved = Submittal.objects.get(pk=interviewed.submittal_id).status == "offer"
    assert moved is (status == 302)


# --- Logging ---------------------------------------------------------------------------------


def test_logging_the_call_returns_to_the_plan_and_says_where_the_submittal_moved(
    client, owner, interviewed, kubernetes, closing_question
):
    client.force_login(owner)
    response = client.post(
        form_url(interviewed),
        valid_post(
            closing_question_asked=str(closing_question.pk),
            **{
                f"a{kubernetes.pk}-raised": "on",
                f"a{kubernetes.pk}-handled": "partly",
                "new-0-text": "Rate is above budget",
                "new-0-category": "other",
                "new-0-handled": "no",
                "new-0-rebuttal": "Her last two contracts came in under budget.",
                "new-0-add_to_library": "on",
            },
        ),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == (
        reverse("callplans:detail", args=[interviewed.pk]) + "#feedback"
    )
    body = response.content.decode()
    assert "Feedback call logged: Offer. Alex Morgan moved from “Interviewed” to “Offer”." in body
    section = body[body.index('<section id="feedback"') :]
    assert "Offer letter by Friday" in section and "Call Alex tonight" in section
    assert "Shall I extend an offer on your behalf?" in section
    raised = list(RaisedObjection.objects.order_by("id").values_list("text", "handled"))
    assert raised == [("Only two years of Kubernetes", "partly"), ("Rate is above budget", "no")]
    assert ObjectionTemplate.objects.get().text == "Rate is above budget"


def test_the_plan_page_lists_the_calls_and_offers_the_button_to_writers_only(
    client, owner, teammate, interviewed, kubernetes
):
    call = FeedbackCall.objects.create(
        plan=interviewed,
        called_by=owner,
        called_at=timezone.now(),
        outcome="next_round",
        commitment="Final round Thursday",
    )
    RaisedObjection.objects.create(feedback_call=call, objection=kubernetes, text=kubernetes.text)
    RaisedObjection.objects.create(feedback_call=call, text="Notice period", handled="no")
    client.force_login(owner)
    body = client.get(reverse("callplans:detail", args=[interviewed.pk])).content.decode()
    section = body[body.index('<section id="feedback"') :]
    assert '<h2 id="feedback-h" class="h4">After the call</h2>' in section
    assert "Next round" in section and "Final round Thursday" in section
    assert re.search(r"Only two years of Kubernetes\s*<span[^>]*>Anticipated", section)
    assert re.search(r"Notice period\s*<span[^>]*>Not anticipated", section)
    assert f'href="{form_url(interviewed)}"' in section

    client.force_login(teammate)
    body = client.get(reverse("callplans:detail", args=[interviewed.pk])).content.decode()
    assert "Final round Thursday" in body
    assert "Log the feedback call" not in body


def test_the_form_lists_the_plans_objections_and_preselects_the_planned_question(
    client, owner, interviewed, kubernetes, closing_question
):
    interviewed.closing_questions.set([closing_question])
    client.force_login(owner)
    body = client.get(form_url(interviewed)).content.decode()
    assert "The client raised “Only two years of Kubernetes”" in body
    assert "My rebuttal: Ran 40 services on EKS." in body
    assert f'<option value="{closing_question.pk}" selected>' in body
    assert body.count('data-testid="new-objection"') == 3
    assert 'name="new_rows" value="3"' in body


# --- Invalid input ---------------------------------------------------------------------------


def test_invalid_input_comes_back_422_with_every_value_kept(client, owner, interviewed, kubernetes):
    client.force_login(owner)
    response = client.post(
        form_url(interviewed),
        valid_post(
            **{
                f"a{kubernetes.pk}-raised": "on",
                f"a{kubernetes.pk}-handled": "no",
                "new-1-text": "Rate is above budget",
                "new-1-category": "scope",
                "new-1-add_to_library": "on",
            }
        ),
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Write the rebuttal to add this objection to the library." in body
    assert "Nothing was saved yet" in body
    assert 'value="Offer letter by Friday"' in body and 'value="Rate is above budget"' in body
    assert re.search(rf'name="a{kubernetes.pk}-raised"[^>]*checked', body)
    assert re.search(r'<option value="no" selected>Not handled', body)
    assert re.search(r'<option value="scope" selected>', body)
    assert re.search(r'value="offer"[^>]*checked', body)
    assert not FeedbackCall.objects.exists()


def test_a_rebuttal_without_the_library_tick_is_kept_with_the_call(client, owner, interviewed):
    client.force_login(owner)
    response = client.post(
        form_url(interviewed),
        valid_post(**{"new-0-text": "Rate", "new-0-rebuttal": "Under budget last time"}),
        follow=True,
    )
    assert response.status_code == 200
    assert RaisedObjection.objects.get().rebuttal == "Under budget last time"
    assert not ObjectionTemplate.objects.exists()
    assert "My rebuttal: Under budget last time" in response.content.decode()


def test_a_salespersons_library_tick_lands_as_a_proposal(client, owner, interviewed):
    client.force_login(owner)
    client.post(
        form_url(interviewed),
        valid_post(
            **{
                "new-0-text": "Rate",
                "new-0-rebuttal": "Under budget last time",
                "new-0-add_to_library": "on",
            }
        ),
    )
    template = ObjectionTemplate.objects.get()
    assert (template.status, template.proposed_by) == ("proposed", owner)
    assert RaisedObjection.objects.get().rebuttal == "Under budget last time"


def test_a_managers_library_tick_lands_live(client, manager, interviewed):
    client.force_login(manager)
    client.post(
        form_url(interviewed),
        valid_post(
            **{
                "new-0-text": "Rate",
                "new-0-rebuttal": "Under budget last time",
                "new-0-add_to_library": "on",
            }
        ),
    )
    assert ObjectionTemplate.objects.get().status == "active"


def test_a_date_more_than_a_day_ahead_is_refused_next_to_the_field(client, owner, interviewed):
    client.force_login(owner)
    later = local(timezone.now() + datetime.timedelta(days=3))
    response = client.post(form_url(interviewed), valid_post(called_at=later))
    body = response.content.decode()
    assert response.status_code == 422
    assert "more than a day in the future" in body
    assert f'value="{later}"' in body
    assert not FeedbackCall.objects.exists()


def test_a_closing_question_of_another_team_is_refused(client, owner, interviewed):
    foreign = ClosingQuestionFactory(team=TeamFactory(name="Elsewhere"))
    client.force_login(owner)
    response = client.post(form_url(interviewed), valid_post(closing_question_asked=foreign.pk))
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()


def test_a_missing_outcome_is_refused(client, owner, interviewed):
    client.force_login(owner)
    response = client.post(form_url(interviewed), valid_post(outcome=""))
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()


# --- Rows added with htmx ----------------------------------------------------------------------


def test_add_a_row_returns_the_next_row_and_bumps_the_counter(client, owner, interviewed):
    client.force_login(owner)
    response = client.get(row_url(interviewed), {"new_rows": "3"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="new-3-text"' in body and "Objection 4 nobody anticipated" in body
    assert 'id="add-row" class="mb-4" data-hx-swap-oob="true"' in body
    assert 'name="new_rows" value="4"' in body


def test_rows_stop_at_twenty(client, owner, interviewed):
    client.force_login(owner)
    last = client.get(row_url(interviewed), {"new_rows": "19"}, **HTMX).content.decode()
    assert "That is the most rows one call can take." in last
    assert client.get(row_url(interviewed), {"new_rows": "20"}, **HTMX).status_code == 204


def test_rows_added_with_the_button_are_saved_too(client, owner, interviewed):
    client.force_login(owner)
    extra = {
        "new_rows": "5",
        "new-4-text": "Notice period is too long",
        "new-4-category": "other",
        "new-4-handled": "partly",
        "new-3-category": "other",
        "new-3-handled": "yes",
    }
    assert client.post(form_url(interviewed), valid_post(**extra)).status_code == 302
    assert RaisedObjection.objects.get().text == "Notice period is too long"


def test_an_invalid_added_row_is_shown_again_after_a_refusal(client, owner, interviewed):
    client.force_login(owner)
    extra = {"new_rows": "4", "new-3-text": "", "new-3-add_to_library": "on"}
    response = client.post(form_url(interviewed), valid_post(**extra))
    body = response.content.decode()
    assert response.status_code == 422
    assert body.count('data-testid="new-objection"') == 4
    assert "Write what the client said, or clear this row." in body


# --- Queries and robustness -----------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 30])
def test_the_form_page_runs_the_same_queries_for_3_or_30_objections(
    client, owner, interviewed, closing_question, size, django_assert_num_queries
):
    for n in range(size):
        objection_add(plan=interviewed, category="other", text=f"Objection {n}")
        ClosingQuestionFactory(team=closing_question.team, text=f"Question {n}")
    client.force_login(owner)
    # session, user with team, plan, objections, planned question, closing questions, the
    # client's loss reasons, the round the call follows
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(9):
        response = client.get(form_url(interviewed))
    assert response.content.decode().count('data-testid="anticipated-objection"') == size


text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["x" * 10_000, "é" * 10_000]),
    st.sampled_from(
        ["<script>alert(1)</script>", "'; DROP TABLE callplans_feedbackcall; --", "\x00", "-1"]
    ),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    called_at=st.one_of(text, st.just("2026-01-01T10:00"), st.just("1900-01-01T00:00")),
    outcome=st.one_of(text, st.sampled_from(["offer", "rejected", "no_decision", "next_round"])),
    question=st.one_of(text, st.integers(min_value=-5, max_value=10**12).map(str)),
    commitment=text,
    row_text=text,
    rebuttal=text,
    category=st.one_of(text, st.just("other")),
    handled=st.one_of(text, st.just("yes")),
    library=st.sampled_from(["", "on"]),
    rows=st.one_of(text, st.integers(min_value=-3, max_value=500).map(str)),
    drop=st.sets(st.sampled_from(["called_at", "outcome", "new_rows", "new-0-category"])),
)
def test_random_input_never_breaks_the_form(
    client,
    owner,
    interviewed,
    called_at,
    outcome,
    question,
    commitment,
    row_text,
    rebuttal,
    category,
    handled,
    library,
    rows,
    drop,
):
    client.force_login(owner)
    data = valid_post(
        called_at=called_at,
        outcome=outcome,
        closing_question_asked=question,
        commitment=commitment,
        new_rows=rows,
        **{
            "new-0-text": row_text,
            "new-0-rebuttal": rebuttal,
            "new-0-category": category,
            "new-0-handled": handled,
            "new-0-add_to_library": library,
        },
    )
    for name in drop:
        data.pop(name)
    response = client.post(form_url(interviewed), data)
    assert response.status_code in (302, 422)
    if response.status_code == 422:
        body = response.content.decode()
        assert "Nothing was saved yet" in body or 'role="alert"' in body
        assert "invalid-feedback" in body or "alert-danger" in body


def test_the_plan_page_costs_the_same_queries_with_3_or_30_feedback_calls(
    client, owner, interviewed, kubernetes
):
    def log_calls(count):
        for n in range(count):
            call = FeedbackCall.objects.create(
                plan=interviewed, called_by=owner, called_at=timezone.now(), outcome="no_decision"
            )
            RaisedObjection.objects.create(feedback_call=call, objection=kubernetes, text="k8s")
            RaisedObjection.objects.create(feedback_call=call, text=f"New {n}", handled="no")

    def queries_for_plan_page():
        with CaptureQueriesContext(connection) as queries:
            body = client.get(reverse("callplans:detail", args=[interviewed.pk])).content
        return len(queries), body.decode().count('data-testid="feedback-call"')

    client.force_login(owner)
    log_calls(3)
    few, shown = queries_for_plan_page()
    assert shown == 3
    log_calls(27)
    assert queries_for_plan_page() == (few, 30)


@pytest.mark.parametrize("size", [3, 30])
def test_the_added_row_runs_the_same_queries_for_3_or_30_objections(
    client, owner, interviewed, size, django_assert_num_queries
):
    for n in range(size):
        objection_add(plan=interviewed, category="other", text=f"Objection {n}")
    client.force_login(owner)
    with django_assert_num_queries(3):  # session, user, plan
        response = client.get(row_url(interviewed), {"new_rows": "3"}, **HTMX)
    assert 'name="new-3-text"' in response.content.decode()
