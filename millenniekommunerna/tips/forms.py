import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from millenniekommunerna.municipalities.models import Municipality

from . import images
from .models import (
    IMAGE_DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Tip,
    retention_days,
)

HONEYPOT_FIELD = "webbplats"
MAX_LINKS = 3

# Markup has no place in a plain-text tip. It would be shown escaped anyway, but refusing it
# tells a person what went wrong and keeps scripts out of the editors' inbox.
_TAG = re.compile(r"<\s*/?\s*[a-z!?][^>]*>", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"(java|vb)\s*script\s*:|data\s*:\s*text/html", re.IGNORECASE)
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def _normalise(value: str) -> str:
    """NFC, no control characters except line breaks and tabs, line breaks as \\n."""
    value = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf")
    ).strip()


def validate_plain_text(value: str) -> None:
    if _TAG.search(value) or _EVENT_HANDLER.search(value) or _SCRIPT_URL.search(value):
        raise ValidationError(
            _(
                "Write in plain text, without HTML code or scripts (such as <script>, "
                "onclick= or javascript:)."
            ),
        )


class PlainTextField(forms.CharField):
    def to_python(self, value):
        return _normalise(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value:
            validate_plain_text(value)


def municipality_choices():
    choices = [("", _("Choose a municipality"))]
    groups = {}
    for municipality in Municipality.objects.select_related("county").order_by(
        "county__name", "name"
    ):
        groups.setdefault(municipality.county.interface_name, []).append(
            (municipality.code, municipality.name)
        )
    choices.extend(groups.items())
    return choices


class TipForm(forms.ModelForm):
    """A visitor's story tip. Every text is plain text with a length limit; the image is
    checked and cleaned by `images.clean_upload`; a field hidden from people catches bots."""

    name = PlainTextField(label=_("Your name"), max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("So that the editors can contact you. It is never published."),
    )
    municipality = forms.ChoiceField(
        label=_("Municipality"), help_text=_("The municipality that does the work.")
    )
    title = PlainTextField(
        label=_("What is the story about?"),
        max_length=TITLE_MAX_LENGTH,
    )
    text = PlainTextField(
        label=_("Tell us more"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    image = forms.FileField(
        label=_("Image (optional)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    image_description = PlainTextField(
        label=_("What does the image show? (optional)"),
        max_length=IMAGE_DESCRIPTION_MAX_LENGTH,
        required=False,
        help_text=_("For people who cannot see the image, e.g. “Pupils weighing food waste”."),
    )
    consent = forms.BooleanField(label="", required=True)
    webbplats = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    class Meta:
        model = Tip
        fields = ["name", "email", "municipality", "title", "text", "image_description", "consent"]

    def __init__(self, *args, upload_guard=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_guard = upload_guard
        self.clean_image_result = None
        self.fields["municipality"].choices = municipality_choices()
        self.fields["title"].help_text = _("A short heading, at most %(count)s characters.") % {
            "count": TITLE_MAX_LENGTH
        }
        self.fields["text"].help_text = _(
            "What is being done, who takes part, which goals it contributes to, and where we "
            "can read more. At most %(count)s characters."
        ) % {"count": TEXT_MAX_LENGTH}
        self.fields["image"].help_text = _(
            "JPEG, PNG, WebP or GIF, at most %(megabytes)s MB. Send only images you have taken "
            "yourself or may share. Location data in the image is removed."
        ) % {"megabytes": images.megabytes(images.max_bytes())}
        self.fields["consent"].label = _(
            "The editors may contact me about the tip, and keep what I have written for at "
            "most %(days)s days."
        ) % {"days": retention_days()}
        self.fields["consent"].error_messages["required"] = _(
            "Tick the box so that the editors may contact you about the tip."
        )
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_municipality(self):
        code = self.cleaned_data["municipality"]
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            raise ValidationError(_("Choose a municipality from the list."))
        return municipality

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(_LINK.findall(text)) > MAX_LINKS:
            raise ValidationError(
                _("The text may contain at most %(count)s links."),
                params={"count": MAX_LINKS},
            )
        return text

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if self.upload_guard is not None and "image" in self.upload_guard.exceeded:
            return None  # refused in clean()
        if not upload:
            return None
        self.clean_image_result = images.clean_upload(upload)
        return upload

    def clean(self):
        cleaned_data = super().clean()
        if self.upload_guard is not None and "image" in self.upload_guard.exceeded:
            # What arrived is the cut-off start of the file; its own errors are beside the point.
            self.errors.pop("image", None)
            self.add_error("image", images.too_large_error())
        if (self.data.get(HONEYPOT_FIELD) or "").strip():
            raise ValidationError(
                _(
                    "The tip could not be sent because the field “Leave this field empty” was "
                    "filled in. Empty it and send again."
                ),
            )
        return cleaned_data

    def save(self, commit=True):
        tip = super().save(commit=False)
        if self.clean_image_result is not None:
            tip.image_data = self.clean_image_result.data
            tip.image_content_type = self.clean_image_result.content_type
            tip.image_width = self.clean_image_result.width
            tip.image_height = self.clean_image_result.height
        if commit:
            tip.save()
        return tip
