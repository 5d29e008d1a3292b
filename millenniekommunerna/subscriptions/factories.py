import factory
from django.utils import timezone

from .models import Follow, Frequency, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed address with a weekly digest in Swedish; `confirmed_at=None` for one that
    has not clicked the link yet."""

    email = factory.Sequence(lambda n: f"foljare{n}@example.se")
    language = "sv"
    frequency = Frequency.WEEKLY
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Subscriber


class FollowFactory(factory.django.DjangoModelFactory):
    """A confirmed follow of Östhammar's stories unless told otherwise (`query=`, `place=`)."""

    subscriber = factory.SubFactory(SubscriberFactory)
    query = "kommun=osthammar"
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Follow
