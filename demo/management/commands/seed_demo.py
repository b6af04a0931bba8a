import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from candidates.services import skill_taxonomy_load
from demo.demo import seed_demo_third_team, seed_demo_world
from demo.demo_actionplans import seed_demo_action_plan
from demo.demo_reminders import seed_demo_reminders
from demo.people import DEMO_PASSWORD, seed_demo_people
from demo.scale import BULK_PASSWORD, seed_scale


class Command(BaseCommand):
    help = "Load the demo teams and data. Safe to run again: existing records are left as they are."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Also load N units of bulk benchmark data (10 teams, 1,000 job orders, 5,000 "
            "candidates and 5,000 submittals each). Units already loaded are skipped.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes loading the bulk units side by side, each committing whole units "
            "(PostgreSQL only; default 2 on PostgreSQL, 1 on SQLite).",
        )

    def handle(self, *args, **options):
        # The starter skill list first: the demo's skills are taxonomy names, so they resolve to
        # those rows and carry their aliases and families.
        added = skill_taxonomy_load()
        if added["skills"]:
            self.stdout.write(f"Loaded {added['skills']} skills of the starter skill list.")
        people = seed_demo_people()
        if seed_demo_world(people):
            self.stdout.write("Loaded the demo job orders, candidates, references and plans.")
        if seed_demo_third_team(people):
            self.stdout.write("Loaded Cascade's job order, candidates and plan (theo, diana).")
        if seed_demo_action_plan(people):
            self.stdout.write(
                "Made Riley Chen's action plan, shared with Fabrikam Health (see it as priya)."
            )
        if notified := seed_demo_reminders(people):
            self.stdout.write(f"Made {notified} reminders (see /notifications/ as sam).")
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready. Log in at /accounts/login/ with:")
        )
        for login in people.logins:
            self.stdout.write(
                f"  {login.username:<8} password {DEMO_PASSWORD}  ({login.role}, {login.team})"
            )
        if options["scale"] > 0:
            self._seed_scale(options["scale"], options["workers"])

    def _seed_scale(self, scale: int, workers: int | None) -> None:
        postgres = connection.vendor == "postgresql"
        if workers is None:
            workers = 2 if postgres else 1
        if workers < 1 or (workers > 1 and not postgres):
            raise CommandError("--workers takes 1 on SQLite and 1 or more on PostgreSQL.")
        started = time.perf_counter()
        counts = seed_scale(scale=scale, progress=self.stdout.write, workers=workers)
        if not counts:
            self.stdout.write(f"Bulk data: all {scale} units already there.")
            return
        if postgres:
            # Bulk loads leave the planner without statistics until autovacuum comes by.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Bulk data: {sum(counts.values())} rows created in "
                f"{time.perf_counter() - started:.1f} s. Bulk logins (e.g. bulk1_t1_m) use "
                f"password {BULK_PASSWORD}."
            )
        )
