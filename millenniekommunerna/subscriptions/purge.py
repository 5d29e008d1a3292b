from django.utils import timezone

from .models import Follow, Subscriber


def purge_unconfirmed(now=None) -> tuple[int, int]:
    """Deletes the addresses never confirmed within UNCONFIRMED_DAYS, with what they asked to
    follow, and the follows a confirmed address never confirmed in that time. Returns
    (addresses, follows) deleted."""
    now = now or timezone.now()
    addresses = Subscriber.objects.expired_unconfirmed(now).delete()[1]
    follows = Follow.objects.expired_unconfirmed(now).delete()[1]
    return addresses.get(Subscriber._meta.label, 0), follows.get(Follow._meta.label, 0)
