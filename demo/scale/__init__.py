"""Bulk benchmark data: `manage.py seed_demo --scale N` loads N units of realistic-looking data.

`generate` and `pipeline` make a unit's rows without the database (`rows` holds what they share,
`vocabulary` the words), `load` writes them (COPY on PostgreSQL, bulk_create on SQLite), and
`seed` decides which units are missing and which processes make them.
"""

from demo.scale.generate import BULK_PASSWORD, team_prefix
from demo.scale.seed import seed_scale

__all__ = ["BULK_PASSWORD", "seed_scale", "team_prefix"]
