#!/usr/bin/env python3
"""Measure each page's reading grade (Flesch-Kincaid, textstat 0.7.3) and word count.

The grade is taken on the page's prose only: front matter, macro calls, code, HTML tags,
abbreviation definitions and Markdown markup are removed first.

    python3 scripts/readability.py [docs]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import textstat

MAX_GRADE = 8.0
# Pages that are lists, references or forms rather than prose to read through.
NOT_PROSE = {"glossary.md"}

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TAG = re.compile(r"<[^>]+>")
_ABBR_DEF = re.compile(r"^\*\[[^\]]+\]:.*$", re.M)
_ATTR_LIST = re.compile(r"\{\s*[:#.][^}]*\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s*\w+(\s+\"([^\"]*)\")?\s*$", re.M)
_MARKUP = re.compile(r"^\s{0,3}(#{1,6}\s+|[-*+]\s+|\d+\.\s+|>\s?)", re.M)


def prose(markdown: str) -> str:
    """Return the readable prose of a Markdown page, one block per line, markup removed."""
    text = _FRONT_MATTER.sub("", markdown)
    for pattern in (_FENCE, _MACRO, _ABBR_DEF, _INLINE_CODE, _TAG, _ATTR_LIST):
        text = pattern.sub(" ", text)
    text = _ADMONITION.sub(lambda m: (m.group(3) or "") + ".", text)
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    text = re.sub(r"[*_]{1,3}", "", text)
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(block.split())
        if block:
            # A heading or list item without end punctuation still ends a sentence.
            blocks.append(block if block[-1] in ".!?:;" else block + ".")
    return "\n".join(blocks)


def measure(path: Path) -> tuple[int, float]:
    """Return (word count, Flesch-Kincaid grade) of one page's prose."""
    text = prose(path.read_text(encoding="utf-8"))
    return textstat.lexicon_count(text), textstat.flesch_kincaid_grade(text)


def pages(docs: Path) -> list[Path]:
    """Every Markdown page whose prose is meant to be read through."""
    return sorted(p for p in docs.rglob("*.md") if p.name not in NOT_PROSE)


def main() -> int:
    docs = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    worst = 0.0
    print(f"{'page':40} {'words':>6} {'grade':>6}")
    for page in pages(docs):
        count, grade = measure(page)
        worst = max(worst, grade)
        flag = "  <- above %.0f" % MAX_GRADE if grade > MAX_GRADE else ""
        print(f"{str(page.relative_to(docs)):40} {count:6d} {grade:6.1f}{flag}")
    return 1 if worst > MAX_GRADE else 0


if __name__ == "__main__":
    sys.exit(main())
