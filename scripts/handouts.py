#!/usr/bin/env python3
"""Render every handout, educator sheet and the whole guide of the built site to PDF, in A4 and US Letter.

Each page under docs/handouts/ or docs/educators/ whose front matter has `pdf: NAME` becomes
site/handouts/NAME-a4.pdf and NAME-letter.pdf; each session's lesson pack, SESSION-pack-a4.pdf and
-letter.pdf, joins its sheets in print order (data/sessions.yml). A page with a contents list (the whole guide) is
rendered until the page numbers written into it match the pages its chapters land on. Chromium loads
the page at its public address (site_url), answered from site/ by Playwright's router, so the PDFs'
links and footers carry the public address and nothing leaves the machine. pypdf then sets the metadata, with dates from SOURCE_DATE_EPOCH and a fixed document ID, so
two builds of one commit give byte-identical files.

Every language the config builds (mkdocs.yml extra.languages, e.g. es/ from es/mkdocs.yml) is printed
too, from its own folder of the site into its own handouts/ (site/es/handouts/), with the language of its
pages (`<html lang>`) as the PDFs' /Lang and the titles and credits of its own strings file.

    python scripts/handouts.py [--site site] [--config mkdocs.yml] [--only NAME]
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import io
import mimetypes
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, BooleanObject, ByteStringObject, DictionaryObject, NameObject, TextStringObject

from scripts.paper import join, page_fills, short_pages
from scripts.sitetools import CHROMIUM_FLAGS, ROOT, chromium_path, read_config  # one place finds the browser
from sitebuild.callouts import printable_pages  # the same list the educators' page links
from sitebuild.data import load_data
from sitebuild.kit import lesson_packs, pack_title
from sitebuild.schema import SCHEMAS

FORMATS = {"a4": "A4", "letter": "Letter"}


def handouts(docs: Path) -> list[dict]:
    """Every printable page's front matter (handouts and educator sheets): [{src, title, pdf, pages, ...}]."""
    try:
        return list(printable_pages(docs).values())
    except PluginError as err:
        raise SystemExit(str(err)) from None


def packs(data: Path) -> dict[str, dict]:
    """Every session's lesson pack, by PDF name: {session, minutes, parts} (see sitebuild.kit)."""
    return lesson_packs(load_data(data / "sessions.yml", SCHEMAS["sessions.yml"], "data/sessions.yml"))


def words(data: Path) -> dict:
    """The handout words of a language's strings file (data/strings.yml): pack titles and descriptions."""
    return load_data(data / "strings.yml", SCHEMAS["strings.yml"], "data/strings.yml").handout.model_dump()


def write_packs(
    site: Path, epoch: int, publisher: str, source: Path = ROOT, lang: str = "en"
) -> list[tuple[Path, int]]:
    """Join each session's rendered sheets, in print order, into its lesson pack (A4 and Letter)."""
    titles = {h["pdf"]: h["title"] for h in handouts(source / "docs")}
    said = words(source / "data")
    written = []
    for name, pack in packs(source / "data").items():
        for suffix in FORMATS:
            parts = [(titles[part], site / "handouts" / f"{part}-{suffix}.pdf") for part in pack["parts"]]
            title = pack_title(pack["minutes"], said["pack_title"])
            description = said["pack_subject"].replace("{minutes}", str(pack["minutes"]))
            target = site / "handouts" / f"{name}-{suffix}.pdf"
            target.write_bytes(finish(join(parts), f"{title} - {publisher}", description, epoch, publisher, lang))
            written.append((target, len(PdfReader(target).pages)))
    return written


