"""The evidence section's pure rules: each engagement once, each row quoting its own line, and
suggested evidence described in the texts' own words."""

import datetime

from callplans.evidence import answering_line, evidence_rows, used_engagements
from callplans.gaps import STRONG, EngagementEvidence, GapRow
from callplans.matching import shown_words


def engagement(pk=1, note="", **texts):
    return EngagementEvidence(
        engagement_id=pk,
        employer=f"Employer {pk}",
        project_name="",
        role="Lead",
        start_date=datetime.date(2022, 1, 1),
        end_date=None,
        challenges_solved=texts.get("solved", ""),
        deliverables=texts.get("delivered", ""),
        results=texts.get("results", ""),
        similarity_note=note,
        linked=True,
    )


def row(pk, kind, text, engagements=()):
    return GapRow(
        pk, kind, kind.title(), text, True, None, None, tuple(engagements), (), (), STRONG, ""
    )


NORTHWIND = engagement(
    solved="Stabilised weekly releases that failed twice a month. Cut cloud spend by a third.",
    delivered="A CI/CD pipeline for 40 services.",
    results="Deploys went from monthly to daily.",
)


def test_each_row_quotes_only_the_line_that_answers_it():
    releases = row(1, "challenge", "Releases fail twice a month", [NORTHWIND])
    pipeline = row(2, "deliverable", "A CI/CD pipeline for every service", [NORTHWIND])
    daily = row(3, "result", "Daily deploys", [NORTHWIND])
    lines = [c.line for r in evidence_rows((releases, pipeline, daily)) for c in r.citations]
    assert lines == [
        "Stabilised weekly releases that failed twice a month.",
        "A CI/CD pipeline for 40 services.",
        "Deploys went from monthly to daily.",
    ]


def test_with_no_shared_word_the_field_for_the_kind_answers():
    assert answering_line(row(1, "result", "Happier customers"), NORTHWIND) == (
        "Results",
        "Deploys went from monthly to daily.",
    )


def test_an_engagement_cited_by_five_rows_is_described_once_with_each_note():
    first = engagement(1, note="Same stack")
    again = engagement(1, note="Same size of team")
    rows = [row(pk, "challenge", "x", [first if pk % 2 else again]) for pk in range(1, 6)]
    rows.append(row(6, "skill", "y", [engagement(2)]))
    used = used_engagements(tuple(rows))
    assert [u.engagement.engagement_id for u in used] == [1, 2]
    assert used[0].notes == ("Same stack", "Same size of team")


def test_a_row_without_evidence_cites_nothing():
    assert evidence_rows((row(1, "challenge", "x"),))[0].citations == ()


def test_matched_stems_are_shown_as_the_words_in_the_texts():
    words = shown_words(
        ("automat", "cd", "ci", "pipelin", "releas", "deliveri"),
        "Automated CI/CD pipelines for releases",
        "Owned delivery of the platform",
    )
    assert words == ("Automated", "CI", "CD", "pipelines", "releases", "delivery")


def test_a_stem_never_shows_when_no_word_stands_for_it():
    assert shown_words(("fail", "day"), "Ships every week") == ()
