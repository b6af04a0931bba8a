"""What the generator hands the loaders: a unit's rows as plain dicts, with ids local to the unit.

Generating rows is pure (no database): a row is a dict of column values keyed by attname
(`team_id`, not `team`), and its `id` is its position in its table, 1, 2, 3… A foreign key to a
row of the same unit holds that local id; a foreign key to a row that already exists (a skill)
holds the real primary key. Keys starting with "_" are the generator's own notes (the rows a
submittal links, a skill's name) and are never loaded. The loader swaps local ids for ones reserved from each table's
sequence, so a unit can be generated anywhere and loaded by any process.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import Model

Row = dict[str, Any]


class SkillRef(NamedTuple):
    """A skill row that already exists: the generator only needs its key and its name."""

    pk: int
    name: str


@dataclass(frozen=True)
class Sizes:
    job_orders: int
    candidates: int
    submittals: int


@dataclass(frozen=True)
class Skills:
    by_family: dict[str, list[SkillRef]]
    families: list[str]


@dataclass
class UnitRows:
    """One unit's rows per model, in the order the models were first added."""

    unit: int
    tables: dict[type[Model], list[Row]] = field(default_factory=dict)

    def add(self, model: type[Model], **values: Any) -> Row:
        table = self.tables.setdefault(model, [])
        values["id"] = len(table) + 1
        table.append(values)
        return values

    def counts(self) -> dict[str, int]:
        return {model._meta.object_name: len(rows) for model, rows in self.tables.items()}


def weighted(rng: random.Random, weights: dict, k: int) -> list:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def fill(rng: random.Random, template: str, **known: str) -> str:
    return template.format(
        n=rng.randint(2, 9),
        n2=rng.randint(3, 12),
        pct=rng.randrange(15, 65, 5),
        k=rng.randrange(40, 900, 10),
        **known,
    )


def lc(text: str) -> str:
    return text[:1].lower() + text[1:]


def pick_skills(rng: random.Random, skills: Skills, family: str, k: int) -> list[SkillRef]:
    """`k` distinct skills, mostly from `family` and sometimes one from elsewhere."""
    own = skills.by_family[family]
    picked = rng.sample(own, min(k, len(own)))
    if k > 1 and len(picked) == k and rng.random() < 0.25:
        picked.pop()
    while len(picked) < k:
        other = rng.choice(skills.by_family[rng.choice(skills.families)])
        if other not in picked:
            picked.append(other)
    return picked
