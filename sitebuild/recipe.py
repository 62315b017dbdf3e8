"""Checks that run once per build on the pages themselves: the nav names every page and only pages, and every
chapter of the guide follows the recipe (CONTRIBUTING.md). Each mistake is one line naming the file to fix.

The recipe: a title and a description in the front matter, a first paragraph starting "**In short:**",
a last line `{{ reflect("...") }}`, a place in the nav and in the whole guide's `assemble:` list.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from sitebuild.frontmatter import lines_before_markdown, read_front_matter
from sitebuild.paths import docs_label
from sitebuild.schema import visible

# Pages that are not chapters of the guide: the home page (a map of the guide), handouts, the educators'
# kit and the reference pages.
NOT_GUIDE = {"index.md", "glossary.md", "educators.md", "get-help.md", "leaving-quickly.md", "about.md"}
NOT_GUIDE_FOLDERS = ("handouts/", "educators/")
# The page whose `assemble:` list is the whole guide.
WHOLE_GUIDE = "handouts/whole-guide.md"
_REFLECT = re.compile(r'\{\{ reflect\("[a-z0-9-]+"\) \}\}')


def config_line(config_file: Path, pattern: str) -> int:
    """The first line of mkdocs.yml matching a regex (1 when none does)."""
    lines = config_file.read_text(encoding="utf-8-sig").split("\n")
    return next((number for number, line in enumerate(lines, start=1) if re.search(pattern, line)), 1)


def nav_entry(page: str) -> str:
    """A regex for the nav line naming `page` ('- Title: page.md' or '- page.md', quoted or not)."""
    return rf"^\s*-\s(?:.*:\s*)?[\"']?{re.escape(page)}[\"']?\s*(?:#.*)?$"


def docs_pages(docs: Path, conf) -> list[str]:
    """Every Markdown page MkDocs builds, as a docs path (exclude_docs and not_in_nav left out)."""
    pages = []
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        skipped = (conf.get("exclude_docs"), conf.get("not_in_nav"))
        if page.startswith(".") or "/." in page or any(spec and spec.match_file(page) for spec in skipped):
            continue
        pages.append(page)
    return pages


def nav_problems(docs: Path, conf, in_nav: dict[str, str]) -> list[str]:
    """A nav entry that names no file, or a page the nav leaves out, as 'mkdocs.yml, line N: ...'."""
    config_file = Path(conf.config_file_path)
    shown = config_file.name
    problems = [
        f"{shown}, line {config_line(config_file, nav_entry(page))}: the nav names '{page}', which is not in {docs_label(docs)}/; "
        f"expected a file {docs_label(docs)}/{page}"
        for page in in_nav
        if not (docs / page).is_file()
    ]
    nav_line = config_line(config_file, r"^nav:")
    problems += [
        f"{shown}, line {nav_line}: {docs_label(docs)}/{page} is not in the nav; expected a line such as '- Title: {page}' under nav:"
        for page in docs_pages(docs, conf)
        if page not in in_nav
    ]
    return problems


def guide_pages(docs: Path) -> list[str]:
    """Every Markdown page of the guide itself (its chapters), as a docs path."""
    pages = (p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    return sorted(p for p in pages if p not in NOT_GUIDE and not p.startswith(NOT_GUIDE_FOLDERS))


def page_problems(docs: Path, page: str, summary: str = "In short") -> list[str]:
    """How one chapter misses the recipe's front matter, opening and ending, with file and line."""
    text = (docs / page).read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    meta = read_front_matter(text)
    where = f"{docs_label(docs)}/{page}"
    problems = [
        f"{where}, line 1: no {key} in the front matter; expected '{key}: ...'"
        for key in ("title", "description")
        if not str(meta.get(key) or "").strip()
    ]
    start = lines_before_markdown(text)
    body = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and n > start]
    # A heavy page may put its content note before the summary, and its help box after the questions.
    paragraphs = [(n, line) for n, line in body if not line.startswith(("#", "{{ content_note("))]
    while body and body[-1][1].startswith("{{ get_help("):
        body = body[:-1]
    if not paragraphs or not paragraphs[0][1].startswith(f"**{summary}:**"):
        line = paragraphs[0][0] if paragraphs else len(lines)
        problems.append(
            f"{where}, line {line}: the page does not open with its summary; expected a first paragraph "
            f"starting '**{summary}:**'"
        )
    if not body or not _REFLECT.fullmatch(body[-1][1].strip()):
        line = body[-1][0] if body else len(lines)
        problems.append(
            f"{where}, line {line}: the page does not end with its questions; expected a last line such as "
            "'{{ reflect(\"house\") }}'"
        )
    return problems


def recipe_problems(docs: Path, in_nav: dict[str, str], summary: str = "In short") -> list[str]:
    """Every way a chapter of the guide misses the recipe, one line each."""
    whole = docs / WHOLE_GUIDE
    assembled = []
    if whole.is_file():
        assembled = read_front_matter(whole.read_text(encoding="utf-8-sig")).get("assemble") or []
    problems = []
    for page in guide_pages(docs):
        problems += page_problems(docs, page, summary)
        if page not in in_nav:
            problems.append(
                f"{docs_label(docs)}/{page}: not in the nav of mkdocs.yml; expected a line such as '- Title: {page}'"
            )
        if whole.is_file() and page not in assembled:
            problems.append(
                f"{docs_label(docs)}/{page}: not in the whole guide; expected '- {page}' under assemble: in {docs_label(docs)}/{WHOLE_GUIDE}"
            )
    return problems


def text_problems(docs: Path, conf, in_nav: dict[str, str]) -> list[str]:
    """Titles the theme prints unescaped (a page's front matter title and description, the nav's titles)
    must be plain text: no markup, no hidden characters. One line each, naming the file and line."""
    problems = []
    for page in docs_pages(docs, conf):
        text = (docs / page).read_text(encoding="utf-8-sig")
        try:
            meta = read_front_matter(text)
        except yaml.YAMLError:
            continue  # said with its line when the page itself is read (sitebuild.callouts)
        for key in ("title", "description"):
            said = _not_plain(meta.get(key))
            if said:
                line = next((n for n, row in enumerate(text.split("\n"), 1) if row.startswith(f"{key}:")), 1)
                problems.append(f"{docs_label(docs)}/{page}, line {line}: front matter {key} {said}")
    config_file = Path(conf.config_file_path)
    for title in dict.fromkeys(in_nav.values()):
        said = _not_plain(title)
        if said:
            line = config_line(config_file, re.escape(title[:20]))
            problems.append(f"{config_file.name}, line {line}: nav title {title!r} {said}")
    return problems


def _not_plain(value) -> str:
    """What is wrong with a piece of text that must be plain ('' when nothing is)."""
    if not isinstance(value, str):
        return ""
    try:
        visible(value)
    except ValueError as err:
        return str(err)
    return ""


def check_pages(docs: Path, conf, in_nav: dict[str, str]) -> None:
    """Stop the build on the nav's mistakes first (they name mkdocs.yml), then on the recipe's.

    A configuration not read from a file (a unit test's stand-in) has no nav file to name: nothing to check.
    """
    if not getattr(conf, "config_file_path", None):
        return
    # The summary's label is the language's own (strings file: callouts.summary).
    summary = ((conf.get("extra") or {}).get("strings") or {}).get("callouts", {}).get("summary", "In short")
    problems = (
        nav_problems(docs, conf, in_nav) or text_problems(docs, conf, in_nav) or recipe_problems(docs, in_nav, summary)
    )
    if problems:
        raise PluginError("\n".join(problems))
