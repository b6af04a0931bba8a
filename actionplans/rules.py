"""The plan's pure rules: the starter template, when its steps fall due, the default date of
a feedback call's next step, and which due dates a step may have.

The template is the source's usual path after the feedback call, each step with its side and
its offset in days from the anchor: the interview day when it is still ahead, else today (a plan
started after the interview counts from the day it is started)."""

import datetime
from dataclasses import dataclass

from core.dates import format_day


@dataclass(frozen=True)
class TemplateStep:
    title: str
    side: str  # "us", "client" or "candidate"
    offset_days: int


STARTER_TEMPLATE: tuple[TemplateStep, ...] = (
    TemplateStep("Feedback call", "us", 1),
    TemplateStep("Second interview", "client", 7),
    TemplateStep("Offer", "client", 14),
    TemplateStep("Acceptance", "candidate", 17),
    TemplateStep("Background check", "us", 24),
    TemplateStep("Start", "candidate", 35),
)

# A step's due date must fall inside this range around today: a typo (2062, 1926) is refused.
EARLIEST = datetime.timedelta(days=366)
LATEST = datetime.timedelta(days=2 * 366)
# A feedback call's next step with no date of its own is due this many days after the call,
# moved off a weekend to the Monday: soon enough to keep the momentum the call gave.
NEXT_STEP_DAYS = 2


def template_anchor(*, today: datetime.date, interview: datetime.date | None) -> datetime.date:
    return interview if interview is not None and interview > today else today


def template_dates(
    steps: tuple[TemplateStep, ...], *, anchor: datetime.date
) -> list[tuple[TemplateStep, datetime.date]]:
    return [(step, anchor + datetime.timedelta(days=step.offset_days)) for step in steps]


def weekday_on_or_after(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def next_step_due(called_on: datetime.date) -> datetime.date:
    return weekday_on_or_after(called_on + datetime.timedelta(days=NEXT_STEP_DAYS))


def due_date_problem(due_on: datetime.date, *, today: datetime.date) -> str | None:
    """The message for a due date no plan can mean, else None."""
    if due_on < today - EARLIEST:
        return f"{format_day(due_on)} is more than a year ago: check the year."
    if due_on > today + LATEST:
        return f"{format_day(due_on)} is more than two years ahead: check the year."
    return None
