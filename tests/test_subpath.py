"""The site works under a sub-path, as a GitHub Pages project site does: nothing answers 404."""

from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from conftest import (
    ROOT,
    THEME_READY,
    WATCH_SITEMAP,
    build_and_serve,
    page_paths,
    site_languages,
    wait_for_instant_navigation,
)
from scripts.handouts import FORMATS, handouts, packs

PREFIX = "/getting-closer/"
# The handout PDFs are written after the build by scripts/handouts.py (tests/test_print.py renders them);
# a link to one counts as resolving when it names a file that script writes.
HANDOUT_PDFS = {
    f"{language.folder}handouts/{name}-{suffix}.pdf"
    for language in site_languages(ROOT / "mkdocs.yml")  # each language prints into its own handouts/
    for name in [*(h["pdf"] for h in handouts(language.source / "docs")), *packs(language.source / "data")]
    for suffix in FORMATS
}


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    """The real site built for http://127.0.0.1:<port>/getting-closer/ and served only under that prefix."""
    build, server = build_and_serve(ROOT, tmp_path_factory.mktemp("subpath"), prefix=PREFIX)
    try:
        assert build.returncode == 0, build.output
        yield server
    finally:
        server.stop()


class _Links(HTMLParser):
    """Collects the href of every <a> in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def status_of(url: str) -> int:
    """The HTTP status the test server gives `url`."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="GET"), timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_every_page_and_asset_loads_under_the_prefix(browser, subpath_site):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(subpath_site.url))
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(WATCH_SITEMAP)
    bad: list[str] = []
    seen: set[str] = set()
    current = {"page": ""}

    def record(response) -> None:
        seen.add(response.url)
        if response.status >= 400:
            bad.append(f"{response.status} {response.url} (loading /{current['page']})")

    context.on("response", record)
    # A request cut short because the test moved on to the next page is not a failure of the site.
    context.on(
        "requestfailed",
        lambda r: (
            r.failure == "net::ERR_ABORTED" or bad.append(f"failed {r.url}: {r.failure} (loading /{current['page']})")
        ),
    )
    try:
        page = context.new_page()
        paths = page_paths(subpath_site.root)
        for path in paths:
            current["page"] = path
            page.goto(subpath_site.url + path)
            page.evaluate(THEME_READY)
        # Search fetches its worker and index only when used; instant navigation fetches pages itself.
        current["page"] = "search and instant navigation"
        page.goto(subpath_site.url)
        wait_for_instant_navigation(page)
        page.fill("input.md-search__input", "trust")
        page.wait_for_selector(".md-search-result__item")
        page.keyboard.press("Escape")
        page.evaluate("window.__gcSamePage = true; window.__gcShown = 0; document$.subscribe(() => window.__gcShown++)")
        page.click("a.md-footer__link--next")
        page.wait_for_function("() => window.__gcShown >= 2")  # the theme has fetched the next page and swapped it in
        assert page.url != subpath_site.url
        assert page.evaluate("window.__gcSamePage === true"), "instant navigation is not live under the prefix"
    finally:
        context.close()
    assert bad == [], "\n".join(bad)
    outside = sorted(u for u in seen if u.startswith(origin) and not u.startswith(subpath_site.url))
    assert outside == [], f"requests outside {PREFIX}: {outside}"
    assert len(paths) > 10
    assert {"search/search_index.json", "sitemap.xml"} <= {u[len(subpath_site.url) :] for u in seen}


def test_every_internal_link_resolves(subpath_site):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(subpath_site.url))
    targets: dict[str, str] = {}
    for path in page_paths(subpath_site.root):
        html = subpath_site.root / path if path.endswith(".html") else subpath_site.root / path / "index.html"
        links = _Links()
        links.feed(html.read_text(encoding="utf-8"))
        for href in links.hrefs:
            url = urldefrag(urljoin(subpath_site.url + path, href)).url
            if url.startswith(origin):
                targets.setdefault(url, path)
    assert len(targets) > 10, targets
    pdfs = {subpath_site.url + name for name in HANDOUT_PDFS}
    broken = [
        f"{status} {url} (linked from /{source})"
        for url, source in sorted(targets.items())
        if url not in pdfs and (status := status_of(url)) >= 400
    ]
    assert broken == [], "\n".join(broken)


def test_the_404_page_works_at_any_depth(browser, subpath_site):
    # GitHub Pages answers any unknown address with 404.html, so its links and assets cannot be relative.
    body = (subpath_site.root / "404.html").read_bytes()
    deep = subpath_site.url + "no/such/page/here/"
    context = browser.new_context()
    bad: list[str] = []
    context.on("response", lambda r: bad.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != deep else None)
    try:
        page = context.new_page()
        page.route(deep, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
        # The sitemap is the last request the theme makes at start-up; its answer is recorded above too.
        with page.expect_response(lambda response: response.url.endswith("/sitemap.xml")):
            page.goto(deep)
        page.evaluate(THEME_READY)
        hrefs = page.eval_on_selector_all(".md-header a[href], .md-nav a[href]", "links => links.map(a => a.href)")
        assert hrefs, "the 404 page has no header or navigation links"
        broken = [f"{status} {url}" for url in sorted(set(hrefs)) if (status := status_of(urldefrag(url).url)) >= 400]
    finally:
        context.close()
    assert bad == [] and broken == [], "\n".join(bad + broken)
