"""The people of bench/fault.py, over real HTTP: readers who browse the public pages, and
editors who sign in at /admin/login/ and save drafts and publish through Wagtail's page edit
form, as a browser sends it (the CSRF token from the form, the session cookie, the form's
fields, the body's StreamField as Wagtail's script posts it). Every request is recorded."""

import contextlib
import http.client
import itertools
import json
import re
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urlencode

from fault_report import outcome

TIMEOUT = 30.0  # seconds; fault_report.HANG_SECONDS is what the checks allow
# In the site's error pages (templates/errors/base.html), not in a bare answer of Django's or
# gunicorn's.
ERROR_PAGE = "– Millenniekommunerna</title>"
# A CSRF cookie in Django's format: both caches (nginx's, the site's) pass such a visitor by,
# so the page is rendered from the database.
BYPASS_COOKIE = "csrftoken=" + "faulttest0" * 3 + "ab"


def proper_error(headers: dict, text: str) -> bool:
    """The site's error page, or the API's error as JSON."""
    if "json" in headers.get("content-type", ""):
        with contextlib.suppress(ValueError):
            return isinstance(json.loads(text), dict)
        return False
    return ERROR_PAGE in text


class Recorder:
    """Every request of the run: {t, seconds, kind, port, status, outcome}, t in seconds
    since the run began."""

    def __init__(self):
        self.started = time.monotonic()
        self.requests: list[dict] = []
        self.saves: list[dict] = []
        self._lock = threading.Lock()
        # Cleared, no new request starts (see quiet()).
        self.open = threading.Event()
        self.open.set()
        self.under_way = 0

    def now(self) -> float:
        return time.monotonic() - self.started

    def add(self, **request) -> dict:
        with self._lock:
            self.requests.append(request)
        return request

    def add_save(self, **save) -> None:
        with self._lock:
            self.saves.append(save)

    def begin(self) -> None:
        while True:
            self.open.wait()
            with self._lock:  # quiet() closes under the same lock: no request slips through
                if self.open.is_set():
                    self.under_way += 1
                    return

    def end(self) -> None:
        with self._lock:
            self.under_way -= 1

    @contextlib.contextmanager
    def quiet(self, timeout: float = 60):
        """No request under way while the block runs: every worker is idle."""
        with self._lock:
            self.open.clear()
        deadline = time.monotonic() + timeout
        while self.under_way and time.monotonic() < deadline:
            time.sleep(0.05)
        try:
            yield
        finally:
            self.open.set()


class Client:
    """One person's HTTP client: its cookies are kept across both app processes (a browser
    keys cookies by host, not port)."""

    def __init__(self, recorder: Recorder):
        self.recorder = recorder
        self.cookies: dict[str, str] = {}
        self.last: dict = {}  # the record of the last request

    def request(self, kind, port, method, path, body=None, headers=None):
        """(status, headers, text), or (None, {}, '') when there was no answer; recorded."""
        self.recorder.begin()
        start = self.recorder.now()
        status, response_headers, text, error, detail = None, {}, "", None, None
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        try:
            sent = {"Host": f"127.0.0.1:{port}", **(headers or {})}
            if self.cookies and "Cookie" not in sent:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            if body is not None:
                sent["Content-Type"] = "application/x-www-form-urlencoded"
                sent["Origin"] = f"http://127.0.0.1:{port}"
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            raw = response.read()
            status = response.status
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie, _, _ = value.partition(";")
                    key, _, val = cookie.partition("=")
                    if val and "max-age=0" not in value.lower():
                        self.cookies[key.strip()] = val.strip()
                    else:
                        self.cookies.pop(key.strip(), None)
                response_headers[name.lower()] = value
            text = raw.decode("utf-8", "replace")
            if status >= 500 and not proper_error(response_headers, text):
                error = f"{status} without the error page"
        except TimeoutError:
            error = "timeout"
        except (OSError, http.client.HTTPException) as problem:
            error, detail = "connection", f"{type(problem).__name__}: {problem}"[:200]
        finally:
            connection.close()
            self.recorder.end()
        self.last = self.recorder.add(
            t=round(start, 3),
            seconds=round(self.recorder.now() - start, 3),
            kind=kind,
            port=port,
            path=path,
            status=status,
            outcome=outcome(status, error),
            detail=detail,
        )
        return status, response_headers, text


