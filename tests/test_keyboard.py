"""Keyboard and screen reader: the site as a reader with Tab, Space, Escape and the accessibility tree meets it.

Beside axe (test_accessibility.py), which cannot see where focus goes or what a press does: every Tab stop is
on screen, in view and not under the sticky header, and has a name; letters never act by surprise; search,
the colour toggle, the menu and glossary terms work from the keyboard and say what they are.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT, THEME_READY, WATCH_SITEMAP, read_config, wait_for_instant_navigation

CONFIG = read_config(ROOT / "mkdocs.yml")
PALETTES = [p for p in CONFIG["theme"]["palette"] if p.get("toggle")]
SCHEMES = {"light": "default", "dark": "slate"}

WIDTHS = [375, 1024, 1280]
# The home page, and a page with checklists and glossary terms (the stops the issue counted on).
PAGES = ["", "harm/"]
STOPS = 40
SHORTCUTS = ["n", "p", ".", ",", "/", "s", "f"]
# WCAG 1.4.12's text-spacing override, as the bookmarklets that test it apply it.
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
)

# What is wrong with where focus is now, or "" (nothing focused but the page counts as nothing wrong).
FOCUS_PROBLEM = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return "";
  const r = el.getBoundingClientRect();
  const what = `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}">`
    + ` "${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}"`;
  if (r.width < 1 || r.height < 1) return `${what} has no size (${r.width} x ${r.height})`;
  const style = getComputedStyle(el);
  if (style.visibility !== 'visible') return `${what} is invisible (visibility: ${style.visibility})`;
  if (r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight)
    return `${what} is off-screen at x=${Math.round(r.x)}, y=${Math.round(r.y)}`;
  // (A link that wraps: the middle of its first line, not of the box around both lines.)
  const line = el.getClientRects()[0] || r;
  const x = Math.min(Math.max(line.left + line.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(line.top + line.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  if (top && top !== el && !el.contains(top) && !(top.control === el)) {
    const cover = top.closest('.md-header, .gc-exit-bar') ? 'the header'
      : `<${top.tagName.toLowerCase()} class="${top.getAttribute('class') || ''}">`;
    return `${what} is covered by ${cover} at y=${Math.round(r.y)}`;
  }
  return "";
}"""

# The focused element's ring: an outline or a shadow that shows.
FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== 'none';
}"""

# The header's controls that show: each one's name and box.
HEADER_CONTROLS = """() => Array.from(document.querySelectorAll(
    '.gc-exit-bar a, .md-header a, .md-header button, .md-header input, .md-header .md-search__form'))
  .filter(el => !el.closest('[hidden]') && getComputedStyle(el).visibility === 'visible'
    && !el.closest('.md-search__output') && !(el.parentElement && el.parentElement.closest('.md-search__form')))
  .map(el => ({name: el.getAttribute('aria-label') || el.className || el.tagName,
                box: el.getBoundingClientRect().toJSON()}))
  .filter(c => c.box.width > 0 && c.box.height > 0)"""


def open_page(browser, url: str, width: int, scheme: str = "light", **options):
    """A fresh context and page at `width`, the theme started and instant navigation live."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, **options)
    context.add_init_script(WATCH_SITEMAP)
    page = context.new_page()
    page.goto(url)
    wait_for_instant_navigation(page)
    return page


def ax_node(page, expression: str = "document.activeElement") -> dict:
    """The accessibility tree's node for the element `expression` gives (Chromium's own tree, over CDP)."""
    cdp = page.context.new_cdp_session(page)
    try:
        handle = cdp.send("Runtime.evaluate", {"expression": expression})["result"]["objectId"]
        return cdp.send("Accessibility.getPartialAXTree", {"objectId": handle, "fetchRelatives": False})["nodes"][0]
    finally:
        cdp.detach()


def ax_value(node: dict, key: str) -> str:
    """A node's role, name or description, as text."""
    return str(node.get(key, {}).get("value", "")).strip()


def ax_property(node: dict, name: str):
    """One of a node's properties (live, expanded, ...), or None."""
    for prop in node.get("properties", []):
        if prop["name"] == name:
            return prop["value"].get("value")
    return None


# Resolves when the page's running transitions end (search widening as it opens, say): what counts is
# where focus is once the page has settled, however busy the machine.
SETTLED = """() => Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => a.finished.catch(() => null)))"""


