"""Shared fixtures: build the real site (or a fixture site) in a temp folder, serve it, drive Chromium."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sitebuild.sitetools import (  # noqa: F401  (re-exported for the test modules)
    CHROMIUM_FLAGS, MKDOCS, ROOT, Build, Server, build_site, chromium_path, copy_project, free_port, page_paths,
    serve,
)



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


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    """The real site, built once per worker for a local address so instant navigation is live."""
    port = free_port()
    build = build_site(ROOT, tmp_path_factory.mktemp("site") / "site", f"http://127.0.0.1:{port}/")
    assert build.returncode == 0, build.output
    build.port = port  # type: ignore[attr-defined]
    return build


@pytest.fixture(scope="session")
def site_server(site_build) -> Server:
    """The real site served at the address it was built for."""
    server = serve(site_build.site, site_build.port)  # type: ignore[attr-defined]
    yield server
    server.stop()


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
