"""`{% load access %}`: what the signed-in person may do, asked by a template (core/access.py)."""

from django import template

from core.access import can_review

register = template.Library()


@register.filter
def reviews_team(user, team_id) -> bool:
    """`{% if request.user|reviews_team:job_order.team_id %}`: a manager or director of that
    team (or a superuser) reviews its plans."""
    return can_review(user, team_id)
