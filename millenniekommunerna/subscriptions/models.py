"""Who follows what by email. Only the address and the choices are kept (GDPR): no name, no
account, no address of the connection. An address that is not confirmed within
UNCONFIRMED_DAYS is deleted (`manage.py purge_unconfirmed_subscriptions`, also run by
`send_digests`); unsubscribing deletes the address and everything it follows at once."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUERY_MAX_LENGTH = 600
# One person's follows, and the addresses whose confirmation is pending: a form posted over and
# over must not grow the table without end.
MAX_FOLLOWS = 50


def unconfirmed_days() -> int:
    return int(getattr(settings, "SUBSCRIPTIONS_UNCONFIRMED_DAYS", 7))


def new_token() -> str:
    # 256 random bits: the link in every mail is the only key to the subscription (no account),
    # so it must not be guessable; it is stored to be put in every digest, and replaced when
    # the address unsubscribes (the row is deleted).
    return secrets.token_urlsafe(32)


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def expired_unconfirmed(self, now=None):
        """Addresses never confirmed, asked for more than UNCONFIRMED_DAYS ago."""
        cutoff = (now or timezone.now()) - timedelta(days=unconfirmed_days())
        return self.filter(confirmed_at__isnull=True, created_at__lt=cutoff)


class Subscriber(models.Model):
    """An email address that follows stories, with how often and in which language it gets
    its digest."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("asked for"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("email subscriber")
        verbose_name_plural = _("email subscribers")

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def confirm(self, now=None):
        """Confirms the address and everything it has asked to follow so far."""
        now = now or timezone.now()
        if self.confirmed_at is None:
            self.confirmed_at = now
            self.save(update_fields=["confirmed_at"])
        self.follows.filter(confirmed_at__isnull=True).update(confirmed_at=now)


class FollowQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def expired_unconfirmed(self, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=unconfirmed_days())
        return self.filter(confirmed_at__isnull=True, created_at__lt=cutoff)


class Follow(models.Model):
    """One thing an address follows: a state of the story listing or search, kept as the
    listing's own query string (`kommun=osthammar`, `mal=sdg-12`, `q=matsvinn&lan=…`: see
    stories.listing), or a partner place abroad. Each is confirmed by the link in a mail
    to the address before any digest includes it."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="follows")
    query = models.CharField(max_length=QUERY_MAX_LENGTH, blank=True)
    place = models.ForeignKey(
        "partnerships.PartnerPlace",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("followed listing")
        verbose_name_plural = _("followed listings")

    def __str__(self):
        return f"ort={self.place.slug}" if self.place_id else (self.query or "*")

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Delivery(models.Model):
    """That an address has had its digest of one period: the unique constraint makes a rerun
    of `send_digests` for the same period send nothing twice, even when two runs overlap."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    period_start = models.DateField()
    story_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "frequency", "period_start"],
                name="subscriptions_one_digest_per_period",
            )
        ]
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")

    def __str__(self):
        return f"{self.frequency} {self.period_start}"
