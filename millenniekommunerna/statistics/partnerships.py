"""The active partnerships per country and year: a table of countries × years. A partnership
is active in a year as `PartnershipQuerySet.active_in` says (started by then, not ended before;
without a start year it is never counted). One query, however many partnerships."""

from django.utils import timezone
from django.utils.translation import gettext as _

from millenniekommunerna.partnerships.models import Country, Partnership

from .tables import Column, Row, Table

SLUG = "aktiva-samarbeten"
# More years than this and the table shows the latest ones: it has to be read on a phone too.
MAX_YEARS = 12


def table_years(earliest: int | None, this_year: int) -> list[int]:
    """From the earliest start to this year, or the last MAX_YEARS years of that span."""
    if earliest is None or earliest > this_year:
        return []
    return list(range(max(earliest, this_year - MAX_YEARS + 1), this_year + 1))


def active_partnerships_table(this_year: int | None = None) -> Table:
    this_year = this_year or timezone.localdate().year
    # The same partnerships as Partnership.objects.active_in(year), counted here for every year
    # at once.
    spans = list(
        Partnership.objects.active_between(None, this_year)
        .order_by()
        .values_list("partner_place__country_id", "start_year", "end_year")
    )
    earliest = min((start for _c, start, _e in spans), default=None)
    years = table_years(earliest, this_year)
    counts: dict[int, dict[str, int]] = {}
    for country_id, start, end in spans:
        for year in years:
            if start <= year and (end is None or end >= year):
                per_year = counts.setdefault(country_id, {})
                per_year[str(year)] = per_year.get(str(year), 0) + 1
    countries = sorted(Country.objects.filter(pk__in=counts), key=lambda c: c.name)
    table = Table(
        slug=SLUG,
        title=_("Active partnerships per country and year"),
        description=_(
            "Partnerships going on in each year, by the country of the place abroad: from the "
            "year a partnership started to the year it ended, or to this year while it goes on."
        ),
        columns=[
            Column("country", _("Country"), numeric=False),
            *(Column(str(year), str(year)) for year in years),
        ],
        rows=[Row(c.name, {str(y): counts[c.pk].get(str(y), 0) for y in years}) for c in countries],
        chart_key=str(years[-1]) if years else "country",
    )
    if countries:
        table.total = Row(
            _("All countries"),
            {str(y): sum(counts[c.pk].get(str(y), 0) for c in countries) for y in years},
        )
    if years and years[0] > earliest:
        table.notes.append(
            _("The last %(count)s years; the earliest partnership started in %(year)s.")
            % {"count": len(years), "year": earliest}
        )
    table.notes.append(_("Partnerships whose start year is not known are not counted."))
    return table
