"""Hostile text typed into any field comes back literally: escaped in pages, printed as typed in
the plan PDF, and as typed in CSV downloads (where a cell that would run as a formula is
neutralised)."""

import csv
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    ClientFactory,
    ClosingQuestionFactory,
    EngagementFactory,
    JobOrderFactory,
    ObjectionFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    ReferenceFindingFactory,
    RequirementFactory,
    SubmittalFactory,
)

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ 7*7 }}"
RAW = [SCRIPT, IMG, "<img src=x"]
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"


def hostile(tag: str) -> str:
    """A field's value: its name, then the three attacks."""
    return f"{tag} {SCRIPT} {IMG} {TEMPLATE}"


def escaped(tag: str) -> str:
    return f"{tag} {ESCAPED_SCRIPT} {ESCAPED_IMG} {TEMPLATE}"


@pytest.fixture
def world(owner):
    cache.clear()  # the plan PDF is cached by version
    client_company = ClientFactory(owner=owner, name=hostile("client"))
    job = JobOrderFactory(
        owner=owner,
        client=client_company,
        title=hostile("title"),
        project_goal=hostile("goal"),
        project_scope=hostile("scope"),
    )
    need = RequirementFactory(job_order=job, description=hostile("challenge"))
    RequirementFactory(job_order=job, kind="result", description="=1+1 releases a day")
    candidate = CandidateFactory(
        owner=owner,
        first_name=hostile("first"),
        last_name=hostile("last"),
        headline=hostile("headline"),
        location="@SUM(A1) city",
        summary=hostile("summary"),
    )
    engagement = EngagementFactory(
        candidate=candidate,
        employer=hostile("employer"),
        project_name=hostile("project"),
        role=hostile("role"),
        summary=hostile("engsummary"),
        challenges_solved=hostile("solved"),
        deliverables=hostile("delivered"),
        results=hostile("results"),
    )
    reference = ReferenceFactory(
        candidate=candidate, engagement=engagement, name=hostile("refname"), company="Acme"
    )
    call = ReferenceCallFactory(
        called_by=owner,
        reference=reference,
        job_order=job,
        summary=hostile("callsummary"),
        strengths=hostile("strengths"),
        concerns=hostile("concerns"),
    )
    ReferenceFindingFactory(call=call, requirement=need, quote=hostile("quote"))
    submittal = SubmittalFactory(job_order=job, candidate=candidate, submitted_by=owner)
    plan = CallPlanFactory(
        submittal=submittal,
        author=owner,
        candidate_story=hostile("story"),
        next_action=hostile("next"),
    )
    plan.closing_questions.set([ClosingQuestionFactory(team=owner.team, text=hostile("closing"))])
    ObjectionFactory(plan=plan, text=hostile("objection"), rebuttal=hostile("rebuttal"))
    return {"job": job, "candidate": candidate, "call": call, "plan": plan}


PAGES = {
    "job order": (
        lambda w: reverse("joborders:detail", args=[w["job"].pk]),
        ["title", "client", "goal", "challenge", "first", "last"],
    ),
    "candidate": (
        lambda w: reverse("candidates:detail", args=[w["candidate"].pk]),
        ["first", "last", "headline", "summary", "employer", "solved", "delivered", "results"],
    ),
    "reference call": (
        lambda w: reverse("references:call_detail", args=[w["call"].pk]),
        ["refname", "first", "callsummary", "strengths", "concerns", "quote"],
    ),
    "call plan": (
        lambda w: reverse("callplans:detail", args=[w["plan"].pk]),
        ["story", "next", "objection", "rebuttal", "closing", "title", "first"],
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_hostile_text_is_shown_escaped_and_never_raw(client, owner, world, page):
    url, fields = PAGES[page]
    client.force_login(owner)
    response = client.get(url(world))
    assert response.status_code == 200
    body = response.content.decode()
    for raw in RAW:
        assert raw not in body, f"{raw!r} reached the {page} page unescaped"
    for field in fields:
        assert escaped(field) in body, f"{field} is not shown (escaped) on the {page} page"


def test_the_plan_pdf_prints_hostile_text_as_typed(client, owner, world):
    client.force_login(owner)
    response = client.get(reverse("callplans:pdf", args=[world["plan"].pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for field in ("story", "next", "objection", "rebuttal", "title"):
        assert hostile(field) in text, f"{field} is not printed as typed"
    assert "&lt;" not in text and "&quot;" not in text


def _csv(client, table: str) -> list[dict]:
    response = client.get(f"/team/export/{table}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_team_csv_export_keeps_hostile_text_as_typed_and_neutralises_formulas(
    client, manager, world
):
    client.force_login(manager)
    jobs = _csv(client, "joborders")
    assert [(j["title"], j["project_goal"]) for j in jobs] == [(hostile("title"), hostile("goal"))]
    needs = {r["description"] for r in _csv(client, "requirements")}
    assert needs == {hostile("challenge"), "'=1+1 releases a day"}
    candidate = _csv(client, "candidates")[0]
    assert (candidate["first_name"], candidate["location"]) == (hostile("first"), "'@SUM(A1) city")
    objection = _csv(client, "objections")[0]
    assert (objection["text"], objection["rebuttal"]) == (
        hostile("objection"),
        hostile("rebuttal"),
    )
    plan = _csv(client, "call_plans")[0]
    assert plan["next_action"] == hostile("next")
