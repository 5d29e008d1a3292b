"""The listing as the templates show it: facets with their options (the first few, the rest
behind "more") and the chosen filters as chips that remove them."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .. import provenance
from . import params


@dataclass
class FacetOption:
    """A facet value and its link: for a chosen value the link removes it and no count is
    shown, for any other value `count` is the number of stories the link leads to."""

    label: str
    count: int | None
    url: str
    selected: bool = False
    code: str = ""

    def __post_init__(self):
        if self.selected:
            self.count = None

    @property
    def landing(self) -> bool:
        """Whether the link leads to an indexable listing (see `params.is_landing_query`)."""
        return params.is_landing_query(self.url)


@dataclass
class Facet:
    key: str
    title: str
    options: list[FacetOption]
    hint: str = ""

    def _split(self) -> int:
        # Chosen options first; a "more" list of one or two would only be a needless click.
        if len(self.options) <= params.SHOWN_BEFORE_MORE + 2:
            return len(self.options)
        return max(params.SHOWN_BEFORE_MORE, sum(1 for option in self.options if option.selected))

    def __post_init__(self):
        self.options.sort(key=lambda option: not option.selected)  # stable: keeps the order

    @property
    def shown(self):
        return self.options[: self._split()]

    @property
    def more(self):
        return self.options[self._split() :]


def active_filters(selection) -> list[dict]:
    """The chosen filters, each with a link that removes it."""
    chips = []
    for goal in selection.goals:
        chips.append(
            {
                "label": f"{goal.label} {goal.name}",
                "url": selection.url(
                    **{params.PARAM_GOAL: [g.slug for g in selection.goals if g != goal]}
                ),
            }
        )
    if selection.municipality:
        chips.append(
            {
                "label": selection.municipality.name,
                "url": selection.url(**{params.PARAM_MUNICIPALITY: None}),
            }
        )
    elif selection.county:
        chips.append(
            {
                "label": selection.county.interface_name,
                "url": selection.url(**{params.PARAM_COUNTY: None}),
            }
        )
    for country in selection.countries:
        chips.append(
            {
                "label": country.name,
                "url": selection.url(
                    **{
                        params.PARAM_COUNTRY: [
                            c.code.lower() for c in selection.countries if c != country
                        ]
                    }
                ),
            }
        )
    if selection.year:
        chips.append(
            {
                "label": _("Published %(year)s")
                % {"year": provenance.period_label(selection.year)},
                "url": selection.url(**{params.PARAM_YEAR: None}),
            }
        )
    if selection.millennium is not None:
        chips.append(
            {
                "label": _("Millennium Municipalities")
                if selection.millennium
                else _("Other municipalities"),
                "url": selection.url(**{params.PARAM_MILLENNIUM: None}),
            }
        )
    if selection.out_of_date is not None:
        chips.append(
            {
                "label": _("Stories out of date")
                if selection.out_of_date
                else _("Current stories"),
                "url": selection.url(**{params.PARAM_REVIEW: None}),
            }
        )
    for chip in chips:
        chip["landing"] = params.is_landing_query(chip["url"])
    return chips
