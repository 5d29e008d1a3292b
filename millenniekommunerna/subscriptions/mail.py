"""The mails: the confirmation of an address and the digest. Plain text and HTML, in the
subscriber's language, every link absolute (core.public_url), and in every mail a one-click
unsubscribe link in the headers (RFC 2369 `List-Unsubscribe`, RFC 8058
`List-Unsubscribe-Post`) as well as in the text."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from millenniekommunerna.core.public_url import absolute

from .models import unconfirmed_days
from .scope import label


def links(subscriber, request=None) -> dict:
    """The subscriber's own links, absolute (from the request a mail is sent in answer to, if
    any), in the subscriber's language (call it inside `translation.override`)."""
    token = subscriber.token
    return {
        "confirm_url": absolute(reverse("subscriptions:confirm", args=[token]), request),
        "manage_url": absolute(reverse("subscriptions:manage", args=[token]), request),
        "unsubscribe_url": absolute(reverse("subscriptions:unsubscribe", args=[token]), request),
        "site_url": absolute(reverse("wagtail_serve", args=[""]), request),
    }


def build(subscriber, template: str, subject: str, context: dict, connection=None, request=None):
    """An EmailMultiAlternatives from `subscriptions/mail/<template>.txt` and `.html`."""
    with translation.override(subscriber.language):
        context = {**links(subscriber, request), **context, "subscriber": subscriber}
        text = render_to_string(f"subscriptions/mail/{template}.txt", context)
        html = render_to_string(f"subscriptions/mail/{template}.html", context)
        message = EmailMultiAlternatives(
            subject=str(subject),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscriber.email],
            connection=connection,
            headers={
                "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                # Not an auto-reply trigger, and no vacation replies to it.
                "Auto-Submitted": "auto-generated",
            },
        )
        message.attach_alternative(html, "text/html")
    return message


def confirmation(subscriber, follows, request=None):
    """The mail that asks the address to confirm: nothing else is sent before it is."""
    with translation.override(subscriber.language):
        return build(
            subscriber,
            "confirm",
            _("Confirm that you want to follow stories – Millenniekommunerna"),
            {"labels": [label(follow) for follow in follows], "days": unconfirmed_days()},
            request=request,
        )
