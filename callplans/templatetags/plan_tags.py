from django import template

from callplans.evidence import sentences

register = template.Library()


@register.filter
def first_sentence(text: str) -> str:
    """The call card shows each rebuttal's first sentence; the rest opens on demand."""
    found = sentences(text)
    return found[0] if found else ""
