from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Team, User
from imports.layouts import FIELD_LABELS
from imports.models import ImportRun
from imports.selectors import importproblems_of
from imports.services import (
    importrun_analyse,
    importrun_confirm,
    importrun_create,
    importrun_execute,
    importrun_map,
)


class Command(BaseCommand):
    help = (
        "Import candidates, job orders, clients or contacts from a CSV or XLSX file, through the "
        "same services as /import/: the preview is printed, then the valid rows are written in "
        "one transaction (none with --dry-run). Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--kind", required=True, choices=ImportRun.Kind.values)
        parser.add_argument("--format", choices=("csv", "xlsx"), help="checked against the content")
        parser.add_argument("--team", required=True, help="the team's name or id")
        parser.add_argument("--user", required=True, help="the importing member's username")
        parser.add_argument("--dry-run", action="store_true", help="preview only: write nothing")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="for a file whose layout is not recognised: one per column to read",
        )
        parser.add_argument(
            "--unknown-skills",
            choices=("create", "skip"),
            default="create",
            help="what to do with skills DialReady does not know (default: create them)",
        )

    def handle(self, *args, path: Path, kind: str, team: str, user: str, **options):
        member = self._member(team, user)
        try:
            handle = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        try:
            with handle:
                run = importrun_create(user=member, kind=kind, file=File(handle, name=path.name))
            if options["format"] and run.file_format != options["format"]:
                raise CommandError(
                    f"{path.name} holds {run.file_format.upper()}, not {options['format'].upper()}."
                )
            if run.status == ImportRun.Status.MAPPING:
                mapping = dict(m.split("=", 1) for m in options["map"] if "=" in m)
                if not mapping:
                    raise CommandError(self._mapping_help(run))
                run = importrun_map(run=run, user=member, mapping=mapping)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None
        run = importrun_analyse(run_id=run.pk)
        if run.status == ImportRun.Status.REFUSED:
            raise CommandError(run.message)
        self._print_preview(run)
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        choices = {e["key"]: options["unknown_skills"] for e in run.preview["unknown_skills"]}
        importrun_confirm(run=run, user=member, skill_choices=choices, enqueue=lambda pk: None)
        run = importrun_execute(run_id=run.pk)
        if run.status != ImportRun.Status.DONE:
            raise CommandError(run.message)
        result = run.result
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path.name}: {result['new']} new, {result['updated']} updated, "
                f"{result['unchanged']} unchanged, {result['refused']} refused."
            )
        )

    def _member(self, team: str, username: str) -> User:
        teams = (
            Team.objects.filter(pk=int(team)) if team.isdigit() else Team.objects.filter(name=team)
        )
        found = teams.first()
        if found is None:
            raise CommandError(f"No team {team!r}.")
        member = User.objects.filter(username=username, team=found, is_active=True).first()
        if member is None:
            raise CommandError(f"{username!r} is not an active member of {found.name}.")
        return member

    def _mapping_help(self, run: ImportRun) -> str:
        fields = ", ".join(FIELD_LABELS[run.kind])
        return (
            f"The layout of {run.file_name} is not one DialReady knows. Map its columns with "
            f"--map COLUMN=FIELD (columns: {', '.join(run.headers)}; fields: {fields})."
        )

    def _print_preview(self, run: ImportRun) -> None:
        counts = run.preview["counts"]
        self.stdout.write(
            f"{run.file_name}: {run.layout} ({run.file_format.upper()}, {run.total} rows)"
        )
        for action in ("new", "updated", "unchanged", "refused"):
            self.stdout.write(f"{counts[action]:>8}  {action}")
        for note in run.preview.get("notes", []):
            self.stdout.write(f"  {note}")
        for entry in run.preview.get("unknown_skills", [])[:20]:
            self.stdout.write(f"  unknown skill: {entry['name']} ({entry['rows']} rows)")
        for problem in importproblems_of(run, limit=50):
            column = f" [{problem.column}]" if problem.column else ""
            self.stdout.write(f"  line {problem.line}{column}: {problem.reason}")
