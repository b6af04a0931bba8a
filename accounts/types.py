from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from accounts.models import User


class AuthedRequest(HttpRequest):
    """A request that passed login: views type their argument with it."""

    user: User
    htmx: HtmxDetails
