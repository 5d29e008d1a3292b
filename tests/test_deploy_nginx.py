"""The uploaded files that nginx serves itself get the headers Django gives them in development
(core.media; docs/security.md), read from the rendered site file (deploy/render.py)."""

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("deploy_render", ROOT / "deploy" / "render.py")
render = importlib.util.module_from_spec(spec)
spec.loader.exec_module(render)

SITE = render.render_file(ROOT / "deploy" / "nginx" / "millenniekommunerna.conf.template")


def block(opening: str) -> str:
    """The body of the block that starts with `opening` (no nested blocks in ours)."""
    match = re.search(re.escape(opening) + r"\s*\{([^{}]*)\}", SITE)
    assert match, f"no {opening} block"
    return match.group(1)


def headers(body: str) -> dict[str, str]:
    return {
        name: value.strip().strip('"')
        for name, value in re.findall(
            r'^\s*add_header\s+(\S+)\s+("[^"]*"|[^\s;]+)(?:\s+always)?;', body, re.M
        )
    }


def test_media_is_nosniff_in_a_sandbox_always():
    body = block("location /media/")
    found = headers(body)
    assert found["X-Content-Type-Options"] == "nosniff"
    assert found["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert found["Content-Disposition"] == "$mk_media_disposition"
    assert all(
        line.rstrip().endswith("always;") for line in body.splitlines() if "add_header" in line
    )


def test_only_raster_images_escape_the_attachment_disposition():
    body = block("map $uri $mk_media_disposition")
    rules = dict(re.findall(r'^\s*("[^"]*"|\S+)\s+"([^"]*)";', body, re.M))
    assert rules.pop("default") == "attachment"
    ((pattern, value),) = rules.items()
    assert value == ""
    regex = re.compile(pattern.strip('"').removeprefix("~*"), re.IGNORECASE)
    for name in ("a.png", "a.JPG", "a.jpeg", "a.webp", "a.avif", "a.gif"):
        assert regex.search(f"/media/images/{name}"), name
    for name in ("a.svg", "a.html", "a.htm", "a.pdf", "a.png.html", "a.svgz", "a.xml", "a.js"):
        assert not regex.search(f"/media/images/{name}"), name


def test_documents_are_only_reached_through_wagtails_view():
    assert block("location /media/documents/").strip() == "return 404;"


def test_the_health_check_is_never_kept_in_the_micro_cache():
    body = block("map $uri $mk_path_skips_cache")
    assert re.search(r'"~\^/healthz\$"\s+1;', body)


def test_the_forms_are_never_kept_in_the_micro_cache():
    body = block("map $uri $mk_path_skips_cache")
    patterns = re.findall(r'"~([^"]+)"\s+1;', body)
    for path in ("/tipsa/", "/en/tipsa/", "/kontakta/12/", "/en/kontakta/12/tack/"):
        assert any(re.search(pattern, path) for pattern in patterns), path
    assert not any(re.search(pattern, "/kommuner/kontaktaren/") for pattern in patterns)
