"""The guide as a young reader meets it: short pages, each callout on one page, a readable grade for every word
on the page, a house and a stretching sequence that show what their words say, the phones page found by the
words people search with, and glossary tooltips at first use only, never in headings, at a readable size."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest
import yaml
from test_build import NAV
from test_macros import Element, parse

from conftest import ROOT, THEME_READY, page_paths
from scripts import readability
from sitebuild.paths import built_file

WHOLE_GUIDE = ROOT / "docs" / "handouts" / "whole-guide.md"
# The guide's pages: the chapters of the whole guide, which must follow the nav (checked below).
GUIDE = yaml.safe_load(WHOLE_GUIDE.read_text(encoding="utf-8").split("---")[1])["assemble"]
HOUSE = yaml.safe_load((ROOT / "data" / "house.yml").read_text(encoding="utf-8"))
STRETCHING = yaml.safe_load((ROOT / "data" / "stretching.yml").read_text(encoding="utf-8"))


def article(site: Path, src: str) -> Element:
    """The <article> of a built page, parsed leniently (the minifier may drop optional end tags)."""
    text = (site / built_file(src)).read_text(encoding="utf-8")
    return parse(re.search(r"<article\b.*</article>", text, re.S).group(0), strict=False)


# ---------------------------------------------------------------------------------------------
# Page length, callouts once, reading grade
# ---------------------------------------------------------------------------------------------


def test_the_whole_guide_lists_the_guide_pages_of_the_nav_in_order():
    # The home page (a map of the guide: the booklet has its own contents) comes first in the nav only.
    assert NAV[0] == "index.md" and len(GUIDE) >= 12
    assert GUIDE == NAV[1 : len(GUIDE) + 1], (
        "docs/handouts/whole-guide.md assemble: must follow the nav's reading order"
    )
    # After the last chapter: where to get help, then leaving quickly (the booklet's closing pages).
    closing = yaml.safe_load(WHOLE_GUIDE.read_text(encoding="utf-8").split("---")[1])["closing"]
    assert closing[0] == "get-help.md" and NAV[len(GUIDE) + 1 : len(GUIDE) + 1 + len(closing)] == closing


def test_the_home_page_links_the_glossary_handouts_educators_and_about(site_build):
    """Pages after the guide and its closing pages are reached from the home page (and the menu, the nav)."""
    closing = yaml.safe_load(WHOLE_GUIDE.read_text(encoding="utf-8").split("---")[1])["closing"]
    rest = NAV[len(GUIDE) + 1 + len(closing) :]
    # The first page of each top-level entry: a page, or a section's index page.
    firsts = [
        src
        for i, src in enumerate(rest)
        if i == 0
        or src.split("/")[0] != rest[i - 1].split("/")[0]
        and not (src.startswith(rest[i - 1].removesuffix(".md") + "/"))
    ]
    assert {"glossary.md", "about.md", "educators.md"} <= set(firsts) and any(s.startswith("handouts/") for s in firsts)
    # Links in the page itself (the menu lists every page anyway).
    home = article(site_build.site, "index.md")
    links = {posixpath.normpath(a.attrs["href"].split("#")[0]) for a in home.find_all("a") if a.attrs.get("href")}
    missing = [
        src for src in firsts if posixpath.normpath(built_file(src).removesuffix("index.html") or ".") not in links
    ]
    assert missing == [], f"the home page does not link {missing}"


def test_every_guide_page_is_short_and_the_median_shorter(site_build):
    words = {
        src: readability.measure_built((site_build.site / built_file(src)).read_text(encoding="utf-8"))[0]
        for src in GUIDE
    }
    too_long = {src: count for src, count in words.items() if count > readability.MAX_WORDS}
    assert too_long == {}, f"over {readability.MAX_WORDS} words as built: {too_long}"
    assert statistics.median(words.values()) < readability.MAX_MEDIAN_WORDS, words


def test_word_count_takes_callouts_and_leaves_figures_aside():
    page = (
        "<article><h1>One two</h1><p>Three four five.</p><div class=admonition><p>Six seven</p></div>"
        "<figure><svg><text>Not counted at all</text></svg><figcaption>Nor this</figcaption></figure>"
        '<p>Eight<a class="headerlink" href="#x">¶</a></p></article>'
    )
    words, everything = readability.built_text(page)
    assert words.split() == ["One", "two.", "Three", "four", "five.", "Six", "seven.", "Eight."]
    assert "Not counted at all" in everything and "Nor this" in everything


def callouts(root: Element) -> list[tuple[str, str]]:
    """Every outermost callout (an element with a gc- id) as (id without its counter, its text)."""
    found = []

    def walk(element: Element) -> None:
        uid = element.attrs.get("id") or ""
        if uid.startswith("gc-"):
            found.append((re.sub(r"-\d+$", "", uid), " ".join(element.text().split())))
            return
        for child in element.children:
            if isinstance(child, Element):
                walk(child)

    walk(root)
    return found


def repeated_callouts(pages: dict[str, Element]) -> dict[str, list[str]]:
    """Callouts (same id, same text) or figures that stand on more than one page: {callout id: pages}."""
    where: dict[tuple[str, str], list[str]] = {}
    for src, root in pages.items():
        for callout in dict.fromkeys(callouts(root)):
            where.setdefault(callout, []).append(src)
    return {uid: srcs for (uid, _), srcs in where.items() if len(srcs) > 1}


def test_each_callout_and_figure_stands_on_one_guide_page(site_build):
    pages = {src: article(site_build.site, src) for src in GUIDE}
    assert sum(len(callouts(root)) for root in pages.values()) >= len(GUIDE)  # the reflect sets at least
    assert repeated_callouts(pages) == {}


def test_a_callout_on_two_pages_is_caught():
    house = '<figure id="gc-house"><p>Rooms</p></figure>'
    pages = {
        "a.md": parse(f"<article>{house}<aside id=gc-reflect>A?</aside></article>"),
        "b.md": parse("<article><div id=gc-house-2><p>Rooms</p></div><aside id=gc-reflect>B?</aside></article>"),
    }
    assert repeated_callouts(pages) == {"gc-house": ["a.md", "b.md"]}


def built_pages() -> list[str]:
    """Every page in the nav (its built text is measured whole)."""
    return NAV


@pytest.mark.parametrize("src", built_pages())
def test_all_text_on_a_built_page_reads_at_grade_eight_or_below(site_build, src):
    page = (site_build.site / built_file(src)).read_text(encoding="utf-8")
    _, everything = readability.built_text(page)
    assert everything.count("\n") > 3
    words, grade = readability.measure_built(page)
    assert grade <= readability.MAX_GRADE, f"docs/{src} as built (callouts and tooltips too) reads at grade {grade:.1f}"


# ---------------------------------------------------------------------------------------------
# The house and stretching together
# ---------------------------------------------------------------------------------------------


def test_house_rooms_run_from_the_doorstep_in_and_the_secret_place_comes_last_as_in_the_source():
    assert [room["id"] for room in HOUSE["rooms"]] == [
        "doorstep",
        "living-room",
        "bedroom",
        "every-room",
        "treasure-chest",
    ]
    assert "keep outside" in HOUSE["rooms"][0]["who"] and "stay and make space" in HOUSE["rooms"][-2]["who"]
    # The secret place is shown "also", as well as the rooms; nothing calls one room the deepest trust of all.
    assert "also" in HOUSE["rooms"][-1]["who"]
    house = (ROOT / "docs" / "house.md").read_text(encoding="utf-8") + yaml.safe_dump(HOUSE)
    assert "deepest trust of all" not in house


def test_house_drawing_text_alternative_and_headings_use_the_same_names(site_build):
    names = [room["name"] for room in HOUSE["rooms"]]
    root = article(site_build.site, "house.md")
    svg = root.one("svg", cls="gc-house__plan")
    labels = sorted(text.text() for text in svg.find_all("text"))
    assert labels == sorted(f"{number}. {name}" for number, name in enumerate(names, 1))
    desc = svg.one("desc").text()
    assert [desc.index(f"{number}. {name}:") for number, name in enumerate(names, 1)] == sorted(
        desc.index(f"{number}. {name}:") for number, name in enumerate(names, 1)
    )
    assert [li.one("strong").text() for li in root.one("ol", cls="gc-house__rooms").find_all("li")] == names
    # The page's section on the rooms has one heading per room, in the same order and words.
    headings = [el for el in root.iter() if el.tag in ("h2", "h3")]
    start = next(i for i, h in enumerate(headings) if h.tag == "h2" and "rooms" in h.text().lower())
    rooms = []
    for heading in headings[start + 1 :]:
        if heading.tag == "h2":
            break
        rooms.append(heading.text().replace("¶", "").strip())
    assert rooms == names


def test_house_is_drawn_as_a_house_with_a_roof_and_a_front_door(site_build):
    svg = article(site_build.site, "house.md").one("svg", cls="gc-house__plan")
    roof = svg.one("path", cls="gc-house__roof").attrs["d"]
    door = svg.one("rect", cls="gc-house__door").attrs
    rooms = {g.attrs["data-room"]: g.one("rect").attrs for g in svg.find_all("g", cls="gc-house__room")}
    top = lambda rect: int(rect["y"])  # noqa: E731
    bottom = lambda rect: int(rect["y"]) + int(rect["height"])  # noqa: E731
    roof_ys = [int(n) for n in re.findall(r"-?\d+", roof)[1::2]]
    assert min(roof_ys) < min(top(r) for key, r in rooms.items() if key != "doorstep")  # the roof is on top
    # The door is in the living room's wall at ground level; the doorstep lies outside, in front of it.
    assert top(rooms["living-room"]) < int(door["y"]) and bottom(rooms["doorstep"]) > bottom(door)
    assert top(rooms["doorstep"]) >= int(door["y"]) + int(door["height"]) - 1
    # Deeper rooms are higher up: living room below the bedroom, below the treasure chest.
    assert top(rooms["living-room"]) > top(rooms["bedroom"]) > top(rooms["treasure-chest"])


def heads(svg: Element, kind: str) -> float:
    """How far apart the two people's heads are, in the drawing's units, for the now or before pose."""
    xs = [float(g.one("circle").attrs["cx"]) for g in svg.find_all("g", cls=f"gc-stretch__person--{kind}")]
    assert len(xs) == 2, f"{svg.attrs['aria-label']}: expected two people drawn {kind}"
    return abs(xs[1] - xs[0])


def test_stretching_drawings_show_what_each_step_says(site_build):
    steps = article(site_build.site, "building-together.md").find_all("li", cls="gc-stretching__step")
    assert [li.one("strong").text() for li in steps] == [step["title"] for step in STRETCHING["steps"]]
    drawn = {step["pose"]: li.one("svg") for step, li in zip(STRETCHING["steps"], steps, strict=True)}
    assert set(drawn) == {"deeper", "team", "watching", "easing-off"}
    # A little deeper: now closer together than before. Easing off: back from a deeper stretch.
    assert heads(drawn["deeper"], "now") < heads(drawn["deeper"], "before")
    assert heads(drawn["easing-off"], "now") > heads(drawn["easing-off"], "before")
    assert heads(drawn["easing-off"], "now") > max(heads(drawn[p], "now") for p in ("deeper", "team", "watching"))
    assert drawn["team"].find_all(cls="gc-stretch__grip") and drawn["watching"].find_all(cls="gc-stretch__eye")


def test_stretching_drawings_differ_in_shape_not_only_colour(site_build):
    steps = article(site_build.site, "building-together.md").find_all("li", cls="gc-stretching__step")

    def shape(svg: Element) -> tuple:
        """The drawing without its classes: what is left in black and white."""
        return tuple(
            sorted(
                (el.tag, tuple(sorted((k, v) for k, v in el.attrs.items() if k in ("d", "cx", "cy", "r", "x", "y"))))
                for el in svg.iter()
                if el.tag in ("path", "circle")
            )
        )

    shapes = [shape(li.one("svg")) for li in steps]
    assert len(set(shapes)) == len(shapes) == 4
    # Dashed (earlier) figures and marks tell steps apart in print, where both people are black.
    css = (ROOT / "overrides" / "assets" / "css" / "getting-closer.css").read_text(encoding="utf-8")
    assert re.search(r"gc-stretch__person--before path[^{]*\{[^}]*stroke-dasharray", css)


# ---------------------------------------------------------------------------------------------
# Search finds the phones page with the words people type
# ---------------------------------------------------------------------------------------------

LUNR = ROOT / "node_modules" / "lunr" / "lunr.js"
# Builds the index as Material's search worker does (its separator, pipeline and field boosts) and runs the query.
SEARCH = """
const lunr = require(process.argv[1]);
const {config, docs} = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
lunr.tokenizer.separator = new RegExp(config.separator);
const index = lunr(function () {
  this.pipeline.reset(); this.searchPipeline.reset();
  for (const name of config.pipeline) { this.pipeline.add(lunr[name]); this.searchPipeline.add(lunr[name]); }
  this.ref('location');
  for (const [field, options] of Object.entries(config.fields)) this.field(field, options);
  for (const doc of docs) this.add({...doc, text: (doc.text || '').replace(/<[^>]+>/g, ' ')}, {boost: doc.boost});
});
console.log(JSON.stringify(index.search(process.argv[3]).slice(0, 5).map(hit => hit.ref)));
"""


@pytest.mark.parametrize(
    "query",
    [
        "boyfriend reads my phone",
        "nudes",
        "girlfriend wants my passwords",
        "someone shared my nudes",
        "location sharing",
    ],
)
def test_search_finds_the_phones_page(site_build, query):
    node = shutil.which("node")
    assert node and LUNR.is_file(), "node and node_modules/lunr are needed: run `make node_modules/.installed`"
    run = subprocess.run(
        [node, "-e", SEARCH, str(LUNR), str(site_build.site / "search" / "search_index.json"), query],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    hits = json.loads(run.stdout)
    assert hits and hits[0].startswith("phones-and-online/"), f"{query!r}: top results {hits}"


# ---------------------------------------------------------------------------------------------
# Glossary tooltips
# ---------------------------------------------------------------------------------------------


def glossary_terms() -> dict[str, str]:
    """Every spelling of data/glossary.md (forms, and capitalised) -> its term."""
    terms = {}
    for line in (ROOT / "data" / "glossary.md").read_text(encoding="utf-8").splitlines():
        forms = [form.strip() for form in re.fullmatch(r"\*\[([^\]]+)\]:.*", line).group(1).split("|")]
        for form in forms:
            terms[form] = terms[form[:1].upper() + form[1:]] = forms[0]
    return terms


# (The whole guide is the pages put together: each chapter underlines its own first uses.)
@pytest.mark.parametrize("src", [src for src in NAV if src != "handouts/whole-guide.md"])
def test_a_term_is_underlined_once_at_its_first_use_and_never_in_a_heading(site_build, src):
    terms = glossary_terms()
    root = article(site_build.site, src)
    in_headings = [
        a.text() for h in root.iter() if h.tag in ("h1", "h2", "h3", "h4", "h5", "h6") for a in h.find_all("abbr")
    ]
    assert in_headings == []
    underlined = [terms.get(a.text(), a.text()) for a in root.find_all("abbr")]
    assert len(underlined) == len(set(underlined)), f"docs/{src}: a term is underlined twice: {underlined}"
    # The first use is the one underlined: no plain use of the term in the body comes before it.
    body = "".join(
        child if isinstance(child, str) else (f"[{child.text()}]" if child.tag == "abbr" else "")
        for child in _flat(root)
    )
    for spelling, term in terms.items():
        first = re.search(rf"(?<![\w\[]){re.escape(spelling)}(?![\w\]])", body)
        marked = next((m for m in re.finditer(r"\[([^\]]+)\]", body) if terms.get(m.group(1)) == term), None)
        if first and marked:
            assert marked.start() < first.start(), f"docs/{src}: '{spelling}' is used before it is underlined"


def _flat(root: Element):
    """Text and <abbr> elements of the article outside headings and callouts, in document order."""
    for child in root.children:
        if isinstance(child, str):
            yield child
        elif child.tag == "abbr":
            yield child
        elif child.tag not in ("h1", "h2", "h3", "h4", "h5", "h6", "script") and not (
            child.attrs.get("id") or ""
        ).startswith("gc-"):
            yield from _flat(child)


def test_the_glossary_defines_intimacy_and_maps_word_forms_to_one_entry(site_build):
    root = article(site_build.site, "glossary.md")
    terms = [h.text() for h in root.find_all("h2", cls="gc-glossary__term")]
    assert "intimacy" in terms and len(terms) == len(set(terms))
    for form in ("abusive", "codependent", "enmeshed", "introverts", "Abuse"):
        assert form not in terms  # a word form is not an entry of its own
    harm = (site_build.site / built_file("harm.md")).read_text(encoding="utf-8")
    assert re.search(r"<abbr title=\"?[^>]*>abusive</abbr>", harm) or "abuse</abbr>" in harm


def test_tooltip_text_is_at_least_14_px(browser, site_server):
    context = browser.new_context(viewport={"width": 360, "height": 800}, has_touch=False)
    try:
        page = context.new_page()
        assert "house/" in page_paths(site_server.root)
        page.goto(site_server.url + "house/")
        page.evaluate(THEME_READY)
        term = page.locator("article abbr").first
        term.scroll_into_view_if_needed()
        term.hover()
        tip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
        tip.wait_for(state="visible")
        # (The theme moves the title into its tooltip; the built page still has it.)
        first = article(site_server.root, "house.md").find_all("abbr")[0]
        assert tip.inner_text().strip() == first.attrs["title"].strip() and term.inner_text() == first.text()
        size = float(tip.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
        assert size >= 14, f"tooltip text is {size} px"
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Every reader finds themselves named
# ---------------------------------------------------------------------------------------------


def guide_text(site: Path) -> str:
    """The words of every chapter of the guide as built, in lower case."""
    return " ".join(
        readability.built_text((site / built_file(src)).read_text(encoding="utf-8"))[1] for src in GUIDE
    ).lower()


def test_the_guide_names_lgbtq_readers_violence_and_being_single(site_build):
    text = guide_text(site_build.site)
    named = [
        word
        for word in ("gay", "lesbian", "bisexual", "trans", "queer", "non-binary", "asexual", "aromantic")
        if re.search(rf"\b{word}\b", text)
    ]
    assert len(named) >= 4, named
    assert all(re.search(rf"\b{word}", text) for word in ("hitting", "slapping", "pushing", "threat")), text[:200]
    assert re.search(r"\bsingle is fine\b", text) and "coming out" in text and "outing" in text
