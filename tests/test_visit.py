"""Safety under real use, in Chromium: a visit is one entry in the tab's history, nothing is stored until the
reader chooses, tooltips are text, Exit and Get help are big, apart and never covered, and help is one tap away."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import statistics
import threading
import time
from urllib.parse import urlsplit

import pytest
from test_exit import exit_server, exit_site  # noqa: F401  (fixtures: the site with a local exit page)

from conftest import ROOT, THEME_READY, page_paths, serve
from scripts.sitetools import Handler
from sitebuild.data import load_data
from sitebuild.schema import SCHEMAS

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 568}
PHONE = {"width": 360, "height": 800}
EXIT = "[data-gc-exit]"
HELP = "[data-gc-help]"
NEXT = "a.md-footer__link--next"
TOC = ".md-sidebar--secondary a.md-nav__link"


def settle(page) -> None:
    """The theme has started and fetched what instant navigation needs."""
    page.evaluate(THEME_READY)
    page.wait_for_load_state("networkidle")


def start_visit(page, url: str) -> int:
    """Open the site from another page (about:blank); return history.length before the site was opened."""
    page.goto("about:blank")
    before = page.evaluate("history.length")
    page.goto(url)
    return before


def press_shift(page, times: int = 3) -> None:
    for _ in range(times):
        page.keyboard.press("Shift")


def leave(page, how: str, exit_url: str) -> None:
    """Exit by a click on the button or by Shift three times, and wait for the exit page."""
    if how == "click":
        page.click(EXIT)
    else:
        press_shift(page)
    page.wait_for_url(exit_url)


def back_leaves_the_site(page, site_url: str) -> None:
    """One Back from the exit page lands before the site (about:blank), never on a page of it."""
    page.go_back()
    page.wait_for_url("about:blank")
    assert not page.url.startswith(site_url)


# ---------------------------------------------------------------------------------------------------
# One entry per visit


@pytest.mark.parametrize("how", ["click", "shift"])
def test_a_visit_is_one_history_entry_and_back_leaves_the_site(browser, exit_site, exit_server, how):
    context = browser.new_context(viewport=WIDE)
    try:
        page = context.new_page()
        before = start_visit(page, exit_site.url)
        settle(page)
        page.evaluate("window.__gcSamePage = true; window.__gcShown = 0; document$.subscribe(() => window.__gcShown++)")
        seen = [page.url]
        for shown in range(2, 5):  # three more pages, by instant navigation
            page.click(NEXT)
            page.wait_for_function("n => window.__gcShown >= n", arg=shown)
            seen.append(page.url)
        assert page.evaluate("window.__gcSamePage === true"), "the links reloaded the page: no instant navigation"
        page.locator(f"{TOC}:visible").nth(1).click()
        page.wait_for_url(re.compile("#"))
        page.locator(".md-content a.headerlink").first.click(force=True)  # a permalink, shown on hover
        page.wait_for_url(re.compile("#"))
        during = page.evaluate("history.length")
        leave(page, how, exit_server.url)
        after = page.evaluate("history.length")
        print(
            f"history.length: {before} before the site, {during} after reading {len(set(seen))} pages and two "
            f"anchors, {after} after Exit ({how})"
        )
        assert len(set(seen)) == 4
        assert during == after == before + 1, "the visit added entries to the tab's history"
        back_leaves_the_site(page, exit_site.url)
    finally:
        context.close()


def test_a_ten_page_visit_leaves_history_length_flat(browser, exit_site, exit_server):
    context = browser.new_context(viewport=WIDE)
    try:
        page = context.new_page()
        before = start_visit(page, exit_site.url)
        settle(page)
        opened = page.evaluate("history.length")
        page.evaluate("window.__gcShown = 0; document$.subscribe(() => window.__gcShown++)")
        for shown in range(2, 11):
            page.click(NEXT)
            page.wait_for_function("n => window.__gcShown >= n", arg=shown)
        read = page.evaluate("history.length")
        print("IDX after 10", page.evaluate("navigation.currentEntry.index"), page.url)
        # A search result (search opened after instant navigation, so its worker starts from another address),
        # then a link of the 404 page (a full load, not instant navigation).
        page.click("input.md-search__input")  # search starts when it is first used
        page.keyboard.type("nudes")
        result = page.locator(".md-search-result__item a[href*='phones-and-online/']").first
        result.wait_for(state="attached")
        # The link's own click (the theme's and the site's listeners see it as any click): the results panel
        # may still be sliding in on a busy machine.
        result.evaluate("link => link.click()")
        page.wait_for_url(lambda u: "/phones-and-online/" in u)
        # (GitHub Pages answers a missing address with 404.html; the test server does not, so it is asked for.)
        page.evaluate(f"location.replace({exit_site.url + '404.html'!r})")
        page.wait_for_selector("text=This page is not here")
        page.click("article a >> nth=0")
        page.wait_for_url(exit_site.url)
        print("IDX after 404", page.evaluate("navigation.currentEntry.index"), page.url)
        searched = page.evaluate("history.length")
        leave(page, "click", exit_server.url)
        print(
            f"10-page visit: history.length {before} before, {opened} on opening the site, {read} after ten "
            f"pages, {searched} after a search result and the 404 page's link, "
            f"{page.evaluate('history.length')} after Exit"
        )
        assert read == opened == before + 1 == searched and page.evaluate("history.length") == opened
        back_leaves_the_site(page, exit_site.url)
    finally:
        context.close()


def test_a_link_to_the_page_already_shown_stays_on_the_site(browser, exit_site, exit_server):
    """The theme steps back in history after a link to the page already shown (to undo the entry it pushed);
    with nothing pushed, that step must not leave the site."""
    context = browser.new_context(viewport=WIDE)
    try:
        page = context.new_page()
        start_visit(page, exit_site.url + "house/")
        settle(page)
        page.evaluate("""() => { const back = history.back;
            history.back = function () { window.__gcBack = (window.__gcBack || 0) + 1; return back.apply(this); }; }""")
        for _ in range(2):  # the theme takes the step on the click after the one that led to the same page
            page.click("a.md-nav__link--active[href]")
        page.wait_for_function("() => window.__gcBack >= 1")
        assert page.url == exit_site.url + "house/" and page.evaluate("history.length") == 2
        leave(page, "click", exit_server.url)
        back_leaves_the_site(page, exit_site.url)
    finally:
        context.close()


class _SlowScript(Handler):
    """The site, with its own script held back 3 s, as on a slow phone."""

    def do_GET(self) -> None:
        if re.search(r"/assets/js/getting-closer[^/]*\.js", self.path):
            time.sleep(3)
        super().do_GET()


class _QuietServer(http.server.ThreadingHTTPServer):
    """The browser drops the held script when a link replaces the page: that broken pipe is expected."""

    def handle_error(self, request, client_address) -> None:
        pass


@pytest.fixture
def slow_site(exit_site):
    """The exit site's pages served again with the script delayed (instant navigation never starts in time)."""
    handler = functools.partial(_SlowScript, directory=str(exit_site.root))
    httpd = _QuietServer(("127.0.0.1", 0), handler)  # the port bound here, not picked before
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def before_the_script(page) -> None:
    """The site's script has not run yet: the page is still being parsed, waiting for it."""
    assert page.evaluate("document.readyState") == "loading", "the script was not held back"


