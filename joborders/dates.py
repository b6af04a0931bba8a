"""Which order a submittal's dates must come in, and the message when they do not.

The dates, each a calendar day in the firm's time zone (what the forms show):
received (the job order's), submitted, interview (the submittal's interview), offer (its first
move to "Offer" or "Placed") and start (the placed candidate's first day). The rules, checked in
this order, the first one broken being the one reported:
1. submitted on or after the day the job order was received;
2. the interview on or after the submission;
3. the offer on or after the interview (or, with no interview date, the submission);
4. the start on or after the offer.
A date not known yet breaks no rule. The interview is the current round's (`Submittal.interview_at`);
the rounds among themselves keep `round_problem`'s order (below). The metrics apply the same rules in SQL
(`metrics.selectors`); `tests/joborders/test_dates.py` holds both to each rule.
"""

import datetime
from dataclasses import dataclass

from core.dates import format_day, format_when


def day_text(day: datetime.date) -> str:
    """The day as every page writes it (core/dates.py): “Tue 3 Nov 2026”."""
    return format_day(day)


@dataclass(frozen=True)
class DateProblem:
    """Two dates in an order that cannot be: `later_label` on `later` comes before `earlier`."""

    field: str  # the form field to report it on
    later_label: str
    later: datetime.date
    earlier_label: str
    earlier: datetime.date
    message: str


@dataclass(frozen=True)
class SubmittalDates:
    received: datetime.date | None = None
    submitted: datetime.date | None = None
    interview: datetime.date | None = None
    offer: datetime.date | None = None
    start: datetime.date | None = None


def _problem(field, later_label, later, earlier_label, earlier, template) -> DateProblem:
    message = template.format(later=day_text(later), earlier=day_text(earlier))
    return DateProblem(field, later_label, later, earlier_label, earlier, message)


def first_problem(dates: SubmittalDates) -> DateProblem | None:
    """The first rule (in the module's order) that `dates` break, or None."""
    received, submitted, interview, offer, start = (
        dates.received,
        dates.submitted,
        dates.interview,
        dates.offer,
        dates.start,
    )
    if received and submitted and submitted < received:
        return _problem(
            "submitted_on",
            "Submitted",
            submitted,
            "Received",
            received,
            "Submitted {later} is before the job order was received on {earlier}.",
        )
    if submitted and interview and interview < submitted:
        return _problem(
            "interview_at",
            "Interview",
            interview,
            "Submitted",
            submitted,
            "Interview {later} is before the candidate was submitted on {earlier}.",
        )
    if offer and interview and offer < interview:
        return _problem(
            "status",
            "Offer",
            offer,
            "Interview",
            interview,
            "Offer {later} is before the first interview on {earlier}.",
        )
    if offer and submitted and offer < submitted:
        return _problem(
            "status",
            "Offer",
            offer,
            "Submitted",
            submitted,
            "Offer {later} is before the candidate was submitted on {earlier}.",
        )
    if start and offer and start < offer:
        return _problem(
            "start_on",
            "Start",
            start,
            "Offer",
            offer,
            "Start {later} is before the offer on {earlier}.",
        )
    return None


@dataclass(frozen=True)
class RoundTimes:
    """One interview round's number and instants (aware datetimes)."""

    round: int
    start: datetime.datetime
    end: datetime.datetime


def round_problem(
    rounds: list[RoundTimes], *, submitted: datetime.date | None, day_of
) -> DateProblem | None:
    """The first rule an interview's rounds break, checked round by round in order: each round
    ends after it starts, starts on or after the day of the submission (rule 2 above), and
    starts once the round before it has ended. `day_of` turns an instant into the day the
    person sees (the current time zone), as every rule of this module compares days."""
    previous: RoundTimes | None = None
    for item in sorted(rounds, key=lambda r: r.round):
        label = f"Round {item.round}"
        if item.end <= item.start:
            return DateProblem(
                "ends_at",
                f"{label} end",
                day_of(item.end),
                f"{label} start",
                day_of(item.start),
                f"{label} ends at {_instant_text(item.end)}, not after it starts at "
                f"{_instant_text(item.start)}.",
            )
        if submitted and day_of(item.start) < submitted:
            return _problem(
                "starts_at",
                label,
                day_of(item.start),
                "Submitted",
                submitted,
                label + " on {later} is before the candidate was submitted on {earlier}.",
            )
        if previous is not None and item.start < previous.end:
            return DateProblem(
                "starts_at",
                label,
                day_of(item.start),
                f"Round {previous.round}",
                day_of(previous.end),
                f"{label} on {_instant_text(item.start)} is before round {previous.round} "
                f"ends on {_instant_text(previous.end)}: a round comes after the one before it.",
            )
        previous = item
    return None


def _instant_text(moment: datetime.datetime) -> str:
    return format_when(moment)
