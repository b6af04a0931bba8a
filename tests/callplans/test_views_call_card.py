"""The call card at the top of the plan page: who, when, status, the most likely objections with
their rebuttals' first lines, the close and the next action; what is missing says so and links to
where it is fixed. Also the objection rows: read-only until Edit fetches the row's form."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from callplans.services import callplan_update, feedbackcall_record, objection_add
from core.dates import format_day
from joborders.models import Requirement
from tests.factories import ClientContactFactory, RequirementFactory, SkillFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def detail(plan):
    return reverse("callplans:detail", args=[plan.pk])


def card(body: str) -> str:
    return body.split('data-testid="call-card"', 1)[1].split("</section>", 1)[0]


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_the_card_says_who_to_call_with_a_phone_link(client, owner, plan):
    job = plan.submittal.job_order
    job.contact = ClientContactFactory(
        client=job.client, name="Dana Ruiz", title="VP Platform", phone="+1 512 555 0147"
    )
    job.save()
    client.force_login(owner)
    fragment = card(client.get(detail(plan)).content.decode())
    assert "Dana Ruiz, VP Platform" in text(fragment)
    assert 'href="tel:+15125550147" class="fw-semibold text-nowrap">+1 512 555 0147</a>' in fragment


def test_what_is_missing_says_so_and_links_to_where_it_is_fixed(client, owner, plan):
    job = plan.submittal.job_order
    job.contact = None
    job.save()
    client.force_login(owner)
    fragment = card(client.get(detail(plan)).content.decode())
    words = text(fragment)
    assert "No client contact. Add one on the job order" in words
    assert reverse("joborders:edit", args=[plan.submittal.job_order.pk]) in fragment
    assert "No objections in the plan yet. Add the suggested ones" in words
    assert "No closing question chosen. Choose one" in words
    assert "No next action yet. Write the step to ask for" in words
    assert 'href="#story"' in fragment and 'href="#objections"' in fragment


def test_the_card_holds_the_four_most_likely_objections_with_their_first_lines(client, owner, plan):
    for n, likelihood in enumerate(["low", "high", "medium", "low", "high", "medium"]):
        objection_add(
            plan=plan,
            category="other",
            text=f"Objection {n}",
            likelihood=likelihood,
            rebuttal=f"First line {n}. The rest of rebuttal {n}.",
        )
    objection_add(plan=plan, category="other", text="Unanswered", likelihood="high")
    client.force_login(owner)
    body = client.get(detail(plan)).content.decode()
    fragment = card(body)
    shown = re.findall(r'<span class="fw-semibold">([^<]+)</span>', fragment)
    assert shown == ["Objection 1", "Objection 4", "Unanswered", "Objection 2"]
    assert '<span class="rebuttal-first">First line 1.</span>' in fragment
    assert "The rest of rebuttal 1." in fragment  # inside the details that open on demand
    assert "No rebuttal yet. Write one" in text(fragment)
    assert body.count('data-testid="most-likely"') == 4


def test_the_card_shows_the_chosen_close_and_the_next_action(client, owner, plan, closing_question):
    callplan_update(
        plan=plan,
        version=plan.version,
        candidate_story="",
        next_action="Extend an offer by Friday",
        closing_questions=[closing_question],
    )
    client.force_login(owner)
    words = text(card(client.get(detail(plan)).content.decode()))
    assert "Close with: Shall I extend an offer on your behalf?" in words
    assert "Ask for: Extend an offer by Friday" in words


def test_after_the_feedback_call_the_status_follows_the_call(client, owner, plan):
    called = timezone.now() - datetime.timedelta(hours=1)
    feedbackcall_record(
        plan=plan,
        called_by=owner,
        called_at=called,
        outcome="offer",
        closing_question_asked=None,
        commitment="Offer letter by Friday",
        next_step="Start date call on Monday",
        notes="",
        raised=[],
    )
    client.force_login(owner)
    fragment = card(client.get(detail(plan)).content.decode())
    words = text(fragment)
    assert f"Called {format_day(called)} — offer" in words
    assert "Commitment: Offer letter by Friday" in words
    assert "Next step: Start date call on Monday" in words
    assert "Ask for:" not in words


def test_an_objection_ranks_with_its_reason(client, owner, plan):
    requirement = RequirementFactory(
        job_order=plan.submittal.job_order,
        kind=Requirement.Kind.SKILL,
        skill=SkillFactory(name="Terraform"),
        min_years=3,
        must_have=True,
        description="",
    )
    objection_add(
        plan=plan,
        category="skill_gap",
        text="No Terraform",
        requirement=requirement,
        likelihood="high",
    )
    client.force_login(owner)
    body = client.get(detail(plan)).content.decode()
    assert "High likelihood · must-have · no years" in html.unescape(body)


# --- Objection rows: read-only until Edit ------------------------------------------------------


@pytest.fixture
def objection(plan):
    return objection_add(plan=plan, category="other", text="Rate is high", rebuttal="Value")


def edit_url(plan, objection):
    return reverse("callplans:objection_edit", args=[plan.pk, objection.pk])


def test_the_plan_page_renders_no_objection_form_until_edit(client, owner, plan, objection):
    client.force_login(owner)
    body = client.get(detail(plan)).content.decode()
    assert 'data-testid="objection-form"' not in body
    assert f'href="{edit_url(plan, objection)}"' in body


def test_edit_over_htmx_answers_the_section_with_that_row_open(client, owner, plan, objection):
    client.force_login(owner)
    response = client.get(edit_url(plan, objection), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="objections"')
    assert body.count('data-testid="objection-form"') == 1
    assert 'value="Rate is high"' in body and "\nValue</textarea>" in body


def test_edit_without_javascript_opens_the_whole_page_with_the_row_open(
    client, owner, plan, objection
):
    client.force_login(owner)
    body = client.get(edit_url(plan, objection)).content.decode()
    assert 'data-testid="call-card"' in body
    assert body.count('data-testid="objection-form"') == 1


def test_cancel_closes_the_row_again(client, owner, plan, objection):
    client.force_login(owner)
    body = client.get(edit_url(plan, objection) + "?cancel=1", **HTMX).content.decode()
    assert 'data-testid="objection-form"' not in body and "Rate is high" in body


def test_a_refused_edit_keeps_the_row_open_with_what_was_typed(client, owner, plan, objection):
    client.force_login(owner)
    response = client.post(
        edit_url(plan, objection),
        {
            f"o{objection.pk}-version": plan.version,
            f"o{objection.pk}-text": "",
            f"o{objection.pk}-rebuttal": "Kept rebuttal",
            f"o{objection.pk}-category": "other",
            f"o{objection.pk}-likelihood": "high",
        },
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert 'data-testid="objection-form"' in body and "\nKept rebuttal</textarea>" in body


def test_a_save_refreshes_the_card_out_of_band(client, owner, plan, objection):
    client.force_login(owner)
    response = client.post(
        edit_url(plan, objection),
        {
            f"o{objection.pk}-version": plan.version,
            f"o{objection.pk}-text": "Rate is high",
            f"o{objection.pk}-rebuttal": "One outage costs more. Ask the reference.",
            f"o{objection.pk}-category": "other",
            f"o{objection.pk}-likelihood": "high",
        },
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert '<header id="header" class="plan-header mb-3" data-hx-swap-oob="true">' in body
    assert '<span class="rebuttal-first">One outage costs more.</span>' in body


@pytest.mark.parametrize("size", [3, 30])
def test_opening_a_rows_form_reads_the_same_queries_for_3_or_30_objections(
    client, owner, plan, size, django_assert_num_queries
):
    objections = [
        objection_add(plan=plan, category="other", text=f"Objection {n}", rebuttal="r")
        for n in range(size)
    ]
    client.force_login(owner)
    # Session, user, the plan's access check and objection, then the plan page's bundle (its
    # evidence links come in the engagements' rows; its reviews, history and the candidate's
    # skills in the plan's).
    with django_assert_num_queries(13):
        response = client.get(edit_url(plan, objections[0]), **HTMX)
    assert response.content.decode().count('data-testid="objection"') == size
