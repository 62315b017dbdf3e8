"""Every internal link and anchor of the built site resolves: LinkChecker over the served site, and the
build's own link hook on a handmade tree."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, UNTHROTTLED, load_hook, page_paths, serve

# LinkChecker, started so that it keeps the user it was run as. Run as root, it drops to 'nobody' before it
# loads its plugins; where 'nobody' cannot read the virtualenv (a fresh clone in a private 0700 folder, as
# `mktemp -d` makes, or CI's), it then finds no plugins and checks no anchor at all, silently: the cause of
# the missing-anchor warning that went missing in every clean-clone run. The site it reads is our own,
# served from 127.0.0.1, so there is nothing to drop privileges against.
LINKCHECKER = [
    sys.executable,
    "-c",
    "import sys, linkcheck.command.linkchecker as cli; cli.drop_privileges = lambda: None; sys.exit(cli.linkchecker())",
]
# Internal URLs only (external ones are syntax-checked, never fetched); anchors checked by the plugin.
# Handout PDFs are written after the build by scripts/handouts.py, whose tests check every one.
# threads=0: every URL is checked in LinkChecker's main thread, one after another, so the report's order
# does not depend on how threads were scheduled.
LINKCHECKER_CONFIG = """\
[checking]
threads=0
maxrequestspersecond=1000
[filtering]
checkextern=0
ignore=
  ^http://127\\.0\\.0\\.1:[0-9]+/(?:[a-z]{2}/)?handouts/[a-z0-9-]+\\.pdf$
[AnchorCheck]
"""

# What LinkChecker always says on stderr: it checks internal URLs only.
STARTUP_NOTICE = re.compile(r"^INFO linkcheck\.\S+ .* MainThread Checking intern URLs only")


@dataclass
class Report:
    """LinkChecker's XML report: one record per checked link, and the whole text to show on a failure."""

    records: list[ET.Element]
    text: str


def link_check(url: str, tmp: Path) -> Report:
    """Run LinkChecker recursively from `url` and return its report."""
    config = tmp / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    run = subprocess.run(
        [*LINKCHECKER, "--config", str(config), "--no-status", "--output", "xml", "--verbose", url],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # 0: no problem, 1: problems found. Anything on stderr but its start-up notice (an internal error,
    # a URL given up) means the report may be incomplete, so it fails the test rather than passing it short.
    unexpected = [line for line in run.stderr.splitlines() if line.strip() and not STARTUP_NOTICE.search(line)]
    assert run.returncode in (0, 1) and unexpected == [], run.stdout + run.stderr
    report = ET.fromstring(run.stdout)  # the whole document parses only if LinkChecker finished writing it
    assert report.tag == "linkchecker", run.stdout[:500]
    return Report(report.findall("urldata"), run.stdout + run.stderr)


def problems(records: list[ET.Element]) -> list[str]:
    """Broken links and warnings (missing anchors among them), each with the page it is on."""
    found = []
    for record in records:
        where = f"{record.findtext('url')} on {record.findtext('parent')}"
        if record.findtext("valid") != "1":
            found.append(f"{where}: {record.find('valid').get('result')}")
        found += [f"{where}: {warning.text}" for warning in record.iter("warning")]
    return found


@pytest.mark.edition
def test_linkchecker_finds_no_broken_internal_link_or_anchor(site_build, site_server, tmp_path):
    # One test for the whole crawl, so parallel workers do not each repeat it. The worker's own server sends
    # the header that lifts LinkChecker's rate limit.
    server = site_server
    report = link_check(server.url, tmp_path)
    records = report.records
    found = problems(records)
    assert found == [], "\n".join(found) + "\n\nLinkChecker's whole report:\n" + report.text

    fetched = {record.findtext("realurl") for record in records if record.find("dlsize") is not None}
    # Each language's 404 page is served for a missing address, never linked.
    missed = [
        path
        for path in page_paths(site_build.site)
        if not path.endswith("404.html") and server.url + path not in fetched
    ]
    assert missed == [], "pages the crawl never reached"
    anchored = [record for record in records if "#" in (record.findtext("realurl") or "")]
    assert len(anchored) > 10, "no in-page anchors were checked"

    external = [record for record in records if not (record.findtext("realurl") or "").startswith(server.url)]
    assert external, "the site links to help services; the check should have seen them"
    left_the_machine = [
        record.findtext("realurl")
        for record in external
        if record.find("valid").get("result") not in ("filtered", "ignored") or record.find("dlsize") is not None
    ]
    assert left_the_machine == []


def test_link_check_catches_a_missing_page_and_a_missing_anchor(tmp_path):
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><title>t</title><a href="page/#here">ok</a> <a href="page/#nowhere">anchor</a> '
        '<a href="missing/">page</a> <a href="https://example.org/">out</a>',
        encoding="utf-8",
    )
    (site / "page" / "index.html").write_text(
        '<!doctype html><title>t</title><h2 id="here">Here</h2>', encoding="utf-8"
    )
    server = serve(site, 0, headers=UNTHROTTLED)
    try:
        report = link_check(server.url, tmp_path)
    finally:
        server.stop()
    checked = {record.findtext("url") for record in report.records}
    assert {"page/#here", "page/#nowhere", "missing/", "https://example.org/"} <= checked, report.text
    found = problems(report.records)
    assert len(found) == 2, f"{found}\nLinkChecker's whole report:\n{report.text}"
    assert any("missing/" in problem and "404" in problem for problem in found), report.text
    assert any("page/#nowhere" in problem and "nowhere" in problem.split(": ", 1)[1] for problem in found), report.text