def check_stop(page, label: str) -> list[str]:
    """What is wrong with the focused element: where it is, and what the accessibility tree calls it."""
    page.evaluate(SETTLED)
    problem = page.evaluate(FOCUS_PROBLEM)
    if page.evaluate("document.activeElement === document.body"):
        return []
    problems = [f"{label}: {problem}"] if problem else []
    node = ax_node(page)
    role, name = ax_value(node, "role"), ax_value(node, "name")
    if node.get("ignored") or role in ("generic", "none", ""):
        problems.append(f"{label}: focus on an element with no role ({role or 'ignored'}) named {name!r}")
    elif not (name or ax_value(node, "description")):
        problems.append(f"{label}: focus on a {role} with no name")
    if "¶" in name:
        problems.append(f"{label}: a name with the permalink sign: {name!r}")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_every_tab_stop_is_seen_and_named(browser, site_server, path, width):
    page = open_page(browser, site_server.url + path, width)
    try:
        problems = []
        for stop in range(1, STOPS + 1):
            page.keyboard.press("Tab")
            problems += check_stop(page, f"/{path} {width} px, Tab {stop}")
        assert problems == [], "\n".join(problems)
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_tabbing_backwards_never_hides_focus_under_the_header(browser, site_server, path, width):
    page = open_page(browser, site_server.url + path, width)
    try:
        page.locator(".md-footer a[href]").last.focus()
        problems = []
        for stop in range(1, STOPS + 1):
            page.keyboard.press("Shift+Tab")
            problems += check_stop(page, f"/{path} {width} px, Shift+Tab {stop}")
        assert problems == [], "\n".join(problems)
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_every_focused_control_shows_a_ring(browser, site_server, scheme, width):
    page = open_page(browser, site_server.url + PAGES[-1], width, scheme)
    try:
        missing = []
        for stop in range(1, STOPS + 1):
            page.keyboard.press("Tab")
            if not page.evaluate(FOCUS_RING):
                missing.append(f"Tab {stop}: {page.evaluate('document.activeElement.outerHTML.slice(0, 120)')}")
        assert missing == [], f"{scheme}, {width} px: focused with no visible ring:\n" + "\n".join(missing)
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [375, 1024])
def test_the_menu_is_a_named_button_that_opens_and_closes_by_keyboard(browser, site_server, width):
    page = open_page(browser, site_server.url + PAGES[-1], width)
    try:
        for _ in range(STOPS):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('[data-gc-drawer]')"):
                break
        else:
            pytest.fail(f"{STOPS} Tabs never reached a menu button at {width} px")
        node = ax_node(page)
        menu = ax_value(node, "name")
        assert ax_value(node, "role") == "button" and menu, "the menu button has no name"
        assert ax_property(node, "expanded") is False
        page.keyboard.press("Enter")
        assert ax_property(ax_node(page, "document.querySelector('[data-gc-drawer]')"), "expanded") is True
        # Focus moves into the open menu, onto a link that shows.
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
        expect(page.locator(".md-sidebar--primary a[href]").first).to_be_in_viewport()
        assert check_stop(page, "first link in the open menu") == []
        page.keyboard.press("Escape")
        node = ax_node(page)
        assert ax_value(node, "name") == menu and ax_property(node, "expanded") is False
        expect(page.locator(".md-sidebar--primary a[href]").first).not_to_be_in_viewport()
    finally:
        page.context.close()


def where(page) -> dict:
    """The address, whether search is open, what the search box holds, and whether it has focus."""
    return page.evaluate("""() => ({
      url: location.href,
      open: document.getElementById('__search').checked,
      query: document.querySelector('[data-md-component=search-query]').value,
      focused: document.activeElement === document.querySelector('[data-md-component=search-query]'),
    })""")


@pytest.mark.parametrize("focus", ["page", "link"])
def test_single_letter_keys_change_nothing(browser, site_server, focus):
    page = open_page(browser, site_server.url + PAGES[-1], 1280)
    try:
        assert page.locator("link[rel=next]").count() and page.locator("link[rel=prev]").count(), (
            "the page needs a next and a previous page for this test"
        )
        if focus == "link":
            page.locator(".md-content a[href]").first.focus()
        before = where(page)
        for key in SHORTCUTS:
            page.keyboard.press(key)
            assert where(page) == before, f"pressing {key!r} with focus on the {focus} changed something"
        # Typing in the search box is untouched.
        page.locator("[data-md-component=search-query]").focus()
        page.keyboard.type("".join(SHORTCUTS))
        assert where(page)["query"] == "".join(SHORTCUTS)
    finally:
        page.context.close()


