import json

import pytest
from django.test import Client

from api.services import apitoken_create


class ApiClient:
    """A test client that speaks JSON with a personal access token, as an ATS would."""

    def __init__(self, secret: str | None):
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        self.client = Client(headers=headers, raise_request_exception=False)

    def _send(self, method: str, url: str, body=None, **extra):
        if body is None:
            return getattr(self.client, method)(url, **extra)
        data = body if isinstance(body, str | bytes) else json.dumps(body, default=str)
        return getattr(self.client, method)(url, data, content_type="application/json", **extra)

    def get(self, url: str, params=None, **extra):
        return self.client.get(url, params or {}, **extra)

    def post(self, url: str, body=None, **extra):
        return self._send("post", url, body if body is not None else {}, **extra)

    def patch(self, url: str, body=None, **extra):
        return self._send("patch", url, body if body is not None else {}, **extra)

    def delete(self, url: str, **extra):
        return self._send("delete", url, **extra)


@pytest.fixture
def api_as():
    """`api_as(user)` → a client with a read and write token of `user`; `scope="read"` for a
    read-only one."""

    def make(user, *, scope: str = "write") -> ApiClient:
        return ApiClient(
            apitoken_create(user=user, name=f"{user.username} {scope}", scope=scope).secret
        )

    return make


@pytest.fixture
def anonymous_api():
    return ApiClient(None)


def problem_of(response, status: int) -> dict:
    """The response's problem document, checked for its status and media type."""
    assert response.status_code == status, response.content[:2000]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def fields_of(problem: dict) -> dict[str, str]:
    return {e["field"]: e["message"] for e in problem.get("errors", [])}
