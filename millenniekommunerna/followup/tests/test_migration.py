from datetime import UTC, datetime
from importlib import import_module

import pytest
from django.apps import apps

from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

migration = import_module(
    "millenniekommunerna.followup.migrations.0002_last_reviewed_from_publication"
)


def test_published_stories_count_as_reviewed_when_last_published(django_user_model):
    published = datetime(2023, 4, 1, 8, tzinfo=UTC)
    reviewed = datetime(2025, 1, 1, tzinfo=UTC)
    editor = django_user_model.objects.create_user("redaktor")
    old = StoryPageFactory(title="Publicerad 2023")
    already = StoryPageFactory(title="Redan granskad")
    draft = StoryPageFactory(title="Utkast", live=False, first_published_at=None)
    imported = StoryPageFactory(title="Importerad")
    for story in (old, already):
        story.save_revision(user=editor).publish()
    imported.save_revision().publish()  # the importer's revision: no person made it
    StoryPage.objects.filter(pk=imported.pk).update(
        last_published_at=published, last_reviewed_at=None
    )
    StoryPage.objects.filter(pk=old.pk).update(last_published_at=published, last_reviewed_at=None)
    StoryPage.objects.filter(pk=already.pk).update(
        last_published_at=published, last_reviewed_at=reviewed
    )
    StoryPage.objects.filter(pk=draft.pk).update(last_published_at=None, last_reviewed_at=None)

    migration.last_reviewed_from_publication(apps, None)

    found = dict(StoryPage.objects.values_list("title", "last_reviewed_at"))
    assert found["Publicerad 2023"] == published
    assert found["Redan granskad"] == reviewed
    assert found["Utkast"] is None
    assert found["Importerad"] is None
