"""The real site: a strict, warning-free build of every nav page, identical under ProperDocs, in our own words
and at a readable grade."""

from __future__ import annotations

import gzip
import html
import importlib.metadata
import json
import posixpath
import re
import sys
from pathlib import Path

import mkdocs
import pytest

from conftest import ROOT, build_site, read_config
from scripts import originality, readability
from sitebuild.frontmatter import read_page
from sitebuild.paths import built_file, nav_titles

PROPERDOCS = [sys.executable, "-m", "properdocs"]
LEFTOVERS = ("{{", "{%", "Macro Rendering Error")
# The generator tag, whatever the attribute order and quoting the minifier left.
_GENERATOR = re.compile(rb'<meta (?=[^>]*\bname="?generator\b)[^>]*?\bcontent="([^"]*)"[^>]*>')


NAV = list(nav_titles(read_config(ROOT / "mkdocs.yml")["nav"]))


def warning_lines(output: str) -> list[str]:
    """Lines of a build's output that report a warning."""
    return [line for line in output.splitlines() if "WARNING" in line]


def test_real_site_builds_strict_without_warnings(site_build):
    assert site_build.returncode == 0, site_build.output
    assert warning_lines(site_build.output) == []
    assert "Documentation built in" in site_build.output


def test_next_links_walk_the_nav_in_reading_order(site_build):
    """From the home page, each page's "next" link leads to the following page of the nav, to the end."""
    walked, page = [], "index.html"
    while page:
        walked.append(page)
        tag = re.search(r"<a [^>]*md-footer__link--next[^>]*>", (site_build.site / page).read_text(encoding="utf-8"))
        href = re.search(r'\bhref="?([^"\s>]+)', tag.group(0)).group(1) if tag else None
        page = built_file(posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) + ".md") if href else None
    assert walked == [built_file(src) for src in NAV]


@pytest.mark.parametrize("src", NAV)
def test_every_nav_page_is_built_with_its_own_title(site_build, src, edition):
    assert (ROOT / "docs" / src).is_file(), f"mkdocs.yml nav names docs/{src}, which does not exist"
    source = read_page(ROOT / "docs" / src)[1]
    title = re.search(r"^# (.+)$", source, re.M)  # the first heading after the front matter
    assert title, f"docs/{src} has no '# Title' line"
    page = site_build.site / built_file(src)
    assert page.is_file(), f"docs/{src} was not built to {page.relative_to(site_build.site)}"
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
    shown = [
        html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<a [^>]*headerlink.*?</a>", "", h))).strip() for h in headings
    ]
    # The home page's heading is the edition's name, from the config.
    assert shown == [title.group(1).strip().replace("{{ config.site_name }}", edition["site_name"])]


def test_no_template_syntax_reaches_the_html(site_build):
    pages = sorted(site_build.site.rglob("*.html"))
    assert len(pages) >= len(NAV)
    leaks = []
    for page in pages:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            leaks += [
                f"{page.relative_to(site_build.site)}:{number}: {line.strip()[:120]}"
                for marker in LEFTOVERS
                if marker in line
            ]
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
        name
        for name in files
        if comparable(ours.site / name, "mkdocs", generators) != comparable(fork.site / name, "properdocs", generators)
    )
    assert differing == []
    material = importlib.metadata.version("mkdocs-material")
    # The tag really names each tool, so the two trees did come from two different builders.
    assert generators["mkdocs"] == {f"mkdocs-{mkdocs.__version__}, mkdocs-material-{material}".encode()}
    assert len(generators["properdocs"]) == 1 and b"ProperDocs" in next(iter(generators["properdocs"]))


def test_prose_is_our_own_words():
    """docs/ and data/ against the committed fingerprint of the source article (never its text)."""
    report = originality.check([ROOT / "docs", ROOT / "data"], json.loads(originality.FINGERPRINT.read_text()))
    assert report.files > 30 and report.sequences > 10_000, report.summary()
    assert report.ok, "\n".join([report.summary(), *(f'{path}: "{run}"' for path, run in report.copied)])


def test_the_originality_check_catches_a_copied_run_and_too_many_shared_sequences(tmp_path):
    source = " ".join(f"w{i}" for i in range(400))  # a stand-in source: 400 distinct words
    print_with = originality.fingerprint(source)
    own = " ".join(f"mine{i}" for i in range(400))
    nine, ten = " ".join(f"w{i}" for i in range(9)), " ".join(f"w{i}" for i in range(100, 110))
    (tmp_path / "a.md").write_text(f"{own} {nine} {own}")
    assert originality.check([tmp_path], print_with).ok  # nine shared words in a row are allowed
    (tmp_path / "a.md").write_text(f"{own} {ten} {own}")
    report = originality.check([tmp_path], print_with)
    assert report.copied == [(str(tmp_path / "a.md"), ten)] and not report.ok
    # Six source words at a time between two of our own: one shared 6-gram in every eight, never a long run.
    (tmp_path / "a.md").write_text(
        " ".join(f"mine{i} ours{i} w{i} w{i + 1} w{i + 2} w{i + 3} w{i + 4} w{i + 5}" for i in range(0, 300, 7))
    )
    report = originality.check([tmp_path], print_with)
    assert not report.copied and report.share > originality.MAX_SHARE and not report.ok


@pytest.mark.parametrize(
    "page", readability.pages(ROOT / "docs"), ids=lambda p: p.relative_to(ROOT / "docs").as_posix()
)
def test_page_reads_at_grade_eight_or_below(page):
    words, grade = readability.measure(page)
    assert words > 0, f"{page.relative_to(ROOT)} has no prose to measure"
    assert grade <= readability.MAX_GRADE, f"{page.relative_to(ROOT)} reads at grade {grade:.1f}"
