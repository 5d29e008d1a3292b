"""An index on the stories newest first, as the listings and the search's candidates ask
(`published_on DESC NULLS LAST, page_ptr_id DESC`, stories.listing.finder).

On PostgreSQL only: a descending btree index puts NULL first unless told otherwise, so the
field's own index cannot be read backwards for `NULLS LAST`. SQLite sorts NULL first
ascending and last descending, so the field's own index serves there (and SQLite cannot
create an index with NULLS LAST). Built CONCURRENTLY so that a running site keeps working."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS story_newest_first "
        "ON stories_storypage (published_on DESC NULLS LAST, page_ptr_id DESC)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS story_newest_first")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("stories", "0005_image_block_label")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
