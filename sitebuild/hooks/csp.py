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
"""
from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger("mkdocs.hooks.csp")

# The placeholder in overrides/main.html, quoted or (after minification) not.
PLACEHOLDER = re.compile(r'content=(?:"GC-CSP"|GC-CSP(?=[\s>]))')
_INLINE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_SERVING = False
_SEEN: set[str] = set()  # hashes of every inline script written so far in this build
_WRITTEN: dict[str, frozenset[str]] = {}  # each written page: the hashes its policy allows


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this is `mkdocs serve`, whose live-reload script is injected after the build."""
    global _SERVING
    _SERVING = command == "serve"


def on_config(config):
    """One scope for every page (see above); a scope set in mkdocs.yml is kept."""
    config.extra.setdefault("scope", urlsplit(config.site_url or "/").path or "/")
    return config


def on_pre_build(config) -> None:
    """Start each build (`mkdocs serve` rebuilds in one process) with nothing seen."""
    _SEEN.clear()
    _WRITTEN.clear()


def inline_script_hashes(html: str) -> set[str]:
    """SHA-256 sources of the executed inline scripts of one page (JSON data blocks excluded)."""
    found = set()
    for match in _INLINE.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc=", attrs) or "application/json" in attrs:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        found.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return found


def policy(hashes: set[str] | frozenset[str], serving: bool = False) -> str:
    """The site's policy; in `mkdocs serve` inline scripts are allowed so live reload works."""
    scripts = "'unsafe-inline'" if serving else " ".join(sorted(hashes))
    return "; ".join([
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
    ])


def _fill(html: str, hashes: set[str] | frozenset[str], shown: str) -> str:
    """The page with its policy in place of the placeholder (a warning, so strict fails, if none)."""
    if not PLACEHOLDER.search(html):
        log.warning("%s: no Content-Security-Policy placeholder; is overrides/main.html in use?", shown)
        return html
    content = f'content="{policy(hashes, _SERVING)}"'
    return PLACEHOLDER.sub(lambda _: content, html, count=1)


def _written(html: str, dest: str) -> str:
    """Fill one page about to be written, remembering what its policy allows."""
    _SEEN.update(inline_script_hashes(html))
    _WRITTEN[dest] = frozenset(_SEEN)
    return _fill(html, _SEEN, f"site/{dest}")


def on_post_page(output: str, page, config) -> str:
    """Each page, as it is written (runs after the minifier, so the hashes are of what ships)."""
    return _written(output, page.file.dest_uri)


def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's stand-alone pages (404.html)."""
    return _written(output, template_name) if template_name.endswith(".html") else output


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
