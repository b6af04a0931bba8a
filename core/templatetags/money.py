from django import template

from core.money import format_money

register = template.Library()


@register.filter
def money(amount):
    """{{ job.bill_rate|money }}: the firm's currency, "unknown" for None (core/money.py)."""
    return format_money(amount)
