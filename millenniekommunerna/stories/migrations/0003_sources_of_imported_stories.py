"""The stories already stored get their publication: those the listing importer made (their
first revision has no user: the importer saves without one, editors never do) come from the
Millennium Municipalities programme's pages, 2010–2015, date unknown beyond that; every other
story was published here, on the day Wagtail recorded."""

import datetime

from django.db import migrations
from django.utils import timezone

SOURCE_NAME = "millenniekommun.se"
SOURCE_PROGRAMME = "Millenniekommunerna, Sveriges Kommuner och Landsting (SKL)"
PERIOD_START, PERIOD_END = datetime.date(2010, 1, 1), datetime.date(2015, 12, 31)


def forwards(apps, schema_editor):
    StoryPage = apps.get_model("stories", "StoryPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    for story in StoryPage.objects.all().iterator():
        first = None
        if page_type is not None:
            first = (
                Revision.objects.filter(base_content_type=page_type, object_id=str(story.pk))
                .order_by("created_at", "pk")
                .first()
            )
        imported = first is not None and first.user_id is None and not story.source_name
        if imported:
            story.source_name = SOURCE_NAME
            story.source_programme = SOURCE_PROGRAMME
            story.source_date_precision = "period"
            story.source_date_start, story.source_date_end = PERIOD_START, PERIOD_END
            story.published_on, story.published_period = PERIOD_END, "2010-2015"
        elif story.source_name:
            continue
        elif story.first_published_at:
            day = timezone.localdate(story.first_published_at)
            story.published_on, story.published_period = day, str(day.year)
        story.save(
            update_fields=[
                "source_name",
                "source_programme",
                "source_date_precision",
                "source_date_start",
                "source_date_end",
                "published_on",
                "published_period",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0002_story_source_and_publication"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
