"""A polite crawler: what a well-behaved search engine finds by following the site's links.

    DATABASE_URL=sqlite:///var/seed.sqlite3 .venv/bin/python bench/crawl.py [--max-pages 3000]
    .venv/bin/python bench/crawl.py --base-url http://127.0.0.1:8000

It starts at `/` and `/en/`, reads `/robots.txt` first and then, breadth first, fetches every
link (`<a href>`) to the same site that

- robots.txt allows to `*`, read as Google reads it: the longest matching rule wins, `Allow`
  wins a tie, `*` matches any characters and a `$` at the end anchors the rule;
- does not carry `rel="nofollow"`;
- is not on a page whose `<meta name="robots">` (or `X-Robots-Tag` header) says `nofollow` or
  `none`.

It follows redirects as links, reads nothing but `<a>` (no scripts, no forms) and stops when
nothing is left or after `--max-pages` fetches. It also reads the sitemap (`/sitemap.xml` and
the files its index lists) and prints the two side by side. Without `--base-url` the site is
served in process through Django's test client, on the database DATABASE_URL names (read only).

`tests/test_crawl.py` runs the same crawl over the seed stories; bench/README.md has figures.
"""

import argparse
import os
import re
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

BASE_DIR = Path(__file__).resolve().parent.parent
USER_AGENT = "millenniekommunerna-crawl"
STARTS = ("/", "/en/")


# --- robots.txt ----------------------------------------------------------------------------


@dataclass
class RobotsRules:
    """The rules of one group of robots.txt (the one for `*` unless the agent has its own),
    matched as Google does (RFC 9309 plus the `*` and `$` patterns most large crawlers honour)."""

    rules: list[tuple[bool, str]] = field(default_factory=list)  # (allow, pattern)

    @classmethod
    def parse(cls, text: str, user_agent: str = USER_AGENT) -> "RobotsRules":
        groups: dict[str, list[tuple[bool, str]]] = {}
        agents: list[str] = []
        in_rules = False
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if ":" not in line:
                continue
            name, value = (part.strip() for part in line.split(":", 1))
            name = name.lower()
            if name == "user-agent":
                if in_rules:
                    agents, in_rules = [], False
                agents.append(value.lower())
                for agent in agents:
                    groups.setdefault(agent, [])
            elif name in ("allow", "disallow"):
                in_rules = True
                if value:  # an empty Disallow allows everything
                    for agent in agents:
                        groups[agent].append((name == "allow", value))
        own = user_agent.lower()
        return cls(groups.get(own, groups.get("*", [])))

    @staticmethod
    def _matches(pattern: str, path: str) -> bool:
        anchored = pattern.endswith("$")
        body = pattern[:-1] if anchored else pattern
        regex = ".*".join(re.escape(piece) for piece in body.split("*"))
        return re.match(regex + ("$" if anchored else ""), path) is not None

    def allowed(self, path: str) -> bool:
        """Whether `path` (with its query string) may be fetched."""
        best_length, allow = -1, True
        for rule_allows, pattern in self.rules:
            if self._matches(pattern, path):
                length = len(pattern)
                if length > best_length or (length == best_length and rule_allows):
                    best_length, allow = length, rule_allows
        return allow


# --- HTML ----------------------------------------------------------------------------------


