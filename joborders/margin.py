"""A submittal's margin: bill rate − pay rate per hour, and its share of the bill rate.

Either rate missing makes the margin unknown (None), never 0. A pay rate above the bill rate is
refused where the rates are written (`submittal_set_rates`), so a margin is never negative."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Margin:
    per_hour: Decimal
    percent: Decimal | None  # of the bill rate; None when the bill rate is 0


def margin_of(*, pay_rate: Decimal | None, bill_rate: Decimal | None) -> Margin | None:
    if pay_rate is None or bill_rate is None:
        return None
    per_hour = bill_rate - pay_rate
    if not bill_rate:
        return Margin(per_hour, None)
    percent = (100 * per_hour / bill_rate).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Margin(per_hour, percent)
