from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def flagged(name, parts, request):
    # ruleid: mark-safe-on-non-literal
    mark_safe(name)
    # ruleid: mark-safe-on-non-literal
    mark_safe(f"<b>{name}</b>")
    # ruleid: mark-safe-on-non-literal
    mark_safe("<b>%s</b>" % name)
    # ruleid: mark-safe-on-non-literal
    mark_safe("".join(parts))
    # ruleid: mark-safe-on-non-literal
    SafeString(request.GET["q"])
    # ruleid: format-html-with-built-format-string
    format_html(f"<b>{name}</b>")
    # ruleid: format-html-with-built-format-string
    format_html("<b>%s</b>" % name)
    # ruleid: format-html-with-built-format-string
    format_html(f"<b>{name}</b>")
    # ruleid: format-html-with-built-format-string
    format_html("<b>" + name + "</b>")
    # ruleid: format-html-with-built-format-string
    format_html_join("\n", f"<li>{name}</li>", parts)


def fine(name, parts):
    # ok: mark-safe-on-non-literal
    mark_safe("<wbr>")
    # ok: mark-safe-on-non-literal
    mark_safe(escape(name))
    # ok: mark-safe-on-non-literal
    mark_safe(format_html("<b>{}</b>", name))
    # ok: mark-safe-on-non-literal
    mark_safe(format_html_join("\n", "<li>{}</li>", ((p,) for p in parts)))
    # ok: format-html-with-built-format-string
    format_html("<b>{}</b>", name)
    # ok: format-html-with-built-format-string
    format_html_join("\n", "<li>{}</li>", ((p,) for p in parts))
