"""Accessibility in a real browser: axe-core on every page in both palettes and two widths; checklists by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, THEME_READY, WATCH_SITEMAP, page_paths, wait_for_instant_navigation

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}
# An init script: counts the page's history.replaceState calls in window.__gcReplaced. The theme records the
# scroll position with one shortly after it starts; a Back taken before that write can be cancelled by it.
WATCH_HISTORY = """(() => {
  const replace = history.replaceState;
  window.__gcReplaced = 0;
  history.replaceState = function () { window.__gcReplaced += 1; return replace.apply(this, arguments); };
})();"""
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(result => result.violations)"""


def describe(path: str, violations: list[dict]) -> list[str]:
    """One readable block per axe violation: page, rule, impact, and each failing element with the reason."""
    lines = []
    for violation in violations:
        lines.append(
            f"/{path}: {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:5]:
            reason = " ".join(node["failureSummary"].split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {reason}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return lines


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page(browser, site_server, scheme, width):
    # axe is injected as a script tag, which the site's own policy rightly refuses.
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, bypass_csp=True)
    try:
        page = context.new_page()
        paths = page_paths(site_server.root)
        assert len(paths) > 10, paths
        report = []
        for path in paths:
            page.goto(site_server.url + path)
            page.evaluate(THEME_READY)
            shown = page.evaluate("document.body.dataset.mdColorScheme")
            assert shown == SCHEMES[scheme], f"/{path}: palette {shown!r} shown for a {scheme} preference"
            page.add_script_tag(path=AXE)
            report += describe(path, page.evaluate(RUN_AXE, AXE_TAGS))
        assert report == [], f"axe, {scheme} palette, {width} px:\n" + "\n".join(report)
    finally:
        context.close()


def checklist_pages(site_root: Path) -> list[str]:
    """Pages with at least one checklist box."""

    def html(path: str) -> Path:
        return site_root / path if path.endswith(".html") else site_root / path / "index.html"

    return [p for p in page_paths(site_root) if "gc-checklist__box" in html(p).read_text(encoding="utf-8")]


@dataclass
class Checklist:
    """A page with a checklist, and every request it made after it settled."""

    page: object
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def checklist(browser, site_server):
    """A page with a checklist, ready to use, with every request it makes from now on recorded."""
    pages = checklist_pages(site_server.root)
    assert pages, "no page has a checklist"
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(WATCH_SITEMAP)
    context.add_init_script(WATCH_HISTORY)
    page = context.new_page()
    page.goto(site_server.url + pages[0])
    wait_for_instant_navigation(page)  # the sitemap is the last request the theme makes at start-up
    opened = Checklist(page)
    page.on("request", lambda request: opened.requests.append(request.url))
    yield opened
    context.close()


def stored(page) -> dict:
    """Everything the site could have remembered: both storages, keys and values, and the cookies."""
    return {
        "localStorage": page.evaluate("({...localStorage})"),
        "sessionStorage": page.evaluate("({...sessionStorage})"),
        "cookies": page.context.cookies(),
    }


def test_every_box_is_named_by_its_sign(browser, site_server):
    context = browser.new_context()
    try:
        page = context.new_page()
        for path in checklist_pages(site_server.root):
            page.goto(site_server.url + path)
            items = page.locator(".gc-checklist__item")
            assert page.locator(".gc-checklist").get_by_role("checkbox").count() == items.count() > 0, f"/{path}"
            for item in items.all():
                sign = " ".join(item.inner_text().split())
                # The default timeout: on a busy machine one check alone can take longer than a second.
                expect(item.get_by_role("checkbox")).to_have_accessible_name(sign)
    finally:
        context.close()


def test_a_box_ticks_by_clicking_its_text(checklist):
    page = checklist.page
    before = stored(page)
    text = page.locator(".gc-checklist__item span").first
    box = page.locator(".gc-checklist__box").first
    assert not box.is_checked()
    text.click()
    assert box.is_checked()
    text.click()
    assert not box.is_checked()
    text.click()
    assert box.is_checked()
    assert stored(page) == before, "ticking a box stored something"
    assert before["sessionStorage"] == {} and before["cookies"] == []
    assert checklist.requests == [], "ticking a box sent a request"


def test_a_box_ticks_by_tab_and_space(checklist):
    page = checklist.page
    before = stored(page)
    box = page.locator(".gc-checklist__box").first
    meta = page.locator(".md-search-result__meta")
    waiting_text = meta.text_content()
    passed_search = False
    for presses in range(1, 301):  # noqa: B007 (the count is reported below)
        page.keyboard.press("Tab")
        passed_search |= page.evaluate("document.activeElement.matches('[data-md-component=search-query]')")
        if box.evaluate("box => box === document.activeElement"):
            break
    else:
        pytest.fail("300 Tab presses never reached the first checklist box")
    if passed_search:
        # Focus on the search box starts search: its worker and index load, then its status text changes.
        # Once it has, every request search makes has been reported; only ticking is judged.
        expect(meta).not_to_have_text(waiting_text)
    checklist.requests.clear()
    page.keyboard.press("Space")
    assert box.is_checked(), f"Space did not tick the box (reached after {presses} Tabs)"
    page.keyboard.press("Space")
    assert not box.is_checked()
    page.keyboard.press("Space")
    assert box.is_checked()
    assert stored(page) == before, "ticking a box stored something"
    assert before["sessionStorage"] == {} and before["cookies"] == []
    assert checklist.requests == [], "ticking a box sent a request"


def test_ticks_are_forgotten_when_the_reader_comes_back(checklist, site_server):
    page = checklist.page
    before = stored(page)
    page.locator(".gc-checklist__item span").first.click()
    ticked_on = page.url
    page.goto(site_server.url)
    # The theme records the scroll position in history shortly after load; a Back before that is lost.
    page.wait_for_function("() => window.__gcReplaced > 0")
    page.go_back()
    assert page.url == ticked_on
    page.evaluate(THEME_READY)
    assert page.locator(".gc-checklist__box").count() > 0
    assert page.locator(".gc-checklist__box:checked").count() == 0
    assert stored(page) == before
