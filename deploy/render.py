"""Fill in a configuration template from deploy/: the ${MK_…} names, from NAME=VALUE arguments,
then the environment, then the defaults below (a Debian server with the project in
/srv/millenniekommunerna). nginx's own $variables are left as they are.

    python3 deploy/render.py deploy/nginx/millenniekommunerna.conf.template \
        MK_SERVER_NAME="millenniekommunerna.se www.millenniekommunerna.se" \
        -o /etc/nginx/sites-available/millenniekommunerna

Standard library only, so that it runs with the system Python before the project is installed.
"""

import argparse
import os
import re
import string
import sys
from pathlib import Path

DEFAULTS = {
    # the site file
    "MK_LISTEN": "80",
    "MK_SERVER_NAME": "millenniekommunerna.se",
    "MK_UPSTREAM": "127.0.0.1:8000",
    "MK_STATIC_ROOT": "/srv/millenniekommunerna/var/static",
    "MK_MEDIA_ROOT": "/srv/millenniekommunerna/var/media",
    "MK_CACHE_DIR": "/var/cache/nginx/millenniekommunerna",
    # the minimal main configuration
    "MK_NGINX_USER": "www-data",
    "MK_NGINX_WORKERS": "auto",
    "MK_RUN_DIR": "/var/lib/nginx",
    "MK_MIME_TYPES": "/etc/nginx/mime.types",
    "MK_ACCESS_LOG": "/var/log/nginx/access.log",
    "MK_SITE_CONF": "/etc/nginx/sites-enabled/millenniekommunerna",
}
PLACEHOLDER = re.compile(r"\$\{?(MK_[A-Z0-9_]+)\}?")


def render(template: str, values: dict[str, str] | None = None) -> str:
    """The template with every ${MK_…} replaced; ValueError names any without a value."""
    merged = {**DEFAULTS, **{k: v for k, v in os.environ.items() if k in DEFAULTS}}
    merged.update(values or {})
    unknown = sorted(set(values or {}) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown names: {', '.join(unknown)} (known: {', '.join(DEFAULTS)})")
    text = string.Template(template).safe_substitute(merged)
    left = sorted(set(PLACEHOLDER.findall(text)))
    if left:
        raise ValueError(f"no value for {', '.join(left)}")
    return text


def render_file(path: Path | str, values: dict[str, str] | None = None) -> str:
    return render(Path(path).read_text(encoding="utf-8"), values)


def main(argv=None) -> None:
    names = "\n".join(f"  {name}={value!r}" for name, value in DEFAULTS.items())
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=f"names and their defaults:\n{names}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("template", type=Path)
    parser.add_argument("values", nargs="*", metavar="NAME=VALUE")
    parser.add_argument("-o", "--output", type=Path, help="Write here instead of to stdout.")
    args = parser.parse_args(argv)
    values = {}
    for item in args.values:
        name, sep, value = item.partition("=")
        if not sep:
            parser.error(f"{item!r} is not NAME=VALUE")
        values[name] = value
    try:
        text = render_file(args.template, values)
    except ValueError as error:
        sys.exit(f"{args.template}: {error}")
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
