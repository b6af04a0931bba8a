"""What every kind's import shares: the run's context (who, which team, which source, the skill
list as one dict), the plan of a row (new / updated / unchanged, and the record it touches) and
the links to external ids."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Model
from django.utils import timezone

from accounts.models import Team, User
from candidates.models import Skill
from candidates.selectors import skill_normalise
from imports.models import ImportedRecord
from imports.rows import Row


class SkillIndex:
    """Every spelling of every skill (names and aliases, as `Skill.lookup_keys` holds them) in
    one dict, read once per run: resolving a row's skills asks no query."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        for pk, keys in (
            Skill.objects.exclude(lookup_keys="").order_by("pk").values_list("pk", "lookup_keys")
        ):
            for key in keys.strip("|").split("|"):
                self.ids.setdefault(key, pk)

    def get(self, name: str) -> int | None:
        return self.ids.get(skill_normalise(name))


@dataclass
class Context:
    team: Team
    user: User
    source: str
    kind: str
    reason: str  # the history's change reason
    skills: SkillIndex
    # unknown skill key → its choice at confirm time ("create", "skip" or a skill id)
    skill_choices: dict[str, str] = field(default_factory=dict)
    writing: bool = False
    seen: dict[str, int] = field(default_factory=dict)  # key → first line, in-file duplicates
    unknown: dict[str, dict] = field(default_factory=dict)  # unknown skill key → name, rows
    notes: dict[str, int] = field(default_factory=dict)  # a remark → how many rows
    now: object = field(default_factory=timezone.now)

    def skill_id(self, name: str) -> int | None:
        """The skill a row's name means, or None (unknown and skipped, or not yet created)."""
        found = self.skills.get(name)
        if found is not None:
            return found
        choice = self.skill_choices.get(skill_normalise(name), "create")
        if choice.isdigit():
            return int(choice)
        return None

    def note_unknown(self, name: str) -> None:
        if self.skills.get(name) is not None:
            return
        key = skill_normalise(name)
        entry = self.unknown.setdefault(key, {"name": name, "rows": 0})
        entry["rows"] += 1

    def note(self, remark: str) -> None:
        self.notes[remark] = self.notes.get(remark, 0) + 1


@dataclass
class Planned:
    row: Row
    key: str
    action: str = "new"  # "new", "updated", "unchanged"; refused rows are not planned
    target: Model | None = None


def years_of(text: str | None) -> Decimal:
    # A skill named without years (Bullhorn's skillSet is a plain list) is stored with 0 years:
    # the gap analysis then shows the skill as named but unproven.
    return Decimal(text) if text is not None else Decimal("0")


def links_for(ctx: Context, keys: list[str]) -> dict[str, ImportedRecord]:
    rows = ImportedRecord.objects.filter(
        team=ctx.team, source=ctx.source, kind=ctx.kind, key__in=keys
    )
    return {link.key: link for link in rows}


def first_seen(ctx: Context, plans: list[Planned], what: str) -> list[Planned]:
    """Drop (as refused) a row whose key an earlier row of the file had."""
    kept = []
    for plan in plans:
        earlier = ctx.seen.get(plan.key)
        if earlier is not None:
            plan.row.problems.append(
                ("", plan.key.split(":", 1)[-1][:200], f"The same {what} as line {earlier}.")
            )
            continue
        ctx.seen[plan.key] = plan.row.line
        kept.append(plan)
    return kept


def save_links(ctx: Context, plans: list[Planned]) -> None:
    links = [
        ImportedRecord(
            team=ctx.team,
            source=ctx.source,
            kind=ctx.kind,
            key=plan.key,
            object_id=plan.target.pk,
            fingerprint=plan.row.fingerprint,
        )
        for plan in plans
        if plan.action != "unchanged" and plan.target is not None
    ]
    if links:
        ImportedRecord.objects.bulk_create(
            links,
            update_conflicts=True,
            unique_fields=["team", "source", "kind", "key"],
            update_fields=["object_id", "fingerprint", "updated_at"],
            batch_size=500,
        )
