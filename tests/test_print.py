"""Print: every page prints only its article, legibly, in the light palette; handout PDFs are real."""
from __future__ import annotations

import hashlib
import re
import subprocess

import pytest
from pypdf import PdfReader

from conftest import ROOT, build_site, page_paths, serve

from scripts import handouts

PUBLIC = "https://getting-closer.example.org/guide/"


EXPECTED = [(h, size) for h in handouts.handouts(ROOT / "docs") for size in handouts.FORMATS]


@pytest.fixture(scope="module")
def public_site(tmp_path_factory, browser):
    """The site built for its public address, with every PDF rendered into site/handouts/."""
    build = build_site(ROOT, tmp_path_factory.mktemp("public") / "site", PUBLIC)
    assert build.returncode == 0, build.output
    written = handouts.render(build.site, browser=browser)
    return build.site, written


def pdf_text(path, first=None, last=None) -> str:
    """The text of a PDF (or of some of its pages), from poppler's pdftotext."""
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_every_handout_has_both_sizes(public_site):
    site, written = public_site
    names = {path.name for path, _ in written}
    assert names == {f"{h['pdf']}-{size}.pdf" for h, size in EXPECTED}
    assert len(EXPECTED) >= 12  # five handouts and the whole guide, twice each


@pytest.mark.parametrize("handout,size", EXPECTED, ids=[f"{h['pdf']}-{s}" for h, s in EXPECTED])
def test_handout_pdf(public_site, handout, size):
    site, _ = public_site
    path = site / "handouts" / f"{handout['pdf']}-{size}.pdf"
    reader = PdfReader(path)
    pages = len(reader.pages)
    assert 1 <= pages <= handout["sheets"], f"{path.name}: {pages} pages, budget {handout['sheets']}"
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    expected = (595.3, 841.9) if size == "a4" else (612, 792)
    assert abs(width - expected[0]) < 1.5 and abs(height - expected[1]) < 1.5, (width, height)
    text = pdf_text(path)
    url = handouts.page_url(PUBLIC, handout["src"])
    assert handout["title"].split(": ")[-1].lower() in " ".join(text.lower().split())
    assert "Scarleteen" in text and "CC BY-NC-SA 4.0" in text and "Getting Closer" in text
    assert url in text.replace("\n", " "), f"{path.name} does not show its public address {url}"
    assert "127.0.0.1" not in text and "localhost" not in text
    raw = path.read_bytes()
    assert b"127.0.0.1" not in raw and b"localhost" not in raw  # link annotations too
    meta = reader.metadata
    assert meta.title == f"{handout['title']} - Getting Closer"
    assert meta.author == "Getting Closer"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # every font embedded
    if pages > 1:
        # No near-empty last sheet: the last page holds at least a fifth of a full page's text.
        fullest = max(len(pdf_text(path, n).strip()) for n in range(1, pages))
        assert len(pdf_text(path, pages).strip()) >= 0.2 * fullest, f"{path.name}: last sheet nearly empty"


def test_pdfs_are_reproducible(public_site, browser):
    """Rendering the same built site again gives byte-identical PDFs (fixed dates and IDs)."""
    site, written = public_site
    before = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path, _ in written}
    handouts.render(site, only="repair-steps", browser=browser)
    handouts.render(site, only="house-worksheet", browser=browser)
    for name in ("repair-steps-a4.pdf", "repair-steps-letter.pdf", "house-worksheet-a4.pdf"):
        assert hashlib.sha256((site / "handouts" / name).read_bytes()).hexdigest() == before[name], name


def test_handout_pages_link_their_pdfs(public_site):
    site, _ = public_site
    for handout in {h["src"]: h for h, _ in EXPECTED}.values():
        html = (site / handout["src"].replace(".md", "") / "index.html").read_text(encoding="utf-8")
        for size in handouts.FORMATS:
            link = re.compile(rf'href="?\.\./{re.escape(handout["pdf"])}-{size}\.pdf[">\s]')
            assert link.search(html), (handout["src"], size)


@pytest.fixture(scope="module")
def print_page(public_site, browser):
    """A page in print emulation, on the public site served locally under its own path."""
    site, _ = public_site
    server = serve(site, 0, prefix="/guide/")
    context = browser.new_context(viewport={"width": 700, "height": 1000}, color_scheme="dark")
    page = context.new_page()
    page.emulate_media(media="print")
    yield page, server
    context.close()
    server.stop()


def _print_paths(site):
    """Every page of the site, for print emulation."""
    return [p for p in page_paths(site) if not p.endswith("404.html")]


def test_print_shows_only_the_article_on_every_page(public_site, print_page):
    site, _ = public_site
    page, server = print_page
    hidden = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".gc-exit",
              ".md-search", "[data-md-component=palette]", ".gc-exit-bar"]
    for path in _print_paths(site):
        page.goto(server.url + path)
        shown = page.evaluate(
            """sel => sel.filter(s => [...document.querySelectorAll(s)].some(e => {
                   const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }))""", hidden)
        assert shown == [], f"{path}: {shown} visible in print"
        overflow = page.evaluate(
            """() => { const a = document.querySelector('article').getBoundingClientRect();
                       return [...document.querySelectorAll('article *')]
                         .filter(e => e.getBoundingClientRect().right > a.right + 1 && e.getClientRects().length)
                         .map(e => e.tagName + '.' + (e.className.baseVal ?? e.className)).slice(0, 5); }""")
        assert overflow == [], f"{path}: content wider than the printable width: {overflow}"
        scroll = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll[0] <= scroll[1], f"{path}: page scrolls sideways in print ({scroll})"


def test_print_uses_the_light_palette_and_empty_boxes(public_site, print_page):
    page, server = print_page
    page.emulate_media(media="screen")
    page.goto(server.url + "unhealthy/")
    page.locator(".gc-checklist__item").first.click()
    page.emulate_media(media="print")
    colours = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
                                      getComputedStyle(document.querySelector('article p')).color]""")
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    box = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.gc-checklist__box'));
                                  return [s.appearance, s.backgroundColor, s.borderTopStyle]; }""")
    assert box == ["none", "rgb(255, 255, 255)", "solid"]  # a ticked box prints empty


def test_print_external_links_show_their_address(public_site, print_page):
    page, server = print_page
    page.goto(server.url + "about/")
    after = page.evaluate("""() => [...document.querySelectorAll('article a[href^="https://www.scarleteen"]')]
                              .map(a => getComputedStyle(a, '::after').content)""")
    assert after and all("https://www.scarleteen.com" in content for content in after)
    internal = page.evaluate("""() => [...document.querySelectorAll('article a.gc-internal')]
                                 .map(a => getComputedStyle(a, '::after').content)""")
    assert internal and all(content in ("none", "normal") for content in internal)


def test_print_footer_carries_the_public_address(public_site, print_page):
    page, server = print_page
    page.goto(server.url + "house/")
    address = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--gc-page-url')")
    assert address.strip() == f'"{PUBLIC}house/"'
