"""What a job order is worth: the money board's "value".

Contract: bill rate × expected hours (per opening) × openings. Permanent: the placement fee.
A missing input makes the value unknown (None), never 0: an unpriced job order must not sort
as if it were worth nothing, and the board says "unknown" so someone fills it in."""

from decimal import Decimal

CONTRACT = "contract"
PERMANENT = "permanent"


def joborder_value(
    *,
    employment_type: str,
    openings: int,
    bill_rate: Decimal | None,
    expected_hours: int | None,
    placement_fee: Decimal | None,
) -> Decimal | None:
    if employment_type == PERMANENT:
        return placement_fee
    if bill_rate is None or expected_hours is None or not openings:
        return None
    return bill_rate * expected_hours * openings


def value_of(job_order) -> Decimal | None:
    """`joborder_value` of a JobOrder."""
    return joborder_value(
        employment_type=job_order.employment_type,
        openings=job_order.openings,
        bill_rate=job_order.bill_rate,
        expected_hours=job_order.expected_hours,
        placement_fee=job_order.placement_fee,
    )
