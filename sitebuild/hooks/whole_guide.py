"""Assemble the printable whole guide: every chapter's rendered content on one page, in reading order.

A page whose front matter has `assemble: [pages...]` (and `closing: [pages...]`, printed last: the help
page and leaving quickly) gets a table of contents and the content of each listed page, placed before
the page's own help box (or at its end). Ids are prefixed per chapter so they stay unique, headings
move down one level, and links are rewritten: to another chapter they become in-page anchors, to any
other page they are made relative to this page. A callout printed in an earlier chapter is printed
once only: a later copy becomes a short pointer to the first. Each contents entry has an empty page
slot that scripts/handouts.py fills in from the rendered PDF.
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
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
# The outermost element of a callout: its id is the callout's uid, gc-<family>[-<count>], chapter-prefixed.
_CALLOUT = re.compile(r'<(div|aside|figure|section|ul|table)\s[^>]*?\bid="([a-z0-9-]+)--(gc-[a-z0-9-]+?)(?:-\d+)?"')
_LABEL = re.compile(r'class="admonition-title">([^<]+)<|<title\b[^>]*>([^<]+)</title>|aria-label="([^"]+)"')


def chapter_id(src_uri: str) -> str:
    """The anchor of a chapter: 'house' for house.md, 'home' for index.md."""
    stem = src_uri[: -len(".md")].replace("/", "-")
    return "home" if stem == "index" else stem


def chapter_title(page) -> str:
    """A chapter's title as its page shows it (its first heading), else its nav title."""
    found = _H1.search(page.content or "")
    if not found:
        return page.title
    text = re.sub(r"<a\b[^>]*headerlink[^>]*>.*?</a>|<[^>]+>", "", found.group(1), flags=re.S)
    return html.unescape(text).strip() or page.title


def _rebase(href: str, page_url: str, chapters: dict[str, str], prefix: str, target_url: str) -> str:
    """Rewrite one href of a chapter so it works from the whole-guide page."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href):
        return href
    path, _, fragment = href.partition("#")
    if not path:
        return f"#{prefix}--{fragment}" if fragment else f"#{prefix}"
    folder = page_url if not page_url or page_url.endswith("/") else (posixpath.dirname(page_url) + "/").lstrip("/")
    resolved = posixpath.normpath(posixpath.join(folder, path))
    resolved = "" if resolved == "." else resolved + ("/" if path.endswith("/") else "")
    if resolved in chapters:
        other = chapters[resolved]
        return f"#{other}--{fragment}" if fragment else f"#{other}"
    return get_relative_url(resolved, target_url) + (f"#{fragment}" if fragment else "")


def chapter_html(page, chapters: dict[str, str], target_url: str, page_word: str = "page") -> str:
    """One chapter's content, with unique ids, demoted headings and rebased links."""
    prefix = chapter_id(page.file.src_uri)
    html = _IDREF.sub(lambda m: m.group(1) + " ".join(f"{prefix}--{t}" for t in m.group(2).split()) + '"', page.content)
    html = _HREF.sub(lambda m: m.group(1) + _rebase(m.group(2), page.url, chapters, prefix, target_url) + '"', html)
    html = _BOOKLET_LINK.sub(lambda m: _page_reference(m, page_word), html)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)


# A link that led to another page and now leads into the booklet: on paper it gives a page number.
_BOOKLET_LINK = re.compile(r'(<a\s[^>]*?href="#([^"]+)"[^>]*?)\sdata-gc-print="[^"]*"([^>]*>.*?</a>)', re.S)


def _page_reference(match: re.Match, page_word: str = "page") -> str:
    """Drop the link's web address; add '(page N)', its number filled in by scripts/handouts.py."""
    return (
        f'{match.group(1)}{match.group(3)}<span class="gc-guide__page-ref"> ({html.escape(page_word)} '
        f'<span data-gc-toc="{match.group(2)}"></span>)</span>'
    )


def _element_end(text: str, start: int, tag: str) -> int:
    """The index just past the element opened at `start` (callout templates are well formed)."""
    depth, tags = 0, re.compile(rf"<(/?){tag}\b[^>]*>")
    for match in tags.finditer(text, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    raise PluginError(f"whole guide: the <{tag}> at offset {start} is never closed")


def print_once(body: str, seen: dict[tuple, tuple[str, str]], chapter: str, words: dict | None = None) -> str:
    """Replace each callout already printed in an earlier chapter by a pointer to its first copy."""
    words = words or {"this_box": "This box", "again": "see “{chapter}”", "page": "page"}
    out, position = [], 0
    for match in _CALLOUT.finditer(body):
        if match.start() < position:
            continue  # inside a callout already handled
        tag, family = match.group(1), match.group(3)
        end = _element_end(body, match.start(), tag)
        element = body[match.start() : end]
        # Each page's reflect questions differ: those count as the same callout only when identical.
        key = (family, tag) + ((re.sub(r'\sid="[^"]*"', "", element),) if family == "gc-reflect" else ())
        out.append(body[position : match.start()])
        if key in seen:
            anchor, where = seen[key]
            found = _LABEL.search(element)
            label = html.unescape(next(g for g in found.groups() if g)) if found else words["this_box"]
            again = html.escape(words["again"]).replace("{chapter}", html.escape(where))
            out.append(
                f'<p class="gc-guide__again">(<a href="#{anchor}">{html.escape(label)}</a>: '
                f'{again}<span class="gc-guide__page-ref">, {html.escape(words["page"])} '
                f'<span data-gc-toc="{anchor}"></span></span>.)</p>'
            )
        else:
            seen[key] = (re.search(r'\bid="([^"]+)"', element).group(1), chapter)
            out.append(element)
        position = end
    out.append(body[position:])
    return "".join(out)


def on_page_context(context, page, config, nav):
    """Insert the table of contents and every chapter into a page that asks to assemble them."""
    wanted = page.meta.get("assemble")
    if not wanted:
        return context
    wanted = list(wanted) + list(page.meta.get("closing") or [])
    by_src = {p.file.src_uri: p for p in nav.pages}
    missing = [src for src in wanted if src not in by_src]
    if missing:
        raise PluginError(f"docs/{page.file.src_uri}: assemble: no page {', '.join(missing)} in the nav")
    pages = [by_src[src] for src in wanted]
    chapters = {p.url: chapter_id(p.file.src_uri) for p in pages}
    titles = {p.url: chapter_title(p) for p in pages}
    toc = "".join(
        f'<li><a href="#{chapter_id(p.file.src_uri)}">{html.escape(titles[p.url])}</a>'
        f'<span class="gc-guide__toc-fill" aria-hidden="true"></span>'
        f'<span class="gc-guide__toc-page" data-gc-toc="{chapter_id(p.file.src_uri)}"></span></li>'
        for p in pages
    )
    seen: dict[tuple, tuple[str, str]] = {}
    words = config["extra"]["strings"]["handout"]  # the edition's words for "page", "Contents", ...
    contents = html.escape(words["contents"])
    body = "".join(
        f'<section class="gc-guide__chapter" id="{chapter_id(p.file.src_uri)}" '
        f'aria-label="{html.escape(titles[p.url])}">'
        f"{print_once(chapter_html(p, chapters, page.url, words['page']), seen, titles[p.url], words)}</section>"
        for p in pages
    )
    assembled = (
        f'<nav class="gc-guide__toc" aria-label="{contents}"><h2 id="contents">{contents}</h2><ol>{toc}</ol></nav>'
        + body
    )
    box = page.content.find('<aside class="gc-help-box"')
    page.content = page.content[:box] + assembled + page.content[box:] if box >= 0 else page.content + assembled
    return context