def search_term() -> str:
    """A word from a page title in the nav: certain to match something."""
    titles = [title for entry in CONFIG["nav"] if isinstance(entry, dict) for title in entry]
    words = [w for title in titles for w in re.findall(r"[A-Za-z]{5,}", title)]
    assert words, "no nav title has a word to search for"
    return max(words, key=len)


def test_search_results_are_named_counted_aloud_and_escape_returns_to_the_field(browser, site_server):
    page = open_page(browser, site_server.url, 1280)
    try:
        field = page.locator("[data-md-component=search-query]")
        field.focus()
        meta = page.locator(".md-search-result__meta")
        region = ax_node(page, "document.querySelector('.md-search-result__meta')")
        assert ax_value(region, "role") == "status" and ax_property(region, "live") == "polite"
        page.keyboard.type(search_term())
        links = page.locator("a.md-search-result__link")
        expect(links.first).to_be_attached()
        assert re.search(r"\d", meta.text_content()), meta.text_content()
        # Each result link is named by its title, as the tree gives it, never "".
        for index in range(links.count()):
            if not links.nth(index).is_visible():  # further sections of a page, folded away
                continue
            node = ax_node(page, f"document.querySelectorAll('a.md-search-result__link')[{index}]")
            heading = links.nth(index).locator("h1, h2").first.text_content().strip()
            assert ax_value(node, "role") == "link" and ax_value(node, "name").startswith(heading), node
        # Tab walks into the results; Escape goes back to the field.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.md-search__output')")
        assert where(page)["open"]
        page.keyboard.press("Escape")
        assert where(page)["focused"]
        # No match: the count says so, in the same live region.
        field.fill("")
        page.keyboard.type("qzxqzxqzx")
        expect(meta).not_to_contain_text(re.compile(r"\d"))
        assert ax_property(ax_node(page, "document.querySelector('.md-search-result__meta')"), "live") == "polite"
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_colour_toggle_does_what_it_says_with_space_enter_and_a_click(browser, site_server, scheme, width):
    page = open_page(browser, site_server.url, width, scheme)
    try:
        names = {p["scheme"]: p["toggle"]["name"] for p in PALETTES}
        order = [p["scheme"] for p in PALETTES]
        for _ in range(STOPS):
            page.keyboard.press("Tab")
            if ax_value(ax_node(page), "name") in names.values():
                break
        else:
            pytest.fail(f"{STOPS} Tabs never reached the colour toggle")
        for key in ["Space", "Space", "Enter", "Enter", "click"]:
            shown = page.evaluate("document.body.dataset.mdColorScheme")
            node = ax_node(page)
            assert ax_value(node, "role") == "button" and ax_value(node, "name") == names[shown]
            if key == "click":
                page.locator("[data-md-component=palette] button:visible").click()
            else:
                page.keyboard.press(key)
            after = page.evaluate("document.body.dataset.mdColorScheme")
            assert after == order[(order.index(shown) + 1) % len(order)], f"{key} on {names[shown]!r} left {after}"
            if key != "click":
                assert ax_value(ax_node(page), "name") == names[after], "focus left the colour toggle"
    finally:
        page.context.close()


@pytest.mark.parametrize("spacing", [False, True])
def test_no_two_header_controls_overlap_from_320_to_1280_px(browser, site_server, spacing):
    # The override is a style tag, which the site's own policy rightly refuses.
    page = open_page(browser, site_server.url + PAGES[-1], 320, bypass_csp=True)
    try:
        if spacing:
            page.add_style_tag(content=TEXT_SPACING)
        problems = []
        for width in range(320, 1281, 8):
            page.set_viewport_size({"width": width, "height": 800})
            page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            controls = page.evaluate(HEADER_CONTROLS)
            assert len(controls) >= 3, f"{width} px: {controls}"
            for i, a in enumerate(controls):
                box = a["box"]
                if box["left"] < -0.5 or box["right"] > width + 0.5:
                    problems.append(f"{width} px: {a['name']} runs off the screen")
                for b in controls[i + 1 :]:
                    other = b["box"]
                    if (
                        box["left"] < other["right"] - 0.5
                        and other["left"] < box["right"] - 0.5
                        and box["top"] < other["bottom"] - 0.5
                        and other["top"] < box["bottom"] - 0.5
                    ):
                        problems.append(f"{width} px: {a['name']} overlaps {b['name']}")
        assert problems == [], ("with text spacing:\n" if spacing else "") + "\n".join(problems)
    finally:
        page.context.close()


