"""The real site: a strict, warning-free build of every nav page, identical under ProperDocs, in our own words
and at a readable grade."""
from __future__ import annotations

import gzip
import html
import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import mkdocs
import pytest
import yaml

from conftest import ROOT, build_site

import readability  # scripts/, on the path through conftest

PROPERDOCS = [sys.executable, "-m", "properdocs"]
ORIGINALITY = ROOT.parent / "shared" / "tools" / "originality.py"
LEFTOVERS = ("{{", "{%", "Macro Rendering Error")
# The generator tag, whatever the attribute order and quoting the minifier left.
_GENERATOR = re.compile(rb'<meta (?=[^>]*\bname="?generator\b)[^>]*?\bcontent="([^"]*)"[^>]*>')


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its nav; MkDocs' own tags (!ENV, !relative) are read as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_files(nav) -> list[str]:
    """Every Markdown file named in a (possibly nested) MkDocs nav."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in nav_files(value)]
    return [f for item in nav for f in nav_files(item)]


def built_html(src: str) -> str:
    """Where MkDocs writes a page, with directory URLs: house.md -> house/index.html."""
    if src == "index.md" or src.endswith("/index.md"):
        return src[: -len(".md")] + ".html"
    return src[: -len(".md")] + "/index.html"


NAV = nav_files(yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)["nav"])


def warning_lines(output: str) -> list[str]:
    """Lines of a build's output that report a warning."""
    return [line for line in output.splitlines() if "WARNING" in line]


def test_real_site_builds_strict_without_warnings(site_build):
    assert site_build.returncode == 0, site_build.output
    assert warning_lines(site_build.output) == []
    assert "Documentation built in" in site_build.output


def test_nav_is_read_from_the_config():
    assert "index.md" in NAV and len(NAV) == len(set(NAV)) >= 3, NAV


@pytest.mark.parametrize("src", NAV)
def test_every_nav_page_is_built(site_build, src):
    assert (ROOT / "docs" / src).is_file(), f"mkdocs.yml nav names docs/{src}, which does not exist"
    page = site_build.site / built_html(src)
    assert page.is_file(), f"docs/{src} was not built to {page.relative_to(site_build.site)}"
    assert "<h1" in page.read_text(encoding="utf-8")


def test_no_template_syntax_reaches_the_html(site_build):
    pages = sorted(site_build.site.rglob("*.html"))
    assert len(pages) >= len(NAV)
    leaks = []
    for page in pages:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            leaks += [f"{page.relative_to(site_build.site)}:{number}: {line.strip()[:120]}"
                      for marker in LEFTOVERS if marker in line]
    assert leaks == []


def comparable(path: Path, tool: str, generators: dict[str, set[bytes]]) -> bytes:
    """A built file's bytes with the generator tag blanked (recorded in `generators`); sitemaps decompressed."""
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        return gzip.decompress(data)
    generators[tool].update(_GENERATOR.findall(data))
    return _GENERATOR.sub(b'<meta name="generator">', data)


def test_properdocs_output_differs_only_in_the_generator_tag(tmp_path, monkeypatch):
    # Both builds in this test, back to back, with the same address and build date.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    url = "http://127.0.0.1:8000/"  # never served: the two builds only need the same address
    ours = build_site(ROOT, tmp_path / "mkdocs", url)
    fork = build_site(ROOT, tmp_path / "properdocs", url, tool=PROPERDOCS)
    assert ours.returncode == 0, ours.output
    assert fork.returncode == 0, fork.output
    assert warning_lines(fork.output) == []

    files = {p.relative_to(ours.site).as_posix() for p in ours.site.rglob("*") if p.is_file()}
    assert files == {p.relative_to(fork.site).as_posix() for p in fork.site.rglob("*") if p.is_file()}
    generators: dict[str, set[bytes]] = {"mkdocs": set(), "properdocs": set()}
    differing = sorted(
        name for name in files
        if comparable(ours.site / name, "mkdocs", generators) != comparable(fork.site / name, "properdocs", generators)
    )
    assert differing == []
    material = importlib.metadata.version("mkdocs-material")
    # The tag really names each tool, so the two trees did come from two different builders.
    assert generators["mkdocs"] == {f"mkdocs-{mkdocs.__version__}, mkdocs-material-{material}".encode()}
    assert len(generators["properdocs"]) == 1 and b"ProperDocs" in next(iter(generators["properdocs"]))


def test_prose_is_our_own_words():
    assert ORIGINALITY.is_file(), f"the originality checker is missing: {ORIGINALITY}"
    run = subprocess.run([sys.executable, str(ORIGINALITY), "docs", "data"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "originality:" in run.stdout


@pytest.mark.parametrize("page", readability.pages(ROOT / "docs"), ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_page_reads_at_grade_eight_or_below(page):
    words, grade = readability.measure(page)
    assert words > 0, f"{page.relative_to(ROOT)} has no prose to measure"
    assert grade <= readability.MAX_GRADE, f"{page.relative_to(ROOT)} reads at grade {grade:.1f}"


def glossary_spellings() -> dict[str, str]:
    """Every spelling in data/glossary.md with its definition."""
    lines = (ROOT / "data" / "glossary.md").read_text(encoding="utf-8").splitlines()
    return dict(re.fullmatch(r"\*\[([^\]]+)\]:\s*(.+)", line).groups() for line in lines if line.strip())


@pytest.mark.parametrize("src", NAV)
def test_glossary_words_in_a_page_get_their_tooltip(site_build, src):
    glossary = glossary_spellings()
    markdown = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\A---\n.*?\n---\n", "", (ROOT / "docs" / src).read_text(encoding="utf-8"),
                      flags=re.S)
    used = {term for term in glossary if re.search(rf"\b{re.escape(term)}\b", markdown)}
    built = site_build.site / built_html(src)
    tooltips = {html.unescape(text): html.unescape(title)
                for title, text in re.findall(r'<abbr title="([^"]*)">([^<]*)</abbr>', built.read_text(encoding="utf-8"))}
    assert {term: glossary[term] for term in used} == {term: tooltips.get(term) for term in used}
    assert set(tooltips) <= set(glossary) and all(tooltips[t] == glossary[t] for t in tooltips)
    assert "*[" not in built.read_text(encoding="utf-8")  # no definition line is left in the page
