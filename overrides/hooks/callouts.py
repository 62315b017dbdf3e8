"""Place the callouts' HTML into each page after Markdown has run, exactly as the templates wrote it.

The macros in macros.py render finished HTML. Handed to Markdown as raw HTML, every callout would be
re-parsed by Python's html.parser to find where the block ends, which was most of the cost of a
page. Instead each macro returns one sealed HTML comment, `<!--gc-html:BASE64-->` (written by
render() in macros.py), which Markdown passes through untouched; this hook opens the seals. A seal
Markdown did not pass through (a macro call inside a code block, say) fails the build, naming the
page, instead of printing base64.
"""
from __future__ import annotations

import base64
import re

from mkdocs.exceptions import PluginError

_SEAL = re.compile(r"<!--gc-html:([A-Za-z0-9+/=]*)-->")


def unseal(html: str, where: str) -> str:
    """Every sealed callout replaced by its HTML; a seal left broken fails with `where` named."""
    opened = _SEAL.sub(lambda match: base64.b64decode(match.group(1)).decode("utf-8"), html)
    if "gc-html:" in _SEAL.sub("", html):
        raise PluginError(
            f"{where}: a callout could not be placed (its macro call is inside a code block, an indented "
            "block or inline code?); expected each macro call on a line of its own"
        )
    return opened


def on_page_content(html: str, page, config, files) -> str:
    """The page's HTML with its callouts in place."""
    return unseal(html, f"docs/{page.file.src_uri}")
