"""{% row_url "app:name" pk ... %}: the URL `{% url %}` gives, for pages that write the same named
URL once per row of a long list. `{% url %}` resolves the URL conf on every call, a third of the
money board's render time at scale 20 (hundreds of links); this tag reverses each name once per
render, with stand-in numbers, and fills in each row's numbers.

Only whole-number arguments take the fast way (a path converter `<int:...>` writes them as
digits); anything else, or a URL whose stand-ins do not come back exactly once each, is
reversed as `{% url %}` would. The cache lives in the render context's outermost scope (each
partial and include pushes a fresh one, which would reverse again in every row): one render, one
URL conf and script prefix, so it never outlives what it was built from."""

from django import template
from django.urls import reverse

register = template.Library()

_STAND_INS = tuple(str(9_000_000_001 + i) for i in range(4))


def _pieces(name: str, count: int) -> tuple[str, ...] | None:
    url = reverse(name, args=[int(s) for s in _STAND_INS[:count]])
    pieces = []
    for stand_in in _STAND_INS[:count]:
        if url.count(stand_in) != 1:
            return None
        before, url = url.split(stand_in)
        pieces.append(before)
    return (*pieces, url)


@register.simple_tag(takes_context=True)
def row_url(context, name: str, *args) -> str:
    if not args or len(args) > len(_STAND_INS) or not all(type(a) is int for a in args):
        return reverse(name, args=args)
    cache = context.render_context.dicts[0].setdefault("row_urls", {})
    key = (name, len(args))
    if key not in cache:
        cache[key] = _pieces(name, len(args))
    pieces = cache[key]
    if pieces is None:
        return reverse(name, args=args)
    out = [pieces[0]]
    for arg, piece in zip(args, pieces[1:], strict=True):
        out += (str(arg), piece)
    return "".join(out)
