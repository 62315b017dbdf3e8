"""The site's real search (the theme's search worker in Chromium) as a young reader uses it: the words they type
find the guide, a search for being hit or for suicide leads to help, a search with no match offers a way to help,
and teachers' and printing pages stay out of the reader's results."""

from __future__ import annotations

import json
import re

import pytest
from test_build import NAV

from conftest import ROOT, THEME_READY
from sitebuild.frontmatter import read_page
from sitebuild.paths import built_file

# Records every query the page sends to the search worker and every answer it gets back (the theme's own
# messages: type 2 is a query, type 3 its result), so a test reads the ranking the reader is shown.
WATCH_WORKER = """(() => {
  const Real = window.Worker;
  window.__gcSearch = {queries: [], results: []};
  window.Worker = class extends Real {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => {
        if (e.data && e.data.type === 3) window.__gcSearch.results.push(e.data.data);
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) window.__gcSearch.queries.push(message.data);
      return super.postMessage(message, ...rest);
    }
  };
})();"""


def front_matter(src: str) -> dict:
    """The YAML front matter of a docs page."""
    return read_page(ROOT / "docs" / src)[0]


def out_of_search(src: str) -> bool:
    """Whether a page asks to stay out of the search index."""
    return bool((front_matter(src).get("search") or {}).get("exclude"))


def location(src: str) -> str:
    """A page's address in the search index (relative to the site's root)."""
    return built_file(src).removesuffix("index.html")


EDUCATORS = [src for src in NAV if src == "educators.md" or src.startswith("educators/")]
HANDOUTS = [src for src in NAV if src.startswith("handouts/")]


def test_teachers_and_printing_pages_are_out_of_the_search_index(site_build):
    assert EDUCATORS and HANDOUTS
    assert all(out_of_search(src) for src in EDUCATORS + HANDOUTS)
    index = json.loads((site_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert pages.isdisjoint(location(src) for src in EDUCATORS + HANDOUTS)
    # Every guide page is still there, and the educators' page keeps its links to its own pages.
    assert {location(src) for src in NAV if not out_of_search(src)} <= pages
    educators = (site_build.site / built_file("educators.md")).read_text(encoding="utf-8")
    assert all(
        re.search(rf'href="?[^"\s>]*{re.escape(location(src).removeprefix("educators/"))}', educators)
        for src in EDUCATORS
        if src != "educators.md"
    )


@pytest.fixture(scope="module")
def search_page(browser, site_server):
    """A phone-sized page of the real site with search open and its worker watched."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    context.add_init_script(WATCH_WORKER)
    page = context.new_page()
    page.goto(site_server.url)
    page.evaluate(THEME_READY)
    page.locator("button.gc-search-button, label.md-header__button[for='__search']").locator(
        "visible=true"
    ).first.click()
    page.wait_for_function("() => document.getElementById('__search').checked")
    yield page
    context.close()


def search(page, query: str) -> list[str]:
    """Type a query as a reader does; the pages of the results, best first, once the worker has answered it."""
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # the theme searches on key up
    page.wait_for_function(
        "q => { const s = window.__gcSearch; return s.queries.length && s.queries.at(-1) === q"
        " && s.results.length === s.queries.length; }",
        arg=query,
    )
    items = page.evaluate("() => window.__gcSearch.results.at(-1).items")
    return [item[0]["location"].split("#")[0] for item in items]


@pytest.fixture(scope="module")
def help_location(site_build) -> str:
    """The Get help page's address in the search index: where the home page's Get help link points."""
    home = (site_build.site / "index.html").read_text(encoding="utf-8")
    link = re.search(r"<a [^>]*data-gc-help[^>]*>", home).group(0)
    return re.search(r'href="?([^"\s>]+)', link).group(1).removeprefix("./")


@pytest.mark.parametrize("query", ["gay", "trans", "hit", "single", "lesbian", "asexual"])
def test_the_words_readers_type_find_the_guide(search_page, query):
    hits = search(search_page, query)
    print(f"{query!r}: {hits[:5]}")
    assert hits, f"{query!r} found nothing"


@pytest.mark.parametrize("query", ["he hits me", "my dad hits me", "my boyfriend hit me", "suicide"])
def test_being_hit_or_thinking_of_suicide_leads_to_help_in_the_top_three(search_page, help_location, query):
    hits = search(search_page, query)
    print(f"{query!r}: {hits[:5]}")
    wanted = {help_location} if query == "suicide" else {help_location, location("violence.md")}
    assert wanted & set(hits[:3]), f"{query!r}: top results {hits[:3]}"


@pytest.mark.parametrize("query", ["parents check my phone", "friend", "consent"])
def test_no_teachers_or_printing_page_comes_up(search_page, query):
    hits = search(search_page, query)
    print(f"{query!r}: {hits[:5]}")
    assert hits
    assert set(hits).isdisjoint(location(src) for src in EDUCATORS + HANDOUTS), hits


def test_a_search_with_no_match_offers_words_to_try_and_the_way_to_help(search_page, help_location):
    page = search_page
    assert search(page, "zzqxv") == []
    note = page.locator("[data-gc-search-none]")
    note.wait_for(state="visible")
    link = note.locator("a")
    assert link.evaluate("a => a.href") == page.evaluate("() => document.querySelector('[data-gc-help]').href")
    assert note.locator("q").count() >= 3
    # Readable: its text is not the colour of what lies behind it (the header's white would vanish on white).
    text, behind = note.evaluate("""el => {
      let bg = el;
      const clear = ['rgba(0, 0, 0, 0)', 'transparent'];
      while (bg && clear.includes(getComputedStyle(bg).backgroundColor)) bg = bg.parentElement;
      const behind = bg ? getComputedStyle(bg).backgroundColor : 'rgb(255, 255, 255)';
      return [getComputedStyle(el.querySelector('p')).color, behind];
    }""")
    assert text != behind, (text, behind)
    # A query with results hides the note again.
    assert search(page, "trust")
    note.wait_for(state="hidden")
    # The link is the way to help: a tap on it opens the Get help page.
    search(page, "zzqxv")
    note.wait_for(state="visible")
    link.click()
    page.wait_for_url(lambda url: url.endswith("/" + help_location))


def test_each_glossary_term_is_found_on_its_own(site_build):
    terms = [
        re.match(r"\*\[([^\]|]+)", line).group(1).strip()
        for line in (ROOT / "data" / "glossary.md").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    index = json.loads((site_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    glossary = {doc["title"]: doc for doc in index["docs"] if doc["location"].startswith(location("glossary.md") + "#")}
    assert sorted(glossary) == sorted(terms)
    # Each entry holds its own meaning only, not the whole page.
    assert max(len(doc["text"].split()) for doc in glossary.values()) < 60