class _Config(dict):
    """The part of MkDocs' config the links hook reads (the fixture data's links all resolve here)."""

    config_file_path = str(ROOT / "tests" / "fixtures" / "macros" / "mkdocs.yml")


def test_links_hook_reports_each_broken_raw_link_once_with_its_file_and_line(tmp_path, caplog):
    docs, site = tmp_path / "docs", tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    docs.mkdir()
    links = [
        '<a href="guide/">ok page</a>',
        '<a href="guide/#here">ok anchor</a>',
        '<a href="/sub/guide/#here">ok absolute</a>',
        '<a href="#top">ok own anchor</a>',
        '<a href="https://example.org/">external</a>',
        '<a href="mailto:help@example.org">mail</a>',
        '<a href="guide/#nowhere">missing anchor</a>',
        '<a href="gone/">missing page</a>',
        '<a href="/elsewhere/guide/">outside the prefix</a>',
        '<a href="../../up.html">above the root</a>',
        "[a Markdown link is MkDocs' to check](gone.md)",
    ]
    (docs / "index.md").write_text("---\ntitle: Home\n---\n\n# Home\n\n" + "\n".join(links) + "\n")
    (site / "index.html").write_text("".join(links[:-1]) + '<h1 id="top">Top</h1>', encoding="utf-8")
    (site / "guide" / "index.html").write_text('<h2 id="here">Here</h2><a href="../#top">back</a>', encoding="utf-8")
    page = type(
        "Page",
        (),
        {
            "file": type(
                "File", (), {"dest_uri": "index.html", "src_uri": "index.md", "abs_src_path": str(docs / "index.md")}
            )()
        },
    )()
    hook = load_hook("links")
    hook.on_pre_build({})
    hook.on_page_markdown("(rendered)", page, {}, None)
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.links"):
        hook.on_post_build(_Config(site_dir=str(site), site_url="https://example.org/sub/", use_directory_urls=True))

    reports = [record for record in caplog.records if record.name == "mkdocs.hooks.links"]
    assert all(record.levelno == logging.WARNING for record in reports)
    first = 7  # three lines of front matter, a blank line, the title, a blank line
    by_link = {record.getMessage().split("'")[1]: record.getMessage() for record in reports}
    assert len(reports) == len(by_link) == 4, [record.getMessage() for record in reports]
    assert by_link == {
        "guide/#nowhere": f"docs/index.md, line {first + 6}: link 'guide/#nowhere' points to a missing anchor "
        "#nowhere in guide/index.html",
        "gone/": f"docs/index.md, line {first + 7}: link 'gone/' points to a missing file (gone/index.html)",
        "/elsewhere/guide/": f"docs/index.md, line {first + 8}: link '/elsewhere/guide/' points outside the "
        "site's path /sub/",
        "../../up.html": f"docs/index.md, line {first + 9}: link '../../up.html' points above the site's root",
    }
