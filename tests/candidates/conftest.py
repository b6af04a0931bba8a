import pytest

from tests.factories import CandidateFactory

HTMX = {"HX-Request": "true"}

# Who may change a candidate owned by `owner` (reading is firm-wide: everyone gets a 200).
WRITERS = ["owner", "manager", "superuser"]
REFUSED = ["teammate", "outsider", "outside_manager"]


@pytest.fixture
def candidate(owner):
    return CandidateFactory(owner=owner, first_name="Ana", last_name="Silva")


@pytest.fixture
def as_user(request, client):
    """Log the client in as one of the conftest users, by fixture name."""

    def _as(role: str):
        user = request.getfixturevalue(role)
        client.force_login(user)
        return user

    return _as