@pytest.mark.parametrize("how", ["click", "shift"])
def test_before_the_script_loads_links_anchors_and_exit_still_replace(browser, slow_site, exit_server, how):
    context = browser.new_context(viewport=WIDE)
    try:
        page = context.new_page()
        page.goto("about:blank")
        before = page.evaluate("history.length")
        page.goto(slow_site, wait_until="commit")
        for _ in range(3):
            page.wait_for_selector(NEXT, state="attached")
            before_the_script(page)
            url = page.url
            page.click(NEXT, no_wait_after=True)
            page.wait_for_url(lambda u, url=url: u != url, wait_until="commit")
        page.wait_for_selector(f"{TOC} >> nth=1", state="attached")
        before_the_script(page)
        page.locator(f"{TOC}:visible").nth(1).click(no_wait_after=True)
        page.wait_for_url(re.compile("#"), wait_until="commit")
        before_the_script(page)
        during = page.evaluate("history.length")
        leave(page, how, exit_server.url)
        print(
            f"script held 3 s: history.length {before} before, {during} after three pages and an anchor, "
            f"{page.evaluate('history.length')} after Exit ({how})"
        )
        assert during == page.evaluate("history.length") == before + 1
        back_leaves_the_site(page, slow_site)
    finally:
        context.close()


