"""The seal a callout travels in from its macro, past Markdown, to the page.

A macro's finished HTML handed to Markdown as raw HTML would be re-parsed by Python's html.parser to
find where the block ends, which was most of the cost of a page. Instead each macro returns one HTML
comment, `<!--gc-html:BASE64-->`, which Markdown passes through untouched; the unseal hook opens it.
"""

from __future__ import annotations

import base64
import re

from mkdocs.exceptions import PluginError

_SEAL = re.compile(r"<!--gc-html:([A-Za-z0-9+/=]*)-->")


def seal(html: str) -> str:
    """One callout's HTML as a single comment Markdown leaves alone."""
    return "<!--gc-html:" + base64.b64encode(html.encode("utf-8")).decode("ascii") + "-->"


def unseal(html: str, where: str) -> str:
    """Every sealed callout replaced by its HTML; a seal left broken fails with `where` named."""
    opened = _SEAL.sub(lambda match: base64.b64decode(match.group(1)).decode("utf-8"), html)
    if "gc-html:" in _SEAL.sub("", html):
        raise PluginError(
            f"{where}: a callout could not be placed (its macro call is inside a code block, an indented "
            "block or inline code?); expected each macro call on a line of its own"
        )
    return opened
