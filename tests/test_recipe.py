"""The page recipe (CONTRIBUTING.md): every guide page has a title and a description, opens with its
"In short" summary, ends with its reflect() questions, and is in the nav and in the whole guide. The build
checks it (sitebuild.recipe); these tests check the checker, and the build's own refusal is in test_bad_input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, read_config
from sitebuild.paths import nav_titles
from sitebuild.recipe import WHOLE_GUIDE, guide_pages, recipe_problems


def problems_of(project: Path) -> list[str]:
    """What the recipe check says of a project, with its own nav."""
    return recipe_problems(project / "docs", nav_titles(read_config(project / "mkdocs.yml")["nav"]))


def test_every_guide_page_follows_the_recipe():
    assert len(guide_pages(ROOT / "docs")) >= 10
    assert problems_of(ROOT) == []


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
    assert [problem for problem in problems_of(project) if problem.startswith(broken)] == [
        "docs/house.md, line 1: no description in the front matter; expected 'description: ...'",
        "docs/stray.md, line 1: no description in the front matter; expected 'description: ...'",
        "docs/stray.md, line 7: the page does not open with its summary; expected a first paragraph starting "
        "'**In short:**'",
        f"docs/stray.md, line {last}: the page does not end with its questions; expected a last line such as "
        "'{{ reflect(\"house\") }}'",
        "docs/stray.md: not in the nav of mkdocs.yml; expected a line such as '- Title: stray.md'",
        f"docs/stray.md: not in the whole guide; expected '- stray.md' under assemble: in docs/{WHOLE_GUIDE}",
    ]
