"""Privacy, provably: no third parties, no cookies, storage on an allow-list, and a strict content policy."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from conftest import WATCH_SITEMAP, page_paths, wait_for_instant_navigation

# Every policy violation the page sees is reported to the test as it happens, whatever page is showing.
REPORT_VIOLATIONS = """document.addEventListener('securitypolicyviolation', e => window.gcViolation(
  location.pathname + ': ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
  (e.sample ? ' (' + e.sample + ')' : '')), true);"""
EXECUTED_TYPES = {"", "text/javascript", "application/javascript", "module"}


# ---------------------------------------------------------------------------------------------------
# The built pages, read as files.


class _Head(HTMLParser):
    """Collects a page's first <head> child, its meta tags and its executed inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.in_head = False
        self.first_in_head: tuple[str, dict] | None = None
        self.metas: list[dict] = []
        self.scripts: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        attrs = {k: v or "" for k, v in attrs}
        if tag == "head":
            self.in_head = True
        elif self.in_head and self.first_in_head is None:
            self.first_in_head = (tag, attrs)
        if tag == "meta":
            self.metas.append(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type", "").lower() in EXECUTED_TYPES:
            self._script = []

    def handle_data(self, data) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag) -> None:
        if tag == "head":
            self.in_head = False
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def parse(html: str) -> _Head:
    """The head facts of one page."""
    parser = _Head()
    parser.feed(html)
    return parser