def test_a_glossary_term_is_reached_by_tab_shows_its_meaning_and_escape_hides_it(browser, site_server):
    page = open_page(browser, site_server.url + "house/", 1280)
    try:
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "ABBR":
                break
        else:
            pytest.fail("200 Tabs never reached a glossary term on /house/")
        term = page.evaluate("document.activeElement.textContent")
        node = ax_node(page)
        meaning = ax_value(node, "description")
        assert ax_value(node, "name") == term.strip(), f"the term is not named by its word: {node}"
        assert meaning and meaning != term, f"the term {term!r} gives assistive technology no meaning: {node}"
        tip = page.locator(".md-tooltip2--active")
        expect(tip).to_be_visible()
        assert " ".join(tip.text_content().split()) == meaning
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()
        assert page.evaluate("document.activeElement.tagName") == "ABBR", "Escape moved focus off the term"
    finally:
        page.context.close()


def test_landmarks_and_names_read_well(browser, site_server):
    page = open_page(browser, site_server.url + PAGES[-1], 1280)
    try:
        # Exit and Get help sit in a named landmark.
        exit_bar = ax_node(page, "document.querySelector('[data-gc-exit]').closest('nav, [role=navigation]')")
        assert ax_value(exit_bar, "role") == "navigation" and ax_value(exit_bar, "name")
        # One main landmark, the page's own content: the menu and the contents are outside it.
        assert page.evaluate("document.querySelectorAll('main, [role=main]').length") == 1
        content = ax_node(page, "document.querySelector('main')")
        assert ax_value(content, "role") == "main"
        assert page.evaluate("document.querySelector('main').contains(document.querySelector('article'))")
        outside = "Array.from(document.querySelectorAll('.md-sidebar, .md-footer')).every(el => !el.closest('main'))"
        assert page.evaluate(outside), "the menu, contents or Previous/Next sit inside <main>"
        # Headings are named by their words; each permalink is named on its own.
        names = page.evaluate("Array.from(document.querySelectorAll('.md-content h2, .md-content h3')).length")
        assert names
        for index in range(names):
            node = ax_node(page, f"document.querySelectorAll('.md-content h2, .md-content h3')[{index}]")
            assert ax_value(node, "name") and "¶" not in ax_value(node, "name"), node
        # Checklist groups on one page never share a name.
        groups = page.locator(".gc-checklist fieldset")
        group_names = [
            ax_value(ax_node(page, f"document.querySelectorAll('.gc-checklist fieldset')[{i}]"), "name")
            for i in range(groups.count())
        ]
        assert len(group_names) > 1 and len(set(group_names)) == len(group_names), group_names
    finally:
        page.context.close()


def test_the_shift_count_is_cleared_when_its_window_ends_and_leaving_is_said_before_the_page_goes(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_server.url)
        # The theme starts first, on real time: starting later, in the middle of the presses, it set the page up
        # again. Then the five-second window passes on the test's word, not by waiting.
        page.evaluate(THEME_READY)
        page.clock.install()
        status = page.locator("[data-gc-exit-status]")
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        said = status.text_content().strip()
        assert said, "two presses of Shift were not announced"
        page.clock.run_for(4000)
        assert status.text_content().strip() == said, "the count was cleared inside its window"
        page.clock.run_for(1500)
        assert status.text_content().strip() == "", f"{said!r} still shown after the window ended"
        # A fresh count: three presses leave, and the status says so while the page is still here.
        for _ in range(3):
            page.keyboard.press("Shift")
        assert status.text_content().strip() and status.text_content().strip() != said
        assert page.url == site_server.url, "the page left before its leaving could be announced"
        covers = page.locator("[data-gc-exit-cover]").count()
        assert covers == 1, f"the page was not covered at once (status: {status.text_content()!r})"
    finally:
        context.close()
