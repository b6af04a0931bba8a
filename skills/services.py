"""Merging two skills and undoing it: the only writes that reach across candidates, job orders
and call plans, so they live here on the top floor rather than in candidates."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import User
from callplans.models import ObjectionTemplate
from candidates.models import CandidateSkill, Engagement, Skill
from candidates.selectors import skill_lookup_keys
from core.locking import save_versioned
from joborders.models import Requirement
from skills.models import SkillMerge
from skills.selectors import skill_can_curate

STALE = "Someone changed this skill a moment ago: reload the page and try again."
BATCH = 500
ALIASES_MAX = Skill._meta.get_field("aliases").max_length


@transaction.atomic
def skill_merge(*, source: Skill, target: Skill, by: User) -> SkillMerge:
    """Fold `source` into `target`: its candidate skills, engagements, requirements (and with
    them the plans' objections) and objection templates move to `target`, which takes its name
    and aliases as aliases. A candidate with both keeps one row, with the larger years (and
    the later last-used year). `source` stays, merged and resolving nothing, so
    `skill_merge_undo` can give everything back. History rows are written for every moved
    historical record."""
    if not skill_can_curate(by):
        raise PermissionDenied("Only managers curate the skill list.")
    source, target = _locked(source), _locked(target)
    _refuse_bad_merge(source, target)
    added = [source.name, *(a for a in source.aliases.split(", ") if a)]
    target_aliases = ", ".join(a for a in [target.aliases, *added] if a)
    if len(target_aliases) > ALIASES_MAX:
        raise ValidationError(
            f"{target.name} cannot take {source.name}'s names as aliases: together they pass "
            f"{ALIASES_MAX} characters. Remove some aliases first."
        )
    moved = {
        "added_aliases": added,
        "source_aliases": source.aliases,
        **_move_candidate_skills(source, target),
        **_move_engagements(source, target),
        "requirements": _repoint(Requirement, source, target, historical=True),
        "templates": _repoint(ObjectionTemplate, source, target, historical=False),
    }
    save_versioned(
        source,
        version=None,
        changes={"merged_into": target, "lookup_keys": ""},
        stale=STALE,
        reason=f"Merged into {target.name}",
    )
    save_versioned(
        target,
        version=None,
        changes={
            "aliases": target_aliases,
            "lookup_keys": skill_lookup_keys(target.name, target_aliases),
        },
        stale=STALE,
        reason=f"{source.name} merged in",
    )
    merge = SkillMerge(source=source, target=target, merged_by=by, moved=moved)
    merge.full_clean()
    merge.save()
    return merge


@transaction.atomic
def skill_merge_undo(*, merge: SkillMerge, by: User) -> SkillMerge:
    """Give back everything `merge` moved: the re-pointed rows return to the source skill, the
    combined candidate rows come back as they were, and the source's names leave the target."""
    if not skill_can_curate(by):
        raise PermissionDenied("Only managers curate the skill list.")
    merge = SkillMerge.objects.select_for_update().get(pk=merge.pk)
    source, target = _locked(merge.source), _locked(merge.target)
    if merge.undone_at is not None:
        raise ValidationError(f"The merge of {source.name} into {target.name} is already undone.")
    later = SkillMerge.objects.filter(pk__gt=merge.pk, undone_at__isnull=True).filter(
        source__in=[source, target]
    )
    if later.exists():
        raise ValidationError(
            f"{target.name} was merged into another skill after this: undo that merge first."
        )
    moved = merge.moved
    _restore_candidate_skills(moved, source)
    _restore_engagements(moved, source, target)
    _repoint_back(Requirement, moved["requirements"], source, historical=True)
    _repoint_back(ObjectionTemplate, moved["templates"], source, historical=False)
    added = {a.casefold() for a in moved["added_aliases"]}
    kept = ", ".join(a for a in target.aliases.split(", ") if a and a.casefold() not in added)
    save_versioned(
        target,
        version=None,
        changes={"aliases": kept, "lookup_keys": skill_lookup_keys(target.name, kept)},
        stale=STALE,
        reason=f"Merge of {source.name} undone",
    )
    aliases = moved["source_aliases"]
    save_versioned(
        source,
        version=None,
        changes={
            "merged_into": None,
            "aliases": aliases,
            "lookup_keys": skill_lookup_keys(source.name, aliases),
        },
        stale=STALE,
        reason=f"Merge into {target.name} undone",
    )
    merge.undone_at, merge.undone_by = timezone.now(), by
    merge.save(update_fields=["undone_at", "undone_by"])
    return merge


def _locked(skill: Skill) -> Skill:
    return Skill.objects.select_for_update().get(pk=skill.pk)


def _refuse_bad_merge(source: Skill, target: Skill) -> None:
    if source.pk == target.pk:
        raise ValidationError({"into": f"{source.name} cannot be merged into itself."})
    if target.merged_into_id is not None:
        survivor = Skill.objects.get(pk=target.merged_into_id)
        raise ValidationError(
            {"into": f"{target.name} was merged into {survivor.name}: merge into {survivor.name}."}
        )
    if source.merged_into_id is not None:
        raise ValidationError({"into": f"{source.name} is already merged into another skill."})


def _move_candidate_skills(source: Skill, target: Skill) -> dict:
    rows = list(CandidateSkill.objects.filter(skill=source).order_by("pk"))
    theirs = {
        row.candidate_id: row
        for row in CandidateSkill.objects.filter(
            skill=target, candidate_id__in=[r.candidate_id for r in rows]
        )
    }
    moving, combined, kept_rows, removed_pks = [], [], [], []
    for row in rows:
        kept = theirs.get(row.candidate_id)
        if kept is None:
            row.skill = target
            moving.append(row)
            continue
        combined.append(
            {
                "kept": kept.pk,
                "years": str(kept.years),
                "last_used_year": kept.last_used_year,
                "removed": {
                    "pk": row.pk,
                    "candidate": row.candidate_id,
                    "years": str(row.years),
                    "last_used_year": row.last_used_year,
                },
            }
        )
        kept.years = max(kept.years, row.years)
        years_used = [y for y in (kept.last_used_year, row.last_used_year) if y is not None]
        kept.last_used_year = max(years_used, default=None)
        kept_rows.append(kept)
        removed_pks.append(row.pk)
    if removed_pks:
        # Through the ORM's delete, so each deletion gets its history row ("-") like one made
        # on the profile.
        CandidateSkill.objects.filter(pk__in=removed_pks).delete()
    if moving:
        _update_with_history(CandidateSkill, moving, skill=target)
    if kept_rows:
        bulk_update_with_history(
            kept_rows, CandidateSkill, ["years", "last_used_year"], batch_size=BATCH
        )
    return {"candidate_skills": [r.pk for r in moving], "combined": combined}


def _update_with_history(model, rows: list, **values) -> None:
    """One UPDATE for all `rows` (a bulk_update's CASE per row is what makes 1,000 rows slow),
    then their history rows ("~") in bulk, as simple-history's bulk helpers write them."""
    for row in rows:
        for field, value in values.items():
            setattr(row, field, value)
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        model.objects.filter(pk__in=[r.pk for r in chunk]).update(**values)
    model.history.bulk_history_create(rows, batch_size=BATCH, update=True)


def _restore_candidate_skills(moved: dict, source: Skill) -> None:
    back = list(CandidateSkill.objects.filter(pk__in=moved["candidate_skills"]))
    if back:
        _update_with_history(CandidateSkill, back, skill=source)
    combined = {c["kept"]: c for c in moved["combined"]}
    kept_rows = list(CandidateSkill.objects.filter(pk__in=combined))
    for row in kept_rows:
        row.years = Decimal(combined[row.pk]["years"])
        row.last_used_year = combined[row.pk]["last_used_year"]
    if kept_rows:
        bulk_update_with_history(
            kept_rows, CandidateSkill, ["years", "last_used_year"], batch_size=BATCH
        )
    removed = [
        CandidateSkill(
            pk=c["removed"]["pk"],
            candidate_id=c["removed"]["candidate"],
            skill=source,
            years=Decimal(c["removed"]["years"]),
            last_used_year=c["removed"]["last_used_year"],
        )
        for c in moved["combined"]
    ]
    if removed:
        bulk_create_with_history(removed, CandidateSkill, batch_size=BATCH)


def _move_engagements(source: Skill, target: Skill) -> dict:
    through = Engagement.skills.through
    with_source = set(through.objects.filter(skill=source).values_list("engagement_id", flat=True))
    shared = set(
        through.objects.filter(skill=target, engagement_id__in=with_source).values_list(
            "engagement_id", flat=True
        )
    )
    through.objects.filter(skill=source, engagement_id__in=shared).delete()
    through.objects.filter(skill=source).update(skill=target)
    return {"engagements": sorted(with_source - shared), "engagements_shared": sorted(shared)}


def _restore_engagements(moved: dict, source: Skill, target: Skill) -> None:
    through = Engagement.skills.through
    through.objects.filter(skill=target, engagement_id__in=moved["engagements"]).update(
        skill=source
    )
    existing = set(
        Engagement.objects.filter(pk__in=moved["engagements_shared"]).values_list("pk", flat=True)
    )
    through.objects.bulk_create(
        [through(engagement_id=pk, skill=source) for pk in sorted(existing)],
        ignore_conflicts=True,
    )


def _repoint(model, source: Skill, target: Skill, *, historical: bool) -> list[int]:
    if not historical:
        pks = list(model.objects.filter(skill=source).values_list("pk", flat=True))
        model.objects.filter(pk__in=pks).update(skill=target)
        return pks
    rows = list(model.objects.filter(skill=source))
    if rows:
        _update_with_history(model, rows, skill=target)
    return [row.pk for row in rows]


def _repoint_back(model, pks: list[int], source: Skill, *, historical: bool) -> None:
    if not historical:
        model.objects.filter(pk__in=pks).update(skill=source)
        return
    rows = list(model.objects.filter(pk__in=pks))
    if rows:
        _update_with_history(model, rows, skill=source)
