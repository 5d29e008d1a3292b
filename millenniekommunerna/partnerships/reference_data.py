"""The 250 countries (CLDR names in Swedish and English), the partner places abroad
(GeoNames, with editorial names and aliases) and the first funding programmes."""

from millenniekommunerna.core import reference_data
from millenniekommunerna.core.text import fold_slug

from .models import Country, FundingProgramme, PartnerPlace

# The programmes the stories name. From then on the list is the national editors': a load adds
# one missing by its slug and never changes one that is there.
FUNDING_PROGRAMMES = [
    ("icld", "ICLD", "https://icld.se/", "Internationellt centrum för lokal demokrati."),
    ("sida", "Sida", "https://www.sida.se/", "Styrelsen för internationellt utvecklingssamarbete."),
    ("eu", "EU", "", "Ett av EU:s program, t.ex. Interreg eller Erasmus+."),
    ("egen-finansiering", "Egen finansiering", "", "Kommunens egen budget."),
]


@reference_data.loader(order=reference_data.COUNTRIES)
def load_countries_and_partner_places(report: reference_data.LoadReport) -> None:
    for row in reference_data.read_csv("world/countries.csv"):
        reference_data.upsert(
            Country,
            report,
            "countries",
            {"code": row["alpha2"]},
            {
                "code_alpha3": row["alpha3"],
                "numeric_code": row["numeric"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en_cldr"] or row["name_en_iso"],
            },
        )

    names = {
        row["geonameid"]: row for row in reference_data.read_csv("world/partner_place_names.csv")
    }
    countries = {c.code: c for c in Country.objects.all()}
    for row in reference_data.read_csv("world/partner_places.csv"):
        editorial = names.get(row["geonameid"], {})
        name = editorial.get("name") or row["name"]
        reference_data.upsert(
            PartnerPlace,
            report,
            "partner places",
            {"geonames_id": int(row["geonameid"])},
            {
                "name": name,
                "slug": fold_slug(name),
                "country": countries[row["country_code"]],
                "kind": editorial.get("kind") or row["kind"],
                "region": row["admin1_name"],
                "latitude": float(row["lat"]),
                "longitude": float(row["lon"]),
                "aliases": ";".join(
                    a for a in (editorial.get("aliases") or "").split(";") if a.strip()
                ),
            },
        )


@reference_data.loader(order=reference_data.COUNTRIES)
def load_funding_programmes(report: reference_data.LoadReport) -> None:
    for slug, name, url, description in FUNDING_PROGRAMMES:
        _programme, created = FundingProgramme.objects.get_or_create(
            slug=slug, defaults={"name": name, "url": url, "description": description}
        )
        if created:
            report.created["funding programmes"] += 1
