"""An import's life: upload (`importrun_create`) → mapping when the layout is not known
(`importrun_map`) → preview (`importrun_analyse`: reads every row, writes nothing but the
preview) → confirm (`importrun_confirm`) → `importrun_execute`, which writes the valid rows
in one transaction: a failure leaves the database as it was.

Reading and writing run in the task worker for files over IMPORT_INLINE_MAX_BYTES (the caller
passes the task's `enqueue`); progress goes to the run row while reading and to the cache while
writing (the writing transaction's own updates are invisible to the polling page until it
commits)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import BinaryIO

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from candidates.selectors import skill_normalise
from candidates.services import skill_get_or_create
from imports.layouts import FIELD_LABELS, guess_mapping, recognise
from imports.models import ImportMapping, ImportProblem, ImportRun
from imports.reading import FileRefused, open_table
from imports.rows import parse_rows
from imports.services import candidates as candidate_engine
from imports.services import clients as client_engine
from imports.services import joborders as joborder_engine
from imports.services.engine import Context, SkillIndex

ENGINES = {
    "candidates": (candidate_engine.candidates_plan, candidate_engine.candidates_write),
    "job_orders": (joborder_engine.joborders_plan, joborder_engine.joborders_write),
    "clients": (client_engine.clients_plan, client_engine.clients_write),
    "contacts": (client_engine.contacts_plan, client_engine.contacts_write),
}
REQUIRED = {
    "candidates": (("first_name", "last_name"), ("name",)),
    "job_orders": (("title", "client"), ("title", "client_external_id")),
    "clients": (("name",),),
    "contacts": (
        ("name", "client"),
        ("first_name", "last_name", "client"),
        ("name", "client_external_id"),
        ("first_name", "last_name", "client_external_id"),
    ),
}
SAMPLE_ROWS = 10
PROBLEMS_SHOWN = 200


def progress_key(run_id: int) -> str:
    return f"imports:progress:{run_id}"


def importrun_progress(run: ImportRun) -> int:
    if run.status == ImportRun.Status.IMPORTING:
        return cache.get(progress_key(run.pk), 0)
    return run.done


def _importer_team(user: User):
    if user.team_id is None:
        raise PermissionDenied("Imports go into a team: only a team's members import.")
    return user.team


def importrun_create(*, user: User, kind: str, file: File) -> ImportRun:
    """Read the header, recognise the layout (or a saved mapping): refuses an unreadable file
    with ValidationError({"file": …}) and writes nothing then. `file` is read as a stream (an
    upload Django spooled to disk, or a file opened by the command) and copied to storage in
    chunks."""
    team = _importer_team(user)
    if kind not in ImportRun.Kind.values:
        raise ValidationError({"kind": "Choose what the file holds."})
    limit = settings.IMPORT_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            {
                "file": f"The file is {file.size / 1_000_000:.1f} MB; DialReady imports files "
                f"of up to {limit // 1_000_000} MB. Split it into smaller files."
            }
        )
    try:
        table = open_table(file)
    except FileRefused as refused:
        raise ValidationError({"file": str(refused)}) from None
    except Exception as error:  # a parser's surprise is the file's fault, never a 500
        raise ValidationError({"file": _unreadable(error)}) from None
    file_name = "".join(ch for ch in (file.name or "") if ch.isprintable())[:200] or "file"
    run = ImportRun(
        team=team,
        created_by=user,
        kind=kind,
        file_name=file_name,
        file_format=table.format,
        size=file.size,
        headers=table.header,
    )
    layout = recognise(kind, table.header)
    saved = _saved_mapping(team, kind, table.header)
    if layout is not None:
        run.layout, run.source = layout.name, layout.source
        run.mapping = layout.mapping_for(table.header)
        run.status = ImportRun.Status.ANALYSING
    elif saved is not None:
        run.layout, run.source = f"Saved mapping “{saved.name}”", "file"
        run.mapping = {h: f for h, f in saved.mapping.items() if h in table.header}
        run.status = ImportRun.Status.ANALYSING
    else:
        run.source = "file"
        run.mapping = guess_mapping(kind, table.header)
        run.status = ImportRun.Status.MAPPING
    run.full_clean()
    file.seek(0)
    run.stored_as = _storage().save(f"{team.pk}/{table.format}", file)
    run.save()
    return run


def _storage():
    return storages["imports"]


@contextmanager
def _stored_file(run: ImportRun) -> Iterator[BinaryIO]:
    if not run.stored_as:
        raise FileRefused("The uploaded file is no longer kept: upload it again.")
    try:
        file = _storage().open(run.stored_as, "rb")
    except FileNotFoundError:
        raise FileRefused("The uploaded file is no longer kept: upload it again.") from None
    with file:
        yield file


def _drop_file(name: str) -> None:
    if name:
        _storage().delete(name)


def _unreadable(error: Exception) -> str:
    return (
        f"The file could not be read ({type(error).__name__}: {str(error)[:200]}). Save it "
        "again as CSV or Excel workbook (.xlsx) and upload that."
    )


def _header_key(headers: list[str]) -> list[str]:
    return sorted(h.casefold() for h in headers if h)


def _saved_mapping(team, kind: str, headers: list[str]) -> ImportMapping | None:
    key = _header_key(headers)
    for saved in ImportMapping.objects.filter(team=team, kind=kind):
        if saved.headers == key:
            return saved
    return None


def importmappings_for(run: ImportRun) -> list[ImportMapping]:
    return list(ImportMapping.objects.filter(team=run.team, kind=run.kind))


@transaction.atomic
def importrun_map(
    *, run: ImportRun, user: User, mapping: dict[str, str], save_as: str = ""
) -> ImportRun:
    """Each column to a field, or ignored (""); with `save_as`, kept for the team to reuse."""
    _check_writer(run, user)
    if run.status not in (ImportRun.Status.MAPPING, ImportRun.Status.PREVIEWED):
        raise ValidationError("This import is past its mapping step.")
    fields = FIELD_LABELS[run.kind]
    mapping = {h: f for h, f in mapping.items() if h in run.headers and f in fields}
    used: dict[str, str] = {}
    for header, field in mapping.items():
        if field in used:
            raise ValidationError(
                f"Both “{used[field]}” and “{header}” are mapped to {fields[field]}: "
                "map one of them, ignore the other."
            )
        used[field] = header
    if not any(all(f in used for f in need) for need in REQUIRED[run.kind]):
        names = " and ".join(fields[f] for f in REQUIRED[run.kind][0])
        raise ValidationError(f"Map a column to {names} at least.")
    save_as = " ".join(save_as.split())
    if save_as:
        ImportMapping.objects.update_or_create(
            team=run.team,
            kind=run.kind,
            name=save_as[:80],
            defaults={"headers": _header_key(run.headers), "mapping": mapping},
        )
    run.mapping = mapping
    run.layout = f"Saved mapping “{save_as[:80]}”" if save_as else "Your column mapping"
    run.status = ImportRun.Status.ANALYSING
    run.done = 0
    run.save(update_fields=["mapping", "layout", "status", "done"])
    return run


def _check_writer(run: ImportRun, user: User) -> None:
    if run.created_by_id != user.pk and not (user.is_manager and user.team_id == run.team_id):
        raise PermissionDenied("Only the person who uploaded this file or their manager can go on.")


def _context(run: ImportRun, *, writing: bool) -> Context:
    return Context(
        team=run.team,
        user=run.created_by,
        source=run.source,
        kind=run.kind,
        reason=f"Imported from {run.file_name}"[:100],
        skills=SkillIndex(),
        skill_choices=dict(run.skill_choices),
        writing=writing,
    )


def _set(run: ImportRun, **changes) -> None:
    for name, value in changes.items():
        setattr(run, name, value)
    ImportRun.objects.filter(pk=run.pk).update(**changes)


def importrun_analyse(*, run_id: int) -> ImportRun:
    """The preview: every row read, matched and judged; nothing but the preview is written."""
    run = ImportRun.objects.select_related("team", "created_by").get(pk=run_id)
    if run.status != ImportRun.Status.ANALYSING:
        return run
    ImportProblem.objects.filter(run=run).delete()
    ctx = _context(run, writing=False)
    plan, _ = ENGINES[run.kind]
    counts = {"new": 0, "updated": 0, "unchanged": 0, "refused": 0}
    sample: list[dict] = []
    read = 0
    try:
        with _stored_file(run) as file:
            table = open_table(file)
            for rows in parse_rows(table, run.kind, run.mapping):
                planned = plan(ctx, rows)
                for item in planned:
                    counts[item.action] += 1
                    if len(sample) < SAMPLE_ROWS:
                        sample.append(
                            {"line": item.row.line, "action": item.action, **item.row.record}
                        )
                refused = [row for row in rows if row.problems]
                counts["refused"] += len(refused)
                ImportProblem.objects.bulk_create(
                    [
                        ImportProblem(
                            run=run,
                            line=row.line,
                            column=_printable(c, 200),
                            value=_printable(v, 200),
                            reason=_printable(r, 500),
                        )
                        for row in refused
                        for c, v, r in row.problems
                    ],
                    batch_size=1000,
                )
                read += len(rows)
                _set(run, done=read)
    except FileRefused as refused:
        _refuse(
            run,
            message=str(refused)[:500],
            finished_at=timezone.now(),
        )
        return run
    except (ValueError, TypeError, KeyError, OSError, RuntimeError) as error:
        # A parser's surprise deep in the file (a broken workbook part): the file's fault.
        _refuse(
            run,
            message=_unreadable(error)[:500],
            finished_at=timezone.now(),
        )
        return run
    preview = {
        "counts": counts,
        "sample": sample,
        "unknown_skills": _unknown_with_near_matches(ctx),
        "notes": table.notes + [f"{n} {remark}." for remark, n in ctx.notes.items()],
    }
    if read == 0:
        _refuse(
            run,
            finished_at=timezone.now(),
            message="The file has a header row but no rows below it: there is nothing to import.",
        )
        return run
    _set(run, status=ImportRun.Status.PREVIEWED, total=read, done=read, preview=preview)
    return run


def _refuse(run: ImportRun, **changes) -> None:
    """A refused file cannot go on: nothing of it is kept."""
    _drop_file(run.stored_as)
    _set(run, status=ImportRun.Status.REFUSED, stored_as="", **changes)


def _printable(text: str, length: int) -> str:
    """A refused cell as the report shows it: a NUL (which PostgreSQL cannot store) as \\0."""
    return text.replace("\x00", "\\0")[:length]


def _unknown_with_near_matches(ctx: Context) -> list[dict]:
    from candidates.selectors import skill_near_matches

    unknown = sorted(ctx.unknown.values(), key=lambda e: (-e["rows"], e["name"].casefold()))
    for position, entry in enumerate(unknown):
        near = skill_near_matches(entry["name"], limit=3) if position < 50 else []
        entry["key"] = skill_normalise(entry["name"])
        entry["near"] = [{"id": s.pk, "name": s.name} for s in near]
    return unknown


def importrun_confirm(
    *,
    run: ImportRun,
    user: User,
    skill_choices: dict[str, str],
    enqueue: Callable[[int], object],
) -> ImportRun:
    """Start writing the valid rows. `skill_choices`: unknown skill key → "create", "skip" or
    the id of a near match offered in the preview."""
    _check_writer(run, user)
    if run.status != ImportRun.Status.PREVIEWED:
        raise ValidationError("This import is not waiting for a confirmation.")
    offered = {
        e["key"]: {str(n["id"]) for n in e["near"]} for e in run.preview.get("unknown_skills", [])
    }
    choices = {}
    for key, choice in skill_choices.items():
        if key in offered and (choice in ("create", "skip") or choice in offered[key]):
            choices[key] = choice
    with transaction.atomic():
        updated = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.PREVIEWED).update(
            status=ImportRun.Status.IMPORTING, skill_choices=choices, done=0
        )
        if not updated:
            raise ValidationError("This import was confirmed already.")
        run.status, run.skill_choices, run.done = ImportRun.Status.IMPORTING, choices, 0
        cache.set(progress_key(run.pk), 0, 24 * 3600)
        enqueue(run.pk)
    return run


def importrun_execute(*, run_id: int) -> ImportRun:
    run = ImportRun.objects.select_related("team", "created_by").get(pk=run_id)
    if run.status != ImportRun.Status.IMPORTING:
        return run  # a retried task must not import twice
    try:
        with transaction.atomic():
            counts = _write_all(run)
            ImportRun.objects.filter(pk=run.pk).update(
                status=ImportRun.Status.DONE,
                result=counts,
                done=run.total,
                stored_as="",
                finished_at=timezone.now(),
            )
            transaction.on_commit(partial(_drop_file, run.stored_as))
    except FileRefused as refused:
        _set(
            run,
            status=ImportRun.Status.FAILED,
            message=str(refused)[:500],
            finished_at=timezone.now(),
        )
        return run
    except Exception as error:
        _set(
            run,
            status=ImportRun.Status.FAILED,
            message=f"The import stopped ({type(error).__name__}: {str(error)[:300]}); "
            "nothing was written. Fix the file or try again.",
            finished_at=timezone.now(),
        )
        raise
    run.refresh_from_db()
    return run


def _write_all(run: ImportRun) -> dict[str, int]:
    ctx = _context(run, writing=True)
    _create_chosen_skills(ctx, run)
    plan, write = ENGINES[run.kind]
    counts = {"new": 0, "updated": 0, "unchanged": 0, "refused": 0}
    done = 0
    with _stored_file(run) as file:
        for rows in parse_rows(open_table(file), run.kind, run.mapping):
            planned = plan(ctx, rows)
            write(ctx, [p for p in planned if p.action != "unchanged"])
            for item in planned:
                counts[item.action] += 1
            counts["refused"] += sum(1 for row in rows if row.problems)
            done += len(rows)
            cache.set(progress_key(run.pk), done, 24 * 3600)
    return counts


def _create_chosen_skills(ctx: Context, run: ImportRun) -> None:
    for entry in run.preview.get("unknown_skills", []):
        if ctx.skill_choices.get(entry["key"], "create") == "create":
            skill = skill_get_or_create(text=entry["name"])
            ctx.skills.ids[skill_normalise(entry["name"])] = skill.pk
