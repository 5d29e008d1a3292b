"""What the listing does not say outright: the partner places and countries a story names, and
the editors' reading of which goals it works toward (`seed_goals.csv`)."""

import csv
import io
import re
from dataclasses import dataclass

from millenniekommunerna.partnerships.models import WorkStatus

from .listing import ListingError, Problem

# Swedish adjectives for the countries the stories name without a place ("kenyanska kommunen").
COUNTRY_ADJECTIVES = {
    "GE": "georgisk",
    "IN": "indisk",
    "KE": "kenyansk",
    "MD": "moldavisk",
    "NA": "namibisk",
    "PE": "peruansk",
    "TR": "turkisk",
    "UG": "ugandisk",
    "ZA": "sydafrikansk",
}
HOME_COUNTRY = "SE"

# What a story says outright about its work: only these words count. A story that says
# nothing of it (or says two things) keeps an unknown status: never guessed from the tense of
# a sentence ("arbetar", "har samarbetat"), which says how things stood when it was written.
_STATUS_WORDS = {
    WorkStatus.ONGOING: (
        r"pågår(?!\s+inte)|(?:arbetet|samarbetet|projektet)\s+fortsätter(?!\s+inte)"
    ),
    WorkStatus.COMPLETED: r"avslutades|har\s+avslutats|(?:är|blev)\s+avslutat",
    WorkStatus.DISCONTINUED: r"lades\s+ne[dr]|avbröts|upphörde",
}
_STATUS_PATTERNS = {
    status: re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)
    for status, words in _STATUS_WORDS.items()
}


def stated_status(text: str) -> str:
    """The work's status when `text` states it ("Samarbetet avslutades 2014", "Arbetet
    pågår"), else ""."""
    found = {status for status, pattern in _STATUS_PATTERNS.items() if pattern.search(text)}
    return found.pop() if len(found) == 1 else ""


def _alternatives(names) -> str:
    # (Whether one of them is found is all that counts, so their order does not matter.)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(set(names)))


def whole_word(names, *, suffix: str = "", flags=0) -> re.Pattern | None:
    """A pattern for any of `names` standing as a word of its own: "Voi" matches in
    "med Voi i Kenya" and "Voi-projektet", never in "Voices" or "envoi"."""
    names = [n for n in names if n]
    if not names:
        return None
    return re.compile(rf"(?<!\w)(?:{_alternatives(names)}){suffix}(?!\w)", flags)


class PlaceMatcher:
    """Finds partner places by name or alias. Case matters: the names are proper nouns, and a
    lower-case word that happens to spell one is not the place."""

    def __init__(self, places):
        self._patterns = [(place, whole_word(place.names)) for place in places]

    def find(self, text: str) -> list:
        return [place for place, pattern in self._patterns if pattern and pattern.search(text)]


class CountryMatcher:
    """Finds countries by Swedish name (genitive -s allowed: "Perus") or by adjective
    ("kenyanska"). Sweden itself is never a country a story works *with*."""

    def __init__(self, countries):
        self._patterns = []
        for country in countries:
            if country.code == HOME_COUNTRY:
                continue
            patterns = [whole_word([country.name_sv], suffix="s?")]
            if country.code in COUNTRY_ADJECTIVES:
                stem = COUNTRY_ADJECTIVES[country.code]
                patterns.append(whole_word([stem], suffix="(?:a|t|e)?", flags=re.IGNORECASE))
            self._patterns.append((country, [p for p in patterns if p]))

    def find(self, text: str) -> list:
        return [
            country for country, patterns in self._patterns if any(p.search(text) for p in patterns)
        ]


@dataclass
class GoalRow:
    line: int
    municipality_name: str
    title: str
    goal_codes: list[str]
    note: str


GOAL_COLUMNS = ("municipality", "title", "goals", "note")


def parse_goals_csv(text: str, source: str) -> list[GoalRow]:
    """Rows of `municipality,title,goals,note`; goals as codes separated by spaces
    (`mdg-7 sdg-12`). Checking the codes and titles against the database is the caller's job."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    missing = [c for c in GOAL_COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise ListingError([Problem(1, f"kolumnerna {', '.join(missing)} saknas.", source)])
    rows, problems = [], []
    for record in reader:
        row_line = reader.line_num
        municipality = record["municipality"].strip()  # (the first column: in every row)
        title = " ".join((record.get("title") or "").split())
        codes = (record.get("goals") or "").replace(",", " ").lower().split()
        if not (municipality or title or codes):
            continue
        if not municipality or not title:
            problems.append(Problem(row_line, "raden saknar kommun eller titel.", source))
            continue
        if not codes:
            problems.append(Problem(row_line, f"inga mål för «{title}».", source))
            continue
        rows.append(
            GoalRow(row_line, municipality, title, codes, (record.get("note") or "").strip())
        )
    if problems:
        raise ListingError(problems)
    return rows
