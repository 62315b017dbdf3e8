"""Check every internal link and anchor in the built HTML, raw HTML and data links included.

MkDocs validates Markdown links only; links written by callout templates or raw <a href> in pages
are checked here, after the build. Problems are logged as warnings on a mkdocs.* logger, so
strict mode fails the build and names the page, the link and what is missing.
"""
from __future__ import annotations

import logging
import os
import posixpath
import re
from urllib.parse import unquote, urlsplit

log = logging.getLogger("mkdocs.hooks.links")

# Attributes are double-quoted, or bare after minification; a regex is much faster than a full
# HTML parse on large sites.
_ID = re.compile(r'\s(?:id|name)=(?:"([^"]+)"|([^\s"\'>=`]+))')
_HREF = re.compile(r'<a\s[^>]*?\bhref=(?:"([^"]*)"|([^\s"\'>=`]+))')
_SOURCES: dict[str, str] = {}


def on_post_page(output: str, page, config) -> str:
    """Remember which Markdown page each HTML file came from, for the messages."""
    _SOURCES[page.file.dest_uri] = page.file.src_uri
    return output


def on_post_build(config) -> None:
    """Warn (and so fail the strict build) about every link to a missing page or anchor."""
    site = config["site_dir"]
    prefix = urlsplit(config["site_url"] or "/").path or "/"
    # What the site holds, listed once: set lookups instead of a file-system call per link.
    files: set[str] = set()
    folders: set[str] = {""}
    for folder, subfolders, names in os.walk(site):
        here = os.path.relpath(folder, site).replace(os.sep, "/")
        here = "" if here == "." else here + "/"
        folders.update(here + name for name in subfolders)
        files.update(here + name for name in names)
    pages = {}
    for name in sorted(f for f in files if f.endswith(".html")):
        with open(os.path.join(site, name), encoding="utf-8") as handle:
            pages[name] = handle.read()
    ids = {name: {a or b for a, b in _ID.findall(html)} for name, html in pages.items()}
    for name, html in pages.items():
        for href in dict.fromkeys(a or b for a, b in _HREF.findall(html)):
            problem = _check(href.replace("&amp;", "&"), name, prefix, files, folders, ids)
            if problem:
                source = _SOURCES.get(name)
                origin = f"docs/{source}" if source else f"site/{name}"
                log.warning("%s: link '%s' %s", origin, href, problem)


def _check(href: str, name: str, prefix: str, files: set[str], folders: set[str],
           ids: dict[str, set[str]]) -> str | None:
    """Return what is wrong with one link from page `name`, or None when it resolves."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "sms:")):
        return None
    path = unquote(parts.path)
    if not path:
        target = name
    else:
        if path.startswith("/"):
            if not path.startswith(prefix):
                return f"points outside the site's path {prefix}"
            joined = path[len(prefix):]
        else:
            joined = posixpath.join(posixpath.dirname(name), path)
        target = posixpath.normpath(joined)
        if target == ".":
            target = ""
        if path.endswith("/") or target in folders:
            target = posixpath.join(target, "index.html") if target else "index.html"
        if target.startswith("../"):
            return "points above the site's root"
        if target.startswith("handouts/") and target.endswith(".pdf"):
            return None  # written after the build by scripts/handouts.py; its tests check every one
        if target not in files:
            return f"points to a missing file ({target})"
    if parts.fragment and target in ids and unquote(parts.fragment) not in ids[target]:
        return f"points to a missing anchor #{parts.fragment} in {target}"
    return None
