"""The coaching table against hand counts: three salespeople, a period (November 2026) and the
period before (October), every habit column; constant queries; who may see it."""

import datetime

import pytest
from django.urls import reverse

from callplans.models import CallPlan
from callplans.services import callplan_change
from coaching.selectors import Habits, coaching_table
from joborders.services import submittal_change_status, submittal_create
from metrics.selectors import MonthRange
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    FeedbackCallFactory,
    JobOrderFactory,
    ObjectionFactory,
    RaisedObjectionFactory,
    UserFactory,
)

URL = reverse("coaching:index")
NOV = MonthRange(datetime.date(2026, 11, 1), datetime.date(2026, 11, 1))
OCT = MonthRange(datetime.date(2026, 10, 1), datetime.date(2026, 10, 1))


def at(month, day, hour=10):
    return datetime.datetime(2026, month, day, hour, tzinfo=datetime.UTC)


def interviewed(
    person,
    when,
    *,
    plan=None,
    ready=None,
    rehearsed=None,
    call=None,
    offer=None,
    placed=None,
    raised=(0, 0),
):
    """A submittal of `person` whose first interview stage is at `when`; its plan created at
    `plan`, marked ready at `ready`, rehearsed at `rehearsed`; a feedback call at `call` raising
    (anticipated, not anticipated) objections; an offer and a placement at their times."""
    job = JobOrderFactory(owner=person, received_on=datetime.date(2026, 9, 1))
    submittal = submittal_create(
        job_order=job,
        candidate=CandidateFactory(),
        submitted_by=person,
        submitted_at=when - datetime.timedelta(days=3),
    )
    moves = [("interview_scheduled", when), ("offer", offer), ("placed", placed)]
    for status, moved in moves:
        if moved:
            submittal_change_status(
                submittal=submittal, status=status, changed_by=person, changed_at=moved
            )
    if plan is None:
        return submittal
    callplan = CallPlanFactory(submittal=submittal, author=person)
    CallPlan.objects.filter(pk=callplan.pk).update(created_at=plan, rehearsed_at=rehearsed)
    if ready:
        callplan_change(callplan, version=None, reason="Marked ready", status="ready")
        callplan.history.filter(status="ready").update(history_date=ready)
    if call:
        feedback = FeedbackCallFactory(plan=callplan, called_at=call)
        anticipated, unanticipated = raised
        for _ in range(anticipated):
            objection = ObjectionFactory(plan=callplan)
            RaisedObjectionFactory(feedback_call=feedback, objection=objection)
        for _ in range(unanticipated):
            RaisedObjectionFactory(feedback_call=feedback)
    return submittal


@pytest.fixture
def people(team):
    return (
        UserFactory(team=team, first_name="Ann", last_name="A"),
        UserFactory(team=team, first_name="Ben", last_name="B"),
        UserFactory(team=team, first_name="Cleo", last_name="C"),
    )


@pytest.fixture
def history(people):
    ann, ben, cleo = people
    # November
    interviewed(
        ann,
        at(11, 10),
        plan=at(11, 9),
        ready=at(11, 10),
        rehearsed=at(11, 10),
        call=at(11, 11),
        offer=at(11, 12),
        placed=at(11, 15),
        raised=(1, 1),
    )
    interviewed(ann, at(11, 20), plan=at(11, 21, 10), call=at(11, 21, 9), raised=(0, 1))
    interviewed(ben, at(11, 5), offer=at(11, 7))
    interviewed(cleo, at(11, 3), plan=at(11, 1), ready=at(11, 2), call=at(11, 4), raised=(2, 0))
    # October, the period before
    interviewed(ann, at(10, 10), plan=at(10, 9), call=at(10, 11), offer=at(10, 12))
    return people


