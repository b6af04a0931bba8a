"""Filters for values that machines read in the HTML: `<time datetime>` and `tel:` links."""

import datetime

from django import template
from django.utils import timezone

from core.phone import e164 as phone_e164

register = template.Library()


@register.filter
def iso(value):
    """{{ when|iso }}: a date or time in ISO 8601 for `<time datetime>`, whole seconds (the W3C
    checker allows at most three digits of a fraction; Django's date:'c' writes six)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.filter
def e164(phone):
    """<a href="tel:{{ contact.phone|e164 }}">: the number without spaces or brackets (E.164)."""
    return phone_e164(phone)
