"""No page throws a script error in any language: the exit bar, the project's script and the theme start
cleanly, instant navigation brings in the next page, and search opens and answers. A script error stops
everything after it in the same file (the theme's loader included), so one is never harmless."""

from __future__ import annotations

from playwright.sync_api import expect
from test_search import WATCH_WORKER, search

from conftest import THEME_READY, WATCH_SITEMAP, wait_for_instant_navigation

# A reading page, the help page and the kit: the callouts, the help directory and the kit's tables.
PAGES = ["house/", "get-help/", "educators/"]


def test_no_page_throws_a_script_error_and_search_answers(browser, site_server, language):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    errors: list[str] = []
    try:
        page = context.new_page()
        page.add_init_script(WATCH_SITEMAP)
        page.add_init_script(WATCH_WORKER)
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: console: {m.text}"))
        for path in PAGES:
            page.goto(site_server.url + language.folder + path)
            page.evaluate(THEME_READY)
            if path == PAGES[0]:  # the longest word of a chapter's title: search must find the chapter
                word = page.evaluate(
                    "document.querySelector('article h1').textContent.match(/\\p{L}+/gu)"
                    ".sort((a, b) => b.length - a.length)[0]"
                )
        # Search opens with the site's own button and finds the chapter by that word (addresses are the language's own).
        page.locator("[data-gc-search-open]").click()
        expect(page.locator("[data-md-component=search-query]")).to_be_focused()
        assert PAGES[0] in search(page, word), word
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        page.keyboard.press("Escape")  # back to the field
        page.keyboard.press("Escape")  # search closes
        expect(page.locator("[data-md-component=search-query]")).not_to_be_focused()
        # Instant navigation: the footer's Next link brings in the next page without a load.
        wait_for_instant_navigation(page)
        following = page.locator("a.md-footer__link--next").first
        target = following.get_attribute("href")
        # The theme announces each page it shows (document$, which replays the last one at once).
        page.evaluate("window.__gcSamePage = true; window.__gcShown = 0; document$.subscribe(() => window.__gcShown++)")
        following.click()
        page.wait_for_function("href => location.href === new URL(href, document.baseURI).href", arg=target)
        page.wait_for_function("() => window.__gcShown >= 2")
        assert page.evaluate("window.__gcSamePage === true"), "the next page was loaded, not brought in"
    finally:
        context.close()
    assert errors == [], "\n".join(errors)
