"""Every partnership gets its address (`osthammar-poti`), and the list of funding programmes
starts with the ones the stories name."""

import re
import unicodedata

from django.db import migrations

PROGRAMMES = [
    ("ICLD", "icld", "https://icld.se/", "Internationellt centrum för lokal demokrati."),
    ("Sida", "sida", "https://www.sida.se/", "Styrelsen för internationellt utvecklingssamarbete."),
    ("EU", "eu", "", "Ett av EU:s program, t.ex. Interreg eller Erasmus+."),
    ("Egen finansiering", "egen-finansiering", "", "Kommunens egen budget."),
]


def _slug(text):
    # As core.text.fold_slug (a migration keeps its own copy: the module may change).
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:110].strip("-")


def forwards(apps, schema_editor):
    Partnership = apps.get_model("partnerships", "Partnership")
    FundingProgramme = apps.get_model("partnerships", "FundingProgramme")
    for name, slug, url, description in PROGRAMMES:
        FundingProgramme.objects.get_or_create(
            slug=slug, defaults={"name": name, "url": url, "description": description}
        )
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
