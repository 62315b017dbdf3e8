"""Shared fixtures: build the real site (or a fixture site) in a temp folder, serve it, drive Chromium."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from scripts.sitetools import (  # noqa: F401  (re-exported for the test modules)
    CHROMIUM_FLAGS,
    MKDOCS,
    ROOT,
    Build,
    Server,
    SiteLanguage,
    build_site,
    chromium_path,
    copy_project,
    free_port,
    page_paths,
    read_config,
    serve,
    site_languages,
)


def pytest_addoption(parser):
    """--edition: the edition the edition-sensitive tests build (`make test` runs them for each one)."""
    parser.addoption(
        "--edition",
        default="mkdocs.yml",
        help="an edition's config from the project root, such as editions/au/mkdocs.yml",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "edition: depends on the edition (name, help, credits, PDFs, links); "
        "`make test` runs these once more for each edition under editions/",
    )


@pytest.fixture(scope="session")
def edition_file(request) -> str:
    """The edition under test: its config file, from the project root."""
    return request.config.getoption("--edition")


def pytest_generate_tests(metafunc):
    """A test that takes `language` runs once for each language the edition's build makes (extra.languages)."""
    if "language" in metafunc.fixturenames:
        edition_file = metafunc.config.getoption("--edition")
        languages = site_languages(ROOT / edition_file)
        metafunc.parametrize("language", languages, ids=[lang.code for lang in languages], scope="session")


@pytest.fixture(scope="session")
def other_folders(edition_file) -> list[str]:
    """The folders of the site that hold its other languages ('es/')."""
    return [lang.folder for lang in site_languages(ROOT / edition_file) if lang.folder]


@pytest.fixture(scope="session")
def edition(edition_file) -> dict:
    """The edition's config as MkDocs reads it (INHERIT merged): tests read names and regions from here."""
    return read_config(ROOT / edition_file)


def load_hook(name: str):
    """sitebuild/hooks/<name>.py as a fresh module (so module state, such as a page map, starts empty)."""
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "sitebuild" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Resolves once the theme's scripts have started (they run after the first paint, see getting-closer.js).
THEME_READY = """() => new Promise(done => (function wait() {
  if (typeof document$ === 'undefined') { setTimeout(wait, 20); } else { document$.subscribe(() => done(true)); }
})())"""

# An init script (add it before the page loads): sets window.__gcSitemapRead once the theme has parsed its
# sitemap. Instant navigation takes over links only from then on, and it is the last request the theme makes
# at start-up (search waits until it is used). The theme uses the parsed sitemap in the same task, so any later
# check of the flag finds it in place.
WATCH_SITEMAP = """(() => {
  const parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (text, type) {
    const parsed = parse.call(this, text, type);
    if (type === 'text/xml' && /<urlset[\\s>]/.test(text)) { window.__gcSitemapRead = true; }
    return parsed;
  };
})();"""


def wait_for_instant_navigation(page) -> None:
    """Wait until the theme has started and read its sitemap (the page must carry WATCH_SITEMAP)."""
    page.evaluate(THEME_READY)
    page.wait_for_function("() => window.__gcSitemapRead === true")


# Sent by the real site's server: lifts LinkChecker's per-host rate limit for the crawl in test_links.
UNTHROTTLED = {"LinkChecker": "local test server"}


def build_and_serve(
    project: Path, folder: Path, prefix: str = "/", headers: dict[str, str] | None = None, config: str = "mkdocs.yml"
):
    """Serve `folder`/site on a port the server binds itself, then build `project` there for that address.

    Binding first means no other process can take the port between choosing it and serving on it; each xdist
    worker calls this from its own temporary folder, so workers never share a server. The caller stops it.
    """
    server = serve(folder / "site", 0, prefix=prefix, headers=headers)
    try:
        build = build_site(project, server.root, server.url, config=config)
    except BaseException:
        server.stop()
        raise
    return build, server


@pytest.fixture(scope="session")
def served_site(tmp_path_factory, edition_file):
    """The real site (the edition under test) of this worker, built for the address its own server listens on."""
    build, server = build_and_serve(ROOT, tmp_path_factory.mktemp("site"), headers=UNTHROTTLED, config=edition_file)
    yield build, server
    server.stop()


@pytest.fixture(scope="session")
def site_build(served_site) -> Build:
    """The real site, built once per worker for its local address."""
    build, _ = served_site
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def site_server(site_build, served_site) -> Server:
    """The real site served at the address it was built for."""
    return served_site[1]


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, found as the README says."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project (config, macros, data, docs, overrides) to break on purpose."""
    return copy_project(tmp_path)
