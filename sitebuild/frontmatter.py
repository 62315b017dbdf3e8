"""Front matter, the YAML head of a page between '---' lines: the one reader for the build, scripts and tests.

It finds the head exactly as MkDocs does (mkdocs.utils.meta.YAML_RE), so what these functions read is what
MkDocs gives the page as its meta.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE


def split_front_matter(text: str) -> tuple[str | None, str]:
    """The front matter's YAML source (None when the page has none) and the text after it."""
    found = YAML_RE.match(text)
    return (found.group(1), text[found.end() :]) if found else (None, text)


def front_matter_value(text: str) -> Any:
    """The front matter as YAML reads it (None when absent); raises yaml.YAMLError when malformed."""
    source, _ = split_front_matter(text)
    return yaml.safe_load(source) if source is not None else None


def read_front_matter(text: str) -> dict[str, Any]:
    """The front matter as a mapping: {} when the page has none or it is not 'key: value' lines."""
    value = front_matter_value(text)
    return value if isinstance(value, dict) else {}


def read_page(path: Path) -> tuple[dict[str, Any], str]:
    """A page file's front matter and its Markdown (the text after the front matter)."""
    text = path.read_text(encoding="utf-8-sig")
    return read_front_matter(text), split_front_matter(text)[1]


def lines_before_markdown(text: str) -> int:
    """How many lines of a page come before the Markdown MkDocs hands on (front matter, blank lines after)."""
    found = YAML_RE.match(text)
    if not found:
        return 0
    rest = text[found.end() :]
    return found.group(0).count("\n") + len(rest) - len(rest.lstrip("\n"))  # MkDocs drops blank lines there
