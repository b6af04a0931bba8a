"""The interviews of a submittal, read in one place.

A submittal's interviews are its rounds (`joborders.Interview`), each with its own start, end
and key: round 1 keeps the key `submittal-<pk>` that the one interview date had, so calendar
UIDs and reminder keys made before rounds still name the same event; round n is
`submittal-<pk>-round-<n>`. A submittal with an interview date and no rounds (written around
the services, as old fixtures are) has that one interview, lasting `DEFAULT_LENGTH`. The
.ics download, the calendar feed and the reminders read `interviews_of`; a list of submittals
adds `with_rounds()` to its queryset so the rounds (and whether each has its feedback call
logged) come in one more query for the whole list. The feedback call is planned
`FEEDBACK_CALL_AFTER` the end.

Times are UTC instants: adding an hour to a wall-clock time in a zone with daylight saving
(what Python does with an aware datetime in that zone) would land on 02:30 on a night that has
none, so every time is converted to UTC before any arithmetic.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from callplans.models import FeedbackCall
from joborders.models import Interview as Round
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
    round: int = 1
    kind: str = ""  # a Round.Kind, "" when not known
    location: str = ""
    meeting_url: str = ""
    feedback_logged: bool = False  # known on lists read `with_rounds()`, else False

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


def with_rounds(submittals: QuerySet[Submittal]) -> QuerySet[Submittal]:
    """The submittals with their rounds, each knowing whether its feedback call is logged."""
    logged = FeedbackCall.objects.filter(interview_id=OuterRef("pk"))
    rounds = Round.objects.annotate(call_logged=Exists(logged)).order_by("round")
    return submittals.prefetch_related(Prefetch("interviews", queryset=rounds))


def round_key(submittal_pk: int, number: int) -> str:
    return (
        f"submittal-{submittal_pk}" if number == 1 else f"submittal-{submittal_pk}-round-{number}"
    )


def interviews_of(submittal: Submittal) -> tuple[Interview, ...]:
    """The submittal's interviews, earliest first: its rounds (read now unless prefetched by
    `with_rounds`), or its one interview date when it has no rounds."""
    rounds = list(submittal.interviews.all())
    if rounds:
        return tuple(
            Interview(
                submittal=submittal,
                key=round_key(submittal.pk, r.round),
                start=r.starts_at.astimezone(datetime.UTC),
                end=r.ends_at.astimezone(datetime.UTC),
                round=r.round,
                kind=r.kind,
                location=r.location,
                meeting_url=r.meeting_url,
                feedback_logged=getattr(r, "call_logged", False),
            )
            for r in sorted(rounds, key=lambda r: r.round)
        )
    if submittal.interview_at is None:
        return ()
    start = submittal.interview_at.astimezone(datetime.UTC)
    return (
        Interview(
            submittal=submittal,
            key=f"submittal-{submittal.pk}",
            start=start,
            end=start + DEFAULT_LENGTH,
            feedback_logged=getattr(submittal, "call_logged", False),
        ),
    )
