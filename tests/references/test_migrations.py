"""The draft key arrives on a table that may already hold calls: each must get its own."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("references", "0001_initial")]


def migrate(targets=None):
    """Migrate to `targets` (default: every app's latest) and return the models as they are."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_calls_recorded_before_the_draft_key_each_get_a_unique_one():
    old = migrate(BEFORE)
    try:
        team = old.get_model("accounts", "Team").objects.create(name="Migrating team")
        user = old.get_model("accounts", "User").objects.create(username="caller", team=team)
        candidate = old.get_model("candidates", "Candidate").objects.create(
            first_name="Alex", last_name="Rivera", owner=user
        )
        reference = old.get_model("references", "Reference").objects.create(
            candidate=candidate, name="Pat Kim"
        )
        OldCall = old.get_model("references", "ReferenceCall")
        for _ in range(3):
            OldCall.objects.create(
                reference=reference, team=team, called_by=user, called_at=timezone.now()
            )
    finally:
        new = migrate()  # every app back at its latest, whatever happened above
    keys = new.get_model("references", "ReferenceCall").objects.values_list("draft_key", flat=True)
    assert len(set(keys)) == 3 and None not in keys
