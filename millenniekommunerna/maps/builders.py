"""What the maps show: the shapes from `shapes`, joined with a few aggregate queries over the
published stories. Each builder returns plain data for a template; the views cache what the
templates make of it."""

import math
from dataclasses import dataclass, field, replace

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from millenniekommunerna.core.navigation import section_page_url
from millenniekommunerna.municipalities.models import County, Municipality, MunicipalityPage
from millenniekommunerna.partnerships.models import PartnerPlace, Partnership
from millenniekommunerna.stories.models import StoryPage
from millenniekommunerna.stories.partner_countries import partner_countries

from . import shapes

# Sequential blues (ColorBrewer "Blues", 5 classes): light to dark, readable in greyscale too.
# No stories at all is a light grey of its own, so a gap never looks like "a few".
EMPTY_COLOUR = "#eceef1"
CLASS_COLOURS = ("#c6dbef", "#82bbe0", "#3f8fc9", "#1c5fa6", "#0b3470")
# Which of the five colours to use for fewer classes: spread out, so neighbours stay distinct.
PALETTE_PICKS = {1: (2,), 2: (1, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}
NICE_STEPS = (1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 5000, 10000)


def stories_label(count: int) -> str:
    return ngettext("%(count)s story", "%(count)s stories", count) % {"count": count}


@dataclass
class Bin:
    index: int  # 0: no stories
    low: int
    high: int | None  # None: and more
    colour: str
    municipality_count: int = 0

    @property
    def label(self) -> str:
        if self.low == 0:
            return _("No stories")
        if self.high is None:
            return _("%(low)s or more") % {"low": self.low}
        if self.high == self.low:
            return stories_label(self.low)
        return _("%(low)s–%(high)s") % {"low": self.low, "high": self.high}

    def contains(self, count: int) -> bool:
        return count >= self.low and (self.high is None or count <= self.high)


def class_bins(counts: list[int]) -> list[Bin]:
    """The legend's classes: "no stories", then up to five ranges with round limits that
    split the municipalities with stories into groups of about equal size, so that the shading
    says something both with a few dozen stories and with tens of thousands."""
    positive = sorted(c for c in counts if c > 0)
    limits = []
    for quantile in (0.2, 0.4, 0.6, 0.8):
        if not positive:
            break
        value = positive[min(len(positive) - 1, int(quantile * len(positive)))]
        nice = max((s for s in NICE_STEPS if s <= value), default=1)
        if nice > 1 and nice not in limits and (not limits or nice > limits[-1]):
            limits.append(nice)
    # The lower limits of the classes after the first, which starts at 1.
    lows = [1, *limits]
    maximum = positive[-1] if positive else 0
    lows = [low for low in lows if low <= max(maximum, 1)]
    colours = [CLASS_COLOURS[i] for i in PALETTE_PICKS[len(lows)]]
    bins = [Bin(0, 0, 0, EMPTY_COLOUR)]
    for i, low in enumerate(lows):
        high = lows[i + 1] - 1 if i + 1 < len(lows) else None
        bins.append(Bin(i + 1, low, high, colours[i]))
    for count in counts:
        for b in bins:
            if b.contains(count):
                b.municipality_count += 1
                break
    return bins


@dataclass
class MunicipalityShape:
    code: str
    name: str
    official_name: str
    county: str
    url: str
    d: str
    story_count: int
    is_millennium: bool
    bin: int = 0
    # The bin's colour, as an attribute of the shape: a <style> element would need the page's
    # Content-Security-Policy to allow inline styles.
    fill: str = ""

    @property
    def label(self) -> str:
        text = f"{self.name}: {stories_label(self.story_count)}"
        if self.is_millennium:
            text += ", " + _("Millennium Municipality")
        return text


def municipality_base_url(request) -> str:
    """`/kommuner/` in the active language: municipality pages are at `<this>/<slug>/`."""
    return section_page_url(request, "municipalities")


def sweden_map(request) -> dict:
    """Every municipality as a shape with its number of published stories. One query."""
    geometry = shapes.sweden()
    base = municipality_base_url(request)
    rows = (
        Municipality.objects.annotate(
            story_count=Count("stories", filter=Q(stories__live=True)),
            has_page=Exists(MunicipalityPage.objects.live().filter(municipality_id=OuterRef("pk"))),
        )
        .values_list(
            "code",
            "name",
            "official_name",
            "county__name",
            "county__short_name",
            "slug",
            "is_millennium_municipality",
            "story_count",
            "has_page",
        )
        .order_by("code")
    )
    municipalities = []
    for code, name, official, county, county_short, slug, millennium, count, has_page in rows:
        shape = geometry.municipalities.get(code)
        if shape is None:  # a municipality the boundary file does not know (a future merger)
            continue
        municipalities.append(
            MunicipalityShape(
                code=code,
                name=name,
                official_name=official,
                county=County.name_in_interface(county, county_short),
                url=f"{base}{slug}/" if base and has_page else "",
                d=shape.d,
                story_count=count,
                is_millennium=millennium,
            )
        )
    bins = class_bins([m.story_count for m in municipalities])
    for m in municipalities:
        shade = next(b for b in bins if b.contains(m.story_count))
        m.bin, m.fill = shade.index, shade.colour
    with_stories = sorted(
        (m for m in municipalities if m.story_count),
        key=lambda m: (-m.story_count, m.name),
    )
    return {
        "frame": geometry.frame,
        "municipalities": municipalities,
        "counties": list(geometry.counties.values()),
        "bins": bins,
        "with_stories": with_stories,
        "story_total": sum(m.story_count for m in municipalities),
        "millennium_count": sum(m.is_millennium for m in municipalities),
        "municipality_total": len(municipalities),
    }


# The world map


@dataclass
class PlaceMarker:
    pk: int
    name: str
    country: str
    slug: str
    url: str
    x: float
    y: float
    story_count: int
    label_x: float = 0
    label_y: float = 0
    anchor: str = "start"
    leader: bool = False

    @property
    def label(self) -> str:
        return f"{self.name}, {self.country}: {stories_label(self.story_count)}"


@dataclass
class PartnershipLine:
    municipality: str
    place: str
    country: str
    url: str
    municipality_url: str
    d: str
    story_count: int
    partnership_url: str = ""

    @property
    def label(self) -> str:
        return _("%(municipality)s – %(place)s (%(country)s): %(stories)s") % {
            "municipality": self.municipality,
            "place": self.place,
            "country": self.country,
            "stories": stories_label(self.story_count),
        }


@dataclass
class LabelPlacer:
    """Greedy label placement: each label takes the first spot around its point (right, left,
    above, below, then farther out with a leader line) that overlaps no label or point placed
    before it. Good enough for the dozen partner places a map shows."""

    font_size: float
    points: list[tuple[float, float]]
    width: float
    height: float
    taken: list[tuple[float, float, float, float]] = field(default_factory=list)

    def place(self, marker: PlaceMarker) -> None:
        width = 0.66 * self.font_size * len(marker.name)  # bold, with a halo
        height = self.font_size
        for distance in (1.0, 2.4, 3.8, 5.2):
            gap = distance * self.font_size * 0.6
            for dx, dy in ((1, 0), (-1, 0), (1, -1), (1, 1), (-1, -1), (-1, 1), (0, -1), (0, 1)):
                cx = marker.x + dx * gap
                cy = marker.y + dy * gap
                left = cx if dx > 0 else cx - width if dx < 0 else cx - width / 2
                top = cy - height / 2
                box = (left, top, left + width, top + height)
                if not self._free(box):
                    continue
                self.taken.append(box)
                marker.label_x = round(cx, 1)
                marker.label_y = round(cy + 0.35 * self.font_size, 1)
                marker.anchor = "start" if dx > 0 else "end" if dx < 0 else "middle"
                marker.leader = distance > 1.0
                return
        # Nowhere free: on the right, overlapping; the list under the map has every name.
        marker.label_x, marker.label_y = marker.x + self.font_size * 0.6, marker.y
        marker.anchor = "start"

    def _free(self, box) -> bool:
        left, top, right, bottom = box
        if left < 2 or top < 2 or right > self.width - 2 or bottom > self.height - 2:
            return False
        pad = 1.5
        for x, y in self.points:
            if left - pad <= x <= right + pad and top - pad <= y <= bottom + pad:
                return False
        for l2, t2, r2, b2 in self.taken:
            if left < r2 + pad and right + pad > l2 and top < b2 + pad and bottom + pad > t2:
                return False
        return True


def _curve(start, end) -> str:
    """A gentle arc from `start` to `end` (quadratic Bézier bent to the left of the direction
    of travel), so that lines from neighbouring municipalities to one place stay apart."""
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1
    bend = 0.18 * length
    cx = (x1 + x2) / 2 + bend * (y2 - y1) / length
    cy = (y1 + y2) / 2 - bend * (x2 - x1) / length
    return f"M{x1:.1f} {y1:.1f}Q{cx:.1f} {cy:.1f} {x2:.1f} {y2:.1f}"


WORLD_FONT_SIZE = 21


def _numeric(code) -> str:
    """ISO 3166 numeric codes as the map's shapes and the country table may write them
    (`24`, `024`), made comparable."""
    code = str(code or "").strip()
    return str(int(code)) if code.isdigit() else code


def stories_base_url(request) -> str:
    return section_page_url(request, "stories")


def place_url(request, slug: str) -> str:
    # Reversed inside i18n_patterns: already in the active language (`/en/karta/…`).
    return reverse("maps:place", args=[slug])


def world_map(request) -> dict:
    """Country outlines, a line for each partnership from the municipality's label point to
    the partner place, a labelled marker for each place that has a partnership or a story, and
    every partner country shaded (stories.partner_countries). Seven queries."""
    partnerships = list(
        Partnership.objects.values_list(
            "municipality__name",
            "municipality__slug",
            "municipality__label_lon",
            "municipality__label_lat",
            "partner_place_id",
            "slug",
        ).order_by("municipality__name", "partner_place__name")
    )
    places = list(
        PartnerPlace.objects.select_related("country")
        .annotate(
            story_count=Count("stories", filter=Q(stories__live=True)),
            has_partnership=Exists(Partnership.objects.filter(partner_place_id=OuterRef("pk"))),
        )
        .filter(Q(story_count__gt=0) | Q(has_partnership=True))
        .order_by("name")
    )
    pair_rows = (
        StoryPage.partner_places.through.objects.filter(storypage__live=True)
        .values("storypage__municipality__slug", "partnerplace_id")
        .annotate(count=Count("storypage_id"))
    )
    pair_counts = {
        (row["storypage__municipality__slug"], row["partnerplace_id"]): row["count"]
        for row in pair_rows
    }

    sweden_bbox = ((10.9, 55.2), (24.2, 69.1))
    # A country that stories name without any place in it is framed in too, so it can be shown.
    countries = partner_countries()
    placeless = [
        corner
        for facts in countries
        if not facts.places and facts.stories
        for corner in shapes.country_corners(_numeric(facts.country.numeric_code))
    ]
    points = tuple(sorted({*sweden_bbox, *placeless, *((p.longitude, p.latitude) for p in places)}))
    geometry = shapes.world(points)
    base = municipality_base_url(request)

    markers = {}
    for place in places:
        x, y = geometry.point(place.longitude, place.latitude)
        markers[place.pk] = PlaceMarker(
            pk=place.pk,
            name=place.name,
            country=place.country.name,
            slug=place.slug,
            url=place_url(request, place.slug),
            x=x,
            y=y,
            story_count=place.story_count,
        )
    lines, origins = [], {}
    for name, slug, lon, lat, place_id, partnership_slug in partnerships:
        marker = markers.get(place_id)
        if marker is None:
            continue
        origins[slug] = geometry.point(lon, lat)
        lines.append(
            PartnershipLine(
                municipality=name,
                place=marker.name,
                country=marker.country,
                url=f"{marker.url}?kommun={slug}",
                municipality_url=f"{base}{slug}/" if base else "",
                d=_curve(origins[slug], (marker.x, marker.y)),
                story_count=pair_counts.get((slug, place_id), 0),
                # Reversed inside i18n_patterns: in the active language, like place_url.
                partnership_url=reverse("collaborations:detail", args=[partnership_slug]),
            )
        )
    placer = LabelPlacer(
        WORLD_FONT_SIZE,
        [(m.x, m.y) for m in markers.values()] + list(origins.values()),
        geometry.frame.width,
        geometry.frame.height,
    )
    # Places with the most stories get the best spots.
    for marker in sorted(markers.values(), key=lambda m: (-m.story_count, m.name)):
        placer.place(marker)
    # Every country Swedish municipalities work with is shaded, also one that stories name
    # without any place in it (stories.partner_countries): the map says what the statistics say.
    partner_codes = {_numeric(c.country.numeric_code) for c in countries}
    shaded = [
        replace(shape, code=_numeric(shape.code), partner=_numeric(shape.code) in partner_codes)
        for shape in geometry.countries
    ]
    base_listing = stories_base_url(request)
    return {
        "frame": geometry.frame,
        "countries": shaded,
        "partner_countries": countries,
        "countries_without_place": [
            {
                "name": c.country.name,
                "count": c.stories_without_place,
                "url": f"{base_listing}?land={c.country.code.lower()}" if base_listing else "",
            }
            for c in sorted(countries, key=lambda c: c.country.name)
            if c.stories_without_place and not c.places
        ],
        "sweden_code": "752",
        "lines": lines,
        "places": sorted(markers.values(), key=lambda m: m.name),
        "origins": sorted(set(origins.values())),
        "font_size": WORLD_FONT_SIZE,
    }


# Locator maps


@dataclass
class Locator:
    code: str
    name: str
    frame: shapes.Frame
    counties: list
    d: str
    x: float
    y: float


def locator(code: str, name: str, lon: float, lat: float) -> Locator | None:
    """A thumbnail of Sweden with one municipality filled in and a dot on it (the smallest
    municipalities are a pixel wide at this size). No queries."""
    geometry = shapes.sweden(shapes.LOCATOR_HEIGHT)
    shape = geometry.municipalities.get(code)
    if shape is None:
        return None
    x, y = geometry.point(lon, lat)
    return Locator(
        code=code,
        name=name,
        frame=geometry.frame,
        counties=list(geometry.counties.values()),
        d=shape.d,
        x=x,
        y=y,
    )
