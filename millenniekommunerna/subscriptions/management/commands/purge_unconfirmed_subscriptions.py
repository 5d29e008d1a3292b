from django.core.management.base import BaseCommand

from millenniekommunerna.subscriptions.models import unconfirmed_days
from millenniekommunerna.subscriptions.purge import purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete the email addresses that were not confirmed within "
        "SUBSCRIPTIONS_UNCONFIRMED_DAYS days (7), and the follows an address did not confirm "
        "in that time (GDPR). `send_digests` does the same before it sends; run either daily."
    )

    def handle(self, *args, **options):
        addresses, follows = purge_unconfirmed()
        self.stdout.write(
            f"Deleted {addresses} unconfirmed addresses and {follows} unconfirmed follows "
            f"older than {unconfirmed_days()} days."
        )
