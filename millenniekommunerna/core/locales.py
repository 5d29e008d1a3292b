"""The site's content languages as Wagtail locales.

Swedish is the content language: every page of the site exists in Swedish, and the site is
routed through the Swedish page tree in both interface languages (`/…` and `/en/…`). A story
may also have an English translation: a Wagtail translation (same `translation_key`, locale
`en`) kept beside the Swedish story under the same municipality page, so that the
municipality's editors, the review workflow and the one-page-per-municipality model hold for it
as they do for the Swedish story. A translation holds text only; where the story belongs
(municipality, goals, partners, years, main image) is always the Swedish story's.
"""

from django.conf import settings
from django.utils import translation

# Locale ids by language code, read once per process: locales are created by
# `load_reference_data` and never change while the site runs.
_ids: dict[str, int] = {}


def locale_id(language_code: str) -> int | None:
    from wagtail.models import Locale

    if language_code not in _ids:
        found = (
            Locale.objects.filter(language_code=language_code).values_list("pk", flat=True).first()
        )
        if found is None:
            return None  # not cached: it may be created later (`load_reference_data`)
        _ids[language_code] = found
    return _ids[language_code]


def content_locale_id() -> int | None:
    """The Swedish locale's id (the content language, `LANGUAGE_CODE`)."""
    return locale_id(settings.LANGUAGE_CODE)


def language_of_locale(pk: int | None) -> str:
    for code, known in _ids.items():
        if known == pk:
            return code
    from wagtail.models import Locale

    code = Locale.objects.filter(pk=pk).values_list("language_code", flat=True).first()
    if code is None:
        return settings.LANGUAGE_CODE
    _ids[code] = pk
    return code


def interface_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def ensure_locales() -> list[str]:
    """A Wagtail locale for every language of the site; returns the codes it created."""
    from wagtail.models import Locale

    created = []
    for code, _name in settings.LANGUAGES:
        _locale, was_created = Locale.objects.get_or_create(language_code=code)
        if was_created:
            created.append(code)
    return created


def forget():
    """Tests that create or delete locales call this."""
    _ids.clear()
