"""'Exit this page' in a real browser: click, Shift three times, history, no JavaScript, cover, print, layout."""

from __future__ import annotations

import http.server
import re
import threading
from dataclasses import dataclass, field

import pytest

from conftest import (
    WATCH_SITEMAP,
    Server,
    build_and_serve,
    copy_project,
    page_paths,
    site_languages,
    wait_for_instant_navigation,
)

EXIT = "[data-gc-exit]"
WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 568}


@dataclass
class ExitServer:
    """A local stand-in for the exit address that records who asked for it and can hold its answer."""

    url: str
    httpd: http.server.ThreadingHTTPServer
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    gate: threading.Event = field(default_factory=threading.Event)
    asked: threading.Event = field(default_factory=threading.Event)  # set when the exit page is requested

    def visits(self) -> list[tuple[str, str | None]]:
        """Requests for the exit page itself (not the favicon), with their Referer header."""
        return [r for r in self.requests if r[0] == "/weather.html"]


def start_exit_server() -> ExitServer:
    """Serve a plain 'weather' page on a second local port (bound by the server itself, then read back)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            server = self.server.owner
            server.requests.append((self.path, self.headers.get("Referer")))
            if self.path != "/weather.html":
                self.send_error(404)
                return
            server.asked.set()
            server.gate.wait(30)
            body = b"<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server = ExitServer(f"http://127.0.0.1:{httpd.server_address[1]}/weather.html", httpd)
    server.gate.set()
    httpd.owner = server  # type: ignore[attr-defined]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def exit_server():
    """The local exit page, shared by every test of this worker."""
    server = start_exit_server()
    yield server
    server.gate.set()
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture(scope="session")
def exit_site(tmp_path_factory, exit_server) -> Server:
    """The site built with its exit address on the local exit server, served at its own site_url."""
    project = copy_project(tmp_path_factory.mktemp("exit-project"))
    # The build takes https:// addresses only; the built pages are then pointed at the local http stand-in.
    # Each language's config may name its own exit page: every one is pointed at the stand-in.
    stand_in = "https://exit.invalid/weather.html"
    for language in site_languages(project / "mkdocs.yml"):
        config = language.config_file
        text, count = re.subn(r"(?m)^(\s*exit_url:).*$", rf"\1 {stand_in}", config.read_text(encoding="utf-8"))
        assert count <= 1, f"{config.name}: expected at most one 'extra.exit_url' line"
        assert count == 1 or language.folder, "mkdocs.yml: expected one 'extra.exit_url' line to point at the test page"
        config.write_text(text, encoding="utf-8")
    build, server = build_and_serve(project, tmp_path_factory.mktemp("exit-site"))
    try:
        assert build.returncode == 0, build.output
        pages = list(build.site.rglob("*.html"))
        for html in pages:
            html.write_text(html.read_text(encoding="utf-8").replace(stand_in, exit_server.url), encoding="utf-8")
        assert sum(exit_server.url in html.read_text(encoding="utf-8") for html in pages) == len(pages)
        yield server
    finally:
        server.stop()


@dataclass
class Tab:
    """A page of a fresh browser context, with the CSP complaints its console printed."""

    page: object
    csp: list[str]


@pytest.fixture
def tab(browser, exit_server):
    """A fresh page at 1280 px that collects Content Security Policy console errors; the exit log is cleared."""
    exit_server.requests.clear()
    exit_server.asked.clear()
    page = browser.new_context(viewport=WIDE).new_page()
    opened = Tab(page, [])
    page.on("console", lambda m: opened.csp.append(m.text) if "Content Security Policy" in m.text else None)
    yield opened
    exit_server.gate.set()
    opened.page.context.close()


def press_shift(page, times: int = 3) -> None:
    """Press and release Shift on its own `times` times."""
    for _ in range(times):
        page.keyboard.press("Shift")


def assert_stayed(page, url: str) -> None:
    """The page is still `url` and has not started to leave.

    An exit starts inside the key or click handler: it covers the page and blanks the title before it asks for
    the exit address, and a key press returns only once the page has handled it. So this is already final; no
    wait can make it truer.
    """
    started = page.evaluate("() => !!document.querySelector('[data-gc-exit-cover]') || document.title === ''")
    assert not started and page.url == url, "the page started to exit"


def test_click_lands_on_the_exit_address_without_a_referer(tab, exit_site, exit_server):
    tab.page.goto(exit_site.url + "house/")
    tab.page.click(EXIT)
    tab.page.wait_for_url(exit_server.url)
    assert tab.page.title() == "Weather"
    assert exit_server.visits() == [("/weather.html", None)], "the exit page must get no Referer"
    assert tab.csp == []


# Each way a reader might set Exit off with a key or another button held. Left to the browser, Shift opens
# a new window, Ctrl or the middle button a background tab, Alt a download, the right button a menu.
HELD = {
    "shift-click": lambda page: page.click(EXIT, modifiers=["Shift"]),
    "ctrl-click": lambda page: page.click(EXIT, modifiers=["Control"]),
    "meta-click": lambda page: page.click(EXIT, modifiers=["Meta"]),
    "alt-click": lambda page: page.click(EXIT, modifiers=["Alt"]),
    "ctrl-shift-click": lambda page: page.click(EXIT, modifiers=["Control", "Shift"]),
    "middle-click": lambda page: page.click(EXIT, button="middle"),
    "right-click": lambda page: page.click(EXIT, button="right"),
    "shift-enter": lambda page: (page.focus(EXIT), page.keyboard.press("Shift+Enter")),
    "ctrl-enter": lambda page: (page.focus(EXIT), page.keyboard.press("Control+Enter")),
    "alt-enter": lambda page: (page.focus(EXIT), page.keyboard.press("Alt+Enter")),
}


@pytest.mark.parametrize("how", list(HELD.values()), ids=list(HELD))
def test_exit_leaves_in_the_same_tab_whatever_is_held(tab, exit_site, exit_server, how):
    page, context = tab.page, tab.page.context
    downloads, opened = [], []
    page.on("download", lambda download: downloads.append(download))
    context.on("page", lambda new: opened.append(new))
    page.goto(exit_site.url + "harm/")
    how(page)
    page.wait_for_url(exit_server.url)
    assert page.title() == "Weather"
    # A new tab or window would be announced before this tab's own navigation finished; the round trip
    # below makes sure every event the browser sent so far has arrived.
    page.evaluate("1")
    assert opened == [] and context.pages == [page], "the exit page opened in another tab or window"
    assert downloads == [], "the exit page was downloaded"
    assert exit_server.visits() == [("/weather.html", None)], "the exit page was asked for more than once"
    page.go_back()
    assert not page.url.startswith(exit_site.url), "Back returned to the page the reader fled from"


def test_three_shift_presses_land_on_the_exit_address(tab, exit_site, exit_server):
    tab.page.goto(exit_site.url + "house/")
    press_shift(tab.page)
    tab.page.wait_for_url(exit_server.url)
    assert exit_server.visits() == [("/weather.html", None)]
    assert tab.csp == []


@pytest.mark.parametrize(
    "keys",
    [
        ["Shift+A", "Shift+A", "Shift+A"],
        ["Shift", "A", "Shift", "Shift"],
        ["Shift", "Shift", "Shift+A"],
        ["Shift", "Shift", "Control+Shift"],
    ],
    ids=["shift-a-x3", "shift-a-shift-shift", "shift-shift-shift-a", "shift-shift-ctrl-shift"],
)
def test_shift_used_with_other_keys_does_not_exit(tab, exit_site, exit_server, keys):
    page = tab.page
    page.goto(exit_site.url + "house/")
    for key in keys:
        page.keyboard.press(key)
    assert_stayed(page, exit_site.url + "house/")
    assert exit_server.visits() == []
    # The same page still exits on a clean count, so the keys above were really listened to.
    page.keyboard.press("A")
    press_shift(page)
    page.wait_for_url(exit_server.url)


def test_the_three_presses_must_fall_within_five_seconds(tab, exit_site, exit_server):
    page = tab.page
    page.clock.install()
    page.goto(exit_site.url + "house/")
    press_shift(page, 2)
    page.clock.fast_forward(5_500)
    press_shift(page, 1)
    assert_stayed(page, exit_site.url + "house/")
    assert exit_server.visits() == [], "presses older than five seconds must not count"
    press_shift(page, 2)
    page.wait_for_url(exit_server.url)


def test_back_after_exit_does_not_show_the_fled_page(tab, exit_site, exit_server):
    page = tab.page
    page.goto(exit_site.url)
    page.goto(exit_site.url + "house/")
    page.click(EXIT)
    page.wait_for_url(exit_server.url)
    page.go_back()
    assert page.url == exit_site.url
    assert page.locator("[data-gc-exit-cover]").count() == 0


def test_without_javascript_the_link_still_goes_there(browser, exit_site, exit_server):
    exit_server.requests.clear()
    context = browser.new_context(viewport=WIDE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(exit_site.url + "house/")
        assert "no-js" in (page.get_attribute("html", "class") or ""), "the theme's scripts ran after all"
        rel = set((page.get_attribute(EXIT, "rel") or "").split())
        assert {"nofollow", "noreferrer"} <= rel
        page.click(EXIT)
        page.wait_for_url(exit_server.url)
        assert exit_server.visits() == [("/weather.html", None)]
    finally:
        context.close()


COVER_CHECK = """() => {
  const cover = document.querySelector('[data-gc-exit-cover]');
  if (!cover) { return 'no cover'; }
  const style = getComputedStyle(cover);
  if (style.display === 'none' || style.visibility !== 'visible' || style.opacity !== '1') {
    return 'cover not shown: ' + style.display + ' ' + style.visibility + ' ' + style.opacity;
  }
  if (!/^rgb\\(/.test(style.backgroundColor)) { return 'cover not opaque: ' + style.backgroundColor; }
  const w = innerWidth, h = innerHeight, missed = [];
  for (const fx of [0.01, 0.25, 0.5, 0.75, 0.99]) {
    for (const fy of [0.01, 0.25, 0.5, 0.75, 0.99]) {
      const hit = document.elementFromPoint(fx * w, fy * h);
      if (hit !== cover) { missed.push(`${Math.round(fx * w)},${Math.round(fy * h)}: ${hit && hit.className}`); }
    }
  }
  return missed.length ? 'page shows through at ' + missed.join('; ') : 'covered';
}"""


# Runs inside the page as soon as the cover appears, and again after two frames were drawn:
# DevTools cannot evaluate in a page whose navigation is pending, so the page reports by itself, on the console.
REPORTED = "gc-cover: "
REPORT_COVER = """
window.gcReport = text => console.log('@REPORTED@' + text);
new MutationObserver((records, observer) => {
  if (!document.querySelector('[data-gc-exit-cover]')) { return; }
  observer.disconnect();
  const check = @CHECK@;
  window.gcReport('at once: ' + check());
  requestAnimationFrame(() => requestAnimationFrame(() => window.gcReport('drawn: ' + check())));
}).observe(document, {childList: true, subtree: true});
""".replace("@REPORTED@", REPORTED).replace("@CHECK@", COVER_CHECK)


@pytest.mark.parametrize("how", ["click", "shift"])
def test_the_page_is_covered_before_the_browser_leaves(tab, exit_site, exit_server, how):
    page = tab.page
    reports: list[str] = []

    def reported(message) -> bool:
        return message.text.startswith(REPORTED)

    page.on("console", lambda m: reports.append(m.text[len(REPORTED) :]) if reported(m) else None)
    page.add_init_script(REPORT_COVER)
    page.goto(exit_site.url + "house/")
    exit_server.gate.clear()
    try:
        if how == "click":
            page.click(EXIT, no_wait_after=True)
        else:
            press_shift(page)
        while len(reports) < 2:  # each report is a console message: wait for the next one until both are in
            page.wait_for_event("console", predicate=reported, timeout=10_000)
        asked = exit_server.asked.wait(10)  # set by the exit server's thread when the browser asks
        shown = page.url
    finally:
        # Let the held navigation finish before judging: closing a page mid-navigation can hang the browser.
        exit_server.gate.set()
    if asked:
        page.wait_for_url(exit_server.url)
    assert asked, "the browser never asked for the exit page"
    assert shown != exit_server.url, "the exit page answered early: nothing was held"
    assert shown == exit_site.url, "while the exit page loads, the address bar must show the home page only"
    assert reports == ["at once: covered", "drawn: covered"]


def test_hidden_in_print(tab, exit_site):
    page = tab.page
    page.goto(exit_site.url + "house/")
    assert page.locator(EXIT).is_visible()
    page.emulate_media(media="print")
    assert page.locator(EXIT).is_hidden()
    assert page.locator(".gc-exit-bar").evaluate("bar => bar.getBoundingClientRect().height") == 0


def test_visible_at_320_px_without_scrolling_on_every_page(browser, exit_site):
    context = browser.new_context(viewport=NARROW)
    try:
        page = context.new_page()
        problems = []
        for path in page_paths(exit_site.root):
            page.goto(exit_site.url + path)
            for where in ("top", "bottom"):
                if where == "bottom":
                    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
                box = page.locator(EXIT).bounding_box()
                on_top = page.locator(EXIT).evaluate(
                    "a => { const r = a.getBoundingClientRect();"
                    " return a.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"
                )
                inside = (
                    box
                    and box["x"] >= 0
                    and box["y"] >= 0
                    and box["x"] + box["width"] <= NARROW["width"]
                    and box["y"] + box["height"] <= NARROW["height"]
                )
                if not (inside and on_top):
                    problems.append(f"/{path} ({where}): box {box}, on top: {on_top}")
        assert problems == [], "\n".join(problems)
    finally:
        context.close()


def test_reachable_within_two_tab_presses(tab, exit_site, exit_server):
    page = tab.page
    page.goto(exit_site.url + "house/")
    focused = []
    for _ in range(2):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.matches('[data-gc-exit]')"))
    assert True in focused, "the exit link must be one of the first two Tab stops"
    if not focused[-1]:
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(exit_server.url)


def navigate_instantly(page, site_url: str) -> str:
    """From the home page, follow the footer's next link without a full reload; return the new URL."""
    page.add_init_script(WATCH_SITEMAP)
    page.goto(site_url)
    wait_for_instant_navigation(page)  # it takes over links only once the theme has read the sitemap
    page.evaluate("window.__gcSamePage = true; window.__gcShown = 0; document$.subscribe(() => window.__gcShown++)")
    page.click("a.md-footer__link--next")
    page.wait_for_function("() => window.__gcShown >= 2")  # the theme has swapped the next page in
    assert page.evaluate("window.__gcSamePage === true"), "the footer link reloaded the page: no instant navigation"
    assert page.url != site_url
    return page.url


@pytest.mark.parametrize("how", ["click", "shift"])
def test_still_works_after_instant_navigation(tab, exit_site, exit_server, how):
    page = tab.page
    fled = navigate_instantly(page, exit_site.url)
    if how == "click":
        page.click(EXIT)
    else:
        press_shift(page)
    page.wait_for_url(exit_server.url)
    page.go_back()
    assert page.url != fled, "Back returned to the page the reader fled from"
    assert not page.url.startswith(exit_site.url), "Back returned to the site: the visit left more than one entry"
    assert tab.csp == []


def test_progress_is_announced_in_a_status_region(tab, exit_site, exit_server):
    page = tab.page
    navigate_instantly(page, exit_site.url)
    region = page.locator(".gc-exit-bar [role=status]")
    assert region.count() == 1
    assert region.text_content().strip() == ""
    said = []
    for _ in range(2):
        press_shift(page, 1)
        said.append(region.text_content().strip())
    assert all("Shift" in text for text in said), said
    assert said[0] != said[1], "the second press must be announced as progress"
    page.keyboard.press("A")
    press_shift(page)
    page.wait_for_url(exit_server.url)
