"""One self-contained HTML page: the page's data as JSON, its CSS and script inline.

The page loads nothing: no CDN, font or remote script, and a Content-Security-
Policy that allows only its own inline style and script (by their hashes), so
it works from a `file://` path and cannot reach the network. Article text is
data, never markup: it travels inside `<script type="application/json">` with
`<`, `>` and `&` escaped, and the script sets it only as text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib.resources import files

SCRIPTS = ("model.js", "chart.js", "views.js", "main.js")  # one script, in this order


@cache
def _asset(name: str) -> str:
    return (files("cgt_cli.views") / "page" / name).read_text(encoding="utf-8")


def embed_json(data) -> str:
    """JSON that cannot end its <script> element or open a comment: `<`, `>`, `&`
    (and the two line separators) escaped as \\uXXXX, which JSON reads back as is."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_page(data: dict) -> str:
    """The page for `data` (see `views.page_data`): markup, style, data and script in one file."""
    css = _asset("timeline.css")
    script = "(() => {\n'use strict';\n" + "\n".join(_asset(name) for name in SCRIPTS) + "\n})();\n"
    policy = (
        f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return "".join(
        [
            '<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="cgt">\n',
            f"<title>{html.escape(data['title'])}</title>\n",
            "<style>",
            css,
            "</style>\n</head>\n<body>\n",
            _asset("body.html"),
            '<script type="application/json" id="cgt-data">',
            embed_json(data),
            "</script>\n<script>",
            script,
            "</script>\n</body>\n</html>\n",
        ]
    )
