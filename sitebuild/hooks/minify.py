"""Minify every page's HTML with minify-html (a fast, spec-compliant minifier written in Rust).

Runs after the page is rendered and before the Content-Security-Policy hook, which hashes the
scripts of the minified page. Attribute quotes are dropped where HTML allows it; the hooks and
tests read attributes quoted or not.
"""
from __future__ import annotations

import minify_html


def minify(html: str) -> str:
    """The HTML, minified; inline scripts and styles are left as they are."""
    return minify_html.minify(
        html,
        keep_html_and_head_opening_tags=True,
        keep_closing_tags=True,
        minify_css=False,
        minify_js=False,
    )


def on_post_page(output: str, page, config) -> str:
    """Each page."""
    return minify(output)


def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's stand-alone pages (404.html)."""
    return minify(output) if template_name.endswith(".html") else output
