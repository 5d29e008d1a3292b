"""A story and its translations: which language a story page is in, its Swedish original, its
published translations, and the addresses and redirects that show a reader the story in the
interface's language. A mixin of StoryPage (story.py), before Wagtail's Page in its bases."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import cached_property

from millenniekommunerna.core import locales

if TYPE_CHECKING:
    from .story import StoryPage


class TranslatedStory:
    @property
    def is_translation(self) -> bool:
        content_locale = locales.content_locale_id()
        return bool(self.locale_id and content_locale and self.locale_id != content_locale)

    @property
    def language(self) -> str:
        """The language of the story's text."""
        if not self.is_translation:
            return settings.LANGUAGE_CODE
        return locales.language_of_locale(self.locale_id)

    @cached_property
    def original(self) -> "StoryPage":
        """The Swedish story; for the Swedish story itself, the story."""
        if not self.is_translation:
            return self
        found = (
            type(self)
            .objects.filter(
                translation_key=self.translation_key, locale_id=locales.content_locale_id()
            )
            .select_related("municipality__county", "hero_image")
            .first()
        )
        if found is None:
            raise Http404("The Swedish story of this translation is gone.")
        return found

    @cached_property
    def live_translations(self) -> dict[str, "StoryPage"]:
        """The Swedish story's published translations by language (one query per page)."""
        return {
            locales.language_of_locale(page.locale_id): page
            for page in type(self).objects.translations_of([self.original])
        }

    def live_translation(self, language: str) -> "StoryPage | None":
        """The published translation of this (Swedish) story into `language`, if any."""
        if language == self.language:
            return self
        if not self.is_translation:
            return self.live_translations.get(language)
        if language == settings.LANGUAGE_CODE and self.original.live:
            return self.original
        return None

    def get_url_parts(self, request=None):
        """A translation's address has its language's prefix (`/en/kommuner/…`). Wagtail
        gives every page under the Swedish home page the Swedish address, as the site is
        routed through that tree in both languages."""
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None or not self.is_translation:
            return parts
        site_id, root_url, path = parts
        with translation.override(settings.LANGUAGE_CODE):
            return site_id, root_url, translate_url(path, self.language)

    def get_admin_display_title(self):
        """In the admin a translation sits beside its story with a similar title: its language
        code tells them apart ("Rescue services in Poti [EN]")."""
        title = super().get_admin_display_title()
        return f"{title} [{self.language.upper()}]" if self.is_translation else title

    def get_sitemap_urls(self, request=None):
        # A translation is shown only while its Swedish story is published.
        if self.is_translation and not self.original.live:
            return []
        return super().get_sitemap_urls(request)

    def language_paths(self) -> dict[str, str]:
        """The story's address in each interface language: its translation's page where one
        is published, else the Swedish story under that language's prefix (which says the
        story is only in Swedish). Used by the language switcher and `hreflang`."""
        original = self.original
        translated = self.live_translations
        paths = {}
        for code, _name in settings.LANGUAGES:
            if code in translated:
                paths[code] = translated[code].url
            else:
                with translation.override(settings.LANGUAGE_CODE):
                    paths[code] = translate_url(original.url, code)
        return paths

    def serve(self, request, *args, **kwargs):
        """A story is shown in the interface's language when it has that translation: the
        Swedish story at `/en/…` sends the reader to its English translation, and a
        translation is only shown at its own language's address and while its Swedish story
        is published."""
        language = locales.interface_language()
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        if self.is_translation:
            if not self.original.live:
                raise Http404("The Swedish story is not published.")
            if language != self.language:
                return redirect(self.url)
        elif language != settings.LANGUAGE_CODE:
            translated = self.live_translation(language)
            if translated is not None:
                return redirect(translated.url)
        return super().serve(request, *args, **kwargs)
