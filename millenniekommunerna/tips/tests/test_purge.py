import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from millenniekommunerna.tips.factories import TipFactory
from millenniekommunerna.tips.models import Tip

pytestmark = pytest.mark.django_db


def purge(*args):
    out = io.StringIO()
    call_command("purge_tips", *args, stdout=out)
    return out.getvalue()


@override_settings(TIPS_RETENTION_DAYS=30)
def test_tips_older_than_the_retention_time_are_deleted_with_their_images():
    now = timezone.now()
    old = TipFactory(created_at=now - timedelta(days=31), with_image=True)
    borderline = TipFactory(created_at=now - timedelta(days=29, hours=23))
    new = TipFactory()
    assert "1 tips are older than 30 days (dry run)" in purge("--dry-run")
    assert Tip.objects.count() == 3
    assert "Deleted 1 tips older than 30 days" in purge()
    assert not Tip.objects.filter(pk=old.pk).exists()
    assert set(Tip.objects.values_list("pk", flat=True)) == {borderline.pk, new.pk}
    assert "Deleted 0 tips" in purge()


def test_default_retention_is_180_days_and_converted_stories_stay(django_user_model):
    from millenniekommunerna.editorial.roles import ensure_editorial_setup
    from millenniekommunerna.stories.models import StoryPage
    from millenniekommunerna.tips.conversion import convert_to_story

    ensure_editorial_setup()
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x" * 20)
    tip = TipFactory(created_at=timezone.now() - timedelta(days=181))
    story = convert_to_story(tip, admin)
    purge()
    assert not Tip.objects.exists()
    assert StoryPage.objects.filter(pk=story.pk).exists()


def test_delete_after_is_shown_from_the_retention_time():
    tip = TipFactory()
    assert tip.delete_after - tip.created_at == timedelta(days=180)
