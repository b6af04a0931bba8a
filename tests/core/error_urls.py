from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.urls import include, path


@login_not_required
def broken(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied("Only managers can see the team page.")


urlpatterns = [
    path("broken/", broken),
    path("forbidden/", forbidden),
    path("", include("config.urls")),
]
