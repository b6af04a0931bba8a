"""Each skill-row and engagement save on the profile tells the page what to focus and say."""

import json

from django.urls import reverse

from tests.factories import CandidateFactory, CandidateSkillFactory, EngagementFactory, SkillFactory

HTMX = {"HX-Request": "true"}


def said(response) -> dict:
    return json.loads(response["HX-Trigger-After-Settle"])["dr:done"]


def test_removing_a_skill_focuses_the_next_row_then_the_add_box(client, owner):
    candidate = CandidateFactory(owner=owner)
    go, rust = (
        CandidateSkillFactory(candidate=candidate, skill=SkillFactory(name=name), years=years)
        for name, years in (("Go", 6), ("Rust", 4))
    )
    client.force_login(owner)

    def remove(row):
        url = reverse("candidates:skill_remove", args=[candidate.pk, row.pk])
        return client.post(url, headers=HTMX)

    assert said(remove(go)) == {"focus": f"#skill-{rust.pk}", "say": "Go removed"}
    assert said(remove(rust))["focus"] == "#id_add_skill_skill"


def test_deleting_an_engagement_focuses_the_next_card(client, owner):
    candidate = CandidateFactory(owner=owner)
    newer = EngagementFactory(candidate=candidate, start_date="2024-01-01")
    older = EngagementFactory(candidate=candidate, start_date="2020-01-01")
    client.force_login(owner)
    url = reverse("candidates:engagement_delete", args=[candidate.pk, newer.pk])
    response = client.post(url, headers=HTMX)
    assert said(response) == {"focus": f"#engagement-{older.pk}", "say": "Engagement deleted"}
