"""Why candidates are lost: the team's list of reasons, the reason on a rejected or withdrawn
submittal (its page, the pipeline, the feedback call) and the metrics' count of them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from callplans.models import FeedbackCall
from callplans.services import feedbackcall_record
from joborders.losses import STARTER_REASONS
from joborders.models import LossReason, Submittal
from joborders.services import (
    lossreason_create,
    lossreason_set_retired,
    lossreasons_start,
    submittal_change_status,
    submittal_create,
    submittal_set_loss,
)
from metrics.selectors import NO_REASON, MonthRange, metrics_for, metrics_scope_for
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    JobOrderFactory,
    SubmittalFactory,
)

REASONS = reverse("submittals:loss_reasons")


def reason(team, label):
    return LossReason.objects.get(team=team, label=label)


def lost(owner, status=Submittal.Status.REJECTED, **kwargs):
    return SubmittalFactory(job_order=JobOrderFactory(owner=owner), status=status, **kwargs)


@pytest.fixture
def reasons(team, other_team):
    lossreasons_start(team=team)
    lossreasons_start(team=other_team)


# --- the list ----------------------------------------------------------------------------


def test_the_usual_reasons_are_added_once(team):
    assert lossreasons_start(team=team) == len(STARTER_REASONS)
    assert lossreasons_start(team=team) == 0
    assert team.loss_reasons.count() == len(STARTER_REASONS)


def test_a_reason_already_on_the_list_is_refused_whatever_its_case(team, reasons):
    with pytest.raises(ValidationError) as refused:
        lossreason_create(team=team, label="  no   RESPONSE ")
    assert refused.value.message_dict == {"label": ["Your team already has this reason."]}


def test_a_manager_adds_rewords_and_retires_a_reason(client, manager, team, reasons):
    client.force_login(manager)
    response = client.post(
        reverse("submittals:lossreason_add"), {"label": "Client froze hiring", "side": "client"}
    )
    assert response.status_code == 302
    added = reason(team, "Client froze hiring")
    response = client.post(
        reverse("submittals:lossreason_edit", args=[added.pk]),
        {"label": "Hiring freeze", "side": "client"},
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.label == "Hiring freeze"
    client.post(reverse("submittals:lossreason_retire", args=[added.pk]), {"retired": "1"})
    added.refresh_from_db()
    assert added.retired
    page = client.get(REASONS).content.decode()
    assert "Hiring freeze" in page and "Retired" in page and "Offer again" in page


def test_a_duplicate_reason_comes_back_with_the_typed_label_and_a_message(client, manager, reasons):
    client.force_login(manager)
    response = client.post(
        reverse("submittals:lossreason_add"), {"label": "No Response", "side": "either"}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Your team already has this reason." in body
    assert 'value="No Response"' in body


def test_salespeople_read_the_list_but_cannot_change_it(client, owner, team, reasons):
    client.force_login(owner)
    page = client.get(REASONS).content.decode()
    assert "Accepted another offer" in page
    assert "Add a reason" not in page
    response = client.post(reverse("submittals:lossreason_add"), {"label": "X", "side": "client"})
    assert response.status_code == 403
    assert not team.loss_reasons.filter(label="X").exists()


def test_another_teams_reason_is_not_found(client, manager, other_team, reasons):
    client.force_login(manager)
    theirs = reason(other_team, "No response")
    response = client.post(reverse("submittals:lossreason_retire", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.retired


# --- the reason on a submittal -------------------------------------------------------------


def test_the_reason_must_fit_who_said_no(owner, team, reasons):
    rejected = lost(owner)
    with pytest.raises(ValidationError) as refused:
        submittal_set_loss(submittal=rejected, loss_reason=reason(team, "Accepted another offer"))
    assert "is not why the client says no" in refused.value.messages[0]
    withdrawn = lost(owner, status=Submittal.Status.WITHDRAWN)
    submittal_set_loss(submittal=withdrawn, loss_reason=reason(team, "Accepted another offer"))
    assert withdrawn.loss_reason.label == "Accepted another offer"


def test_a_submittal_still_in_the_running_has_no_loss_to_explain(owner, team, reasons):
    active = lost(owner, status=Submittal.Status.INTERVIEWED)
    with pytest.raises(ValidationError) as refused:
        submittal_set_loss(submittal=active, loss_reason=reason(team, "No response"))
    assert "there is no loss to explain" in refused.value.messages[0]


def test_a_retired_reason_stays_where_it_was_used_but_is_offered_no_more(
    client, owner, team, reasons
):
    freeze = reason(team, "Role on hold or cancelled")
    old = lost(owner)
    submittal_set_loss(submittal=old, loss_reason=freeze)
    lossreason_set_retired(reason=freeze, retired=True)
    client.force_login(owner)
    page = client.get(reverse("submittals:detail", args=[old.pk])).content.decode()
    assert "Role on hold or cancelled" in page  # still its reason, still in its picker
    new = lost(owner)
    response = client.post(
        reverse("submittals:loss", args=[new.pk]),
        {"loss_reason": freeze.pk, "loss_note": "Budget moved to next year"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert "Budget moved to next year" in body  # nothing typed is lost


def test_the_salesperson_says_why_on_the_submittal_page(client, owner, team, reasons):
    rejected = lost(owner)
    client.force_login(owner)
    page = client.get(reverse("submittals:detail", args=[rejected.pk])).content.decode()
    assert "No reason given yet" in page
    assert "Accepted another offer" not in page  # a candidate's reason: not for a rejection
    response = client.post(
        reverse("submittals:loss", args=[rejected.pk]),
        {
            "loss_reason": reason(team, "Rate above the client's budget").pk,
            "loss_note": "Capped at 95/h",
        },
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Reason saved: Rate above the client&#x27;s budget." in page
    assert "“Capped at 95/h”" in page


def test_a_teammate_cannot_say_why_for_someone_elses_submittal(client, owner, teammate, reasons):
    rejected = lost(owner)
    client.force_login(teammate)
    response = client.post(
        reverse("submittals:loss", args=[rejected.pk]), {"loss_reason": "", "loss_note": "x"}
    )
    assert response.status_code == 403
    rejected.refresh_from_db()
    assert rejected.loss_note == ""


def test_back_in_the_running_the_reason_is_cleared(owner, team, reasons):
    rejected = lost(owner)
    submittal_set_loss(submittal=rejected, loss_reason=reason(team, "Interview performance"))
    submittal_change_status(
        submittal=rejected, status=Submittal.Status.INTERVIEW_SCHEDULED, changed_by=owner
    )
    rejected.refresh_from_db()
    assert rejected.loss_reason is None


def test_the_pipeline_row_of_a_lost_candidate_shows_the_reason_or_asks_for_it(
    client, owner, team, reasons
):
    job = JobOrderFactory(owner=owner)
    with_reason = SubmittalFactory(job_order=job, status=Submittal.Status.REJECTED)
    submittal_set_loss(submittal=with_reason, loss_reason=reason(team, "Team or culture fit"))
    without = SubmittalFactory(job_order=job, status=Submittal.Status.WITHDRAWN)
    client.force_login(owner)
    page = client.get(reverse("joborders:detail", args=[job.pk])).content.decode()
    assert "Team or culture fit" in page
    ask = reverse("submittals:detail", args=[without.pk]) + "#loss"
    assert f'href="{ask}">Say why' in page


# --- the feedback call ---------------------------------------------------------------------


def call_values(plan, owner, outcome, loss_reason=None):
    return {
        "plan": plan,
        "called_by": owner,
        "called_at": plan.submittal.interview_at + datetime.timedelta(hours=2),
        "outcome": outcome,
        "closing_question_asked": None,
        "commitment": "",
        "next_step": "",
        "notes": "",
        "raised": [],
        "loss_reason": loss_reason,
    }


@pytest.fixture
def interviewed(owner):
    interview = datetime.datetime(2026, 11, 20, 15, tzinfo=datetime.UTC)
    submittal = SubmittalFactory(
        job_order=JobOrderFactory(owner=owner),
        status=Submittal.Status.INTERVIEWED,
        interview_at=interview,
    )
    return CallPlanFactory(submittal=submittal, author=owner)


def test_a_rejection_logged_with_its_reason_keeps_the_reason(owner, team, reasons, interviewed):
    skills = reason(team, "Skills or experience gap")
    feedbackcall_record(**call_values(interviewed, owner, FeedbackCall.Outcome.REJECTED, skills))
    submittal = Submittal.objects.get(pk=interviewed.submittal_id)
    assert (submittal.status, submittal.loss_reason) == (Submittal.Status.REJECTED, skills)


def test_a_reason_with_an_offer_is_refused_and_nothing_is_recorded(
    owner, team, reasons, interviewed
):
    with pytest.raises(ValidationError) as refused:
        feedbackcall_record(
            **call_values(
                interviewed, owner, FeedbackCall.Outcome.OFFER, reason(team, "No response")
            )
        )
    assert "explains a rejection" in refused.value.message_dict["loss_reason"][0]
    assert not FeedbackCall.objects.exists()


def test_the_feedback_form_offers_the_clients_reasons_only(client, owner, reasons, interviewed):
    client.force_login(owner)
    page = client.get(reverse("callplans:feedback_new", args=[interviewed.pk])).content.decode()
    assert "If the client said no: why?" in page
    assert "Skills or experience gap" in page
    assert "Accepted another offer" not in page


# --- the metrics ----------------------------------------------------------------------------


def test_the_metrics_count_the_losses_of_the_period_by_reason(manager, owner, team, reasons):
    def lose(status, when, label=None):
        submittal = submittal_create(
            job_order=JobOrderFactory(owner=owner, received_on=datetime.date(2026, 9, 1)),
            candidate=CandidateFactory(),
            submitted_by=owner,
            submitted_at=datetime.datetime(2026, 9, 2, 10, tzinfo=datetime.UTC),
        )
        submittal_change_status(
            submittal=submittal,
            status=status,
            changed_by=owner,
            changed_at=datetime.datetime(2026, *when, 10, tzinfo=datetime.UTC),
        )
        if label:
            submittal_set_loss(submittal=submittal, loss_reason=reason(team, label))

    rejected, withdrawn = Submittal.Status.REJECTED, Submittal.Status.WITHDRAWN
    lose(rejected, (10, 5), "Rate above the client's budget")
    lose(rejected, (11, 2), "Rate above the client's budget")
    lose(withdrawn, (11, 3), "No response")
    lose(rejected, (11, 4), "No response")
    lose(rejected, (11, 9))
    lose(withdrawn, (11, 10), "Accepted another offer")
    lose(rejected, (9, 20), "Interview performance")  # before the range: not counted
    scope = metrics_scope_for(manager, scope="team")
    losses = metrics_for(scope, MonthRange(datetime.date(2026, 10, 1), datetime.date(2026, 11, 1)))
    rows = [(r.label, r.rejected, r.withdrawn, r.total) for r in losses.losses]
    assert rows == [
        ("No response", 1, 1, 2),
        ("Rate above the client's budget", 2, 0, 2),
        ("Accepted another offer", 0, 1, 1),
        (NO_REASON, 1, 0, 1),
    ]