def test_the_table_equals_the_hand_counts(manager, history):
    ann, ben, cleo = history
    table = coaching_table(manager, period=NOV.bounds(), before=OCT.bounds())
    rows = {row.person: row for row in table.rows}
    assert rows[ann].now == Habits(
        interviews=2,
        calls=2,
        prepared=1,
        ready=1,
        rehearsed=1,
        offers=1,
        first_offers=1,
        placed=1,
        raised=3,
        anticipated=1,
    )
    assert rows[ben].now == Habits(interviews=1, offers=1, first_offers=1)
    assert rows[cleo].now == Habits(
        interviews=1, calls=1, prepared=1, ready=1, raised=2, anticipated=2
    )
    assert rows[ann].before == Habits(interviews=1, calls=1, prepared=1, offers=1, first_offers=1)
    assert table.team_now == Habits(
        interviews=4,
        calls=3,
        prepared=2,
        ready=2,
        rehearsed=1,
        offers=2,
        first_offers=2,
        placed=1,
        raised=5,
        anticipated=3,
    )
    assert (table.team_now.interview_to_offer.percent, rows[ann].now.rehearsed_rate.percent) == (
        50,
        50,
    )


def test_the_page_shows_each_person_against_the_team_and_the_period_before(
    client, manager, history
):
    client.force_login(manager)
    response = client.get(URL, {"start": "2026-11", "end": "2026-11"})
    body = response.content.decode()
    assert "November 2026, against October 2026." in body
    ann_row = body[body.index("Ann A</a>") : body.index("Ben B</a>")]
    # Interview → offer: Ann 50% (1 of 2), the team 50%, Ann before 100% (1 of 1).
    assert '<strong>50%</strong> <span class="small">(1 of 2)</span>' in ann_row
    assert "50 pts below before (100%)" in ann_row
    # Rehearsed before the call: Ann 50%, the team 33% (1 of 3).
    assert "17 pts above team (33%)" in ann_row


@pytest.mark.parametrize("size", [1, 6])
def test_the_table_takes_the_same_queries_for_1_or_6_submittals_each(
    manager, people, size, django_assert_num_queries
):
    for person in people:
        for n in range(size):
            interviewed(person, at(11, 2 + n), plan=at(11, 1), call=at(11, 20), raised=(1, 1))
    with django_assert_num_queries(3):  # people, submittals (both periods), raised objections
        table = coaching_table(manager, period=NOV.bounds(), before=OCT.bounds())
    assert table.team_now.interviews == 3 * size


def test_salespeople_are_refused_and_another_managers_people_are_not_found(
    client, owner, outside_manager, people
):
    client.force_login(owner)
    assert client.get(URL).status_code == 403
    client.force_login(outside_manager)
    body = client.get(URL).content.decode()
    assert "Ann A" not in body
    assert client.get(reverse("coaching:person", args=[people[0].pk])).status_code == 404


def test_a_persons_page_lists_their_practice_sessions(client, manager, people):
    from callplans.services import PracticeItemInput, objection_add, practicesession_record

    ann = people[0]
    submittal = interviewed(ann, at(11, 10))
    plan = CallPlanFactory(submittal=submittal, author=ann)
    objection = objection_add(plan=plan, category="other", text="Rate too high")
    practicesession_record(
        plan=plan,
        author=ann,
        kind="objections",
        partner="Ben",
        items=[PracticeItemInput(result="missed", objection=objection)],
    )
    client.force_login(manager)
    body = client.get(reverse("coaching:person", args=[ann.pk])).content.decode()
    assert "with Ben" in body and "“Rate too high” — <strong>Missed</strong>" in body


def test_the_trend_counts_the_team_month_by_month(manager, history):
    from coaching.selectors import coaching_trend

    trend = coaching_trend(manager, months=MonthRange(OCT.first, NOV.first))
    assert [
        (m.month, m.habits.interviews, m.habits.calls, m.habits.rehearsed, m.habits.offers)
        for m in trend
    ] == [
        (datetime.date(2026, 10, 1), 1, 1, 0, 1),
        (datetime.date(2026, 11, 1), 4, 3, 1, 2),
    ]


@pytest.mark.parametrize("size", [1, 6])
def test_the_page_takes_the_same_queries_for_1_or_6_submittals_each(
    client, manager, people, size, django_assert_num_queries
):
    for person in people:
        for n in range(size):
            interviewed(person, at(11, 2 + n), plan=at(11, 1), call=at(11, 20), raised=(1, 1))
    client.force_login(manager)
    # session, user with team, unread count; people, submittals and raised objections (both
    # periods), the trend
    with django_assert_num_queries(7):
        response = client.get(URL, {"start": "2026-10", "end": "2026-11"})
    assert response.context["table"].team_now.interviews == 3 * size
    assert 'id="chart-coaching-trend-title"' in response.content.decode()
