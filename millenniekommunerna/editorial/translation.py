"""English (or any other site language's) translations of stories, made in the admin.

Wagtail's own "copy for translation" puts a translation under the translated parent page and
creates aliases of the untranslated ancestors. Here a municipality has exactly one page (its
`municipality` is one-to-one), its editors' permissions and the review workflow hang on that
page, and the site is routed through the Swedish tree in both languages (see core.locales);
so a translation is created beside its story, under the same municipality page, as the same
kind of copy Wagtail makes (`Page.copy` keeping the translation key, in the new locale, as a
draft, logged as `wagtail.copy_for_translation`)."""

from django.conf import settings
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale


class CannotTranslate(Exception):
    pass


def language_name(code: str) -> str:
    """The language's name in the admin's language, as it stands in running text: not
    capitalised in Swedish ("Översätt till engelska")."""
    from django.utils import translation

    return str(translation.get_language_info(code)["name_translated"]).lower()


def translation_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def existing_translation(story, language):
    from millenniekommunerna.stories.models import StoryPage

    return StoryPage.objects.filter(
        translation_key=story.translation_key, locale__language_code=language
    ).first()


def user_can_translate(user, page) -> bool:
    """Whoever may add a story under the municipality's page may translate its stories.
    Works on plain `Page` rows too (admin listings), without loading the specific page."""
    from millenniekommunerna.core import locales
    from millenniekommunerna.stories.models import StoryPage

    if page.specific_class is not StoryPage or page.locale_id != locales.content_locale_id():
        return False
    parent = page.get_parent()
    return parent is not None and parent.permissions_for_user(user).can_add_subpage()


def translate_story(story, language, user):
    """The draft translation of `story` into `language` (an existing one if there is one).
    The draft starts as a copy of the Swedish text for the translator to replace; it holds no
    goals, partners, years or main image of its own (StoryPage.STRUCTURAL_FIELDS)."""
    if language not in translation_languages():
        raise CannotTranslate(language)
    if story.is_translation:
        raise CannotTranslate("a translation is not translated again")
    existing = existing_translation(story, language)
    if existing is not None:
        return existing, False
    locale, _created = Locale.objects.get_or_create(language_code=language)
    source = story if story.live else story.get_latest_revision_as_object()
    parent = story.get_parent()
    translated = source.copy(
        to=parent,
        update_attrs={
            "locale": locale,
            "slug": find_available_slug(parent, f"{story.slug}-{language}"),
        },
        copy_revisions=False,
        keep_live=False,
        reset_translation_key=False,
        exclude_fields=["review_flags"],
        user=user,
        log_action="wagtail.copy_for_translation",
    )
    return translated.specific, True
