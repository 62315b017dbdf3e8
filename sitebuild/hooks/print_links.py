"""Links that work on paper: every link to one of our pages gets a short address to print after it.

On screen nothing changes. In print (see the print block of getting-closer.css) a link to another page
of the site shows `(…/get-help/)` after its label, the path under the site's public address, which
every printed page carries in its footer and help box; a link to the home page shows the whole address.
Links within the page, downloads and links marked `gc-no-print-url` print as they are.
"""
from __future__ import annotations

import html
import posixpath
import re

_LINK = re.compile(r'<a\s[^>]*?href="([^"]*)"[^>]*>')


def _folder(page_url: str) -> str:
    """The folder a page's relative links start from: '' for the home page, 'house/' for house/."""
    return page_url if not page_url or page_url.endswith("/") else (posixpath.dirname(page_url) + "/").lstrip("/")


def short_address(href: str, page_url: str, site_url: str) -> str | None:
    """The printed address of a link from `page_url`, or None when it needs none."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", href) or not href:
        return None
    path = href.partition("#")[0].partition("?")[0]
    if path.endswith((".pdf", ".svg", ".png", ".xml", ".txt")):
        return None
    target = posixpath.normpath(posixpath.join(_folder(page_url), path)).lstrip("/")
    if target in (".", ""):
        return site_url or None
    return f"…/{target}{'/' if path.endswith('/') else ''}"


def on_page_content(content: str, page, config, files) -> str:
    """Mark each link to another of our pages with the address it prints after its label."""

    def mark(match: re.Match) -> str:
        tag = match.group(0)
        if "data-gc-print=" in tag or "gc-no-print-url" in tag:
            return tag
        address = short_address(html.unescape(match.group(1)), page.url, config["site_url"] or "")
        return tag if address is None else f'{tag[:-1]} data-gc-print="{html.escape(address)}">'

    return _LINK.sub(mark, content)
