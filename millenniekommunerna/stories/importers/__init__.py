"""Importers of story listings: `listing` parses text (no database), `enrichment` finds places,
countries and goals, `writer` puts the stories into the page tree."""

from .listing import Card, Listing, ListingError, Problem, decode_listing, parse_listing

__all__ = ["Card", "Listing", "ListingError", "Problem", "decode_listing", "parse_listing"]