def site_url_of(site: Path) -> str:
    """The public address the site was built for, read from the built home page's canonical link."""
    html = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link (?=[^>]*\brel="?canonical\b)[^>]*?\bhref="?([^"\s>]+)', html)
    if not match:
        raise SystemExit("site/index.html has no canonical link: build with SITE_URL set to the public address")
    return match.group(1)


def site_name_of(site: Path) -> str:
    """The edition's name (mkdocs.yml site_name), read from the built home page (main.html writes it there)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    # The value is quoted, or (after minification, a one-word name) bare, ending at a space.
    match = re.search(r'<meta (?=[^>]*\bname="?application-name\b)[^>]*?\bcontent=(?:"([^"]+)"|([^\s">]+))', html)
    if not match:
        raise SystemExit("site/index.html has no application-name: the theme's main.html writes the site's name there")
    return (match.group(1) or match.group(2)).strip()


def lang_of(site: Path) -> str:
    """The language of a built site's pages, from its home page's <html lang> (the config's theme.language)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<html\b[^>]*?\blang="?([A-Za-z-]+)', html)
    return match.group(1) if match else "en"


def editions_of(site: Path, config: Path) -> list[tuple[Path, Path]]:
    """(built site folder, folder holding its docs/ and data/) for the config's site and each language it builds."""
    found = [(site, ROOT)]
    for language in (read_config(config).get("extra") or {}).get("languages") or []:
        if language.get("config"):
            found.append((site / language["path"], (config.parent / language["config"]).parent))
    return found


def budgets(source: Path = ROOT) -> dict[str, int]:
    """Each PDF's page budget: a sheet's front matter `pages`; a lesson pack, the sum of its sheets'."""
    sheets = {h["pdf"]: h["pages"] for h in handouts(source / "docs")}
    packed = {name: sum(sheets[part] for part in pack["parts"]) for name, pack in packs(source / "data").items()}
    return {**sheets, **packed}


def over_budget(written: list[tuple[Path, int]], budgets: dict[str, int]) -> list[str]:
    """One line for each PDF with more pages than its page budget (front matter `pages`)."""
    lines = []
    for path, pages in written:
        budget = budgets[path.stem.rsplit("-", 1)[0]]
        if pages > budget:
            lines.append(f"make handouts: {path.name} has {pages} pages; its budget is {budget} (front matter 'pages')")
    return lines


def page_url(site_url: str, src: str) -> str:
    """The public URL of a docs page (directory URLs)."""
    stem = src[: -len(".md")]
    stem = stem[: -len("index")] if stem.endswith("index") else stem + "/"
    return site_url + stem


def finish(raw: bytes, title: str, description: str, epoch: int, publisher: str, lang: str = "en") -> bytes:
    """Set title, author, subject, language, fixed dates and a fixed ID on a PDF."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    when = datetime.datetime.fromtimestamp(epoch, datetime.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    writer.add_metadata(
        {
            "/Title": title,
            "/Author": publisher,
            "/Subject": description,
            "/Creator": publisher,
            "/Producer": "Chromium and pypdf",
            "/CreationDate": when,
            "/ModDate": when,
        }
    )
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    preferences = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    writer._root_object[NameObject("/ViewerPreferences")] = preferences
    # The ID is a hash of the document itself (written once with a blank ID), never of the time.
    blank = ByteStringObject(bytes(16))
    writer._ID = ArrayObject([blank, blank])
    first = io.BytesIO()
    writer.write(first)
    ident = ByteStringObject(hashlib.md5(first.getvalue()).digest())
    writer._ID = ArrayObject([ident, ident])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render(site: Path, only: str | None = None, browser=None, source: Path = ROOT) -> list[tuple[Path, int]]:
    """Write every handout PDF; return [(path, page count)]. Uses `browser` if given (tests share one)."""
    from playwright.sync_api import sync_playwright

    site_url = site_url_of(site)
    base = urlsplit(site_url)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))

    def answer(route) -> None:
        """Serve the public address from site/; refuse anything else (nothing leaves the machine)."""
        url = urlsplit(route.request.url)
        if (url.scheme, url.netloc) != (base.scheme, base.netloc) or not url.path.startswith(base.path):
            route.abort()
            return
        rel = url.path[len(base.path) :]
        file = site / rel
        if file.is_dir() or rel == "" or rel.endswith("/"):
            file = file / "index.html"
        if not file.is_file():
            route.fulfill(status=404, body="not found")
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=file.read_bytes(), headers={"Content-Type": kind})

    if browser is None:
        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            written = _render_with(own, site, site_url, answer, only, epoch, source)
            own.close()
        return written
    return _render_with(browser, site, site_url, answer, only, epoch, source)


def _render_with(
    browser, site: Path, site_url: str, answer, only: str | None, epoch: int, source: Path = ROOT
) -> list[tuple[Path, int]]:
    """Render the handouts of one language's site (its docs/ and data/ in `source`) with a running browser."""
    written = []
    publisher = site_name_of(site)
    lang = lang_of(site)
    context = browser.new_context(color_scheme="light")
    context.route("**/*", answer)
    page = context.new_page()
    for handout in handouts(source / "docs"):
        if only and handout["pdf"] != only:
            continue
        page.goto(page_url(site_url, handout["src"]), wait_until="load")
        page.evaluate("document.fonts.ready")
        for suffix, paper in FORMATS.items():
            raw = paged(page, paper, outline=handout["pages"] > 2)
            target = site / "handouts" / f"{handout['pdf']}-{suffix}.pdf"
            target.write_bytes(
                finish(raw, f"{handout['title']} - {publisher}", handout.get("description", ""), epoch, publisher, lang)
            )
            written.append((target, len(PdfReader(target).pages)))
    context.close()
    if not only:
        written += write_packs(site, epoch, publisher, source, lang)
    return written


def contents_pages(raw: bytes, anchors: list[str]) -> dict[str, int]:
    """The page (from 1) on which each anchor lands, read from the PDF's named destinations."""
    reader = PdfReader(io.BytesIO(raw))
    found = reader.named_destinations
    missing = [a for a in anchors if f"/{a}" not in found]
    if missing:
        raise SystemExit(f"the PDF has no destination for {', '.join(missing)} (a page number in the contents)")
    return {a: reader.get_destination_page_number(found[f"/{a}"]) + 1 for a in anchors}


def paged(page, paper: str, outline: bool) -> bytes:
    """Print the page to PDF; a contents list gets its true page numbers (render, read back, fill, again).

    Chromium has no target-counter(): the numbers are read from the rendered PDF's named destinations,
    written into the contents, and the page rendered again until the numbers hold. A chapter that would
    follow a nearly empty page starts on that page instead (share_short_pages).
    """
    render = lambda: page.pdf(format=paper, print_background=True, tagged=True, outline=outline)  # noqa: E731
    anchors = page.evaluate("[...new Set([...document.querySelectorAll('[data-gc-toc]')].map(e => e.dataset.gcToc))]")
    page.evaluate("document.querySelectorAll('[data-gc-toc]').forEach(e => { e.textContent = ''; })")
    raw = render()
    if not anchors:
        return raw
    raw = settle(page, render, anchors, raw, paper)
    for _ in range(len(anchors)):
        if not share_short_pages(page, raw, anchors):
            return raw
        raw = settle(page, render, anchors, render(), paper)
    return raw


def settle(page, render, anchors: list[str], raw: bytes, paper: str) -> bytes:
    """Write the page numbers into the contents and render again until they hold."""
    for _ in range(4):
        numbers = contents_pages(raw, anchors)
        page.evaluate(
            """numbers => document.querySelectorAll('[data-gc-toc]').forEach(e => {
                             e.textContent = String(numbers[e.dataset.gcToc]); })""",
            numbers,
        )
        raw = render()
        if contents_pages(raw, anchors) == numbers:
            return raw
    raise SystemExit(f"the contents' page numbers do not settle ({paper})")


def share_short_pages(page, raw: bytes, anchors: list[str]) -> bool:
    """Let each chapter that starts after a page under MIN_FILL start on that page; True if any moved."""
    numbers, short = contents_pages(raw, anchors), set(short_pages(page_fills(raw)))
    after_short = [anchor for anchor, number in numbers.items() if number - 1 in short]
    return page.evaluate(
        """ids => ids.map(id => document.getElementById(id))
                               .filter(e => e && e.matches('.gc-guide__chapter:not(.gc-guide__chapter--shares)'))
                               .map(e => e.classList.add('gc-guide__chapter--shares')).length > 0""",
        after_short,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site)")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="the config it was built from")
    parser.add_argument("--only", help="render only the handout with this pdf name")
    args = parser.parse_args()
    started = time.monotonic()
    problems = []
    for site, source in editions_of(Path(args.site), Path(args.config).resolve()):
        written = render(site, args.only, source=source)
        for path, pages in written:
            print(f"{path.relative_to(Path(args.site).parent)}: {pages} page{'s' if pages != 1 else ''}")
        problems += over_budget(written, budgets(source))
    print(f"handouts: {time.monotonic() - started:.1f} s")
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
