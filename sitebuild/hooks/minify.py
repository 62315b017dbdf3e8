"""Minify every page's HTML with minify-html (a fast, spec-compliant minifier written in Rust), and the
inline scripts with jsmin (comments and spaces out; minify-html's own script minifier drops "use strict").

Runs after the page is rendered and before the Content-Security-Policy hook, which hashes the
scripts of the minified page. Attribute quotes are dropped where HTML allows it; the hooks and
tests read attributes quoted or not.
"""

from __future__ import annotations

import re

import minify_html
from jsmin import jsmin

# An inline script: its attributes and its code (a script with src= has no code to shrink).
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.+?)</script>", re.S)


def shrink_scripts(html: str) -> str:
    """Every executed inline script without its comments and spaces (JSON data blocks left as they are)."""

    def shrink(match: re.Match) -> str:
        if "json" in match.group("attrs"):
            return match.group(0)
        code = jsmin(match.group("body"), quote_chars="'\"`")
        return f"<script{match.group('attrs')}>{code}</script>"

    return _SCRIPT.sub(shrink, html)


def minify(html: str) -> str:
    """The HTML, minified; inline scripts shrunk by jsmin, inline styles left as they are."""
    return shrink_scripts(
        minify_html.minify(
            html,
            keep_html_and_head_opening_tags=True,
            keep_closing_tags=True,
            minify_css=False,
            minify_js=False,
        )
    )


def on_post_page(output: str, page, config) -> str:
    """Each page."""
    return minify(output)


def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's stand-alone pages (404.html)."""
    return minify(output) if template_name.endswith(".html") else output
