"""The main navigation, declared once. An entry shows only when its URL exists and the user
may see it, so pages join the menu (and the page audit) as they land."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    managers_only: bool = False
    directors_too: bool = False  # a managers' page a director sees as well (they review)


NAV_ITEMS = (
    NavItem("Dashboard", "dashboard"),
    NavItem("Money board", "board:index"),
    NavItem("Job orders", "joborders:list"),
    NavItem("Candidates", "candidates:list"),
    NavItem("References", "references:list"),
    NavItem("Call plans", "callplans:list"),
    NavItem("Library", "library:index"),
    NavItem("Metrics", "metrics:index"),
    NavItem("Review plans", "review:list", managers_only=True, directors_too=True),
    NavItem("Coaching", "coaching:index", managers_only=True, directors_too=True),
    NavItem("Team", "accounts:team", managers_only=True),
)


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    active: bool


def nav_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    if not user.is_authenticated:
        return []
    may_manage = user.is_superuser or user.is_manager
    found = []
    for item in NAV_ITEMS:
        if item.managers_only and not (may_manage or (item.directors_too and user.is_director)):
            continue
        try:
            found.append((item.label, reverse(item.url_name)))
        except NoReverseMatch:
            continue
    # The deepest matching URL is the current section: /team/plans/ is "Review plans", not "Team".
    matches = [
        url
        for _, url in found
        if request.path == url or (url != "/" and request.path.startswith(url))
    ]
    current = max(matches, key=len, default=None)
    return [NavLink(label, url, url == current) for label, url in found]
