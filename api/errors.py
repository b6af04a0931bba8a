"""Every refusal as an RFC 9457 problem document (`application/problem+json`), with one entry
per field in `errors` where the input was at fault. Nothing the caller sends is a 500."""

import json

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as SchemaError

from core.locking import StaleEdit

PROBLEM = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Changed by someone else",
    413: "Request too large",
    422: "Invalid input",
    429: "Too many requests",
}


def problem(status: int, detail: str, **extra) -> HttpResponse:
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status}
    body["detail"] = detail
    body.update(extra)
    return HttpResponse(json.dumps(body, default=str), status=status, content_type=PROBLEM)


def field_errors(error: DjangoValidationError, *, prefix: str = "") -> list[dict]:
    """A service's refusal as [{"field": …, "message": …}]; a refusal of the whole record has
    field "" (the services' own words are kept)."""
    if hasattr(error, "error_dict"):
        return [
            {
                "field": "" if name == NON_FIELD_ERRORS else f"{prefix}{name}",
                "message": str(message),
            }
            for name, errors in error.error_dict.items()
            for e in errors
            for message in e.messages
        ]
    return [{"field": prefix.rstrip("."), "message": str(m)} for m in error.messages]


def _schema_errors(exc: SchemaError) -> list[dict]:
    found = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("body", "payload", "title") → "title": the caller's field, not ninja's argument name.
        if len(location) >= 2 and location[0] == "body":
            location = location[2:]
        message = str(error.get("msg", "Invalid.")).removeprefix("Value error, ")
        found.append({"field": ".".join(location), "message": message})
    return found


def install(api: NinjaAPI) -> None:
    def on_schema(request: HttpRequest, exc: SchemaError) -> HttpResponse:
        errors = _schema_errors(exc)
        return problem(422, "Some fields are not valid: see `errors`.", errors=errors)

    def on_service(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if isinstance(exc, StaleEdit):
            return problem(409, exc.messages[0], changed_since=list(exc.newer))
        errors = field_errors(exc)
        return problem(422, errors[0]["message"] if errors else "Invalid.", errors=errors)

    def on_http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        response = problem(exc.status_code, exc.message)
        if isinstance(exc, AuthenticationError):
            response["WWW-Authenticate"] = 'Bearer realm="DialReady API"'
        if isinstance(exc, Throttled) and exc.wait is not None:
            response["Retry-After"] = str(max(1, round(exc.wait)))
        return response

    def on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(404, "No such record.")

    def on_403(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem(403, str(exc) or "You cannot change this record.")

    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem(413, "The body is larger than this API accepts.")

    api.add_exception_handler(SchemaError, on_schema)
    api.add_exception_handler(DjangoValidationError, on_service)
    api.add_exception_handler(HttpError, on_http)
    api.add_exception_handler(Http404, on_404)
    api.add_exception_handler(PermissionDenied, on_403)
    api.add_exception_handler(RequestDataTooBig, on_too_big)


def renamed(
    error: DjangoValidationError, names: dict[str, str] | None = None, *, prefix: str = ""
) -> DjangoValidationError:
    """A service's refusal under the API's field names ("client" → "client_id", a row's
    fields under "requirements.2."); a stale edit passes unchanged."""
    if isinstance(error, StaleEdit):
        return error
    names = names or {}
    if hasattr(error, "error_dict"):
        row = prefix.rstrip(".") or NON_FIELD_ERRORS  # a refusal of the whole row names it
        return DjangoValidationError(
            {
                (row if name == NON_FIELD_ERRORS else prefix + names.get(name, name)): errors
                for name, errors in error.error_dict.items()
            }
        )
    if prefix:
        return DjangoValidationError({prefix.rstrip("."): error.error_list})
    return error


def refuse(field: str, message: str) -> DjangoValidationError:
    return DjangoValidationError({field: message})
