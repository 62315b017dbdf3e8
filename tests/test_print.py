"""Print: every page prints only its article, legibly, in the light palette; handout PDFs are real."""

from __future__ import annotations

import hashlib
import re
import subprocess

import pytest
from pypdf import PdfReader

from conftest import ROOT, build_site, load_hook, page_paths, read_config, serve, site_languages
from scripts import handouts, paper
from sitebuild.data import load_data
from sitebuild.schema import SCHEMAS

# The longest public address an edition may have (80 characters): every page budget must hold at it.
PUBLIC = "https://young-people.example-youth-service.org.au/resources/healthy-closeness-1/"


EXPECTED = [(h, size) for h in handouts.handouts(ROOT / "docs") for size in handouts.FORMATS]
PACKS = handouts.packs(ROOT / "data")
ALL_PDFS = [f"{h['pdf']}-{size}.pdf" for h, size in EXPECTED] + [
    f"{name}-{size}.pdf" for name in PACKS for size in handouts.FORMATS
]


pytestmark = pytest.mark.edition  # run for every edition (make test)


def help_box_phones(edition) -> list[str]:
    """What the printed help box must say for each number of the edition's chosen services, from data/help.yml."""
    orgs = {
        o.id: o
        for r in load_data(ROOT / "data" / "help.yml", SCHEMAS["help.yml"], "help.yml").regions
        for o in r.organisations
    }
    return [f"Call {orgs[i].phone}" for i in edition["extra"]["help_box_services"] if orgs[i].phone]


def test_the_public_address_is_the_longest_allowed():
    assert len(PUBLIC) == 80


@pytest.fixture(scope="module")
def public_site(tmp_path_factory, browser, edition_file):
    """The edition built for its public address, with every PDF rendered into site/handouts/ (and each other
    language's into its own folder's handouts/, as `make handouts` does)."""
    build = build_site(ROOT, tmp_path_factory.mktemp("public") / "site", PUBLIC, config=edition_file)
    assert build.returncode == 0, build.output
    written = handouts.render(build.site, browser=browser)
    for language in site_languages(ROOT / edition_file)[1:]:
        handouts.render(build.site / language.folder, browser=browser, source=language.source)
    return build.site, written


@pytest.fixture(scope="module")
def printed_languages(public_site, edition_file) -> list:
    """Each other language of the edition, with the PDFs the public_site fixture printed for it."""
    site, _ = public_site
    languages = site_languages(ROOT / edition_file)[1:]
    for language in languages:
        language.written = [
            (path, len(PdfReader(path).pages)) for path in sorted((site / language.folder / "handouts").glob("*.pdf"))
        ]
    return languages


def test_each_language_prints_every_pdf_in_its_language_within_budget(public_site, printed_languages):
    """Every handout, lesson pack and the whole guide, A4 and Letter, in each language: its /Lang, its
    pages' title, within the same page budgets as its front matter says."""
    for language in printed_languages:
        names = {path.name for path, _ in language.written}
        assert names == set(ALL_PDFS), f"{language.code}: {sorted(set(ALL_PDFS) ^ names)}"
        assert len(names) >= 10
        titles = {h["pdf"]: h["title"] for h in handouts.handouts(language.source / "docs")}
        for path, _ in language.written:
            reader = PdfReader(path)
            assert reader.trailer["/Root"]["/Lang"] == language.code, path.name
            name = path.stem.rsplit("-", 1)[0]
            if name in titles:
                assert reader.metadata.title == f"{titles[name]} - {language.config['site_name']}", path.name
        over = handouts.over_budget(language.written, handouts.budgets(language.source))
        assert over == [], "\n".join(over)


def pdf_text(path, first=None, last=None) -> str:
    """The text of a PDF (or of some of its pages), from poppler's pdftotext."""
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_every_handout_has_both_sizes(public_site):
    site, written = public_site
    names = {path.name for path, _ in written}
    assert names == set(ALL_PDFS)
    # six handouts, four educator sheets and the whole guide, twice each
    assert len(EXPECTED) >= 22 and {"session-45", "session-20", "scenario-cards", "parent-letter", "help-sheet"} <= {
        h["pdf"] for h, _ in EXPECTED
    }


