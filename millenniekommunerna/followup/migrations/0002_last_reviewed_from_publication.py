"""Stories published before the follow-up existed count as reviewed when they were last
published by a person (a publication is a review: followup.signals); imported ones, whose live
revision no person made, stay unreviewed. Their translations have no date of their own: the
Swedish story's is the one that counts."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def last_reviewed_from_publication(apps, schema_editor):
    StoryPage = apps.get_model("stories", "StoryPage")
    Page = apps.get_model("wagtailcore", "Page")
    # The publication date is on the parent table: an update cannot join it, a subquery can.
    published = Page.objects.filter(pk=OuterRef("pk")).values("last_published_at")[:1]
    StoryPage.objects.filter(
        last_reviewed_at__isnull=True,
        last_published_at__isnull=False,
        live_revision__user__isnull=False,
    ).update(last_reviewed_at=Subquery(published))


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0001_review_reminder"),
        ("stories", "0008_partnerships_from_stories"),
    ]

    operations = [
        migrations.RunPython(last_reviewed_from_publication, migrations.RunPython.noop),
    ]
