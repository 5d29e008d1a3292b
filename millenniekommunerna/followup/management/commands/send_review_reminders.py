from datetime import datetime

from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from millenniekommunerna.followup import reminders


class Command(BaseCommand):
    help = (
        "Remind each municipality's editors by e-mail of their published stories not reviewed "
        "for 12 months (the national editors, for municipalities without editors). A story is "
        "in at most one reminder per 12 months, so the command can run every day from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only print what would be sent.")
        parser.add_argument(
            "--now",
            help="Act as if it were this moment (ISO 8601, e.g. 2026-06-01T06:00:00+02:00).",
        )

    def handle(self, *args, dry_run, now, **options):
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError as error:
                raise CommandError(f"--now takes an ISO 8601 date and time, not {now!r}") from error
            now = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
        outcome = reminders.send(
            now=now, connection=get_connection(), dry_run=dry_run, write=self.stdout.write
        )
        self.stdout.write(
            f"{outcome.sent} reminders {'would be ' if dry_run else ''}sent "
            f"({outcome.stories} stories), {outcome.failed} failed."
        )
        if outcome.failed:
            # cron mails a failing job's output; the stories not sent are tried again next run.
            raise CommandError(f"{outcome.failed} reminders could not be sent.")
