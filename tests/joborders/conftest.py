import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Factories create a user per candidate; hashing their passwords slowly tests nothing here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