def directives(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy as {directive: [sources]}."""
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0].lower()] = words[1:]
    return parsed


def sha256_source(script: str) -> str:
    """The CSP hash source of an inline script's text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


@pytest.fixture(scope="module")
def built_pages(site_build) -> dict[str, _Head]:
    """Every built page (404 included), parsed."""
    pages = {}
    for html in sorted(site_build.site.rglob("*.html")):
        pages[html.relative_to(site_build.site).as_posix()] = parse(html.read_text(encoding="utf-8"))
    assert len(pages) > 10, list(pages)
    return pages


def csp_of(page: _Head) -> str | None:
    """The page's Content-Security-Policy meta, if any."""
    for meta in page.metas:
        if meta.get("http-equiv", "").lower() == "content-security-policy":
            return meta.get("content")
    return None


def test_every_page_sends_no_referrer(built_pages):
    missing = [
        name for name, page in built_pages.items() if {"name": "referrer", "content": "no-referrer"} not in page.metas
    ]
    assert missing == []


def test_the_policy_meta_comes_first_in_every_head(built_pages):
    wrong = [
        f"{name}: {page.first_in_head}"
        for name, page in built_pages.items()
        if page.first_in_head is None
        or page.first_in_head[0] != "meta"
        or page.first_in_head[1].get("http-equiv", "").lower() != "content-security-policy"
    ]
    assert wrong == [], "\n".join(wrong)


def test_one_strict_policy_on_every_page(built_pages):
    policies = {csp_of(page) for page in built_pages.values()}
    assert len(policies) == 1 and None not in policies, "instant navigation needs the same policy everywhere"
    policy = directives(policies.pop())
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy.get("form-action") in (["'none'"], ["'self'"])
    everything = [source.lower() for sources in policy.values() for source in sources]
    for loose in ("'unsafe-eval'", "'unsafe-inline'", "'unsafe-hashes'", "*", "http:", "https:"):
        assert loose not in everything, f"{loose} in the policy"


def test_every_inline_script_is_allowed_by_its_hash(built_pages):
    allowed = set(directives(csp_of(next(iter(built_pages.values()))))["script-src"])
    unlisted = [
        f"{name}: {script[:60]!r}"
        for name, page in built_pages.items()
        for script in page.scripts
        if sha256_source(script) not in allowed
    ]
    assert unlisted == [], "\n".join(unlisted)
    assert sum(len(page.scripts) for page in built_pages.values()) > 0, "no inline script found: parser broken?"


# ---------------------------------------------------------------------------------------------------
# The site in a browser, at the address it was built for (instant navigation live).


@dataclass
class Watch:
    """Everything a browsing session gave away: requests, policy violations, storage keys."""

    origin: str
    requests: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    storage_keys: set[str] = field(default_factory=set)

    def third_party(self) -> list[str]:
        """Requests to any host but the site's own."""
        return [url for url in self.requests if not url.startswith(self.origin + "/") and not url.startswith("data:")]


def open_watched(browser, site_url: str, **options):
    """A context whose every request and policy violation is recorded; requests off the site are refused."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    watch = Watch(origin)
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **options})
    context.expose_function("gcViolation", lambda text: watch.violations.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    context.add_init_script(WATCH_SITEMAP)
    context.on("request", lambda request: watch.requests.append(request.url))
    context.on("console", lambda m: watch.violations.append(m.text) if "Content Security Policy" in m.text else None)
    # Nothing may leave the machine, even if the site tried: such requests are recorded above, then refused.
    context.route(lambda url: not url.startswith(origin + "/"), lambda route: route.abort())
    return context, watch


def settle(page) -> None:
    """Wait until the theme has started and read its sitemap, the last request it makes at start-up."""
    wait_for_instant_navigation(page)


def note_storage(page, watch: Watch) -> None:
    """Add the page's localStorage and sessionStorage keys to what was seen."""
    watch.storage_keys |= set(page.evaluate("Object.keys(localStorage).concat(Object.keys(sessionStorage))"))


def allowed_keys(site_url: str) -> set[str]:
    """The allow-list: Material keeps the reader's palette choice under '<site path>.__palette', nothing more."""
    return {urlsplit(site_url).path + ".__palette"}


def test_crawl_every_page_gives_nothing_away(browser, site_server):
    context, watch = open_watched(browser, site_server.url)
    try:
        page = context.new_page()
        paths = page_paths(site_server.root)
        for path in paths:
            page.goto(site_server.url + path)
            settle(page)  # every request the page makes unasked has been made
            note_storage(page, watch)
        cookies = context.cookies()
    finally:
        context.close()
    print(
        f"crawl: {len(paths)} pages, {len(watch.requests)} requests, {len(watch.third_party())} third-party, "
        f"{len(cookies)} cookies, storage keys {sorted(watch.storage_keys)}, {len(watch.violations)} CSP violations"
    )
    assert len(paths) > 10 and len(watch.requests) > len(paths)
    assert watch.third_party() == []
    assert cookies == []
    assert watch.storage_keys <= allowed_keys(site_server.url), sorted(watch.storage_keys)
    assert watch.violations == [], "\n".join(watch.violations)


def test_using_the_site_gives_nothing_away(browser, site_server, site_build):
    context, watch = open_watched(browser, site_server.url)
    try:
        page = context.new_page()
        paths = page_paths(site_build.site)
        # A page with a tooltip and a next page to walk on to (the last page of the nav has none).
        abbr_page = next(
            p
            for p in paths
            if p.endswith("/")
            and all(
                mark in (site_build.site / p / "index.html").read_text(encoding="utf-8")
                for mark in ("<abbr", "md-footer__link--next")
            )
        )
        page.goto(site_server.url + abbr_page)
        settle(page)
        page.evaluate("window.__gcSamePage = true; window.__gcShown = 0; document$.subscribe(() => window.__gcShown++)")

        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        page.locator("form[data-md-component=palette] button:visible").first.click()
        assert page.evaluate("document.body.dataset.mdColorScheme") != scheme, "the palette toggle did nothing"

        page.locator("abbr").first.hover()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for(state="visible")
        assert tooltip.inner_text().strip(), "the tooltip is empty"

        page.fill("input.md-search__input", "trust")
        page.wait_for_selector(".md-search-result__item")
        page.keyboard.press("Escape")

        shown = 1
        boxes = page.locator(".gc-checklist__box")
        for _ in paths:
            page.click("a.md-footer__link--next")
            shown += 1
            page.wait_for_function("n => window.__gcShown >= n", arg=shown)  # the theme swapped the page in
            if boxes.count():
                break
        settle(page)
        boxes.first.check()
        assert boxes.first.is_checked()
        assert page.evaluate("window.__gcSamePage === true"), "instant navigation fell back to full loads"
        note_storage(page, watch)
        cookies = context.cookies()
    finally:
        context.close()
    assert watch.third_party() == []
    assert cookies == []
    assert watch.storage_keys == allowed_keys(site_server.url), "the palette choice was not kept, or more was"
    assert watch.violations == [], "\n".join(watch.violations)