# --- the edit form ------------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The fields a browser would submit from the page edit form without its scripts: inputs
    (checked boxes only), selected options, textareas; nothing inside <template> (the empty
    forms that Wagtail's script copies) and no buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._template = 0
        self._form = False
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "template":
            self._template += 1
        if self._template:
            return
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self._form = "/edit/" in (attributes.get("action") or "")
        if not self._form:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.fields.append((name, attributes.get("value") or "on"))
                return
            self.fields.append((name, attributes.get("value") or ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.fields.append((self._select, attributes.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_endtag(self, tag):
        if tag == "template":
            self._template -= 1
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            self.fields.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = False

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data


def form_fields(html: str) -> list[tuple[str, str]]:
    parser = FormFields()
    parser.feed(html)
    parser.close()
    return parser.fields


def paragraph_state(text: str) -> str:
    """A rich text paragraph in the form Wagtail's editor (Draftail) posts it."""
    block = {
        "key": "fault",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": [],
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def edit_post_data(html: str, title: str, teaser: str, body: str, publish: bool) -> str:
    """The edit form as the browser submits it, with a new title, teaser and body (one
    paragraph; the StreamField's fields are the ones Wagtail's script adds)."""
    replaced = {"title", "teaser"}
    data = [(k, v) for k, v in form_fields(html) if k not in replaced and not k.startswith("body-")]
    data += [("title", title), ("teaser", teaser)]
    data += [
        ("body-count", "1"),
        ("body-0-type", "paragraph"),
        ("body-0-value", paragraph_state(body)),
        ("body-0-deleted", ""),
        ("body-0-order", "0"),
        ("body-0-id", ""),
    ]
    if publish:
        data.append(("action-publish", "action-publish"))
    return urlencode(data)


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Editor:
    """Signs in once, then edits its own pages in turn, on both app processes in turn: a draft,
    or (a national editor, every second time) a publication. Each save carries a unique marker
    in its title, teaser and body; whether it was acknowledged is recorded."""

    def __init__(self, recorder, email, password, pages, ports, publishes, markers, pause):
        self.client = Client(recorder)
        self.recorder = recorder
        self.email, self.password = email, password
        self.pages, self.ports = pages, ports
        self.publishes = publishes
        self.markers = markers  # a callable, shared by the editors, that returns a new marker
        self.pause = pause
        self.signed_in = False

    def sign_in(self, port) -> bool:
        status, _, html = self.client.request("login", port, "GET", "/admin/login/")
        token = CSRF_FIELD.search(html) if status == 200 else None
        if not token:
            return False
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "username": self.email,
            "password": self.password,
            "next": "/admin/",
        }
        status, headers, _ = self.client.request(
            "login", port, "POST", "/admin/login/", body=urlencode(form)
        )
        self.signed_in = status == 302 and "/admin/login/" not in headers.get("location", "")
        return self.signed_in

    def save(self, page, port, publish) -> None:
        path = f"/admin/pages/{page['id']}/edit/"
        status, headers, html = self.client.request("edit form", port, "GET", path)
        if status != 200:
            if status == 302 and "/admin/login/" in headers.get("location", ""):
                self.signed_in = False
            return
        marker = self.markers()
        data = edit_post_data(
            html,
            title=f"{page['title']} {marker}",
            teaser=f"Ingressen ändrades under feltestet ({marker}).",
            body=f"Brödtexten ändrades under feltestet ({marker}).",
            publish=publish,
        )
        kind = "publish" if publish else "save"
        start = self.recorder.now()
        status, headers, _ = self.client.request(kind, port, "POST", path, body=data)
        location = headers.get("location", "")
        self.recorder.add_save(
            t=round(start, 3),
            page=page["id"],
            marker=marker,
            action=kind,
            port=port,
            status=status,
            acknowledged=status == 302 and "/admin/login/" not in location,
        )
        if status is not None and status < 400 and status != 302:
            # Wagtail answers a save it refused (a validation error) with the form again; a
            # refused save is not acknowledged, and the run should say why.
            self.client.last["outcome"] = "refused"

    def run(self, stop: threading.Event) -> None:
        turns = itertools.count()
        while not stop.is_set():
            turn = next(turns)
            port = self.ports[turn % len(self.ports)]
            if not self.signed_in and not self.sign_in(port):
                stop.wait(self.pause)
                continue
            page = self.pages[turn % len(self.pages)]
            self.save(page, port, publish=self.publishes and turn % 2 == 1)
            stop.wait(self.pause)


def reader(recorder, urls, ports, offset, stop: threading.Event, pause: float) -> None:
    """Asks for the public pages in turn, from both app processes in turn; every third request
    with a cookie that passes the page cache by (a visitor who has opened a form)."""
    client = Client(recorder)
    for n in itertools.count(offset):
        if stop.is_set():
            return
        url = urls[n % len(urls)]
        port = ports[n % len(ports)]
        client.cookies.clear()
        if n % 3 == 0:
            client.request("read, uncached", port, "GET", url, headers={"Cookie": BYPASS_COOKIE})
        else:
            client.request("read", port, "GET", url)
        stop.wait(pause)
