"""Every partnership gets its address (`osthammar-poti`). (The first funding programmes come
with the reference data, `load_reference_data`: a migrated database stays empty for a
backup's import.)"""

import re
import unicodedata

from django.db import migrations


def _slug(text):
    # As core.text.fold_slug (a migration keeps its own copy: the module may change).
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:110].strip("-")


def forwards(apps, schema_editor):
    Partnership = apps.get_model("partnerships", "Partnership")
    taken = set()
    rows = Partnership.objects.select_related("municipality", "partner_place").order_by("pk")
    for partnership in rows:
        base = _slug(f"{partnership.municipality.name} {partnership.partner_place.name}")
        slug, number = base or "samarbete", 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        partnership.slug = slug
        partnership.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0004_partnership_records")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
