"""Helpers shared by the tests and the scripts (never the build): find the browser, build a site, serve it like
GitHub Pages."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The browser to drive: CHROMIUM_PATH, then Debian's Chromium, then Playwright's own."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Build:
    """The result of one `mkdocs build` run."""

    returncode: int
    output: str
    site: Path


def build_site(
    project: Path, site: Path, site_url: str | None = None, tool: list[str] = MKDOCS, config: str = "mkdocs.yml"
) -> Build:
    """Build `project` (or one of its editions, `config` from its root) into `site` with --strict."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["SITE_URL"] = site_url
    run = subprocess.run(
        [*tool, "build", "--strict", "-f", str(project / config), "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(run.returncode, run.stdout + run.stderr, site)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under a path prefix, gzip-compressed and cacheable like GitHub Pages."""

    prefix = "/"
    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + clean[len(self.prefix) :])

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and not self.path.split("?")[0].endswith("/"):
            return super().send_head()
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@dataclass
class Server:
    """A running static server: its base URL and the folder it serves."""

    url: str
    root: Path
    httpd: http.server.ThreadingHTTPServer

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(root: Path, port: int = 0, prefix: str = "/", headers: dict[str, str] | None = None) -> Server:
    """Serve `root` at http://127.0.0.1:port{prefix} in a background thread, with any extra headers.

    Port 0 lets the system pick a free port as the server binds it (no race with other processes); the URL
    names the port actually bound. `root` may be built after the server starts: files are read per request.
    """
    handler = type("Handler", (Handler,), {"prefix": prefix, "extra_headers": dict(headers or {})})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(f"http://127.0.0.1:{httpd.server_address[1]}{prefix}", root, httpd)


def page_paths(site: Path) -> list[str]:
    """URL paths of every page of a built site (404 included), e.g. '', 'house/'."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


def copy_project(dest: Path) -> Path:
    """Copy what a build needs (config, macros, the package, data, docs, overrides) into `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("sitebuild", "data", "docs", "overrides", "editions", "es"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", ".cache", "site"))
    return dest


@dataclass
class SiteLanguage:
    """One language of a built site: its code, its folder under the site ('' or 'es/'), its config and the
    folder holding its docs/ and data/ (for tests: each language's words, names and pages from here)."""

    code: str
    folder: str
    config_file: Path
    config: dict
    source: Path

    def pages(self, site: Path, others: list[str]) -> list[Path]:
        """The built HTML files of this language: under its folder, not under another language's."""
        root = site / self.folder
        return sorted(
            path
            for path in root.rglob("*.html")
            if not any(
                other and other != self.folder and path.relative_to(site).as_posix().startswith(other)
                for other in others
            )
        )

    def strings(self) -> dict:
        """The words this language's pages get from the project (data/strings.yml)."""
        import yaml

        return yaml.safe_load((self.source / "data" / "strings.yml").read_text(encoding="utf-8"))


def site_languages(config_file: Path) -> list[SiteLanguage]:
    """The config's own language (folder '') and each language it builds into its folder (extra.languages)."""
    config_file = Path(config_file).resolve()
    config = read_config(config_file)
    own_source = ROOT if not (config_file.parent / "data").is_dir() else config_file.parent
    found = [SiteLanguage(config["theme"].get("language", "en"), "", config_file, config, own_source)]
    for language in (config.get("extra") or {}).get("languages") or []:
        if language.get("config"):
            path = (config_file.parent / language["config"]).resolve()
            found.append(SiteLanguage(language["code"], language["path"], path, read_config(path), path.parent))
    return found


def read_config(path: Path) -> dict:
    """A config file as MkDocs reads it: INHERIT merged, !ENV resolved (for tests: read, never hard-code)."""
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    with open(path, "rb") as handle:
        return yaml_load(handle, get_yaml_loader())
