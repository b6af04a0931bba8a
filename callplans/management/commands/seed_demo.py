from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, seed_demo_people


class Command(BaseCommand):
    help = "Load the demo teams and data. Safe to run again: existing records are left as they are."

    def handle(self, *args, **options):
        people = seed_demo_people()
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready. Log in at /accounts/login/ with:")
        )
        for login in people.logins:
            self.stdout.write(
                f"  {login.username:<8} password {DEMO_PASSWORD}  ({login.role}, {login.team})"
            )
