"""The options of an embed, read from its query string: the colours and, for a list, how many
stories. The embed page's form adds the embed's language (an embed's own language is its
address's prefix, like every page of the site)."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .targets import DEFAULT_COUNT, MAX_COUNT

THEMES = [
    ("ljust", _("Light")),
    ("morkt", _("Dark")),
    ("auto", _("As the visitor’s device is set (light or dark)")),
]
DEFAULT_THEME = "ljust"


class EmbedOptionsForm(forms.Form):
    tema = forms.ChoiceField(
        label=_("Colours"), choices=THEMES, required=False, widget=forms.RadioSelect
    )
    antal = forms.IntegerField(
        label=_("Number of stories"),
        help_text=_("From 1 to %(max)s.") % {"max": MAX_COUNT},
        min_value=1,
        max_value=MAX_COUNT,
        required=False,
    )

    def __init__(self, data=None, *, is_list=True, **kwargs):
        super().__init__(data, **kwargs)
        self.is_list = is_list
        if not is_list:
            del self.fields["antal"]

    def clean_tema(self):
        return self.cleaned_data["tema"] or DEFAULT_THEME

    def clean_antal(self):
        return self.cleaned_data["antal"] or DEFAULT_COUNT

    @property
    def theme(self) -> str:
        return self.cleaned_data.get("tema", DEFAULT_THEME) if self.is_valid() else DEFAULT_THEME

    @property
    def count(self) -> int:
        if self.is_list and self.is_valid():
            return self.cleaned_data["antal"]
        return DEFAULT_COUNT

    def query_string(self) -> str:
        """The options that differ from the defaults, for the embed's address ("" when none)."""
        params = {}
        if self.theme != DEFAULT_THEME:
            params["tema"] = self.theme
        if self.is_list and self.count != DEFAULT_COUNT:
            params["antal"] = self.count
        return f"?{urlencode(params)}" if params else ""

    def error_messages(self) -> list[str]:
        return [
            f"{self.fields[name].label}: {message}" if name in self.fields else message
            for name, messages in self.errors.items()
            for message in messages
        ]


class EmbedPageForm(EmbedOptionsForm):
    """The embed page's form: the options and the embed's language."""

    sprak = forms.ChoiceField(
        label=_("Language of the embed"),
        # Each language by its own name, as the language switcher names them.
        choices=[
            (code, translation.get_language_info(code)["name_local"].capitalize())
            for code, _name in settings.LANGUAGES
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, *, language, **kwargs):
        self.default_language = language
        super().__init__(data, **kwargs)

    def clean_sprak(self):
        return self.cleaned_data["sprak"] or self.default_language

    @property
    def language(self) -> str:
        if self.is_valid():
            return self.cleaned_data["sprak"]
        return self.default_language
