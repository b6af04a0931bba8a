import pytest

from callplans.models import FeedbackCall, ObjectionTemplate
from callplans.selectors import library_questions, library_templates
from callplans.selectors.library import RebuttalRecord, record_of
from callplans.services import objectiontemplate_merge
from tests.factories import ClosingQuestionFactory, FeedbackCallFactory

pytestmark = pytest.mark.django_db


def rebuttal_records(team_id: int) -> dict[int, RebuttalRecord]:
    """Each template's record as the library page reads it (the plan page reads the same
    annotations on its active templates)."""
    return {t.pk: record_of(t) for t in library_templates(team_id)}


def test_the_records_equal_the_hand_count_of_twelve_calls(team, library, twelve_calls):
    records = rebuttal_records(team.pk)
    # Hand count (tests/library/conftest.py CALLS): plans 1–4 used "ramp", raised on calls
    # 1, 2, 3, 4, 6, 7 (yes, yes, partly, no, yes, yes); plans 1 and 3 reached an offer.
    assert records[library["ramp"].pk] == RebuttalRecord(
        used=4, raised=6, handled_yes=4, handled_partly=1, handled_no=1, offers=2
    )
    # Plans 5–6 used "adjacent", raised on calls 9, 10, 11 (no, partly, yes); plan 5's two offer
    # calls are one plan's offer.
    assert records[library["adjacent"].pk] == RebuttalRecord(
        used=2, raised=3, handled_yes=1, handled_partly=1, handled_no=1, offers=1
    )
    assert records[library["unused"].pk] == RebuttalRecord(0, 0, 0, 0, 0, 0)


def test_the_summary_reads_as_the_plan_page_shows_it(team, library, twelve_calls):
    summary = rebuttal_records(team.pk)[library["ramp"].pk].summary
    assert summary == "used in 4 plans, raised 6×, handled well 4×, 2 offers"


def test_a_merge_keeps_both_records_in_the_survivor(team, library, twelve_calls):
    objectiontemplate_merge(source=library["adjacent"], target=library["ramp"])
    records = rebuttal_records(team.pk)
    assert records[library["ramp"].pk] == RebuttalRecord(6, 9, 5, 2, 2, 3)
    merged = ObjectionTemplate.objects.get(pk=library["adjacent"].pk)
    assert (merged.status, merged.merged_into_id) == ("retired", library["ramp"].pk)


def test_sorting_by_offers_puts_the_winner_first(team, library, twelve_calls):
    texts = [t.text for t in library_templates(team.pk, sort="offers")]
    assert texts == ["No Terraform", "No Pulumi", "No Bicep"]


def test_the_search_finds_text_rebuttals_and_skills(team, library):
    assert [t.text for t in library_templates(team.pk, q="practice")] == ["No Pulumi"]
    assert [t.text for t in library_templates(team.pk, q="bicep")] == ["No Bicep"]


def test_the_records_take_one_query(team, library, twelve_calls, django_assert_num_queries):
    with django_assert_num_queries(1):
        rebuttal_records(team.pk)


def test_closing_questions_sort_by_times_asked_and_by_offers(team, owner):
    first, often, winner = (ClosingQuestionFactory(team=team, text=t) for t in "ABC")
    for outcome in ("rejected", "rejected", "no_decision"):
        FeedbackCallFactory(closing_question_asked=often, outcome=outcome)
    for _ in range(2):
        FeedbackCallFactory(closing_question_asked=winner, outcome=FeedbackCall.Outcome.OFFER)
    assert [q.text for q in library_questions(team.pk)] == ["A", "B", "C"]  # the team's order
    asked = list(library_questions(team.pk, sort="asked"))
    assert [(q.text, q.times_asked, q.offers) for q in asked] == [
        ("B", 3, 0),
        ("C", 2, 2),
        ("A", 0, 0),
    ]
    assert [q.text for q in library_questions(team.pk, sort="offers")][0] == "C"
