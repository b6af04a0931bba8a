from django.urls import reverse

from callplans.models import CallPlan, PracticeSession
from callplans.services import objection_add, objectiontemplate_create


def test_practice_shows_each_objection_with_its_rebuttal(client, owner, plan):
    objection_add(
        plan=plan, category="other", text="Rate too high", rebuttal="Cheaper than a delay"
    )
    client.force_login(owner)
    body = client.get(reverse("callplans:practice", args=[plan.pk])).content.decode()
    assert "“Rate too high”" in body and "Cheaper than a delay" in body
    assert "Reveal the rebuttal" in body


def test_practice_can_add_the_team_library_for_the_jobs_skills(
    client, owner, plan, kubernetes_gap, team
):
    objectiontemplate_create(
        team=team,
        category="skill_gap",
        text="Kube doubts",
        rebuttal="EKS",
        skill=kubernetes_gap.skill,
    )
    client.force_login(owner)
    url = reverse("callplans:practice", args=[plan.pk])
    assert "Kube doubts" not in client.get(url).content.decode()
    assert "Kube doubts" in client.get(url, {"library": "1"}).content.decode()


def test_finishing_practice_stores_each_card_and_marks_the_plan_rehearsed(client, owner, plan):
    first = objection_add(plan=plan, category="other", text="One")
    second = objection_add(plan=plan, category="other", text="Two")
    client.force_login(owner)
    response = client.post(
        reverse("callplans:practice", args=[plan.pk]),
        {
            "partner": "Dana",
            f"card-o{first.pk}": "nailed",
            f"card-o{second.pk}": "shaky",
            f"note-o{second.pk}": "Too long an answer",
        },
        follow=True,
    )
    assert "Practice recorded: 1 nailed, 1 shaky, 0 missed." in response.content.decode()
    stored = CallPlan.objects.get(pk=plan.pk)
    assert stored.rehearsed_at is not None
    assert stored.history.first().history_change_reason == (
        "Rehearsed objections with Dana: 1 nailed, 1 shaky, 0 missed"
    )
    session = PracticeSession.objects.get(plan=plan)
    cards = [(i.objection_id, i.prompt, i.result, i.note) for i in session.items.all()]
    assert cards == [
        (first.pk, "One", "nailed", ""),
        (second.pk, "Two", "shaky", "Too long an answer"),
    ]


def test_finishing_without_marking_anything_records_nothing(client, owner, plan):
    objection_add(plan=plan, category="other", text="One")
    client.force_login(owner)
    response = client.post(reverse("callplans:practice", args=[plan.pk]), follow=True)
    assert "Mark at least one card" in response.content.decode()
    assert CallPlan.objects.get(pk=plan.pk).rehearsed_at is None


def test_a_teammate_may_practice_but_not_record_it(client, teammate, plan):
    client.force_login(teammate)
    url = reverse("callplans:practice", args=[plan.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"card-o1": "nailed"}).status_code == 403
