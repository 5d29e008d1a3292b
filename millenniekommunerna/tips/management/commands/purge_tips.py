from django.core.management.base import BaseCommand

from millenniekommunerna.tips.models import Tip, retention_days


class Command(BaseCommand):
    help = (
        "Delete story tips received more than TIPS_RETENTION_DAYS days ago, images included "
        "(GDPR: the sender's name and email are kept no longer than needed). Stories made from "
        "tips stay, and so do the audit log entries, which name a tip only by its number. Run "
        "daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run, **options):
        expired = Tip.objects.expired()
        days = retention_days()
        if dry_run:
            self.stdout.write(f"{expired.count()} tips are older than {days} days (dry run).")
            return
        deleted = expired.delete()[1].get(Tip._meta.label, 0)
        self.stdout.write(f"Deleted {deleted} tips older than {days} days.")
