"""Swedish words for search: what a query's words are, which inflected forms to look for, and
how to stem and highlight text.

Every search backend gets the same cleaned words and the same inflected forms from here, so
that SQLite, PostgreSQL and OpenSearch/Elasticsearch answer a query alike. The Snowball Swedish
stemmer (PostgreSQL's `swedish` configuration uses the same algorithm) leaves common forms
apart: `biogas` → `biog` but `biogasen` → `biogas`, `matsvinn` → `matsvin` but `matsvinnet`
stays, `Östhammar` → `östhamm` but `Östhammars` → `östhammar`. `inflections()` therefore adds
the forms a Swedish reader means by the same word (definite forms, genitive -s) and the
backends match any of them.
"""

import re
import threading
from functools import lru_cache

import Stemmer
from django.utils.html import escape, format_html, format_html_join

from millenniekommunerna.core.text import SENTENCE_END

# Letters and digits; the underscore and all punctuation separate words. This is the only thing
# that reaches a backend, so no search syntax (FTS5 `NEAR(`, `*`, quotes, `OR`) can either.
WORD = re.compile(r"[^\W_]+")

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8

# Snowball's Swedish stop words (the list PostgreSQL's `swedish` configuration uses too): words
# that say nothing about what a story is about, dropped from queries on every backend.
STOP_WORDS = frozenset(
    """
    och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
    icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
    något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
    någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli
    blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan
    sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era
    vilkas
    """.split()  # noqa: SIM905 (a list literal of 114 words would not be readable)
)

# Endings of Swedish definite and genitive forms that the stemmer does not always remove, and
# endings it removes from a base form but not from its definite form. Only letters-only words
# of some length get them, so `is` or `2015` stay as they are.
_STRIP_ENDINGS = ("ens", "ets", "ns", "en", "et", "na", "s", "n", "t")
_ADD_AFTER_CONSONANT = ("en", "et")
_ADD_AFTER_VOWEL = ("n",)
_VOWELS = frozenset("aeiouyåäö")
_MIN_STEM_LENGTH = 3
# From a plural (`skolor`, `bilar`) to the singular forms the stemmer keeps apart (`skolan`).
_PLURAL_ENDINGS = ("or", "ar", "er")
_SINGULAR_ENDINGS = ("a", "an", "en", "et")

_local = threading.local()  # a PyStemmer stemmer must not be shared between threads


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("swedish")
    return stemmer


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased, in order."""
    return [match.group().lower() for match in WORD.finditer(text or "")]


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def stem_text(text: str) -> str:
    """`text` as a space-separated string of stems: what the SQLite index stores."""
    return " ".join(stem(word) for word in words(text))


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as shown back in the search box: control characters and runs of white space
    removed, at most MAX_QUERY_CHARS characters. Returns (query, whether it was shortened)."""
    text = " ".join("".join(c if c.isprintable() else " " for c in (raw or "")[:2000]).split())
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        return (cut.rsplit(" ", 1)[0] if " " in cut else cut), True
    return text, False


def query_words(query: str) -> tuple[list[str], list[str]]:
    """(words to search for, stop words left out), each without repetitions."""
    searched, dropped = [], []
    for word in words(query):
        target = dropped if word in STOP_WORDS else searched
        if word not in target:
            target.append(word)
    return searched, dropped


@lru_cache(maxsize=10_000)
def inflections(word: str) -> tuple[str, ...]:
    """`word` and the forms of it to look for as well, `word` first. Forms are not merged by
    their stem here: PostgreSQL's Snowball may be an older version than PyStemmer's and stem
    differently (`partnerskapet`), and each backend stems for itself."""
    forms = [word]
    if word.isalpha():
        if len(word) > _MIN_STEM_LENGTH + 1:
            forms += [
                word[: -len(ending)]
                for ending in _STRIP_ENDINGS
                if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM_LENGTH
            ]
            if word.endswith(_PLURAL_ENDINGS):
                forms += [word[:-2] + ending for ending in _SINGULAR_ENDINGS]
        if len(word) >= _MIN_STEM_LENGTH:
            endings = _ADD_AFTER_VOWEL if word[-1] in _VOWELS else _ADD_AFTER_CONSONANT
            forms += [word + ending for ending in endings]
    return tuple(dict.fromkeys(forms))


def query_stems(searched: list[str]) -> frozenset[str]:
    """The stems of every form of every searched word: what highlighting marks."""
    return frozenset(stem(form) for word in searched for form in inflections(word))


def highlight(text: str, stems: frozenset[str]) -> str:
    """`text` escaped, with the words whose stem is in `stems` in `<mark>`."""
    if not stems:
        return escape(text)
    parts, position = [], 0
    for match in WORD.finditer(text):
        if stem(match.group().lower()) in stems:
            parts.append(escape(text[position : match.start()]))
            parts.append(format_html("<mark>{}</mark>", match.group()))
            position = match.end()
    parts.append(escape(text[position:]))
    return format_html_join("", "{}", ((part,) for part in parts))


def has_match(text: str, stems: frozenset[str]) -> bool:
    return any(stem(match.group().lower()) in stems for match in WORD.finditer(text or ""))


def snippet(texts: list[str], stems: frozenset[str], length: int = 240) -> tuple[str, bool]:
    """A passage of about `length` characters from the first of `texts` that contains a searched
    word, starting at the sentence it is in; else the start of the first text. Returns
    (highlighted HTML, whether it contains a match)."""
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    if not texts:
        return "", False
    for text in texts:
        first = next((m for m in WORD.finditer(text) if stem(m.group().lower()) in stems), None)
        if first is None:
            continue
        sentence_start = max(text.rfind(". ", 0, first.start()), text.rfind("! ", 0, first.start()))
        start = sentence_start + 2 if sentence_start >= 0 else 0
        if first.start() - start > length // 2:  # a long sentence: start near the word
            space = text.find(" ", first.start() - length // 3)
            start = space + 1 if 0 <= space < first.start() else first.start()
        return _cut(text, start, length, stems), True
    return _cut(texts[0], 0, length, stems), False


def _cut(text: str, start: int, length: int, stems: frozenset[str]) -> str:
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    passage = text[start:end].strip(" ,;:–-")
    html = highlight(passage, stems)
    prefix = "… " if start > 0 else ""
    # Also when the text itself stops mid-sentence (teasers imported from the old listing did).
    suffix = "" if end >= len(text) and passage.endswith(SENTENCE_END) else " …"
    return format_html("{}{}{}", prefix, html, suffix)
