"""Reading a listing's query string safely: the story listing and the partnership listing
share these (what a value may hold and how much of it a notice repeats)."""

from django.http import QueryDict

MAX_VALUES_PER_PARAM = 25
MAX_PARAM_LENGTH = 60


def short(value: str, limit: int = MAX_PARAM_LENGTH) -> str:
    """A value as a notice repeats it: on one line and at most `limit` characters."""
    value = " ".join(str(value).split())
    return value if len(value) <= limit else value[:limit] + "…"


def without_nul(params) -> QueryDict:
    """The query string without NUL characters: no slug, code or word has one, and PostgreSQL
    refuses a text parameter that holds one (a server error instead of "no such goal")."""
    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    return cleaned


def values(params, name: str, limit: int = MAX_VALUES_PER_PARAM) -> list[str]:
    """The distinct non-empty values of a parameter, lower-cased, at most `limit` of them."""
    seen = []
    for value in params.getlist(name):
        value = value.strip().lower()
        if value and value not in seen:
            seen.append(value)
    return seen[:limit]
