"""Minify every page's HTML with minify-html (a fast, spec-compliant minifier written in Rust).

Runs after the page is rendered and before the post-build hooks (links, Content-Security-Policy),
so those read the minified pages. Attribute quotes are dropped where HTML allows it; the hooks and
tests read attributes quoted or not.
"""
from __future__ import annotations

import minify_html


def on_post_page(output: str, page, config) -> str:
    """The page's HTML, minified; inline scripts and styles are left as they are."""
    return minify_html.minify(
        output,
        keep_html_and_head_opening_tags=True,
        keep_closing_tags=True,
        minify_css=False,
        minify_js=False,
    )
