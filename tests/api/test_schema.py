import json
import re

from django.contrib.staticfiles import finders
from django.urls import reverse
from openapi_spec_validator import validate

from tests.test_authorization_matrix import app_urls

SCHEMA = "/api/v1/openapi.json"


def operations(schema: dict) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}


def test_the_schema_is_valid_openapi_3_and_public(client):
    response = client.get(SCHEMA)
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_the_schema_lists_every_api_url_and_each_of_its_methods(client):
    schema = client.get(SCHEMA).json()
    documented = {re.sub(r"\{(\w+)\}", r"<\1>", path) for path in schema["paths"]}
    served = {
        "/" + route
        for route, name in app_urls()
        if str(name).startswith("api:")
        and name not in ("api:api-root",)
        and "openapi" not in str(name)
    }
    assert served == documented
    assert operations(schema) == {
        ("GET", "/api/v1/joborders"),
        ("POST", "/api/v1/joborders"),
        ("GET", "/api/v1/joborders/{joborder_pk}"),
        ("PATCH", "/api/v1/joborders/{joborder_pk}"),
        ("POST", "/api/v1/joborders/{joborder_pk}/requirements"),
        ("PATCH", "/api/v1/joborders/{joborder_pk}/requirements/{requirement_pk}"),
        ("DELETE", "/api/v1/joborders/{joborder_pk}/requirements/{requirement_pk}"),
        ("GET", "/api/v1/candidates"),
        ("POST", "/api/v1/candidates"),
        ("GET", "/api/v1/candidates/{candidate_pk}"),
        ("PATCH", "/api/v1/candidates/{candidate_pk}"),
        ("POST", "/api/v1/candidates/{candidate_pk}/skills"),
        ("POST", "/api/v1/candidates/{candidate_pk}/engagements"),
        ("GET", "/api/v1/submittals"),
        ("POST", "/api/v1/submittals"),
        ("GET", "/api/v1/submittals/{submittal_pk}"),
        ("PATCH", "/api/v1/submittals/{submittal_pk}"),
        ("GET", "/api/v1/submittals/{submittal_pk}/interviews"),
        ("POST", "/api/v1/submittals/{submittal_pk}/interviews"),
        ("PATCH", "/api/v1/submittals/{submittal_pk}/interviews/{round_number}"),
        ("GET", "/api/v1/callplans"),
        ("GET", "/api/v1/callplans/{plan_pk}"),
        ("GET", "/api/v1/callplans/{plan_pk}/pdf"),
        ("POST", "/api/v1/callplans/{plan_pk}/feedback-calls"),
    }


def test_every_operation_needs_a_token_or_the_session_and_errors_are_problems(client):
    schema = client.get(SCHEMA).json()
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    for path, ops in schema["paths"].items():
        for method, operation in ops.items():
            assert operation["security"], (method, path)
            for status in ("401", "403", "404", "422"):
                content = operation["responses"][status]["content"]
                assert list(content) == ["application/problem+json"], (method, path, status)


def test_the_docs_page_loads_only_the_apps_own_files_under_the_strict_csp(client, settings):
    response = client.get(reverse("api:openapi-view"))
    assert response.status_code == 200
    html = response.text
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    assert "cdn" not in html.lower() and "//" not in "".join(sources)
    # Scripts only by src; the one inline <script> is a JSON data block, which never runs.
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert "src=" in attrs or ('type="application/json"' in attrs and json.loads(body))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    for path in sources:  # each a file of an installed package (django-ninja's Swagger UI)
        assert finders.find(path.removeprefix(settings.STATIC_URL).removeprefix("/static/")), path
