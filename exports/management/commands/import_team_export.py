from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exports.export import ImportRefused, team_import


class Command(BaseCommand):
    help = (
        "Load a team export (the team.json of /team/export/) into a new, empty database. "
        "People come without passwords: set them afterwards with `manage.py changepassword`."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the team.json file")

    def handle(self, *args, path: Path, **options):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        try:
            counts = team_import(text=text)
        except ImportRefused as error:
            raise CommandError(str(error)) from None
        for label, count in sorted(counts.items()):
            self.stdout.write(f"{count:>7}  {label}")
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {sum(counts.values())} records from {path}.")
            + " Everyone needs a new password: python manage.py changepassword <username>"
        )
