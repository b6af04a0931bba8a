"""pg_trgm for the skill near matches (candidates.selectors.skill_near_matches).

TrigramExtension is a CreateExtension, which does nothing on a database other than PostgreSQL;
SQLite scores near matches with rapidfuzz instead. Migration 0003 may already have created the
extension for the candidate search: CREATE EXTENSION IF NOT EXISTS makes that harmless.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class TrigramExtensionKept(TrigramExtension):
    """Unapplying leaves pg_trgm in place: the search indexes of 0003 depend on it."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


class Migration(migrations.Migration):
    dependencies = [("candidates", "0004_skill_families_versions")]

    operations = [TrigramExtensionKept()]
