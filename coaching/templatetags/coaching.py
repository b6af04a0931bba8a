from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def versus(now, reference, label):
    """How a ratio compares with another (the team's, the period before): "▲ 12 pts vs team"."""
    if now.percent is None or reference.percent is None:
        return format_html('<span class="text-body-secondary">{} —</span>', label)
    diff = now.percent - reference.percent
    if diff == 0:
        return format_html(
            '<span class="text-body-secondary">= {} ({}%)</span>', label, reference.percent
        )
    arrow, word = ("▲", "above") if diff > 0 else ("▼", "below")
    return format_html(
        '<span class="{}"><span aria-hidden="true">{} </span>{} pts {} {} ({}%)</span>',
        "text-success-emphasis" if diff > 0 else "text-danger-emphasis",
        arrow,
        abs(diff),
        word,
        label,
        reference.percent,
    )
