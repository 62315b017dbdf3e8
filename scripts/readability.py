#!/usr/bin/env python3
"""Measure each page's reading grade (Flesch-Kincaid, textstat 0.7.3) and word count.

The grade is taken on the page's prose only: front matter, macro calls, code, HTML tags,
abbreviation definitions and Markdown markup are removed first.

    python3 scripts/readability.py [docs]
    python3 scripts/readability.py --built site   (every built guide page: words and grade as read)
    python3 scripts/readability.py --built site/es --lang es   (Spanish: words and INFLESZ ease)
"""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import textstat

from sitebuild.frontmatter import split_front_matter

MAX_GRADE = 8.0
# Pages that are lists, references or forms rather than prose to read through.
NOT_PROSE = {"glossary.md"}

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
    text = split_front_matter(markdown)[1]
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


# ---------------------------------------------------------------------------------------------
# Built pages: what a reader meets, callouts and tooltips included.
# ---------------------------------------------------------------------------------------------

# Word limits of a guide page as built (article text with its callouts, figures aside).
MAX_WORDS = 900
MAX_MEDIAN_WORDS = 750
# Elements that start a new block of text (a heading or list item without a full stop still ends a sentence).
_BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "dd",
    "legend",
    "figcaption",
    "title",
    "desc",
    "td",
    "th",
    "div",
    "aside",
    "summary",
    "blockquote",
    "ol",
    "ul",
    "fieldset",
    "label",
    "text",
    "br",
}
_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)


class _ArticleText(HTMLParser):
    """Collect an article's text in blocks: all of it (for the grade) and the part outside figures (for words)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []  # (text, inside a figure)
        self.tooltips: list[str] = []
        self._current: list[str] = []
        self._figure = 0  # depth of <figure> and <svg>
        self._skip = 0  # the heading permalinks' sign

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append((text if text[-1] in ".!?:;" else text + ".", self._figure > 0))
        self._current = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in _BLOCKS or tag in ("figure", "svg"):
            self._flush()
        if tag in ("figure", "svg"):
            self._figure += 1
        if tag == "a" and "headerlink" in (attributes.get("class") or "").split():
            self._skip += 1
        if tag == "abbr" and attributes.get("title"):
            self.tooltips.append(attributes["title"])

    def handle_endtag(self, tag):
        if tag in _BLOCKS or tag in ("figure", "svg"):
            self._flush()
        if tag in ("figure", "svg"):
            self._figure -= 1
        if tag == "a" and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._current.append(data)


def built_text(page_html: str) -> tuple[str, str]:
    """Return (the article's text outside figures, all text a reader meets: figures and tooltips too)."""
    match = _ARTICLE.search(page_html)
    if not match:
        raise ValueError("no <article> in the page")
    parser = _ArticleText()
    parser.feed(match.group(1))
    parser.close()
    parser._flush()
    words = "\n".join(text for text, in_figure in parser.blocks if not in_figure)
    tooltips = [" ".join(html.unescape(t).split()) for t in dict.fromkeys(parser.tooltips)]
    everything = "\n".join([text for text, _ in parser.blocks] + tooltips)
    return words, everything


def measure_built(page_html: str) -> tuple[int, float]:
    """Return (words outside figures, Flesch-Kincaid grade of all the text) of one built page."""
    words, everything = built_text(page_html)
    return textstat.lexicon_count(words), textstat.flesch_kincaid_grade(everything)


# Spanish pages: Szigriszt-Pazos (INFLESZ) reading ease; 65-80 is "bastante fácil".
MIN_EASE_ES = 55.0
MIN_MEDIAN_EASE_ES = 65.0
# A guide page in Spanish as built (Spanish runs longer than English: MAX_WORDS is for English).
MAX_WORDS_ES = 1000


def ease_es(text: str) -> float:
    """INFLESZ (Szigriszt-Pazos) reading ease of Spanish text; the language is set back to English after."""
    textstat.set_lang("es")
    try:
        return textstat.szigriszt_pazos(text)
    finally:
        textstat.set_lang("en_US")


def measure_built_es(page_html: str) -> tuple[int, float]:
    """Return (words outside figures, INFLESZ ease of all the text) of one built Spanish page."""
    words, everything = built_text(page_html)
    return textstat.lexicon_count(words), ease_es(everything)


def built_pages(site: Path):
    """Each built page with an article: (its folder as a reader names it, its HTML)."""
    for page in sorted(site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        if "<article" in text:
            yield page.parent.relative_to(site).as_posix() or "(home)", text


def main_built_es(site: Path) -> int:
    """Print each built Spanish page's words and INFLESZ ease; fail below the limits."""
    eases = []
    print(f"{'page':40} {'words':>6} {'INFLESZ':>8}")
    for where, text in built_pages(site):
        count, ease = measure_built_es(text)
        eases.append(ease)
        flag = f"  <- below {MIN_EASE_ES:.0f}" if ease < MIN_EASE_ES else ""
        print(f"{where:40} {count:6d} {ease:8.1f}{flag}")
    median = sorted(eases)[len(eases) // 2] if eases else 0.0
    print(f"median INFLESZ {median:.1f} (at least {MIN_MEDIAN_EASE_ES:.0f})")
    return 1 if not eases or min(eases) < MIN_EASE_ES or median < MIN_MEDIAN_EASE_ES else 0


def main_built(site: Path) -> int:
    """Print each built page's words and grade; fail on a grade above the limit."""
    worst = 0.0
    print(f"{'page':40} {'words':>6} {'grade':>6}")
    for where, text in built_pages(site):
        count, grade = measure_built(text)
        worst = max(worst, grade)
        flag = f"  <- above {MAX_GRADE:.0f}" if grade > MAX_GRADE else ""
        print(f"{where:40} {count:6d} {grade:6.1f}{flag}")
    return 1 if worst > MAX_GRADE else 0


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--built":
        if sys.argv[3:5] == ["--lang", "es"]:
            return main_built_es(Path(sys.argv[2]))
        return main_built(Path(sys.argv[2]))
    docs = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    worst = 0.0
    print(f"{'page':40} {'words':>6} {'grade':>6}")
    for page in pages(docs):
        count, grade = measure(page)
        worst = max(worst, grade)
        flag = f"  <- above {MAX_GRADE:.0f}" if grade > MAX_GRADE else ""
        print(f"{str(page.relative_to(docs)):40} {count:6d} {grade:6.1f}{flag}")
    return 1 if worst > MAX_GRADE else 0


if __name__ == "__main__":
    sys.exit(main())
