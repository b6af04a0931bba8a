import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from callplans.models import CallPlan, Objection, PlanReview
from callplans.services import objection_add, planevidence_link
from joborders.models import Requirement
from tests.factories import (
    CandidateSkillFactory,
    EngagementFactory,
    FeedbackCallFactory,
    PlanReviewFactory,
    RaisedObjectionFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
    UserFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def detail(plan):
    return reverse("callplans:detail", args=[plan.pk])


def test_the_plan_page_follows_the_sources_order(client, owner, plan):
    client.force_login(owner)
    body = client.get(detail(plan)).content.decode()
    headings = [
        '<h2 id="overview-h" class="h4">Customer Project Overview',
        '<h2 id="evidence-h" class="h4">My Candidate\'s Relevant Experience and Solution Offering',
        '<h2 id="references-h" class="h4">References',
        '<h2 id="objections-h" class="h4">Potential Objections',
        '<h2 id="story-h" class="h4">Closing questions and next action',
    ]
    positions = [body.index(h) for h in headings]
    assert positions == sorted(positions)
    assert 'href="tel:+15125550147"' in body


@pytest.mark.parametrize(
    ("role", "status"), [("teammate", 200), ("manager", 200), ("outsider", 404)]
)
def test_who_may_read_a_plan(request, client, plan, role, status):
    client.force_login(request.getfixturevalue(role))
    assert client.get(detail(plan)).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("owner", 302), ("manager", 302), ("teammate", 403), ("outsider", 404), ("superuser", 302)],
)
def test_who_may_change_a_plan(request, client, plan, role, status):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("callplans:objection_add", args=[plan.pk]),
        {
            "new-version": plan.version,
            "new-text": "Too junior",
            "new-category": "other",
            "new-likelihood": "high",
            "new-source": "manual",
        },
    )
    assert response.status_code == status
    assert Objection.objects.filter(text="Too junior").exists() is (status == 302)


def test_a_teammate_reads_the_plan_without_edit_controls(client, owner, teammate, plan):
    client.force_login(owner)
    body = client.get(detail(plan)).content.decode()
    assert "Write an objection of your own" in body and "Mark ready to dial" in body
    client.force_login(teammate)
    body = client.get(detail(plan)).content.decode()
    assert "Write an objection of your own" not in body and "Mark ready to dial" not in body


def test_the_form_for_an_objection_of_ones_own_comes_when_asked(client, owner, plan):
    client.force_login(owner)
    assert 'name="new-text"' not in client.get(detail(plan)).content.decode()
    url = reverse("callplans:objection_add", args=[plan.pk])
    opened = client.get(url, **HTMX)
    body = opened.content.decode()
    assert body.startswith('\n<section id="objections"') and 'name="new-text"' in body
    assert f'name="new-version" value="{plan.version}"' in body
    assert '"focus": "#id_new-text"' in opened.headers["HX-Trigger-After-Settle"]
    closed = client.get(url, {"cancel": "1"}, **HTMX).content.decode()
    assert 'name="new-text"' not in closed and "Write an objection of your own" in closed
    # Without JavaScript the link opens the whole plan page with the form.
    page = client.get(url).content.decode()
    assert "<html" in page and 'name="new-text"' in page and 'id="write-objection"' in page


def test_preparing_a_plan_from_a_submittal_opens_it(client, owner, job_order):
    submittal = SubmittalFactory(job_order=job_order, submitted_by=owner)
    client.force_login(owner)
    response = client.post(reverse("callplans:prepare", args=[submittal.pk]))
    plan = CallPlan.objects.get(submittal=submittal)
    assert response.url == detail(plan)
    assert client.post(reverse("callplans:prepare", args=[submittal.pk])).url == detail(plan)


def test_an_outsider_cannot_prepare_a_plan_for_another_teams_submittal(
    client, outsider, job_order, owner
):
    submittal = SubmittalFactory(job_order=job_order, submitted_by=owner)
    client.force_login(outsider)
    assert client.post(reverse("callplans:prepare", args=[submittal.pk])).status_code == 404
    assert not CallPlan.objects.exists()