@pytest.mark.parametrize("handout,size", EXPECTED, ids=[f"{h['pdf']}-{s}" for h, s in EXPECTED])
def test_handout_pdf(public_site, handout, size, edition):
    site, _ = public_site
    path = site / "handouts" / f"{handout['pdf']}-{size}.pdf"
    reader = PdfReader(path)
    pages = len(reader.pages)
    assert 1 <= pages <= handout["pages"], f"{path.name}: {pages} pages, budget {handout['pages']}"
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    expected = (595.3, 841.9) if size == "a4" else (612, 792)
    assert abs(width - expected[0]) < 1.5 and abs(height - expected[1]) < 1.5, (width, height)
    text = pdf_text(path)
    url = handouts.page_url(PUBLIC, handout["src"])
    assert handout["title"].split(": ")[-1].lower() in " ".join(text.lower().split())
    credit = edition["extra"]["credit"]
    assert edition["extra"]["source_article"]["publisher"] in text and credit["licence"] in text
    assert edition["site_name"] in text and credit["project"] in text
    assert url in text.replace("\n", " "), f"{path.name} does not show its public address {url}"
    assert "127.0.0.1" not in text and "localhost" not in text
    raw = path.read_bytes()
    assert b"127.0.0.1" not in raw and b"localhost" not in raw  # link annotations too
    meta = reader.metadata
    assert meta.title == f"{handout['title']} - {edition['site_name']}"
    assert meta.author == edition["site_name"]
    assert reader.trailer["/Root"]["/Lang"] == edition["theme"].get("language", "en")
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
        # From handouts/x/ the PDFs are in ../; from educators/x/ in ../../handouts/.
        up = "../" if handout["src"].startswith("handouts/") else "../../handouts/"
        for size in handouts.FORMATS:
            path = f"{up}{handout['pdf']}-{size}.pdf"
            link = re.compile(rf'href="?{re.escape(path)}[">\s]')
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
    hidden = [
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".gc-exit",
        ".md-search",
        "[data-md-component=palette]",
        ".gc-exit-bar",
    ]
    for path in _print_paths(site):
        page.goto(server.url + path)
        shown = page.evaluate(
            """sel => sel.filter(s => [...document.querySelectorAll(s)].some(e => {
                   const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }))""",
            hidden,
        )
        assert shown == [], f"{path}: {shown} visible in print"
        overflow = page.evaluate(
            """() => { const a = document.querySelector('article').getBoundingClientRect();
                       return [...document.querySelectorAll('article *')]
                         .filter(e => e.getBoundingClientRect().right > a.right + 1 && e.getClientRects().length)
                         .map(e => e.tagName + '.' + (e.className.baseVal ?? e.className)).slice(0, 5); }"""
        )
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
    # Links to our own pages print the page's title after their label: (see Get help and stay safe).
    internal = page.evaluate("""() => [...document.querySelectorAll('article a[href]')]
                                 .filter(a => a.host === location.host && a.pathname !== location.pathname)
                                 .map(a => [a.pathname.slice('/guide/'.length), getComputedStyle(a, '::after').content,
                                            a.textContent.trim().replace(/\\s+/g, ' ')])""")
    assert internal, "no links to our pages on the about page"
    titles = load_hook("print_links").page_titles(read_config(ROOT / "mkdocs.yml")["nav"])
    for target, content, label in internal:
        if titles[target].casefold() == label.casefold():
            assert content == "none", (target, content)  # the label already names the page
        else:
            assert content == f'" (see {titles[target]})"', (target, content)


def test_print_footer_carries_the_public_address(public_site, print_page):
    page, server = print_page
    page.goto(server.url + "house/")
    address = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--gc-page-url')")
    assert address.strip() == f'"{PUBLIC}house/"'


# ---------------------------------------------------------------------------------------------
# What a student, an educator and a parent read on paper
# ---------------------------------------------------------------------------------------------

BOTTOM_MARGIN, TOP_MARGIN = 18 / 25.4 * 72, 16 / 25.4 * 72  # the @page margins, in points


def runs(path) -> list[list[tuple[float, float, str]]]:
    """Each page's text runs as (font size in pt, baseline height from the bottom in pt, text), via pypdf."""
    pages = []
    for sheet in PdfReader(path).pages:
        found = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip():
                # The rendering matrix is tm x cm: its vertical scale times the font size is the printed size.
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((round(size * (c * c + d * d) ** 0.5, 1), y, text.strip()))

        sheet.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def body_bottom(page_runs, height: float) -> float:
    """How far down the sheet the content reaches, as a share of the printable height (0 top, 1 bottom)."""
    content = [y for _, y, _ in page_runs if BOTTOM_MARGIN < y < height - TOP_MARGIN]
    area = height - TOP_MARGIN - BOTTOM_MARGIN
    return (height - TOP_MARGIN - min(content)) / area if content else 0.0


