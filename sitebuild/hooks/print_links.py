"""Links that work on paper: every link to one of our pages names the page it leads to.

On screen nothing changes. In print (see the print block of getting-closer.css) a link to another page
of the site shows `(see Your house, your doors)` after its label: the page's title as the menu gives it,
which a reader can find from the site's address (printed once per sheet, in the footer and the help box).
A link whose label already is that title prints nothing more; a link to the home page shows the whole
address. Links within the page, downloads and links marked `gc-no-print-url` print as they are.
"""

from __future__ import annotations

import html
import posixpath
import re

from sitebuild.paths import dest_url, nav_titles

_LINK = re.compile(r'<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.S)


def _folder(page_url: str) -> str:
    """The folder a page's relative links start from: '' for the home page, 'house/' for house/."""
    return page_url if not page_url or page_url.endswith("/") else (posixpath.dirname(page_url) + "/").lstrip("/")


def page_titles(nav, directory_urls: bool = True, section: str | None = None) -> dict[str, str]:
    """The title of every page in the nav, by its URL relative to the site root: {'house/': 'Your house...'}.

    A page listed without a title (a section's index page) takes its section's title.
    """
    titles: dict[str, str] = {}
    for item in nav if isinstance(nav, list) else [nav] if nav else []:
        for title, target in item.items() if isinstance(item, dict) else [(None, item)]:
            if isinstance(target, list):
                titles.update(page_titles(target, directory_urls, title))
            elif isinstance(target, str) and target.endswith(".md"):
                titles[dest_url(target, directory_urls)] = title or section or nav_titles([target])[target]
    return titles


def printed_reference(
    href: str, page_url: str, site_url: str, titles: dict[str, str], see: str = "see {title}"
) -> str | None:
    """What a link from `page_url` prints after its label ('see Title'), or None when it needs nothing."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", href) or not href:
        return None
    path = href.partition("#")[0].partition("?")[0]
    if path.endswith((".pdf", ".svg", ".png", ".xml", ".txt")):
        return None
    target = posixpath.normpath(posixpath.join(_folder(page_url), path)).lstrip("/")
    if target in (".", ""):
        return site_url or None
    key = target + ("/" if path.endswith("/") else "")
    title = titles.get(key) or titles.get(target)
    return see.replace("{title}", title) if title else None


def _label(inner: str) -> str:
    """A link's visible text, tags removed and spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inner)).split())


def on_page_content(content: str, page, config, files) -> str:
    """Mark each link to another of our pages with the page title it prints after its label."""
    titles = page_titles(config["nav"], config["use_directory_urls"])
    see = config["extra"]["strings"]["handout"]["see"]  # "see {title}", in the edition's language

    def mark(match: re.Match) -> str:
        whole, inner = match.group(0), match.group(2)
        tag = whole[: whole.index(">") + 1]
        if "data-gc-print=" in tag or "gc-no-print-url" in tag:
            return whole
        printed = printed_reference(html.unescape(match.group(1)), page.url, config["site_url"] or "", titles, see)
        if printed is None:
            return whole
        if printed.casefold() == see.replace("{title}", _label(inner)).casefold():
            printed = ""  # still marked, so the whole guide can give the page number (whole_guide.py)
        return f'{tag[:-1]} data-gc-print="{html.escape(printed)}">{whole[len(tag) :]}'

    return _LINK.sub(mark, content)
