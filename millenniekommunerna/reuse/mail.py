"""Who reads a message to a story's municipality, and the mail that carries it. The page tree
decides who acts for a municipality (as it does for tips): the groups that may change the
municipality's page are its editors; the groups that may publish from the root of the tree
are the national editors, who get the message when the municipality has no editor with an
email address. The sender's address is the mail's Reply-To, so that the municipality answers
the sender directly; the municipality's addresses are never shown to the sender."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission


def _addresses(permission: str, **page) -> list[str]:
    groups = GroupPagePermission.objects.filter(
        permission__codename=permission, **{f"page__{key}": value for key, value in page.items()}
    ).values("group_id")
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__in=groups)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def municipality_editors(story) -> list[str]:
    """The addresses of the editors of the municipality whose page the story lives under."""
    return _addresses("change_page", path=story.path[: -story.steplen])


def national_editors() -> list[str]:
    return _addresses("publish_page", depth=1)


def recipients(story) -> list[str]:
    return municipality_editors(story) or national_editors()


def message(story, data: dict, to: list[str], request=None) -> EmailMessage:
    """The sender's message as plain text, in Swedish (the municipality's language), with the
    story's title and address."""
    with translation.override(settings.LANGUAGE_CODE):
        title = " ".join(story.title.split())
        body = render_to_string(
            "reuse/mail/contact.txt",
            {
                "story": story,
                "title": title,
                "story_url": story.get_full_url(request),
                "name": data["name"],
                "email": data["email"],
                "message": data["message"],
            },
        )
        subject = _("Question about “%(title)s” – Millenniekommunerna") % {"title": title}
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=[data["email"]],
    )