def flat(text: str) -> str:
    """Text with all whitespace removed, so an address broken across lines still matches."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("handout,size", EXPECTED, ids=[f"{h['pdf']}-{s}" for h, s in EXPECTED])
def test_paper_a_student_can_read(public_site, handout, size, edition):
    """Help on every sheet, addresses after links to our pages, 11 pt body text, nothing under 8 pt."""
    site, _ = public_site
    path = site / "handouts" / f"{handout['pdf']}-{size}.pdf"
    text = pdf_text(path)
    # The help box: its title, the services with their numbers and dates, the help page, a line to write on.
    assert "Where to get help" in text and "Your local service:" in text, path.name
    # (Without -layout: the help box's services stand side by side, and each one must read in order.)
    plain = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert all(call in plain for call in help_box_phones(edition)) and "checked 2026-" in plain, path.name
    assert flat(PUBLIC + "get-help/") in flat(text), path.name
    # Every link to one of our pages shows where it leads: the page's title.
    titles = load_hook("print_links").page_titles(read_config(ROOT / "mkdocs.yml")["nav"])
    reader = PdfReader(path)
    for number, sheet in enumerate(reader.pages, start=1):
        for annot in sheet.get("/Annots") or []:
            uri = annot.get_object().get("/A", {}).get("/URI")
            if not uri or not uri.startswith(PUBLIC) or uri.split("#")[0].endswith(".pdf"):
                continue
            target = uri[len(PUBLIC) :].split("#")[0]
            shown = PUBLIC if not target else titles[target]
            on_page = flat(pdf_text(path, number)).casefold()
            assert flat(shown).casefold() in on_page or flat(uri) in flat(text), (path.name, number, uri)
    assert "(…/" not in text, path.name  # no dead short address on paper
    # Sizes: the body text is at least 11 pt, and nothing is under 8 pt.
    sizes: dict[float, int] = {}
    for page_runs in runs(path):
        for size_pt, _, chunk in page_runs:
            sizes[size_pt] = sizes.get(size_pt, 0) + len(chunk)
    body = max(sizes, key=sizes.get)
    assert body >= 11 and min(sizes) >= 8, (path.name, sorted(sizes.items()))
    # A one-sheet handout uses its sheet: no more than a third of it left empty.
    if handout["pages"] == 1:
        height = float(reader.pages[0].mediabox[3])
        assert body_bottom(runs(path)[0], height) >= 2 / 3, (path.name, body_bottom(runs(path)[0], height))


def callout_titles() -> list[str]:
    """The titles of the callouts that carry one (checklists, healthy signs, repair, stretching)."""
    load = lambda name: load_data(ROOT / "data" / name, SCHEMAS[name], name)  # noqa: E731
    return [
        *(c.title for c in load("checklists.yml").checklists.values()),
        *(load(name).title for name in ("healthy_signs.yml", "repair.yml", "stretching.yml")),
    ]


@pytest.mark.parametrize("size", list(handouts.FORMATS))
def test_whole_guide_is_a_booklet(public_site, size):
    """Contents with true page numbers and matching titles, each callout once, help last, no half-empty sheet."""
    site, _ = public_site
    path = site / "handouts" / f"whole-guide-{size}.pdf"
    reader = PdfReader(path)
    count = len(reader.pages)
    pages = [pdf_text(path, n) for n in range(1, count + 1)]
    contents_page = next(n for n, text in enumerate(pages) if "Contents" in text)
    entries = re.findall(r"^\s*(\S.*?\S)\s{2,}(\d+)\s*$", pages[contents_page] + pages[contents_page + 1], re.M)
    entries = [(title, int(number)) for title, number in entries if not title.startswith("https://")]
    titles = [title for title, _ in entries]
    assert titles[0] == "What intimacy is" and titles[-2:] == [
        "Get help and stay safe",
        "Leaving quickly and covering your tracks",
    ], titles
    assert len(entries) >= 15, entries
    for title, number in entries:
        lines = [line.strip() for line in pages[number - 1].splitlines() if line.strip()]
        # A chapter starts its page, or shares the page before it when that would be nearly empty.
        assert lines[1] == title or title in lines[2:], f"contents say '{title}' is on page {number}: {lines[:3]}"
    # Each callout once: a repeat is a one-line pointer to the first.
    text = "\n".join(pages)
    for name in callout_titles():
        printed = len(re.findall(rf"^\s*{re.escape(name)}\s*$", text, re.M))
        assert printed <= 1, f"'{name}' is printed {printed} times in {path.name}"
    # A repeat points to the page of the first copy, inside the chapter it names.
    chapter_pages = dict(entries)
    pointers = re.findall(r"\(([^()]+?): see “(.+?)”, page (\d+)\.\)", " ".join(text.split()))
    assert pointers, "no repeated callout was replaced by a pointer"
    for label, chapter, number in pointers:
        after = [n for n in chapter_pages.values() if n > chapter_pages[chapter]]
        assert chapter_pages[chapter] <= int(number) < min(after, default=count + 1), (label, chapter, number)
    # A link to another chapter gives that chapter's page instead of a web address.
    joined = " ".join(text.split())
    references = [
        (title, int(n)) for title, _ in entries for n in re.findall(rf"{re.escape(title)} \(page (\d+)\)", joined)
    ]
    assert references, "no link to a chapter shows its page"

    # (to a section of it: that section's page, within the chapter)
    def within(title: str, number: int) -> bool:
        after = [n for n in chapter_pages.values() if n > chapter_pages[title]]
        return chapter_pages[title] <= number < min(after, default=count + 1)

    assert all(within(title, number) for title, number in references), references
    # No sheet more than half empty, unless a new section starts on the next one.
    starts = {number for _, number in entries} | {contents_page + 1}
    height = float(reader.pages[0].mediabox[3])
    page_runs = runs(path)
    for number in range(1, count):
        if number + 1 not in starts:
            assert body_bottom(page_runs[number - 1], height) >= 0.5, (
                f"{path.name}: page {number} is more than half empty"
            )


# ---------------------------------------------------------------------------------------------
# Paper that works as paper: no near-empty page before the last; lesson packs in print order
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PDFS)
def test_no_page_under_a_third_used_before_the_last(public_site, name):
    site, _ = public_site
    fills = paper.page_fills(site / "handouts" / name)
    assert paper.short_pages(fills) == [], f"{name}: pages used {[f'{f:.0%}' for f in fills]}"


@pytest.mark.parametrize("size", list(handouts.FORMATS))
@pytest.mark.parametrize("name", list(PACKS))
def test_lesson_pack_is_every_sheet_of_the_session_in_print_order(public_site, name, size):
    site, _ = public_site
    pack = PACKS[name]
    path = site / "handouts" / f"{name}-{size}.pdf"
    reader = PdfReader(path)
    titles = {h["pdf"]: h for h, _ in EXPECTED}
    parts = [site / "handouts" / f"{part}-{size}.pdf" for part in pack["parts"]]
    assert len(reader.pages) == sum(len(PdfReader(part).pages) for part in parts)
    assert len(reader.pages) <= sum(titles[part]["pages"] for part in pack["parts"])
    # A bookmark at the start of each sheet, in the plan's print order.
    marks = [
        (item.title, reader.get_destination_page_number(item)) for item in reader.outline if not isinstance(item, list)
    ]
    assert [title for title, _ in marks] == [titles[part]["title"] for part in pack["parts"]]
    starts = [0]
    for part in parts[:-1]:
        starts.append(starts[-1] + len(PdfReader(part).pages))
    assert [number for _, number in marks] == starts
    assert reader.metadata.title.startswith(f"Lesson pack: {pack['minutes']} minutes")
    # The copy counts are printed in the plan at its front.
    plan = pdf_text(path, 1, len(PdfReader(parts[0]).pages))
    sessions = load_data(ROOT / "data" / "sessions.yml", SCHEMAS["sessions.yml"], "sessions.yml").sessions
    session = sessions[pack["session"]]
    assert all(flat(p.copies) in flat(plan) for p in session.handouts), name


@pytest.mark.parametrize("name", ALL_PDFS)
def test_addresses_are_never_broken_inside_a_word(public_site, name):
    site, _ = public_site
    text = pdf_text(site / "handouts" / name)
    assert PUBLIC + "get-help/" in text, f"{name}: the help page's address is broken across lines"
    assert not re.search(r"https://\S*-$", text, re.M), f"{name}: an address ends a line at a hyphen"