LEAVING_PROMISES = [
    "The page you were reading stays in the tab's list. Back brings it back.",
    "Each page you open here adds a place to the list too.",
]


def test_without_javascript_it_behaves_as_leaving_quickly_says(browser, exit_site, exit_server):
    context = browser.new_context(viewport=WIDE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(exit_site.url + "leaving-quickly/")
        text = " ".join(page.inner_text("article").split())
        for promise in LEAVING_PROMISES:
            assert promise in text, f"'Leaving quickly' no longer says: {promise}"
        before = start_visit(page, exit_site.url)
        pages = [page.url]
        for _ in range(2):
            page.click(NEXT)
            page.wait_for_load_state()
            pages.append(page.url)
        assert page.evaluate("history.length") == before + 3, "each page read adds an entry, as the page says"
        page.click(EXIT)
        page.wait_for_url(exit_server.url)
        page.go_back()
        assert page.url == pages[-1], "Back brings the page back, as the page says"
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------------
# Nothing stored until the reader chooses

STORED = """async () => ({
  local: Object.keys(localStorage), session: Object.keys(sessionStorage),
  indexedDB: (await indexedDB.databases()).map(d => d.name),
  caches: typeof caches === 'undefined' ? ['(no caches API)'] : await caches.keys(),
})"""


def everything_stored(page, context) -> dict:
    found = page.evaluate(STORED)
    found["cookies"] = [c["name"] for c in context.cookies()]
    return found


# The scheme on the body when the page is first parsed, before the theme's scripts (they wait for the first paint).
FIRST_SCHEME = """document.addEventListener('DOMContentLoaded', () => {
  window.__gcFirstScheme = document.body.getAttribute('data-md-color-scheme'); }, {once: true, capture: true});"""


@pytest.mark.parametrize("system, scheme", [("light", "default"), ("dark", "slate")])
def test_nothing_is_stored_until_the_toggle_is_used(browser, site_server, site_build, system, scheme):
    context = browser.new_context(viewport=WIDE, color_scheme=system)
    context.add_init_script(FIRST_SCHEME)
    try:
        page = context.new_page()
        paths = [p for p in page_paths(site_build.site) if p.endswith("/") or p == ""][:5]
        for path in paths:
            page.goto(site_server.url + path)
            settle(page)
            assert page.evaluate("window.__gcFirstScheme") == scheme, "the first paint did not follow the system"
            assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
        stored = everything_stored(page, context)
        print(f"after {len(paths)} pages, {system} system, no toggle: {stored}")
        assert stored == {"local": [], "session": [], "indexedDB": [], "caches": [], "cookies": []}

        page.locator("form[data-md-component=palette] button:visible").first.click()
        assert page.evaluate("document.body.dataset.mdColorScheme") != scheme, "the palette toggle did nothing"
        page.goto(site_server.url + paths[1])
        settle(page)
        assert page.evaluate("document.body.dataset.mdColorScheme") != scheme, "the choice was not kept"
        stored = everything_stored(page, context)
        print(f"after the toggle, once: {stored}")
        assert stored == {
            "local": [urlsplit(site_server.url).path + ".__palette"],
            "session": [],
            "indexedDB": [],
            "caches": [],
            "cookies": [],
        }
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------------
# Tooltips are text


def hover_every_tooltip(page) -> list[str]:
    """Hover each glossary word of the page; return what is wrong with any tooltip shown."""
    problems = []
    words = page.locator("article abbr")
    for index in range(words.count()):
        word = words.nth(index)
        word.scroll_into_view_if_needed()
        word.hover()
        page.wait_for_function("el => el.hasAttribute('aria-describedby')", arg=word.element_handle())
        report = word.evaluate("""el => {
          const tip = document.getElementById(el.getAttribute('aria-describedby'));
          const inner = tip && tip.querySelector('.md-tooltip2__inner');
          return inner ? {children: inner.children.length, text: inner.textContent} : {children: -1, text: ''};
        }""")
        if report["children"] != 0 or not report["text"].strip():
            problems.append(f"{page.url} '{word.inner_text()}': {report}")
        page.mouse.move(0, 400)
    return problems


def test_every_tooltip_on_every_page_is_text(browser, site_server, site_build):
    context = browser.new_context(viewport=WIDE)
    try:
        page = context.new_page()
        problems, hovered = [], 0
        for path in page_paths(site_build.site):
            if "<abbr" not in (
                site_build.site / (path + "index.html" if path.endswith("/") or not path else path)
            ).read_text(encoding="utf-8"):
                continue
            page.goto(site_server.url + path)
            settle(page)
            hovered += page.locator("article abbr").count()
            problems += hover_every_tooltip(page)
        assert hovered > 20
        assert problems == [], "\n".join(problems)
    finally:
        context.close()


MARKUP_TITLE = (
    "&lt;img src=x onerror=&quot;window.gcRan=1&quot;&gt;"
    "&lt;meta http-equiv=refresh content=&quot;0;url=about:blank#gone&quot;&gt;&lt;b&gt;bold&lt;/b&gt; &amp;"
)


@pytest.fixture
def markup_in_a_title(site_build, tmp_path):
    """A copy of the built site whose first glossary title on the about page's neighbour holds markup, as if a
    definition had slipped past the build's check."""
    root = tmp_path / "site"
    shutil.copytree(site_build.site, root)
    page = next(p for p in sorted(root.glob("*/index.html")) if "<abbr" in p.read_text(encoding="utf-8"))
    text, count = re.subn(
        r'<abbr title=("[^"]*"|[^\s>]+)', f'<abbr title="{MARKUP_TITLE}"', page.read_text(encoding="utf-8"), count=1
    )
    assert count == 1
    page.write_text(text, encoding="utf-8")
    server = serve(root)
    yield server.url + page.parent.name + "/"
    server.stop()


def test_a_title_holding_markup_shows_as_text(browser, markup_in_a_title):
    context = browser.new_context(viewport=WIDE)
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(markup_in_a_title)
        settle(page)
        word = page.locator("article abbr").first
        word.hover()
        tip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
        tip.wait_for(state="visible")
        assert tip.evaluate("el => el.children.length") == 0
        assert tip.text_content().startswith('<img src=x onerror="window.gcRan=1"><meta http-equiv=refresh')
        # No element was made from the title, so no <meta> refresh can fire and no <img> can load.
        assert page.url == markup_in_a_title and page.evaluate("window.gcRan === undefined")
        assert not [r for r in requests if r.endswith("/x")], "an <img> was created from the title"
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------------
# Exit and Get help: big, apart, always there

MEASURE = """([exitSel, helpSel]) => {
  const box = el => el.getBoundingClientRect();
  const exit = document.querySelector(exitSel), help = document.querySelector(helpSel);
  const e = box(exit);
  const gap = (a, b) => Math.max(b.left - a.right, a.left - b.right, b.top - a.bottom, a.top - b.bottom, 0);
  const near = [];
  // Pointer targets (a focusable scroll area such as the search results panel is not one).
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, label[for], [role=button]')) {
    if (el === exit || exit.contains(el) || !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const r = box(el);
    // A backdrop that lies under the whole of Exit (the open menu's overlay) is not beside it: Exit is on top.
    if (r.left <= e.left && r.right >= e.right && r.top <= e.top && r.bottom >= e.bottom) continue;
    if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
    const d = gap(e, r);
    if (d < 8) near.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(d)} px`);
  }
  const covered = [];
  for (const [x, y] of [[e.left + 2, e.top + 2], [e.right - 2, e.top + 2], [e.left + 2, e.bottom - 2],
                        [e.right - 2, e.bottom - 2], [(e.left + e.right) / 2, (e.top + e.bottom) / 2]]) {
    const hit = document.elementFromPoint(x, y);
    if (!exit.contains(hit)) covered.push(`${Math.round(x)},${Math.round(y)}: ${hit && hit.className}`);
  }
  const h = box(help);
  const helpHit = document.elementFromPoint((h.left + h.right) / 2, (h.top + h.bottom) / 2);
  return {exit: [e.width, e.height, e.left, e.top, e.right], help: [h.width, h.height], near, covered,
          helpOnTop: help.contains(helpHit), inView: e.left >= 0 && e.top >= 0 && e.right <= innerWidth};
}"""


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["320px", "1280px"])
@pytest.mark.parametrize("state", ["closed", "menu-open", "search-open"])
def test_exit_and_help_are_big_apart_and_never_covered(browser, site_server, viewport, state):
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(site_server.url + "harm/")
        settle(page)
        if state == "menu-open":
            page.evaluate("document.getElementById('__drawer').click()")
            page.wait_for_function("() => document.getElementById('__drawer').checked")
        elif state == "search-open":
            page.evaluate("document.getElementById('__search').click()")
            page.wait_for_function("() => document.getElementById('__search').checked")
        # The drawer and search slide in: measure where they come to rest, once no transition is running.
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        m = page.evaluate(MEASURE, [EXIT, HELP])
        print(
            f"{viewport['width']} px, {state}: Exit {m['exit'][0]:.0f}x{m['exit'][1]:.0f} px, "
            f"Get help {m['help'][0]:.0f}x{m['help'][1]:.0f} px"
        )
        assert m["exit"][0] >= 44 and m["exit"][1] >= 44, m
        assert m["help"][0] >= 44 and m["help"][1] >= 44, m
        assert m["inView"], m
        assert m["covered"] == [], m
        assert m["helpOnTop"], m
        assert m["near"] == [], m
    finally:
        context.close()