class PageParser(HTMLParser):
    """The links of a page (with their `rel`), its meta robots and its canonical link."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, set[str]]] = []
        self.robots: set[str] = set()
        self.canonical = ""

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        rel = set(attributes.get("rel", "").lower().split())
        if tag in ("a", "area") and "href" in attributes:
            self.links.append((attributes["href"], rel))
        elif tag == "meta" and attributes.get("name", "").lower() in ("robots", "googlebot"):
            self.robots |= _directives(attributes.get("content", ""))
        elif tag == "link" and "canonical" in rel:
            self.canonical = attributes.get("href", "")


def _directives(value: str) -> set[str]:
    return {part.strip().lower() for part in value.split(",") if part.strip()}


# --- fetching ------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    content_type: str
    text: str
    headers: dict = field(default_factory=dict)


def client_fetcher(client=None):
    """Fetch through Django's test client (the site in this process)."""
    if client is None:
        from django.test import Client

        client = Client()

    def fetch(path: str) -> Response:
        response = client.get(path, HTTP_USER_AGENT=USER_AGENT)
        content_type = response.get("Content-Type", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace") if _is_text(content_type) else ""
        return Response(response.status_code, content_type, text, dict(response.headers))

    return fetch


def http_fetcher(base_url: str):
    """Fetch over HTTP from a running site, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    base = base_url.rstrip("/")

    def fetch(path: str) -> Response:
        request = urllib.request.Request(base + path, headers={"User-Agent": USER_AGENT})  # noqa: S310
        try:
            with opener.open(request, timeout=60) as answer:
                status, headers, body = answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, dict(error.headers), error.read()
        content_type = headers.get("Content-Type", "")
        text = body.decode("utf-8", "replace") if _is_text(content_type) else ""
        return Response(status, content_type, text, headers)

    return fetch


def _is_text(content_type: str) -> bool:
    return content_type.startswith(("text/", "application/xml", "application/atom+xml"))


def _local(url: str, base: str) -> str | None:
    """The path and query of `url` (relative to `base`) if it is on the site, else None."""
    absolute, _fragment = urldefrag(urljoin("http://site" + base, url.strip()))
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.netloc not in ("site", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _site_path(url: str, root: str) -> str | None:
    """An absolute URL of the site (a sitemap's <loc>) as a path."""
    parts = urlsplit(url)
    if root and not url.startswith(root):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- the crawl -----------------------------------------------------------------------------


@dataclass
class Crawl:
    pages: dict[str, int] = field(default_factory=dict)  # path → status
    html: set[str] = field(default_factory=set)
    noindex: set[str] = field(default_factory=set)
    canonical: dict[str, str] = field(default_factory=dict)
    left: int = 0  # links still queued when the crawl stopped
    skipped: Counter = field(default_factory=Counter)  # why links were not followed
    seconds: float = 0.0

    @property
    def finished(self) -> bool:
        return self.left == 0

    @property
    def not_ok(self) -> dict[str, int]:
        return {path: status for path, status in self.pages.items() if status != 200}


def crawl(fetch, starts=STARTS, max_pages: int | None = None) -> Crawl:
    started = time.monotonic()
    result = Crawl()
    robots_response = fetch("/robots.txt")
    robots = RobotsRules.parse(robots_response.text if robots_response.status == 200 else "")
    queue = deque()
    seen = set()
    for start in starts:
        if start not in seen:
            seen.add(start)
            queue.append(start)
    while queue:
        if max_pages is not None and len(result.pages) >= max_pages:
            break
        path = queue.popleft()
        response = fetch(path)
        result.pages[path] = response.status
        links: list[tuple[str, set[str]]] = []
        header_robots = _directives(response.headers.get("X-Robots-Tag", ""))
        if 300 <= response.status < 400 and response.headers.get("Location"):
            links = [(response.headers["Location"], set())]
        elif response.content_type.startswith("text/html"):
            result.html.add(path)
            parser = PageParser()
            parser.feed(response.text)
            directives = parser.robots | header_robots
            if parser.canonical:
                result.canonical[path] = parser.canonical
            if directives & {"noindex", "none"}:
                result.noindex.add(path)
            if directives & {"nofollow", "none"}:
                result.skipped["page nofollow"] += len(parser.links)
            else:
                links = parser.links
        for href, rel in links:
            target = _local(href, path)
            if target is None:
                continue
            if "nofollow" in rel:
                result.skipped["rel=nofollow"] += 1
                continue
            if target in seen:
                continue
            if not robots.allowed(target):
                result.skipped["robots.txt"] += 1
                seen.add(target)
                continue
            seen.add(target)
            queue.append(target)
    result.left = len(queue)
    result.seconds = time.monotonic() - started
    return result


def sitemap_paths(fetch, root: str = "") -> list[str]:
    """Every URL the sitemap lists (following a sitemap index), as paths."""
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    paths, files, done = [], deque(["/sitemap.xml"]), set()
    while files:
        path = files.popleft()
        if path in done:
            continue
        done.add(path)
        response = fetch(path)
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        tree = ElementTree.fromstring(response.text.encode())  # noqa: S314 (our own site)
        for sitemap in tree.iter(f"{namespace}sitemap"):
            files.append(_site_path(sitemap.findtext(f"{namespace}loc").strip(), root))
        for url in tree.iter(f"{namespace}url"):
            paths.append(_site_path(url.findtext(f"{namespace}loc").strip(), root))
    return [path for path in paths if path is not None]


def report(result: Crawl, sitemap: list[str]) -> str:
    listed = set(sitemap)
    found = set(result.pages)
    lines = [
        f"pages fetched: {len(result.pages)} in {result.seconds:.0f} s "
        f"({len(result.html)} HTML, {len(result.noindex)} of them noindex)",
        f"finished: {'yes' if result.finished else f'no, {result.left} links still queued'}",
        f"sitemap URLs: {len(listed)}; found by the crawl: {len(listed & found)}",
        f"fetched but not in the sitemap: {len(found - listed)}",
        f"not answering 200: {len(result.not_ok)}",
        "links not followed: "
        + (", ".join(f"{why} {n}" for why, n in sorted(result.skipped.items())) or "none"),
    ]
    with_query = Counter(
        path.split("?", 1)[0] for path in found if "?" in path and path not in listed
    )
    if with_query:
        lines.append("most fetched with a query string, not in the sitemap:")
        lines += [f"  {count:6d}  {path}?…" for path, count in with_query.most_common(8)]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="Crawl a running site instead of the test client.")
    parser.add_argument("--max-pages", type=int, default=None, help="Stop after this many.")
    parser.add_argument("--list", action="store_true", help="Print every fetched path too.")
    args = parser.parse_args(argv)
    if args.base_url:
        fetch = http_fetcher(args.base_url)
        root = args.base_url.rstrip("/")
    else:
        sys.path.insert(0, str(BASE_DIR))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "millenniekommunerna.settings.dev")
        import django
        from django.conf import settings

        django.setup()
        settings.DEBUG = False  # no query log growing through thousands of requests
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        fetch = client_fetcher()
        root = ""
    result = crawl(fetch, max_pages=args.max_pages)
    sitemap = sitemap_paths(fetch, root)
    if args.list:
        for path, status in result.pages.items():
            print(status, path)
    print(report(result, sitemap))
    return 0


if __name__ == "__main__":
    sys.exit(main())
