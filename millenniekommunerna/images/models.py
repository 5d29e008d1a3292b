from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from .validators import validate_alt_text


class CustomImage(AbstractImage):
    """An image whose alt text (Wagtail's `description`) is required and must describe the
    image, unless the image is marked decorative."""

    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Only for images that add nothing to the content. They get an empty alt text."),
    )
    credit = models.CharField(_("photo credit"), max_length=255, blank=True)

    admin_form_fields = (
        *Image.admin_form_fields[:1],
        "description",
        "is_decorative",
        "credit",
        *Image.admin_form_fields[1:],
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def clean(self):
        super().clean()
        self.description = (self.description or "").strip()
        if self.is_decorative:
            return
        if not self.description:
            raise ValidationError(
                {
                    "description": _(
                        "Write an alt text that describes the image, or mark the image as "
                        "decorative."
                    )
                }
            )
        try:
            validate_alt_text(self.description)
        except ValidationError as error:
            raise ValidationError({"description": error.messages}) from error

    @property
    def default_alt_text(self):
        if self.is_decorative:
            return ""
        return self.description


CustomImage._meta.get_field("description").verbose_name = _("alt text")
CustomImage._meta.get_field("description").help_text = _(
    "Describe what the image shows for people who cannot see it. Not a file name."
)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
