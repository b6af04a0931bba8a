from django.http import HttpRequest

from accounts.navigation import nav_links


def navigation(request: HttpRequest) -> dict:
    return {"nav_links": nav_links(request)}
