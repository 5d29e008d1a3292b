from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """The image upload form (WAGTAILIMAGES_IMAGE_FORM_BASE). When an upload comes back with
    an error elsewhere (an alt text that is refused, say), the chosen file cannot be kept: a
    browser never fills in a file field from the server, for the user's safety. The form says
    so beside the file field, so the editor knows to choose it again."""

    def _post_clean(self):
        super()._post_clean()
        chosen = bool(self.files.get("file"))
        if chosen and self.errors and "file" not in self.errors:
            self.add_error(
                "file",
                _(
                    "Choose the file again after fixing the rest: a browser does not keep a "
                    "chosen file when the form comes back."
                ),
            )
