"""Write the Content-Security-Policy of every page, with hashes of the inline scripts in the built site.

The theme writes a few inline scripts; their SHA-256 hashes are computed from the pages as they are
written, so a theme upgrade that changes them cannot silently break the policy. Instant navigation
runs swapped-in scripts under the first page's policy, so every page gets the same site-wide union
of hashes.

The policy is filled in as each page is written, with the hashes seen so far. One of the theme's
scripts holds the site's "scope", by default each page's relative path to the root, which would
make it differ by folder depth; the scope is set once, to the path of `site_url` (the same place),
so every page carries the same scripts and the policy is complete from the first page on. A page
written before a new script turned up is rewritten after the build, so the union stays exact
whatever the theme does.

Only scripts the project ships reach the policy (sitebuild.guard): a page that carries any other inline
script, or markup that runs or loads code, stops the build naming the page; the docs pages' own text and
files are checked first, with file and line.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitebuild.guard import check_built_page, check_docs_file, check_page_source, shipped_scripts
from sitebuild.paths import docs_label

log = logging.getLogger("mkdocs.hooks.csp")

# The placeholder in overrides/main.html, quoted or (after minification) not.
PLACEHOLDER = re.compile(r'content=(?:"GC-CSP"|GC-CSP(?=[\s>]))')
_SERVING = False
_KNOWN: dict[str, re.Pattern] = {}  # the inline scripts the project ships (sitebuild.guard.SHIPPED)
_HOST = [""]  # the site's own host, from site_url
_SEEN: set[str] = set()  # hashes of every inline script written so far in this build
_WRITTEN: dict[str, frozenset[str]] = {}  # each written page: the hashes its policy allows


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this is `mkdocs serve`, whose live-reload script is injected after the build."""
    global _SERVING
    _SERVING = command == "serve"


def on_config(config):
    """One scope for every page (see above); a scope set in mkdocs.yml is kept. The shipped scripts, read."""
    config.extra.setdefault("scope", urlsplit(config.site_url or "/").path or "/")
    _KNOWN.clear()
    _KNOWN.update(shipped_scripts(config.theme.dirs))
    _HOST[0] = urlsplit(config.site_url or "").netloc
    return config


def on_files(files, config):
    """Refuse files in docs/ a browser would run as they are (HTML, SVG, scripts)."""
    docs = Path(config.docs_dir).resolve()
    problems = [
        check_docs_file(f.src_uri)
        for f in files
        if f.abs_src_path and Path(f.abs_src_path).resolve().is_relative_to(docs)
    ]
    problems = [problem for problem in problems if problem]
    if problems:
        raise PluginError("\n".join(problems))
    return files


@event_priority(100)  # before the macros render the page: the editor's own text, with its own lines
def on_page_markdown(markdown: str, page, config, files) -> str:
    """Refuse markup in a docs page that could run or load code, with file and line."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    problems = check_page_source(source, f"{docs_label(config['docs_dir'])}/{page.file.src_uri}")
    if problems:
        raise PluginError("\n".join(problems))
    return markdown


def on_pre_build(config) -> None:
    """Start each build (`mkdocs serve` rebuilds in one process) with nothing seen."""
    _SEEN.clear()
    _WRITTEN.clear()


def inline_script_hashes(html: str, shown: str) -> set[str]:
    """SHA-256 sources of the executed inline scripts of one page; a page that carries anything but the
    project's own scripts (or markup that runs or loads code) stops the build, naming it."""
    problems, scripts = check_built_page(html, _KNOWN, _HOST[0])
    if problems:
        raise PluginError(
            f"{shown}: {'; '.join(dict.fromkeys(problems))}; expected only what the project "
            "ships (see sitebuild/guard.py)"
        )
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
        for body in scripts
    }


def policy(hashes: set[str] | frozenset[str], serving: bool = False) -> str:
    """The site's policy; in `mkdocs serve` inline scripts are allowed so live reload works."""
    scripts = "'unsafe-inline'" if serving else " ".join(sorted(hashes))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {scripts}",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def _fill(html: str, hashes: set[str] | frozenset[str], shown: str) -> str:
    """The page with its policy in place of the placeholder (a warning, so strict fails, if none)."""
    if not PLACEHOLDER.search(html):
        log.warning("%s: no Content-Security-Policy placeholder; is overrides/main.html in use?", shown)
        return html
    content = f'content="{policy(hashes, _SERVING)}"'
    return PLACEHOLDER.sub(lambda _: content, html, count=1)


def _written(html: str, dest: str, source: str = "") -> str:
    """Fill one page about to be written, remembering what its policy allows."""
    shown = f"site/{dest}" + (f" (from {source})" if source else "")
    _SEEN.update(inline_script_hashes(html, shown))
    _WRITTEN[dest] = frozenset(_SEEN)
    return _fill(html, _SEEN, f"site/{dest}")


def on_post_page(output: str, page, config) -> str:
    """Each page, as it is written (runs after the minifier, so the hashes are of what ships)."""
    return _written(output, page.file.dest_uri, f"{docs_label(config['docs_dir'])}/{page.file.src_uri}")


def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's stand-alone pages (404.html)."""
    return (
        _written(output, template_name, f"the template {template_name}") if template_name.endswith(".html") else output
    )


def on_post_build(config) -> None:
    """Rewrite the pages written before the last new inline script turned up, if any."""
    site = Path(config["site_dir"])
    final = frozenset(_SEEN)
    for dest, allowed in _WRITTEN.items():
        if allowed != final:
            path = site / dest
            text = path.read_text(encoding="utf-8")
            old = policy(allowed, _SERVING)
            path.write_text(text.replace(old, policy(final, _SERVING), 1), encoding="utf-8")
