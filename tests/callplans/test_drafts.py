"""Objections in the client's words, their likelihood with reasons, and rebuttals drafted from the
plan's own evidence (callplans/objections.py and callplans/drafts.py)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from callplans.drafts import draft_rebuttal
from callplans.gaps import (
    CONCERN,
    GAP,
    PARTIAL,
    EngagementEvidence,
    GapRow,
    ReferenceEvidence,
    SkillEvidence,
    Suggestion,
)
from callplans.models import Objection
from callplans.objections import likelihood_score, objection_note, objection_text
from callplans.selectors import plan_page_for
from candidates.services import skill_create, skillfamily_create, skillfamily_set_members
from references.services import finding_record
from tests.factories import (
    CandidateSkillFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    RequirementFactory,
    SkillFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def row(kind="skill", status=GAP, *, must_have=True, text="Terraform, 3+ years", **extra):
    values = {
        "requirement_id": 1,
        "kind": kind,
        "kind_label": kind.title(),
        "text": text,
        "must_have": must_have,
        "min_years": Decimal(3) if kind == "skill" else None,
        "skill_evidence": None,
        "engagements": (),
        "references": (),
        "suggestions": (),
        "status": status,
        "reason": "",
        "skill_id": 7 if kind == "skill" else None,
    }
    values.update(extra)
    return GapRow(**values)


def engagement(linked=True, **texts):
    return EngagementEvidence(
        engagement_id=3,
        employer="Acme Freight",
        project_name="Platform",
        role="SRE",
        start_date=datetime.date(2021, 3, 1),
        end_date=datetime.date(2024, 6, 1),
        challenges_solved=texts.get("solved", ""),
        deliverables=texts.get("delivered", ""),
        results=texts.get("results", ""),
        similarity_note=texts.get("note", ""),
        linked=linked,
    )


def quote(assessment="strong", text="She rebuilt our release train."):
    return ReferenceEvidence(5, "Tom Becker", "CTO", "Acme", assessment, text)


# --- The client's words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "text", "said"),
    [
        (
            "challenge",
            "Releases fail weekly",
            "Has Priya actually solved “Releases fail weekly” before?",
        ),
        ("deliverable", "Terraform modules", "Has Priya delivered “Terraform modules” before?"),
        (
            "result",
            "Deploy frequency up to daily",
            "Has Priya produced a result like “Deploy frequency up to daily” before?",
        ),
        (
            "experience",
            "PCI DSS audits",
            "This role needs “PCI DSS audits”. Where has Priya done that?",
        ),
    ],
)
def test_each_kind_of_need_is_asked_the_way_a_client_asks_it(kind, text, said):
    assert objection_text(row(kind, text=text), "Priya") == said


def test_a_missing_skill_is_asked_with_its_years():
    assert objection_text(row(), "Priya") == (
        "We need 3 years of Terraform and I don't see it on Priya's résumé."
    )


def test_a_reference_concern_is_a_note_for_the_salesperson_not_the_clients_words():
    doubted = row(
        status=CONCERN, references=(quote(CONCERN, "She used CloudFormation, not Terraform"),)
    )
    assert "doubt" not in objection_text(doubted, "Priya")
    assert objection_note(doubted) == (
        "For you: Tom Becker had doubts about this: “She used CloudFormation, not Terraform”"
    )


# --- Likelihood ------------------------------------------------------------------------------------


def test_each_factor_adds_to_the_likelihood_with_its_reason():
    assert likelihood_score(row(), category="skill_gap") == (6, ("must-have", "no years"))
    nice = row(must_have=False, skill_evidence=SkillEvidence("Terraform", Decimal(1), None))
    assert likelihood_score(nice, category="skill_gap") == (2, ("1 of 3 years",))
    doubted = row(status=CONCERN)
    assert likelihood_score(doubted, category="skill_gap")[0] == 9
    outcome = row("challenge", PARTIAL, text="x", engagements=(engagement(),))
    assert likelihood_score(outcome, category="not_solved_before") == (
        4,
        ("must-have", "partial evidence"),
    )
    assert likelihood_score(None, category="scope") == (3, ("bigger team than the candidate's",))


def test_the_teams_history_of_raised_objections_counts_at_most_three():
    raised = {"skill_gap": 4, "skill:7": 2}
    score, reasons = likelihood_score(row(), category="skill_gap", raised=raised)
    assert score == 9 and reasons[-1] == "raised 6× by the team's clients"


# --- Drafts ----------------------------------------------------------------------------------------


def test_a_draft_cites_the_confirmed_engagement_and_the_references_words():
    need = row(
        "challenge",
        GAP,
        text="Releases take two days",
        engagements=(engagement(solved="Cut release time from two days to an hour."),),
        references=(quote(),),
    )
    assert draft_rebuttal(need, first_name="Priya") == (
        "At Acme Freight (2021–2024): Cut release time from two days to an hour. "
        "Tom Becker, CTO, said: “She rebuilt our release train.”"
    )


def test_a_skill_draft_names_the_years_and_offers_a_ramp_up_where_short():
    short = row(
        status=PARTIAL,
        skill_evidence=SkillEvidence("Terraform", Decimal(1), 2025),
    )
    assert draft_rebuttal(short, first_name="Priya") == (
        "Priya has 1 year of Terraform, last used in 2025. If Terraform is needed from day one, "
        "offer a ramp-up plan for the first weeks and a check-in with the hiring manager."
    )


def test_without_evidence_the_draft_says_whom_to_ask_and_claims_nothing():
    draft = draft_rebuttal(row(), first_name="Priya", reference_names=("Tom Becker",))
    assert draft == (
        "No evidence on record yet that Priya has used Terraform. Before the call, ask "
        "Tom Becker whether Priya has used Terraform, when and where."
    )


def test_a_suggested_engagement_is_a_lead_to_check_never_a_claim():
    lead = Suggestion(3, "Northwind Payments", "EKS migration", 0.6, ("change", "failure", "rate"))
    result = row("result", text="Change failure rate below 5%", suggestions=(lead,))
    draft = draft_rebuttal(result, first_name="Alex", reference_names=("Pat Kim",))
    assert draft == (
        "No evidence on record yet that Alex has produced “Change failure rate below 5%”. "
        "Northwind Payments (its record mentions change, failure, rate) may answer it: read it "
        "and confirm it in the gap analysis if it does. Before the call, ask Pat Kim whether "
        "Alex has produced “Change failure rate below 5%”, when and where."
    )


def test_a_references_doubt_is_quoted_as_noted_never_as_praise():
    doubted = row(status=CONCERN, references=(quote(CONCERN, "Not Terraform"),))
    draft = draft_rebuttal(doubted, first_name="Priya")
    assert "Tom Becker, CTO, noted: “Not Terraform.”" in draft and " said:" not in draft


def test_the_terraform_scenario_drafts_from_cloudformation_and_the_references_words(
    client, owner, plan, terraform_gap
):
    family = skillfamily_create(name="Infrastructure as code")
    cloudformation = skill_create(name="CloudFormation")
    skillfamily_set_members(family=family, skills=[terraform_gap.skill, cloudformation])
    candidate = plan.submittal.candidate
    CandidateSkillFactory(candidate=candidate, skill=cloudformation, years=4)
    call = ReferenceCallFactory(
        reference=ReferenceFactory(candidate=candidate, name="Tom Becker", title="CTO"),
        called_by=owner,
        job_order=plan.submittal.job_order,
    )
    finding_record(
        call=call,
        requirement=terraform_gap,
        assessment="concern",
        quote="She used CloudFormation, not Terraform",
    )
    suggestion = plan_page_for(plan.pk).suggestions[0]
    assert suggestion.text == ("We need 3 years of Terraform and I don't see it on Alex's résumé.")
    assert "4 years of CloudFormation, a skill of the same family as Terraform." in (
        suggestion.rebuttal
    )
    assert (
        "Tom Becker, CTO, noted: “She used CloudFormation, not Terraform.”" in suggestion.rebuttal
    )
    assert suggestion.note.startswith("For you: Tom Becker had doubts about this")


def test_with_no_adjacent_skill_and_no_quote_the_draft_only_asks(plan, terraform_gap):
    draft = plan_page_for(plan.pk).suggestions[0].rebuttal
    assert draft.startswith("No evidence on record yet that Alex has used Terraform.")
    assert "years" not in draft and "At " not in draft and "said" not in draft


# --- A draft is not ready to dial until kept ---------------------------------------------------


@pytest.fixture
def terraform_gap(plan):
    return RequirementFactory(
        job_order=plan.submittal.job_order,
        kind="skill",
        skill=SkillFactory(name="Terraform"),
        min_years=3,
        must_have=True,
        description="",
    )


def add_suggested(client, plan, suggestion):
    return client.post(
        reverse("callplans:objection_add", args=[plan.pk]),
        {
            "new-version": plan.version,
            "new-requirement": suggestion.requirement_id,
            "new-source": "suggested",
            "new-category": suggestion.category,
            "new-likelihood": suggestion.likelihood,
            "new-text": suggestion.text,
            "new-rebuttal": suggestion.rebuttal,
        },
        **HTMX,
    )


def rebuttals_done(plan) -> bool:
    return {i.key: i.done for i in plan_page_for(plan.pk).checklist.items}["rebuttals"]


def test_a_drafted_rebuttal_blocks_ready_to_dial_until_accepted(client, owner, plan, terraform_gap):
    client.force_login(owner)
    suggestion = plan_page_for(plan.pk).suggestions[0]
    assert add_suggested(client, plan, suggestion).status_code == 200
    objection = Objection.objects.get(plan=plan)
    assert objection.rebuttal_draft and objection.rebuttal == suggestion.rebuttal
    assert rebuttals_done(plan) is False
    body = client.get(reverse("callplans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="draft-badge">Draft</span>' in body

    plan.refresh_from_db()
    response = client.post(
        reverse("callplans:objection_accept", args=[plan.pk, objection.pk]),
        {"version": plan.version},
        **HTMX,
    )
    assert response.status_code == 200
    objection.refresh_from_db()
    assert objection.rebuttal_draft is False
    assert rebuttals_done(plan) is True


def test_a_rebuttal_written_by_hand_counts_at_once(client, owner, plan, terraform_gap):
    client.force_login(owner)
    client.post(
        reverse("callplans:objection_add", args=[plan.pk]),
        {
            "new-version": plan.version,
            "new-requirement": terraform_gap.pk,
            "new-source": "manual",
            "new-category": "skill_gap",
            "new-likelihood": "high",
            "new-text": "No Terraform",
            "new-rebuttal": "Four years of CloudFormation; the reference vouches.",
        },
        **HTMX,
    )
    assert Objection.objects.get(plan=plan).rebuttal_draft is False
    assert rebuttals_done(plan) is True
