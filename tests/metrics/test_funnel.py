import datetime

import pytest

from joborders.models import Submittal
from joborders.services import submittal_change_status, submittal_create
from metrics.funnel import Ratio, funnel_for, month_bounds
from tests.factories import CandidateFactory, JobOrderFactory

UTC = datetime.UTC
NOV = datetime.datetime(2026, 11, 1, tzinfo=UTC)
DEC = datetime.datetime(2026, 12, 1, tzinfo=UTC)


def day(n, month=11):
    return datetime.datetime(2026, month, n, 10, tzinfo=UTC)


def pipeline(owner, *steps, submitted=None):
    """A submittal made on `submitted`, then moved through (status, date) steps."""
    submittal = submittal_create(
        job_order=JobOrderFactory(owner=owner),
        candidate=CandidateFactory(),
        submitted_by=owner,
        submitted_at=submitted or day(2),
    )
    for status, when in steps:
        submittal_change_status(
            submittal=submittal, status=status, changed_by=owner, changed_at=when
        )
    return submittal


def test_the_ratios_follow_their_definitions_on_hand_made_data(owner):
    pipeline(owner)  # submitted, nothing since
    pipeline(owner, ("interview_scheduled", day(5)))
    pipeline(owner, ("interview_scheduled", day(5)), ("interviewed", day(6)), ("rejected", day(7)))
    pipeline(owner, ("interview_scheduled", day(5)), ("offer", day(9)))
    pipeline(owner, ("interview_scheduled", day(5)), ("offer", day(9)), ("placed", day(20)))
    # submitted in October, interviewed in November: counts for November's interviews only
    pipeline(owner, ("interview_scheduled", day(3)), ("offer", day(4)), submitted=day(20, 10))
    funnel = funnel_for(Submittal.objects.all(), NOV, DEC)

    assert funnel.submitted == 5
    assert funnel.submit_to_interview == Ratio(4, 5)
    assert funnel.interviewed == 5
    assert funnel.interview_to_offer == Ratio(3, 5)
    assert funnel.offers == 3
    assert funnel.offer_to_placement == Ratio(1, 3)
    assert funnel.placements == 1
    assert str(funnel.interview_to_offer) == "60%"


def test_a_stage_jumped_to_directly_still_counts_as_reaching_the_earlier_ones(owner):
    pipeline(owner, ("offer", day(9)))
    funnel = funnel_for(Submittal.objects.all(), NOV, DEC)
    assert funnel.submit_to_interview == Ratio(1, 1)
    assert funnel.interview_to_offer == Ratio(1, 1)


def test_an_empty_period_has_no_ratio_rather_than_zero(owner):
    funnel = funnel_for(Submittal.objects.all(), NOV, DEC)
    assert funnel.interview_to_offer.percent is None
    assert str(funnel.interview_to_offer) == "—"


@pytest.mark.parametrize("size", [3, 30])
def test_the_funnel_is_one_query_whatever_the_data(owner, size, django_assert_num_queries):
    for _ in range(size):
        pipeline(owner, ("interview_scheduled", day(5)), ("offer", day(9)))
    with django_assert_num_queries(1):
        funnel_for(Submittal.objects.all(), NOV, DEC)


def test_month_bounds_cover_the_whole_month():
    assert month_bounds(datetime.date(2026, 12, 31), UTC) == (
        datetime.datetime(2026, 12, 1, tzinfo=UTC),
        datetime.datetime(2027, 1, 1, tzinfo=UTC),
    )
