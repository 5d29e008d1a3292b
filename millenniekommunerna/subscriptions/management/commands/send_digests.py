from datetime import date

from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from millenniekommunerna.subscriptions import digest
from millenniekommunerna.subscriptions.models import Frequency
from millenniekommunerna.subscriptions.purge import purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Send the email digests: the daily one (yesterday's stories) and the weekly one (last "
        "week's, Monday to Sunday). Run it once a day from cron, e.g. at 06:00: a weekly "
        "digest goes out on the first run of the week. A rerun for the same period sends "
        "nothing twice. Unconfirmed addresses older than 7 days are deleted first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=[*Frequency.values, "all"],
            default="all",
            help="Which digests to send (default: all).",
        )
        parser.add_argument(
            "--today",
            help="Act as if today were this date (YYYY-MM-DD): sends the periods before it, "
            "e.g. a week that was missed.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be sent.")

    def handle(self, *args, frequency, today, dry_run, **options):
        if today:
            try:
                today = date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(f"--today takes a date as YYYY-MM-DD, not {today!r}") from error
        else:
            today = timezone.localdate()
        if not dry_run:
            addresses, follows = purge_unconfirmed()
            self.stdout.write(
                f"Deleted {addresses} unconfirmed addresses and {follows} unconfirmed follows."
            )
        frequencies = Frequency.values if frequency == "all" else [frequency]
        failed = 0
        connection = get_connection()
        for name in frequencies:
            period = digest.period_before(name, today)
            outcome = digest.send(period, connection=connection, dry_run=dry_run)
            self.stdout.write(
                f"{name} {period.start}–{period.last_day}: {outcome.sent} sent, "
                f"{outcome.empty} without new stories, {outcome.skipped} already sent, "
                f"{outcome.failed} failed{' (dry run)' if dry_run else ''}."
            )
            failed += outcome.failed
        if failed:
            # cron mails a failing job's output: someone hears of it. The next run retries.
            raise CommandError(f"{failed} digests could not be sent; the next run tries again.")
