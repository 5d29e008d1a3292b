"""The API's response shapes: the OpenAPI document is generated from these, and every response
is validated against them before it is sent."""

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import WithJsonSchema

# Times are written by `representation.iso` (UTC, ending in Z) and passed through as they are.
DateTime = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]


class Error(Schema):
    detail: str = Field(description="What was wrong, in English.")
    errors: list[dict] | None = Field(
        None, description="Each invalid query parameter and what it should look like."
    )


class CountyRef(Schema):
    code: str = Field(description="SCB county code (länskod), two digits.", examples=["03"])
    name: str = Field(examples=["Uppsala län"])


class CountryRef(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2 code.", examples=["KE"])
    name_sv: str
    name_en: str


class MunicipalityRef(Schema):
    code: str = Field(
        description="SCB municipality code (kommunkod), four digits; the first two are the "
        "county's code.",
        examples=["0382"],
    )
    name: str = Field(examples=["Östhammar"])
    official_name: str = Field(examples=["Östhammars kommun"])
    county: CountyRef
    url: str | None = Field(description="The municipality's page on this site.")


class GoalRef(Schema):
    code: str = Field(description="`mdg-1`…`mdg-8` or `sdg-1`…`sdg-17`.", examples=["sdg-12"])
    kind: Literal["mdg", "sdg"] = Field(
        description="`mdg`: a Millennium Development Goal (2000–2015); `sdg`: a Sustainable "
        "Development Goal of the 2030 Agenda."
    )
    number: int
    name_sv: str
    name_en: str
    url: str | None = Field(description="The goal's page on this site.")


class PartnerPlaceRef(Schema):
    slug: str
    name: str
    kind: str = Field(description="`city`, `region` or `region_capital`.")
    region: str = Field(description="The first-level region it lies in (may be empty).")
    country: CountryRef
    latitude: float
    longitude: float
    geonames_id: int | None = Field(description="The place's id in GeoNames.")


class Rendition(Schema):
    url: str
    width: int
    height: int
    format: str


class Image(Schema):
    role: Literal["main", "body"] = Field(
        description="`main`: the story's main image; `body`: an image in the text."
    )
    alt: str = Field(description="Alt text; empty for decorative images.")
    decorative: bool
    caption: str
    credit: str = Field(description="Photo credit; show it with the image.")
    width: int = Field(description="Width of the original, in pixels.")
    height: int = Field(description="Height of the original, in pixels.")
    renditions: list[Rendition] = Field(
        description="Scaled copies (WebP, 640, 960 and 1280 pixels wide, never wider than the "
        "original). Empty if the original file is missing."
    )


class Source(Schema):
    name: str = Field(
        description="Where the story was first published.", examples=["millenniekommun.se"]
    )
    url: str | None = Field(description="Its address there, when known.")
    programme: str = Field(description="The programme it belonged to (may be empty).")


class Publication(Schema):
    precision: Literal["day", "year", "period", "unknown"] = Field(
        description="How exactly the date of first publication is known: `day`, only the "
        "`year`, only a `period` (from `start` to `end`), or `unknown`."
    )
    start: date | None = Field(description="The day, or the first day of the year or period.")
    end: date | None = Field(description="The same day, or the last day of the year or period.")
    label: str = Field(
        description="The date as the site shows it (Swedish): `3 maj 2012`, `2012`, "
        "`2010–2015` or `okänt datum`.",
        examples=["2010–2015"],
    )
    source: Source | None = Field(
        description="Where it was first published; null for a story first published on this "
        "site (then `precision` is `day` and the day is that of `first_published_at`)."
    )


class Result(Schema):
    indicator: str = Field(
        description="What was measured (Swedish).", examples=["Matsvinn per elev och dag"]
    )
    unit: str = Field(description="Unit of both values (may be empty).", examples=["g"])
    baseline_value: float = Field(description="The value before the work (or at its start).")
    baseline_year: int
    latest_value: float = Field(description="The latest value measured.")
    latest_year: int = Field(description="Never before `baseline_year`.")
    source: str = Field(description="Who measured it (may be empty).")


class Contact(Schema):
    role: str = Field(
        description="Whom to ask, as a role, never a person or an address (may be empty).",
        examples=["Miljöstrateg"],
    )
    organisation: str = Field(
        description="Where that role works (may be empty).",
        examples=["Östhammars kommun, miljöenheten"],
    )


class StoryLink(Schema):
    id: int = Field(description="The story's `id`.")
    title: str
    url: str | None = Field(description="The story's page on this site.")


class PartnershipLink(Schema):
    slug: str = Field(examples=["osthammar-poti"])
    url: str = Field(description="The partnership's page on this site (`/samarbeten/<slug>/`).")


class StorySummary(Schema):
    id: int = Field(description="Stable id of the story.")
    url: str | None = Field(description="The story's page on this site.")
    title: str
    slug: str
    language: str = Field(description="Language of the text (BCP 47).", examples=["sv"])
    municipality: MunicipalityRef | None
    goals: list[GoalRef]
    partner_places: list[PartnerPlaceRef]
    countries: list[CountryRef] = Field(
        description="Countries the work involves, also where no single place is named."
    )
    year_start: int | None = Field(description="Year the work started.")
    year_end: int | None = Field(description="Year the work ended; null while it goes on.")
    teaser: str
    published: Publication = Field(
        description="When and where the story was first published: at its source for a story "
        "from elsewhere, as exactly as that is known; else on this site."
    )
    first_published_at: DateTime | None = Field(
        description="When it was first published on this site (for a story from elsewhere: "
        "when it was added here)."
    )
    last_published_at: DateTime | None = Field(description="When it was last updated.")
    status: Literal["planned", "ongoing", "completed", "discontinued"] | None = Field(
        description="Where the work stands; null when it is not known (never guessed)."
    )
    results: list[Result] = Field(
        description="Measured results: an indicator from a baseline to its latest value. Empty "
        "when the municipality has reported none."
    )
    lessons_learned: str = Field(
        description="What worked and what did not (Swedish; may be empty)."
    )
    contact: Contact = Field(description="Whom to ask about the work.")
    last_reviewed_at: DateTime | None = Field(
        description="When an editor last published the story or confirmed it is still true."
    )
    review_state: Literal["current", "due", "out_of_date"] = Field(
        description="`current`; `due` for review 12 months after `last_reviewed_at`; "
        "`out_of_date` after 24 months, or when never reviewed."
    )
    out_of_date: bool = Field(
        description="Whether the site marks the story as out of date (`review_state` is "
        "`out_of_date`)."
    )
    adapted_from: StoryLink | None = Field(
        description="The published story this work took its idea from, if any."
    )
    adapted_by: list[StoryLink] = Field(
        description="Published stories whose work took its idea from this one."
    )
    partnerships: list[PartnershipLink] = Field(
        description="The partnerships the story belongs to."
    )


class StoryTranslation(Schema):
    language: str = Field(description="Language of the translation (BCP 47).", examples=["en"])
    url: str | None = Field(description="The translation's page on this site.")
    title: str
    teaser: str
    body_html: str = Field(description="The translated text as HTML fragments.")
    body_text: str = Field(description="The translated text as plain text.")
    first_published_at: DateTime | None
    last_published_at: DateTime | None


class Story(StorySummary):
    body_html: str = Field(
        description="The story's text as HTML fragments (the site's markup; absolute URLs)."
    )
    body_text: str = Field(description="The story's text as plain text; paragraphs end in \\n\\n.")
    images: list[Image]
    translations: list[StoryTranslation] = Field(
        description=(
            "Published translations of the story's text. Municipality, goals, places, years "
            "and images are the story's own, in every language."
        )
    )


class StoryPage(Schema):
    count: int = Field(description="Stories matching the filters, on all pages.")
    page: int
    page_size: int
    pages: int = Field(description="Number of pages (at least 1).")
    next: str | None = Field(description="URL of the next page; null on the last.")
    previous: str | None = Field(description="URL of the previous page; null on the first.")
    results: list[Story]


class Municipality(Schema):
    code: str = Field(examples=["0382"])
    name: str
    official_name: str
    slug: str
    county: CountyRef
    website: str | None
    is_millennium_municipality: bool = Field(
        description="Whether the municipality is a Millenniekommun (editorial)."
    )
    millennium_decision_date: date | None = Field(
        description="Date of the council's decision to become a Millenniekommun, if known."
    )
    millennium_diploma_date: date | None = Field(description="Date of the diploma, if known.")
    url: str | None
    story_count: int = Field(description="Published stories from the municipality.")


class MunicipalityList(Schema):
    count: int
    results: list[Municipality]


class County(Schema):
    code: str = Field(examples=["03"])
    name: str
    short_name: str
    municipality_count: int
    millennium_municipality_count: int
    story_count: int


class CountyList(Schema):
    count: int
    results: list[County]


class Goal(GoalRef):
    colour: str = Field(description="The goal's colour, #RRGGBB.")
    story_count: int
    successors_editorial: list[str] = Field(
        description="For an MDG: the SDGs that carry it on, in the editors' reading."
    )
    predecessors_editorial: list[str] = Field(
        description="For an SDG: the MDGs it carries on, in the editors' reading."
    )


class GoalLink(Schema):
    mdg: str
    sdg: str
    note: str


class GoalMapping(Schema):
    editorial: Literal[True] = Field(
        description="Always true: the mapping is the editors' reading, not an official UN table."
    )
    description: str
    links: list[GoalLink]


class GoalList(Schema):
    count: int
    results: list[Goal]
    mapping: GoalMapping


class PartnerPlace(PartnerPlaceRef):
    aliases: list[str] = Field(description="Other names stories use for the place.")
    municipalities: list[str] = Field(
        description="SCB codes of the Swedish municipalities with a partnership with the place."
    )
    story_count: int


class PartnerPlaceList(Schema):
    count: int
    attribution: str = Field(description="Credit required by the place data's licence.")
    results: list[PartnerPlace]


class PartnershipMunicipality(Schema):
    code: str = Field(description="SCB municipality code, four digits.", examples=["0382"])
    slug: str = Field(examples=["osthammar"])
    name: str = Field(examples=["Östhammar"])
    role: Literal["lead", "partner"] = Field(
        description="`lead`: the municipality that leads the partnership (always first); "
        "`partner`: another Swedish municipality in it."
    )
    url: str | None = Field(description="The municipality's page on this site.")


class FundingProgrammeRef(Schema):
    slug: str = Field(examples=["icld"])
    name: str = Field(examples=["ICLD"])
    url: str | None = Field(description="The programme's own web site, when known.")


class StoryLink(Schema):
    id: int = Field(description="The story's id: `/api/v1/stories/{id}`.")
    title: str
    url: str | None = Field(description="The story's page on this site.")


PartnershipStatus = Literal["planned", "ongoing", "completed", "discontinued"]


class Partnership(Schema):
    slug: str = Field(description="Stable id of the partnership.", examples=["osthammar-poti"])
    url: str | None = Field(description="The partnership's page on this site.")
    municipalities: list[PartnershipMunicipality] = Field(
        description="The Swedish municipalities in the partnership, the lead first."
    )
    partner_place: PartnerPlaceRef
    start_year: int | None = Field(description="Year the partnership started, when known.")
    end_year: int | None = Field(description="Year it ended; null while it goes on.")
    status: PartnershipStatus | None = Field(
        description="Where the partnership stands; null when not known."
    )
    funding_programme: FundingProgrammeRef | None = Field(
        description="Who pays for the work (ICLD, Sida, an EU programme, the municipality's "
        "own budget); null when not known."
    )
    goals: list[GoalRef] = Field(description="The goals the partnership works on (its themes).")
    description: str
    stories: list[StoryLink] = Field(
        description="The published stories that belong to the partnership, by title."
    )


class PartnershipPage(Schema):
    count: int = Field(description="Partnerships matching the filters, on all pages.")
    page: int
    page_size: int
    pages: int = Field(description="Number of pages (at least 1).")
    next: str | None = Field(description="URL of the next page; null on the last.")
    previous: str | None = Field(description="URL of the previous page; null on the first.")
    results: list[Partnership]
