"""The period before the coaching table's period: the same number of whole months."""

import datetime

from metrics.selectors import MonthRange


def _shift(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_before(months: MonthRange) -> MonthRange:
    length = len(months.months)
    return MonthRange(_shift(months.first, -length), _shift(months.first, -1))
