"""Check the links MkDocs' own validation does not see: raw HTML `<a href>` written in docs pages, and
links to anchors in data files. Each problem is reported once, against the file and line that hold it.

Markdown links are MkDocs' (the `validation:` block of mkdocs.yml; sitebuild/hooks/messages.py adds
their line). Links a callout template writes are checked when it renders (sitebuild.callouts); the
whole guide's links are derived from its chapters and are not checked again. Problems are logged as
warnings on a mkdocs.* logger, so strict mode fails the build.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitebuild.data import links_in, load_all, where_in
from sitebuild.edition import project_root
from sitebuild.paths import built_file, docs_label

log = logging.getLogger("mkdocs.hooks.links")

# Attributes are double-quoted, or bare after minification; a regex is much faster than a full
# HTML parse on large sites.
_ID = re.compile(r'\s(?:id|name)=(?:"([^"]+)"|([^\s"\'>=`]+))')
_HREF = re.compile(r'<a\s[^>]*?\bhref=(?:"([^"]*)"|\'([^\']*)\'|([^\s"\'>=`]+))', re.I)
_RAW: list[tuple[str, int, str, str]] = []  # (docs file, line, href, the page's built file)


def on_pre_build(config) -> None:
    """Start each build (`mkdocs serve` rebuilds in one process) with nothing collected."""
    _RAW.clear()


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Collect the raw HTML links of the page's own file, with their lines (front matter counted)."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    for number, line in enumerate(source.split("\n"), start=1):
        for match in _HREF.finditer(line):
            href = next(group for group in match.groups() if group is not None)
            _RAW.append(
                (
                    f"{docs_label(config.get('docs_dir') or 'docs')}/{page.file.src_uri}",
                    number,
                    href,
                    page.file.dest_uri,
                )
            )
    return markdown


def on_post_build(config) -> None:
    """Warn (and so fail the strict build) about every raw or data link to a missing page or anchor."""
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
    ids: dict[str, set[str]] = {}

    def anchors(name: str) -> set[str]:
        """The ids of one built page, read when first asked for."""
        if name not in ids:
            with open(os.path.join(site, name), encoding="utf-8") as handle:
                ids[name] = {a or b for a, b in _ID.findall(handle.read())}
        return ids[name]

    for shown, number, href, page in _RAW:
        problem = _check(href.replace("&amp;", "&"), page, prefix, files, folders, anchors)
        if problem:
            log.warning("%s, line %d: link '%s' %s", shown, number, href, problem)
    here = Path(config.config_file_path).parent
    data_dir = project_root(here, config.get("docs_dir") or here / "docs") / "data"  # editions/ too
    for name, loc, link in links_in(load_all(data_dir)):
        target, _, anchor = link.page.partition("#")
        built = built_file(target, config["use_directory_urls"])
        if anchor and built in files and anchor not in anchors(built):
            log.warning(
                "%s: no anchor #%s on docs/%s (link text '%s')",
                where_in(data_dir, name, loc),
                anchor,
                target,
                link.text,
            )


def _check(href: str, name: str, prefix: str, files: set[str], folders: set[str], anchors) -> str | None:
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
            joined = path[len(prefix) :]
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
    if parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in anchors(target):
        return f"points to a missing anchor #{parts.fragment} in {target}"
    return None