def test_accepting_a_suggested_objection_with_htmx_returns_the_section_and_new_version(
    client, owner, plan, kubernetes_gap
):
    client.force_login(owner)
    page = client.get(detail(plan)).content.decode()
    assert "We need 4 years of Kubernetes" in page
    response = client.post(
        reverse("callplans:objection_add", args=[plan.pk]),
        {
            "new-version": plan.version,
            "new-text": "We need 4 years of Kubernetes and I don't see it on Alex's résumé.",
            "new-category": "skill_gap",
            "new-likelihood": "high",
            "new-source": "suggested",
            "new-requirement": kubernetes_gap.pk,
        },
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('\n<section id="objections"')
    assert (
        f'id="plan-version" name="version" value="{plan.version + 1}" data-hx-swap-oob="true"'
        in body
    )
    assert plan.objections.get().requirement == kubernetes_gap


def test_a_stale_edit_gets_409_keeps_the_typed_text_and_overwrites_nothing(client, owner, plan):
    objection = objection_add(plan=plan, category="other", text="Rate too high", rebuttal="Theirs")
    client.force_login(owner)
    response = client.post(
        reverse("callplans:objection_edit", args=[plan.pk, objection.pk]),
        {
            f"o{objection.pk}-version": plan.version - 1,
            f"o{objection.pk}-text": "Rate too high",
            f"o{objection.pk}-rebuttal": "My carefully typed rebuttal",
            f"o{objection.pk}-category": "other",
            f"o{objection.pk}-likelihood": "high",
        },
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this plan" in body
    assert "My carefully typed rebuttal" in body
    objection.refresh_from_db()
    assert objection.rebuttal == "Theirs"


def test_an_empty_objection_text_is_refused_next_to_the_field(client, owner, plan):
    client.force_login(owner)
    response = client.post(
        reverse("callplans:objection_add", args=[plan.pk]),
        {
            "new-version": plan.version,
            "new-text": "",
            "new-rebuttal": "Kept rebuttal",
            "new-category": "other",
            "new-likelihood": "high",
            "new-source": "manual",
        },
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "This field is required" in body and "Kept rebuttal" in body


def test_confirming_a_suggested_engagement_makes_the_need_strong(client, owner, plan):
    requirement = RequirementFactory(
        job_order=plan.submittal.job_order, description="Releases take two days and often fail"
    )
    engagement = EngagementFactory(
        candidate=plan.submittal.candidate,
        employer="Northwind",
        challenges_solved="Releases took two days and failed often",
    )
    client.force_login(owner)
    assert "Confirm evidence" in client.get(detail(plan)).content.decode()
    response = client.post(
        reverse("callplans:evidence_link", args=[plan.pk]),
        {
            "version": plan.version,
            "requirement": requirement.pk,
            "engagement": engagement.pk,
            "similarity_note": "Same release pain at a bank",
        },
        **HTMX,
    )
    body = response.content.decode()
    assert """<span class="label">Like the customer's:</span> Same release pain at a bank""" in body
    assert "status-strong" in body


def test_marking_ready_says_what_is_missing(client, owner, plan):
    client.force_login(owner)
    response = client.post(
        reverse("callplans:mark_ready", args=[plan.pk]), {"version": plan.version}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Still missing" in body and "Next action set" in body
    assert CallPlan.objects.get(pk=plan.pk).status == "draft"


def test_the_plan_list_shows_my_plans(client, owner, plan, manager):
    client.force_login(owner)
    body = client.get(reverse("callplans:list")).content.decode()
    assert str(plan.submittal.candidate) in body
    client.force_login(manager)
    assert (
        str(plan.submittal.candidate) not in client.get(reverse("callplans:list")).content.decode()
    )
    team = client.get(reverse("callplans:list"), {"who": "team"}).content.decode()
    assert str(plan.submittal.candidate) in team


def grow(plan, size):
    for n in range(size):
        skill = SkillFactory(name=f"Skill {n}")
        RequirementFactory(
            job_order=plan.submittal.job_order, kind="skill", skill=skill, min_years=3
        )
        CandidateSkillFactory(candidate=plan.submittal.candidate, skill=skill, years=n % 5)
        challenge = RequirementFactory(
            job_order=plan.submittal.job_order, description=f"Challenge {n} releases"
        )
        engagement = EngagementFactory(candidate=plan.submittal.candidate, skills=[skill])
        planevidence_link(
            plan=plan,
            requirement=challenge,
            engagement=engagement,
            similarity_note=f'Same "release train", {n} squads',
        )
        objection = objection_add(plan=plan, category="other", text=f"Objection {n}", rebuttal="r")
        call = FeedbackCallFactory(
            plan=plan, called_at=timezone.now() - timedelta(days=size - n), outcome="next_round"
        )
        RaisedObjectionFactory(feedback_call=call, objection=objection, text=f"Raised {n}")
        RaisedObjectionFactory(feedback_call=call, text=f"Unforeseen {n}", handled="no")


@pytest.mark.parametrize("size", [3, 30])
def test_the_plan_page_runs_the_same_queries_for_3_or_30_requirements(
    client, owner, plan, size, django_assert_num_queries
):
    grow(plan, size)
    client.force_login(owner)
    # Session, user with team, plan, reference calls and findings (gap and references), the gap
    # inputs (requirements, engagements with their skills, words and evidence links),
    # objections, library with records, closing questions (once, even for a team with none),
    # raised counts, feedback calls with their raised objections; the history, the reviews and
    # the candidate's skills come in the plan's row.
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(12):
        response = client.get(detail(plan))
    body = response.content.decode()
    assert body.count('data-testid="gap-row"') == 2 * size
    assert f"Same &quot;release train&quot;, {size - 1} squads" in body  # the links' notes
    assert body.count('data-testid="feedback-call"') == size
    assert body.count('data-testid="raised-objection"') == 2 * size
    newest = body.index(f"Raised {size - 1}")
    assert newest < body.index(f"Unforeseen {size - 1}") < body.index(f"Raised {size - 2}")
    assert body.count("Not anticipated") == size  # the raised objections not in the plan


@pytest.mark.parametrize("size", [3, 30])
def test_the_plan_list_runs_the_same_queries_for_3_or_30_plans(
    client, owner, job_order, size, django_assert_num_queries
):
    from callplans.services import callplan_create

    for _ in range(size):
        submittal = SubmittalFactory(job_order=job_order, submitted_by=owner)
        callplan_create(submittal=submittal, author=owner)
    client.force_login(owner)
    # session, user with team, count, page of plans with candidate, job, client and author
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(5):
        response = client.get(reverse("callplans:list"), {"who": "team"})
    assert response.content.decode().count('<td><a href="/plans/') == min(size, 25)


def test_the_plan_list_never_shows_another_teams_plans(client, outsider, plan):
    client.force_login(outsider)
    body = client.get(reverse("callplans:list"), {"who": "team"}).content.decode()
    assert str(plan.submittal.candidate) not in body
    assert "No plans yet" in body


def test_the_overview_says_none_recorded_for_each_kind_the_job_order_lacks(client, owner, plan):
    """A job order with only skill rows: every overview list says so, none is an empty list."""
    RequirementFactory(
        job_order=plan.submittal.job_order,
        kind=Requirement.Kind.SKILL,
        skill=SkillFactory(name="Terraform"),
        description="",
    )
    client.force_login(owner)
    body = client.get(reverse("callplans:detail", args=[plan.pk])).text
    overview = body[
        body.index('id="overview"') : body.index("</section>", body.index('id="overview"'))
    ]
    assert overview.count("None recorded.") == 3


def test_the_plan_page_shows_its_reviews_newest_first_with_who_and_what(
    client, owner, manager, plan
):
    manager.first_name, manager.last_name = "Maria", "Lopez"
    manager.save()
    older = PlanReviewFactory(
        plan=plan, reviewer=manager, decision="needs_work", comment="Rebut the <k8s> gap"
    )
    PlanReview.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=1))
    PlanReviewFactory(plan=plan, reviewer=UserFactory(username="theo", first_name="", last_name=""))
    client.force_login(owner)
    body = client.get(detail(plan)).content.decode()
    decisions = re.findall(r'data-testid="review-decision">([^<]+)<', body)
    assert decisions == ["Approved", "Needs work"]
    assert "by <strong>theo</strong>" in body  # no full name: the username
    assert "by <strong>Maria Lopez</strong>" in body
    assert "Rebut the &lt;k8s&gt; gap" in body


def test_the_plan_history_box_shows_the_last_twelve_changes_newest_first(
    client, owner, manager, plan
):
    for n in range(14):
        plan.next_action = f"Step {n}"
        plan._change_reason = f"Change {n}"
        plan._history_user = manager if n == 13 else None
        plan.save()
    client.force_login(owner)
    body = client.get(detail(plan)).content.decode()
    box = body[body.index('id="history-h"') : body.index("Full history and restore")]
    changes = re.findall(r"· ([^:<]+): (Change \d+|Saved)</li>", box)
    assert len(changes) == 12
    assert changes[0] == (str(manager), "Change 13")
    assert [what for _, what in changes] == [f"Change {n}" for n in range(13, 1, -1)]
    assert all(who == "DialReady" for who, _ in changes[1:])
