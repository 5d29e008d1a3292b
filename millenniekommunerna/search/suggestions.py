""" "Did you mean …?" for searches that find nothing: each searched word is compared with the
names a visitor is likely to have meant (municipalities, counties, partner places, countries,
the words of the goals' names), with difflib's similarity ratio, so `Kisumo` suggests `kisumu`
and `Östamar` `östhammar`. The vocabulary is small (a few thousand words) and cached."""

import difflib

from django.core.cache import cache

from millenniekommunerna.core import swedish as text
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import County, Municipality
from millenniekommunerna.partnerships.models import Country, PartnerPlace

CACHE_KEY = "search:vocabulary:1"
CACHE_SECONDS = 60 * 60
MIN_WORD_LENGTH = 4
CUTOFF = 0.75


def vocabulary() -> list[str]:
    words = cache.get(CACHE_KEY)
    if words is None:
        names = [
            *Municipality.objects.values_list("name", flat=True),
            *County.objects.values_list("name", flat=True),
            *Country.objects.values_list("name_sv", flat=True),
        ]
        for name, aliases in PartnerPlace.objects.values_list("name", "aliases"):
            names += [name, *aliases.split(";")]
        for name_sv, name_en in Goal.objects.values_list("name_sv", "name_en"):
            names += [name_sv, name_en]
        words = sorted(
            {word for name in names for word in text.words(name) if len(word) >= MIN_WORD_LENGTH}
        )
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


def did_you_mean(searched: list[str]) -> str:
    """The searched words with each unknown one replaced by the nearest known word; "" when
    nothing changes."""
    known = vocabulary()
    known_set = set(known)
    corrected = []
    for word in searched:
        if word in known_set or len(word) < MIN_WORD_LENGTH or not word.isalpha():
            corrected.append(word)
            continue
        nearest = difflib.get_close_matches(word, known, n=1, cutoff=CUTOFF)
        corrected.append(nearest[0] if nearest else word)
    return " ".join(corrected) if corrected != searched else ""