def test_get_help_is_one_tap_away_on_every_page(browser, site_server, site_build, language, other_folders):
    """Every page of each language links its own language's help page, in its own words."""
    help_words = language.strings()["exit"]["help"]
    own_help = urlsplit(site_server.url).path + language.folder + "get-help/"
    context = browser.new_context(viewport=NARROW)
    try:
        page = context.new_page()
        for html in language.pages(site_build.site, other_folders):
            rel = html.relative_to(site_build.site).as_posix()
            page.goto(site_server.url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
            link = page.locator(HELP)
            assert link.is_visible(), rel
            assert link.evaluate("a => new URL(a.href).pathname") == own_help, rel
            assert link.evaluate("a => a.textContent.replace(/\\s+/g, ' ')").strip().startswith(help_words), rel
        page.click(HELP)
        page.wait_for_url(site_server.url + language.folder + "get-help/")
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------------
# The help page


def edition_regions(edition) -> list:
    """The edition's help regions, in its order, from data/help.yml."""
    regions = {r.id: r for r in load_data(ROOT / "data" / "help.yml", SCHEMAS["help.yml"], "help.yml").regions}
    return [regions[i] for i in edition["extra"]["help_regions"]]


@pytest.mark.edition
def test_danger_now_is_on_the_first_screen_of_the_help_page(browser, site_server, edition):
    """Each region's emergency numbers (from data) as big buttons, one tap to call, the first on the first screen."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_server.url + "get-help/")
        heading = page.locator("h2", has_text="If you are in danger now")
        advice = heading.locator("xpath=following-sibling::p[1]")
        assert "emergency number" in advice.inner_text()
        buttons = heading.locator("xpath=following-sibling::ul[1]").locator("a")
        expected = {(f"tel:{n.replace(' ', '')}", n, r.name) for r in edition_regions(edition) for n in r.emergency}
        found = [
            (
                a.get_attribute("href"),
                a.locator(".gc-emergency__number").inner_text(),
                a.locator(".gc-emergency__where").inner_text(),
            )
            for a in buttons.all()
        ]
        assert expected and set(found) == expected and len(found) == len(expected), found
        assert not advice.locator("a[href^='tel:']").count()  # buttons, not links inside a sentence
        for button in buttons.all():
            box = button.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, box
        bottom = buttons.first.evaluate("a => a.getBoundingClientRect().bottom")
        assert heading.bounding_box()["y"] >= 0 and bottom <= PHONE["height"], f"ends at {bottom} px"
    finally:
        context.close()


NUMBER = re.compile(r"\+?\d[\d -]{2,}\d|\b\d{3,}\b")


@pytest.mark.edition
def test_every_number_on_the_help_page_is_a_tel_or_sms_link(browser, site_server, edition):
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_server.url + "get-help/")
        links = page.locator(".gc-help-directory a[href^='tel:'], .gc-help-directory a[href^='sms:']")
        assert links.count() >= 15
        for index in range(links.count()):
            link = links.nth(index)
            href, text = link.get_attribute("href"), link.inner_text()
            digits = re.sub(r"\D", "", NUMBER.search(text).group())
            if href.startswith("tel:"):
                assert re.fullmatch(r"tel:\+?\d{3,15}", href) and text.startswith("Call "), (href, text)
                assert href.removeprefix("tel:").lstrip("+") == digits, (href, text)
            else:
                match = re.fullmatch(r"sms:(\d{3,15})(?:\?body=([A-Za-z0-9]+))?", href)
                assert match and match.group(1) == digits, (href, text)
                assert text == (f"Text {match.group(2)} to {digits}" if match.group(2) else f"Text {digits}")
            box = link.bounding_box()
            assert box["height"] >= 24, f"{text}: {box['height']} px tall"
        # No number is left as plain text.
        loose = page.evaluate("""() => [...document.querySelectorAll('.gc-help__org p')]
            .map(p => { const c = p.cloneNode(true); c.querySelectorAll('a').forEach(a => a.remove()); return c.textContent; })
            .filter(t => /\\d[\\d -]{4,}\\d/.test(t))""")
        assert loose == []
        regions = page.locator(".gc-help-directory nav a")
        assert regions.count() >= 5
        last = edition_regions(edition)[-1]  # the furthest down the page
        regions.filter(has_text=last.name).click()
        page.wait_for_url(re.compile(f"#help-{last.id}$"))
        # The jump may scroll smoothly: wait (5 s at most) for the region's heading to come to rest in view.
        page.wait_for_function(
            """id => { const r = document.querySelector(`#help-${id} h3`).getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight; }""",
            arg=last.id,
            timeout=5000,
        )
        checked = page.locator(".gc-help-directory__checked").all_inner_texts()
        assert len(checked) == regions.count() and all(re.fullmatch(r"Checked [A-Z][a-z]+ \d{4}\.", c) for c in checked)
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------------
# How fast Exit covers the page

TIMING = """
window.addEventListener('keyup', e => { if (e.key === 'Shift') window.__gcLastShift = performance.now(); }, true);
new MutationObserver((records, observer) => {
  if (!document.querySelector('[data-gc-exit-cover]')) return;
  observer.disconnect();
  const inserted = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() =>
    window.gcTimed([window.__gcLastShift, inserted, performance.now(), document.title,
                    [...document.querySelectorAll('link[rel~=icon]')].map(l => l.getAttribute('href'))])));
}).observe(document, {childList: true, subtree: true});
"""


def test_third_shift_covers_the_page_at_once_with_a_neutral_title(browser, exit_site, exit_server):
    context = browser.new_context(viewport=WIDE)
    timings = []
    try:
        context.expose_function("gcTimed", lambda values: timings.append(values))
        context.add_init_script(TIMING)
        for _ in range(10):
            page = context.new_page()
            page.goto(exit_site.url + "house/")
            exit_server.gate.clear()  # the exit page is held, so the cover is what the reader sees
            count = len(timings)
            press_shift(page)
            deadline = time.monotonic() + 10
            while len(timings) == count and time.monotonic() < deadline:
                page.wait_for_timeout(10)
            exit_server.gate.set()
            page.wait_for_url(exit_server.url)
            page.close()
    finally:
        exit_server.gate.set()
        context.close()
    assert len(timings) == 10
    inserted = [t[1] - t[0] for t in timings]
    drawn = [t[2] - t[0] for t in timings]
    print(
        f"third Shift to cover: median {statistics.median(inserted):.1f} ms in the page, "
        f"{statistics.median(drawn):.1f} ms to the second frame drawn (10 runs)"
    )
    loading = load_data(ROOT / "data" / "strings.yml", SCHEMAS["strings.yml"], "strings.yml").exit.loading
    assert all(t[3] == loading for t in timings), "the tab must show a neutral title while leaving"
    assert all(t[4] == ["data:,"] for t in timings), "the site's icon must be gone while leaving"
    assert statistics.median(inserted) < 50
