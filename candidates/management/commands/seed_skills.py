from django.core.management.base import BaseCommand

from candidates.services import skill_taxonomy_load


class Command(BaseCommand):
    help = (
        "Load the starter skill list (candidates/taxonomy.py): skills, aliases and families. "
        "Safe to run again: skills already there keep their names and aliases."
    )

    def handle(self, *args, **options):
        counts = skill_taxonomy_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Skill list ready: {counts['skills']} skills and {counts['families']} families "
                f"added, {counts['regrouped']} skills given a family."
            )
        )
