"""On PostgreSQL a query a connection runs again and again is prepared, so PostgreSQL plans it
once per connection (planning was most of the SQL time of the plan page and the dashboards)."""

import pytest
from django.db import connection

from accounts.models import User
from tests.config.test_cache import django_in_a_new_process

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def prepared_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        return cursor.fetchone()[0]


@postgresql_only
@pytest.mark.django_db
def test_a_query_run_five_times_is_prepared_and_still_answers_right():
    user = User.objects.create_user("prepared", password="x" * 12)
    before = prepared_count()
    for _ in range(4):
        assert User.objects.get(username="prepared") == user
    assert prepared_count() == before
    for _ in range(3):
        assert User.objects.get(username="prepared") == user
    assert prepared_count() == before + 1
    assert not User.objects.filter(username="someone else").exists()


@postgresql_only
def test_behind_a_pooler_in_transaction_mode_they_can_be_turned_off():
    options = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    url = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres", "DJANGO_DEBUG": "1"}
    assert "'prepare_threshold': 5" in django_in_a_new_process(options, **url)
    off = django_in_a_new_process(options, **url, DATABASE_PREPARED_STATEMENTS="0")
    assert "prepare_threshold" not in off and "server_side_binding" not in off
