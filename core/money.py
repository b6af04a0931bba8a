"""Money as DialReady shows it: the firm's one currency (settings.DIALREADY_CURRENCY), grouped
thousands, cents only when there are some. An unknown amount is "unknown", never 0."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

SYMBOLS = {"USD": "$", "CAD": "CA$", "AUD": "A$", "EUR": "€", "GBP": "£", "CHF": "CHF "}
UNKNOWN = "unknown"


def format_money(amount: Decimal | int | None, currency: str | None = None) -> str:
    """`$12,480`, `$95.50`, `€1,200`; None is `unknown`."""
    if amount is None:
        return UNKNOWN
    currency = currency or settings.DIALREADY_CURRENCY
    cents = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{cents:,.0f}" if cents == cents.to_integral_value() else f"{cents:,.2f}"
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    symbol = SYMBOLS.get(currency)
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency}"
