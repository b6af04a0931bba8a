"""The REST API, version 1: django-ninja, its OpenAPI 3 schema generated from the typed schemas
in api/schemas.py. Each operation parses input → checks access with the pages' helpers → calls
a selector or a service, as the views do; api/errors.py answers every refusal."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from api import errors
from api.auth import BrowserSession, PerCallerThrottle, TokenAuth
from api.routes import callplans, candidates, joborders, submittals


class DialReadyAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The schema says what the errors are sent as: `application/problem+json`."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[errors.PROBLEM] = content.pop("application/json")
        return schema


api = DialReadyAPI(
    title="DialReady API",
    version="1",
    description=(
        "Job orders, candidates, submittals and call plans of your team. Authenticate with a "
        "personal access token (`Authorization: Bearer dr_…`, created under *API tokens*) or, "
        "in this page, with your signed-in session. Errors are `application/problem+json`."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), BrowserSession()],
    throttle=[PerCallerThrottle()],
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
for module in (joborders, candidates, submittals, callplans):
    api.add_router("", module.router)


def _method_problem(view):
    """A method the address does not take is a 405 problem document too, with its Allow."""

    @wraps(view)
    def answer(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = errors.problem(405, f"This address takes {allowed}.")
            response["Allow"] = allowed
        return response

    return answer


def urls():
    """The API's URL patterns. Its operations authenticate themselves (401 as JSON, not the
    login page's redirect); the schema and the docs are public."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = login_not_required(_method_problem(pattern.callback))
    return patterns, app_name, namespace
