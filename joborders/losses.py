"""Why candidates are lost: the stages that count as a loss, which side says no in each, and the
starter list a team begins its own from (the team then rewords, adds and retires reasons)."""

from joborders.models import Submittal

LOST = (Submittal.Status.REJECTED, Submittal.Status.WITHDRAWN)

# The side whose "no" each lost stage records: a rejection is the client's, a withdrawal the
# candidate's. A reason of the other side does not fit the stage ("Accepted another offer" is
# not why a client rejects).
SIDE_OF = {Submittal.Status.REJECTED: "client", Submittal.Status.WITHDRAWN: "candidate"}

STARTER_REASONS: tuple[tuple[str, str], ...] = (
    ("Client chose another candidate", "client"),
    ("Skills or experience gap", "client"),
    ("Rate above the client's budget", "client"),
    ("Interview performance", "client"),
    ("Team or culture fit", "client"),
    ("Role on hold or cancelled", "client"),
    ("Accepted another offer", "candidate"),
    ("Counter-offer from current employer", "candidate"),
    ("Pay too low for the candidate", "candidate"),
    ("Location, commute or on-site days", "candidate"),
    ("No response", "either"),
)


def is_lost(status: str) -> bool:
    return status in LOST


def fits(side: str, status: str) -> bool:
    """Whether a reason of `side` can explain a submittal lost at `status`."""
    return side == "either" or SIDE_OF.get(status) == side
