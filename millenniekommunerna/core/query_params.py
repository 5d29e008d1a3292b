"""Reading a listing's query string safely: the story listing and the partnership listing
share these (what a value may hold and how much of it a notice repeats)."""

from django.http import QueryDict

MAX_VALUES_PER_PARAM = 25
MAX_PARAM_LENGTH = 60


def short(value: str) -> str:
    """A value as a notice repeats it: on one line and at most MAX_PARAM_LENGTH characters."""
    value = " ".join(str(value).split())
    return value if len(value) <= MAX_PARAM_LENGTH else value[:MAX_PARAM_LENGTH] + "…"


def without_nul(params) -> QueryDict:
    """The query string without NUL characters: no slug, code or word has one, and PostgreSQL
    refuses a text parameter that holds one (a server error instead of "no such goal")."""
    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    return cleaned


def values(params, name: str) -> list[str]:
    """The distinct non-empty values of a parameter, lower-cased, at most
    MAX_VALUES_PER_PARAM of them."""
    seen = []
    for value in params.getlist(name):
        value = value.strip().lower()
        if value and value not in seen:
            seen.append(value)
    return seen[:MAX_VALUES_PER_PARAM]
