"""Listings the importer's tests write: the page's opening (`HEAD`) and the cards after it."""

HEAD = "Det här är Millenniekommunerna\n\nIntro.\n\nBerättelser från Sveriges kommuner\n\n"


def write_listing(tmp_path, cards: str):
    """A listing file of `cards` after the page's opening, as the importer reads it."""
    path = tmp_path / "listing.txt"
    path.write_text(HEAD + cards, encoding="utf-8")
    return path
