"""Indexes for the candidate search (candidates.selectors.candidate_search).

The (skill, candidate) B-tree answers "who has this skill" on every database. The trigram GIN
indexes answer `icontains` on the name and headline; they exist on PostgreSQL only (pg_trgm), so
they are created by a RunPython that does nothing elsewhere. Django writes `icontains` as
`UPPER(column::text) LIKE UPPER(%s)`, so the indexes are on exactly those expressions: the name
one is the SQL of `Concat("first_name", Value(" "), "last_name")`.
"""

from django.db import migrations, models

NAME = (
    "UPPER((COALESCE(first_name, '') || COALESCE((COALESCE(' ', '') || "
    "COALESCE(last_name, '')), ''))::text)"
)
TRIGRAM_INDEXES = {
    "candidate_name_trgm": NAME,
    "candidate_headline_trgm": "UPPER(headline::text)",
    "candidate_first_name_trgm": "UPPER(first_name::text)",
    "candidate_last_name_trgm": "UPPER(last_name::text)",
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON candidates_candidate "
            f"USING gin (({expression}) gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0002_historicalcandidate_historicalcandidateskill_and_more"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="candidateskill",
            index=models.Index(fields=["skill", "candidate"], name="candidateskill_skill_cand"),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
