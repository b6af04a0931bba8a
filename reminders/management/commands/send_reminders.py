from django.core.management.base import BaseCommand

from reminders.services import reminders_send


class Command(BaseCommand):
    help = (
        "Make the notifications due now (feedback calls due, plans not ready an hour before "
        "the interview, managers' reviews) and send the daily digests. Safe to run as often as "
        "you like: nothing is made or sent twice. Run it every 10 minutes from cron or a timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-digests", action="store_true", help="Make notifications only, send no e-mail."
        )

    def handle(self, *args, **options):
        report = reminders_send(digests=not options["no_digests"])
        self.stdout.write(
            f"{report.notified} new notification{'s' if report.notified != 1 else ''}, "
            f"{report.digests} digest{'s' if report.digests != 1 else ''} sent."
        )
        if report.failed:
            self.stderr.write(f"{report.failed} digests could not be sent: see the log.")
