"""The terms a text is read as: the words search uses (`core.swedish`), without stop words,
each reduced to one stem for all its inflected forms.

The Snowball stemmer keeps some forms of one word apart (`matsvinn` → `matsvin`, `matsvinnet`
stays); search copes by looking for every inflection (`swedish.inflections`). A classifier
needs one feature per word instead, so a word's term is the shortest stem among its
inflections' stems: `matsvinn` and `matsvinnet` both become `matsvin`, `klimat` and `klimatet`
both `klim`.
"""

from functools import lru_cache

from millenniekommunerna.core import swedish

_MIN_TERM_LENGTH = 3


@lru_cache(maxsize=50_000)
def term(word: str) -> str | None:
    """The term of one lower-cased word, or None for a stop word, a number or a short word."""
    if word in swedish.STOP_WORDS or not word.isalpha() or len(word) < _MIN_TERM_LENGTH:
        return None
    stems = {swedish.stem(form) for form in swedish.inflections(word)}
    stems = [s for s in stems if len(s) >= _MIN_TERM_LENGTH] or [swedish.stem(word)]
    return min(stems, key=lambda s: (len(s), s))


def terms(text: str) -> list[str]:
    """The terms of `text`, in order (what the vectoriser counts)."""
    return [t for t in map(term, swedish.words(text)) if t]


def words_by_term(text: str) -> dict[str, str]:
    """Each term of `text` with the first word of the text it came from, as written there:
    what an editor is shown as the reason for a suggestion."""
    shown: dict[str, str] = {}
    for match in swedish.WORD.finditer(text or ""):
        t = term(match.group().lower())
        if t and t not in shown:
            shown[t] = match.group()
    return shown
