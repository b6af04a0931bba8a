import pytest
from django.core.cache import cache

from tests.factories import ManagerFactory, TeamFactory, UserFactory, leaders_of

# A job order with a plan, shared by the apps that read plans (callplans, dashboard, reviews, ...).
pytest_plugins = ["tests.plan_fixtures"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Every factory user gets a password; the production hasher would make the suite crawl.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def import_files_in_tmp(settings, tmp_path_factory):
    # Uploaded import files go to a folder of the test's own, not the checkout's var/imports.
    location = tmp_path_factory.mktemp("imports")
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }


@pytest.fixture(autouse=True)
def empty_cache(settings):
    # The suite is one process (the live server is a thread of it), so a memory cache serves it;
    # each test starts with nothing cached, so a test that counts PDF renders counts its own.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    cache.clear()


@pytest.fixture
def team(db):
    return TeamFactory(name="Northwind test team")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Harbor test team")


@pytest.fixture
def owner(team):
    return UserFactory(username="owner", team=team)


@pytest.fixture
def teammate(team):
    return UserFactory(username="teammate", team=team)


@pytest.fixture
def manager(team):
    return ManagerFactory(username="manager", team=team)


@pytest.fixture
def outsider(other_team):
    return UserFactory(username="outsider", team=other_team)


@pytest.fixture
def outside_manager(other_team):
    return ManagerFactory(username="outside_manager", team=other_team)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", team=None, is_superuser=True, is_staff=True)


@pytest.fixture
def leaders(team):
    """`director` and `manager_two_teams` (tests/factories.py `leaders_of`): both lead `team`
    and a third team, never `other_team`."""
    return leaders_of(team)


@pytest.fixture
def director(leaders):
    return leaders["director"]


@pytest.fixture
def manager_two_teams(leaders):
    return leaders["manager_two_teams"]
