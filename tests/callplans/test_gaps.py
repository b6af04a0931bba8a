from decimal import Decimal

import pytest

from callplans.gaps import (
    CONCERN,
    GAP,
    PARTIAL,
    STRONG,
    EngagementEvidence,
    GapRow,
    ReferenceEvidence,
    SkillEvidence,
    match_score,
    outcome_status,
    skill_status,
    strengths_and_weaknesses,
)


def ref(assessment):
    return ReferenceEvidence(1, "Pat Kim", "Head of Platform", "Northwind", assessment, "quote")


def engagement(linked):
    return EngagementEvidence(1, "Northwind", "EKS", "Lead", None, None, "", "", "", "", linked)


def years(n):
    return SkillEvidence("Kubernetes", Decimal(n), 2026)


def test_a_skill_with_enough_years_is_strong():
    status, reason = skill_status(
        min_years=Decimal(4), evidence=years(5), used_in_engagements=False, references=()
    )
    assert status == STRONG
    assert reason == "5 years (needs 4 years)"


def test_a_skill_with_no_minimum_is_strong_with_any_years():
    status, _ = skill_status(
        min_years=None, evidence=years("0.5"), used_in_engagements=False, references=()
    )
    assert status == STRONG


def test_a_skill_with_fewer_years_than_required_is_partial():
    status, reason = skill_status(
        min_years=Decimal(4), evidence=years(2), used_in_engagements=False, references=()
    )
    assert (status, reason) == (PARTIAL, "2 years, needs 4 years")


def test_a_skill_only_seen_in_an_engagement_is_partial():
    status, _ = skill_status(
        min_years=Decimal(2), evidence=None, used_in_engagements=True, references=()
    )
    assert status == PARTIAL


def test_a_skill_a_reference_vouched_for_without_years_is_partial():
    status, _ = skill_status(
        min_years=Decimal(2), evidence=None, used_in_engagements=False, references=(ref(STRONG),)
    )
    assert status == PARTIAL


def test_a_missing_skill_is_a_gap():
    status, reason = skill_status(
        min_years=Decimal(2), evidence=None, used_in_engagements=False, references=()
    )
    assert (status, reason) == (GAP, "No evidence of this skill; needs 2 years.")


def test_a_reference_concern_outranks_enough_years():
    status, _ = skill_status(
        min_years=Decimal(2),
        evidence=years(8),
        used_in_engagements=True,
        references=(ref(CONCERN),),
    )
    assert status == CONCERN


def test_a_linked_engagement_makes_an_outcome_strong():
    status, reason = outcome_status(engagements=(engagement(linked=True),), references=())
    assert (status, reason) == (STRONG, "Done before at Northwind.")


def test_an_unconfirmed_engagement_is_not_evidence():
    status, _ = outcome_status(engagements=(engagement(linked=False),), references=())
    assert status == GAP


def test_a_strong_reference_makes_an_outcome_strong():
    assert outcome_status(engagements=(), references=(ref(STRONG),))[0] == STRONG


def test_an_adequate_reference_alone_is_partial():
    assert outcome_status(engagements=(), references=(ref("adequate"),))[0] == PARTIAL


def test_a_concern_outranks_a_linked_engagement():
    status, _ = outcome_status(engagements=(engagement(True),), references=(ref(CONCERN),))
    assert status == CONCERN


def row(status, must_have=True, pk=1, text="Requirement"):
    return GapRow(
        pk, "challenge", "Challenge", text, must_have, None, None, (), (), (), status, "r"
    )


@pytest.mark.parametrize(
    ("rows", "score"),
    [
        ([], 0),
        ([row(STRONG)], 100),
        ([row(GAP)], 0),
        ([row(PARTIAL)], 50),
        # must-haves weigh three times a nice-to-have: 3*1 / (3+1) = 75
        ([row(STRONG, True), row(GAP, False)], 75),
        ([row(GAP, True), row(STRONG, False)], 25),
        ([row(CONCERN)], 25),
    ],
)
def test_the_match_score_weighs_must_haves_more(rows, score):
    assert match_score(tuple(rows)) == score


def test_weaknesses_list_must_have_gaps_first():
    rows = (
        row(PARTIAL, True, 1, "Partial must"),
        row(GAP, False, 2, "Nice gap"),
        row(GAP, True, 3, "Must gap"),
        row(STRONG, True, 4, "Strong must"),
    )
    strengths, weaknesses = strengths_and_weaknesses(rows)
    assert strengths == ("Strong must: r",)
    assert [w.split(":")[0] for w in weaknesses] == ["Must gap", "Partial must", "Nice gap"]


def test_a_concern_about_a_skill_with_no_years_says_both():
    status, reason = skill_status(
        min_years=Decimal(3),
        evidence=years(0),
        used_in_engagements=False,
        references=(ref(CONCERN),),
    )
    assert status == CONCERN
    assert reason == "A reference raised a concern; 0 years, needs 3 years"


def test_a_concern_about_an_outcome_says_whether_a_project_backs_it():
    _, linked = outcome_status(engagements=(engagement(True),), references=(ref(CONCERN),))
    _, unbacked = outcome_status(engagements=(), references=(ref(CONCERN),))
    assert linked == "A reference raised a concern; done before at Northwind."
    assert unbacked == "A reference raised a concern; no confirmed project."


def test_eight_weaknesses_are_all_listed_with_must_have_gaps_and_concerns_first():
    rows = tuple(
        row(status, must_have, pk, f"Need {pk}")
        for pk, (status, must_have) in enumerate(
            [
                (PARTIAL, False),
                (GAP, False),
                (PARTIAL, True),
                (GAP, True),
                (CONCERN, True),
                (PARTIAL, False),
                (GAP, False),
                (CONCERN, False),
            ],
            start=1,
        )
    )
    _, weaknesses = strengths_and_weaknesses(rows)
    names = [w.split(":")[0] for w in weaknesses]
    assert names == [
        "Need 4",
        "Need 5",
        "Need 3",
        "Need 2",
        "Need 7",
        "Need 8",
        "Need 1",
        "Need 6",
    ]


def test_every_strength_is_listed_must_haves_first():
    rows = tuple(row(STRONG, pk % 2 == 0, pk, f"Strong {pk}") for pk in range(1, 8))
    strengths, _ = strengths_and_weaknesses(rows)
    assert [s.split(":")[0] for s in strengths] == [
        "Strong 2",
        "Strong 4",
        "Strong 6",
        "Strong 1",
        "Strong 3",
        "Strong 5",
        "Strong 7",
    ]
