"""The interviews of a submittal, read in one place.

Today a submittal has one interview, `Submittal.interview_at`, which knows no end: it lasts
`DEFAULT_LENGTH`. When interview rounds arrive (#18 item 3), `interviews_of` yields the rounds
(each with its own start, end and key) and every caller follows: the .ics download, the
calendar feed and the reminders. The feedback call is planned `FEEDBACK_CALL_AFTER` the end.

Times are UTC instants: adding an hour to a wall-clock time in a zone with daylight saving
(what Python does with an aware datetime in that zone) would land on 02:30 on a night that has
none, so every time is converted to UTC before any arithmetic.
"""

import datetime
from dataclasses import dataclass

from joborders.models import Submittal

DEFAULT_LENGTH = datetime.timedelta(minutes=60)
FEEDBACK_CALL_AFTER = datetime.timedelta(hours=1)
FEEDBACK_CALL_LENGTH = datetime.timedelta(minutes=30)


@dataclass(frozen=True)
class Interview:
    submittal: Submittal
    key: str  # stable while the interview exists: calendar UIDs and reminder keys use it
    start: datetime.datetime  # UTC
    end: datetime.datetime  # UTC

    @property
    def feedback_call_start(self) -> datetime.datetime:
        return self.end + FEEDBACK_CALL_AFTER

    @property
    def feedback_call_end(self) -> datetime.datetime:
        return self.feedback_call_start + FEEDBACK_CALL_LENGTH

    @property
    def stamp(self) -> str:
        """The start as text, for reminder keys: a moved interview is a new reminder."""
        return self.start.strftime("%Y%m%dT%H%MZ")


def interviews_of(submittal: Submittal) -> tuple[Interview, ...]:
    """The submittal's interviews, earliest first (today: none or one)."""
    if submittal.interview_at is None:
        return ()
    start = submittal.interview_at.astimezone(datetime.UTC)
    return (
        Interview(
            submittal=submittal,
            key=f"submittal-{submittal.pk}",
            start=start,
            end=start + DEFAULT_LENGTH,
        ),
    )
