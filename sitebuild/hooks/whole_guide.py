"""Assemble the printable whole guide: every chapter's rendered content on one page, in reading order.

A page whose front matter has `assemble: [pages...]` gets, after its own content, a table of contents
and the content of each listed page. Ids are prefixed per chapter so they stay unique, headings move
down one level, and links are rewritten: to another chapter they become in-page anchors, to any other
page they are made relative to this page.
"""
from __future__ import annotations

import html
import posixpath
import re

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

_IDREF = re.compile(r'(\s(?:id|for|aria-labelledby|aria-describedby|aria-controls)=")([^"]*)"')
_HREF = re.compile(r'(<a\s[^>]*?href=")([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-5])\b")


def chapter_id(src_uri: str) -> str:
    """The anchor of a chapter: 'house' for house.md, 'home' for index.md."""
    stem = src_uri[: -len(".md")].replace("/", "-")
    return "home" if stem == "index" else stem


def _rebase(href: str, page_url: str, chapters: dict[str, str], prefix: str, target_url: str) -> str:
    """Rewrite one href of a chapter so it works from the whole-guide page."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href):
        return href
    path, _, fragment = href.partition("#")
    if not path:
        return f"#{prefix}--{fragment}" if fragment else f"#{prefix}"
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_url.rstrip("/") + "/x"), path))
    resolved = "" if resolved == "." else resolved + ("/" if path.endswith("/") else "")
    if resolved in chapters:
        other = chapters[resolved]
        return f"#{other}--{fragment}" if fragment else f"#{other}"
    return get_relative_url(resolved, target_url) + (f"#{fragment}" if fragment else "")


def chapter_html(page, chapters: dict[str, str], target_url: str) -> str:
    """One chapter's content, with unique ids, demoted headings and rebased links."""
    prefix = chapter_id(page.file.src_uri)
    html = _IDREF.sub(lambda m: m.group(1) + " ".join(f"{prefix}--{t}" for t in m.group(2).split()) + '"',
                      page.content)
    html = _HREF.sub(lambda m: m.group(1) + _rebase(m.group(2), page.url, chapters, prefix, target_url) + '"',
                     html)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)


def on_page_context(context, page, config, nav):
    """Append the table of contents and every chapter to a page that asks to assemble them."""
    wanted = page.meta.get("assemble")
    if not wanted:
        return context
    by_src = {p.file.src_uri: p for p in nav.pages}
    missing = [src for src in wanted if src not in by_src]
    if missing:
        raise PluginError(f"docs/{page.file.src_uri}: assemble: no page {', '.join(missing)} in the nav")
    pages = [by_src[src] for src in wanted]
    chapters = {p.url: chapter_id(p.file.src_uri) for p in pages}
    toc = "".join(f'<li><a href="#{chapter_id(p.file.src_uri)}">{html.escape(p.title)}</a></li>' for p in pages)
    body = "".join(
        f'<section class="gc-guide__chapter" id="{chapter_id(p.file.src_uri)}" '
        f'aria-label="{html.escape(p.title)}">{chapter_html(p, chapters, page.url)}</section>'
        for p in pages
    )
    page.content += (
        f'<nav class="gc-guide__toc" aria-label="Contents"><h2 id="contents">Contents</h2><ol>{toc}</ol></nav>'
        + body
    )
    return context
