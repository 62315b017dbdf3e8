"""The page recipe (CONTRIBUTING.md): every guide page has a title and a description, opens with its
"In short" summary, ends with its reflect() questions, and is in the nav and in the whole guide."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from sitebuild.paths import nav_titles

# Pages that are not chapters of the guide: the home page (a map of the guide), handouts, the educators'
# kit and the reference pages.
NOT_GUIDE = {"index.md", "glossary.md", "educators.md", "get-help.md", "leaving-quickly.md", "about.md"}
NOT_GUIDE_FOLDERS = ("handouts/", "educators/")
_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.S)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; MkDocs' own tags (!ENV, !relative) are read as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def guide_pages(docs: Path) -> list[str]:
    """Every Markdown page of the guide itself, as a docs path."""
    pages = (p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    return sorted(p for p in pages if p not in NOT_GUIDE and not p.startswith(NOT_GUIDE_FOLDERS))


def recipe_problems(project: Path) -> list[str]:
    """Every way a guide page misses the recipe, as 'docs/page.md, line N: what is missing'."""
    docs = project / "docs"
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    in_nav = nav_titles(config["nav"])
    whole = _FRONT.match((docs / "handouts" / "whole-guide.md").read_text(encoding="utf-8"))
    assembled = yaml.safe_load(whole.group(1)).get("assemble") or []
    problems = []
    for page in guide_pages(docs):
        text = (docs / page).read_text(encoding="utf-8")
        lines = text.split("\n")
        front = _FRONT.match(text)
        meta = (yaml.safe_load(front.group(1)) if front else None) or {}
        where = f"docs/{page}"
        for key in ("title", "description"):
            if not str(meta.get(key) or "").strip():
                problems.append(f"{where}, line 1: no {key} in the front matter; expected '{key}: ...'")
        body = [(n, line) for n, line in enumerate(lines, 1) if line.strip()][front.group(0).count("\n") if front
                                                                               else 0:]
        # A heavy page may put its content note before the summary, and its help box after the questions.
        paragraphs = [(n, line) for n, line in body if not line.startswith(("#", "{{ content_note("))]
        while body and body[-1][1].startswith("{{ get_help("):
            body = body[:-1]
        if not paragraphs or not paragraphs[0][1].startswith("**In short:**"):
            line = paragraphs[0][0] if paragraphs else len(lines)
            problems.append(f"{where}, line {line}: the page does not open with its summary; expected a "
                            "first paragraph starting '**In short:**'")
        if not body or not re.fullmatch(r'\{\{ reflect\("[a-z0-9-]+"\) \}\}', body[-1][1].strip()):
            line = body[-1][0] if body else len(lines)
            problems.append(f"{where}, line {line}: the page does not end with its questions; expected a last "
                            "line such as '{{ reflect(\"house\") }}'")
        if page not in in_nav:
            problems.append(f"{where}: not in the nav of mkdocs.yml; expected a line such as '- Title: {page}'")
        if page not in assembled:
            problems.append(f"{where}: not in the whole guide; expected '- {page}' under assemble: in "
                            "docs/handouts/whole-guide.md")
    return problems


def test_every_guide_page_follows_the_recipe():
    assert len(guide_pages(ROOT / "docs")) >= 10
    assert recipe_problems(ROOT) == []


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the docs and the config to break."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_a_page_that_misses_the_recipe_is_named_with_what_it_misses(project):
    page = project / "docs" / "stray.md"
    page.write_text("---\ntitle: Stray\n---\n\n# Stray\n\nA page that skips its summary.\n\nThe end.\n")
    house = project / "docs" / "house.md"
    house.write_text(house.read_text().replace("description:", "summary:", 1))
    last = len(page.read_text().rstrip("\n").split("\n"))
    broken = ("docs/house.md", "docs/stray.md")
    assert [problem for problem in recipe_problems(project) if problem.startswith(broken)] == [
        "docs/house.md, line 1: no description in the front matter; expected 'description: ...'",
        "docs/stray.md, line 1: no description in the front matter; expected 'description: ...'",
        "docs/stray.md, line 7: the page does not open with its summary; expected a first paragraph starting "
        "'**In short:**'",
        f"docs/stray.md, line {last}: the page does not end with its questions; expected a last line such as "
        "'{{ reflect(\"house\") }}'",
        "docs/stray.md: not in the nav of mkdocs.yml; expected a line such as '- Title: stray.md'",
        "docs/stray.md: not in the whole guide; expected '- stray.md' under assemble: in "
        "docs/handouts/whole-guide.md",
    ]
