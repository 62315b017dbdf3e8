"""Glossary tooltips: each term underlined at its first use on a page, never in a heading.

The abbr extension wraps every spelling of data/glossary.md (given to it by sitebuild.callouts); this
extension then unwraps the repeats and those inside headings.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class FirstUseTooltips(Extension):
    """Keep only the first <abbr> of each glossary term on a page, and none inside a heading."""

    def __init__(self, term_of: dict[str, str]) -> None:
        super().__init__()
        self.term_of = term_of

    def extendMarkdown(self, md) -> None:
        # After the abbr extension wraps the terms (priority 7), before the table of contents reads headings (5).
        md.treeprocessors.register(_FirstUse(md, self.term_of), "gc_first_use", 6)


class _FirstUse(Treeprocessor):
    """Unwrap repeated and in-heading <abbr> elements back into plain text."""

    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self, md, term_of: dict[str, str]) -> None:
        super().__init__(md)
        self.term_of = term_of

    def run(self, root) -> None:
        seen: set[str] = set()
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in list(root.iter("abbr")):
            ancestor, in_heading = parents.get(element), False
            while ancestor is not None:
                in_heading = in_heading or ancestor.tag in self.HEADINGS
                ancestor = parents.get(ancestor)
            term = self.term_of.get(element.text or "", (element.text or "").lower())
            if in_heading or term in seen:
                _unwrap(element, parents[element])
            else:
                seen.add(term)


def _unwrap(element, parent) -> None:
    """Replace an element by its text, joined to the text around it."""
    text = (element.text or "") + (element.tail or "")
    index = list(parent).index(element)
    if index:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)
