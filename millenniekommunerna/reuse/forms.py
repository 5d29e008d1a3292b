"""The form to write to a story's municipality: plain text only, with limits, and a field
hidden from people that catches bots (as the tip form)."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "webbplats"
NAME_MAX_LENGTH = 100
MESSAGE_MIN_LENGTH = 10
MESSAGE_MAX_LENGTH = 3000
MAX_LINKS = 3

# Markup has no place in a plain-text message, and refusing it keeps scripts out of the
# municipality's inbox and tells a person what went wrong.
_TAG = re.compile(r"<\s*/?\s*[a-z!?][^>]*>", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"(java|vb)\s*script\s*:|data\s*:\s*text/html", re.IGNORECASE)
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def normalise(value: str) -> str:
    """NFC, no control characters except line breaks and tabs, line breaks as \\n."""
    value = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf")
    ).strip()


class PlainTextField(forms.CharField):
    default_error_messages = {
        "max_length": _("Write at most %(limit_value)d characters (now %(show_value)d)."),
        "min_length": _("Write at least %(limit_value)d characters (now %(show_value)d)."),
    }

    def to_python(self, value):
        return normalise(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value and (
            _TAG.search(value) or _EVENT_HANDLER.search(value) or _SCRIPT_URL.search(value)
        ):
            raise ValidationError(
                _(
                    "Write in plain text, without HTML code or scripts (such as <script>, "
                    "onclick= or javascript:)."
                ),
            )


class ContactForm(forms.Form):
    name = PlainTextField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Write your name.")},
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("The municipality replies to this address. It is never published."),
        error_messages={
            "required": _("Write your email address, so that the municipality can reply."),
            "invalid": _("Write a whole email address, such as namn@exempel.se."),
        },
    )
    message = PlainTextField(
        label=_("Your message"),
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write a message.")},
    )
    webbplats = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].help_text = _(
            "What you want to know about the work, and who you are, e.g. which municipality "
            "or organisation you work for. At most %(count)s characters."
        ) % {"count": MESSAGE_MAX_LENGTH}
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_message(self):
        message = self.cleaned_data["message"]
        if len(_LINK.findall(message)) > MAX_LINKS:
            raise ValidationError(
                _("The message may contain at most %(count)s links."),
                params={"count": MAX_LINKS},
            )
        return message

    def clean(self):
        cleaned_data = super().clean()
        if (self.data.get(HONEYPOT_FIELD) or "").strip():
            raise ValidationError(
                _(
                    "The message could not be sent because the field “Leave this field empty” "
                    "was filled in. Empty it and send again."
                ),
            )
        return cleaned_data
