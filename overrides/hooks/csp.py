"""Write the Content-Security-Policy of every page, with hashes of the inline scripts in the built site.

The theme writes a few inline scripts; their SHA-256 hashes are computed from the built pages, so a
theme upgrade that changes them cannot silently break the policy. Instant navigation runs swapped-in
scripts under the first page's policy, so every page gets the same site-wide union of hashes.
"""
from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.csp")

# The placeholder in overrides/main.html, quoted or (after minification) not.
PLACEHOLDER = re.compile(r'content=(?:"GC-CSP"|GC-CSP(?=[\s>]))')
_INLINE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_SERVING = False


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this is `mkdocs serve`, whose live-reload script is injected after the build."""
    global _SERVING
    _SERVING = command == "serve"


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


def policy(hashes: set[str], serving: bool = False) -> str:
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


def on_post_build(config) -> None:
    """Fill every page's CSP meta with the site-wide policy."""
    pages = list(Path(config["site_dir"]).rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    hashes: set[str] = set()
    for text in texts.values():
        hashes |= inline_script_hashes(text)
    content = f'content="{policy(hashes, _SERVING)}"'
    for page, text in texts.items():
        if not PLACEHOLDER.search(text):
            log.warning("site/%s: no Content-Security-Policy placeholder; is overrides/main.html in use?",
                        page.relative_to(config["site_dir"]).as_posix())
            continue
        page.write_text(PLACEHOLDER.sub(lambda _: content, text, count=1), encoding="utf-8")
