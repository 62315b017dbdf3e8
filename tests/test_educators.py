"""The educators' kit: its data is schema-checked, and a broken file stops the build naming file and key."""

from __future__ import annotations

import html as html_module
import re

import pytest
import yaml

from conftest import build_site


def edit(project, name, change) -> None:
    """Load data/<name> of the copy, let `change` alter it, write it back."""
    path = project / "data" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def fails_with(project, tmp_path, pattern: str) -> str:
    """Build the copy; it must fail with one message matching `pattern`."""
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0, "the build passed"
    assert re.search(pattern, build.output), build.output[-2000:]
    return build.output


CASES = {
    "session without its closing": (
        "sessions.yml",
        lambda d: d["sessions"]["session-45"].pop("close"),
        r"data/sessions\.yml, line \d+: sessions\.session-45\.close: required key is missing",
    ),
    "unknown handout in a session": (
        "sessions.yml",
        lambda d: d["sessions"]["session-20"]["handouts"].insert(2, {"sheet": "no-such-sheet", "copies": "1 each"}),
        r"data/sessions\.yml, line \d+: sessions\.session-20\.handouts\[2\]\.sheet: unknown handout 'no-such-sheet'; "
        r"expected one of: .*session-45.*help-sheet",
    ),
    "handout without its copy count": (
        "sessions.yml",
        lambda d: d["sessions"]["session-45"]["handouts"][1].pop("copies"),
        r"data/sessions\.yml, line \d+: sessions\.session-45\.handouts\[1\]\.copies: required key is missing",
    ),
    "timings that do not add up": (
        "sessions.yml",
        lambda d: d["sessions"]["session-45"]["activities"][0].update(
            minutes=d["sessions"]["session-45"]["activities"][0]["minutes"] + 1
        ),
        r"data/sessions\.yml, line \d+: sessions\.session-45: the activities' minutes and the slack add up to "
        r"\d+; expected \d+",
    ),
    "session without its scope note": (
        "sessions.yml",
        lambda d: d["sessions"]["session-20"].pop("scope"),
        r"data/sessions\.yml, line \d+: sessions\.session-20\.scope: required key is missing",
    ),
    "card naming an unknown reporting route": (
        "scenarios.yml",
        lambda d: d["scenarios"][1].update(report=["no-such-service"]),
        r"data/scenarios\.yml, line \d+: scenarios\[1\]\.report\[0\]: unknown organisation 'no-such-service'; "
        r"expected an id of data/help\.yml",
    ),
    "safeguarding without the staff and student routes": (
        "safeguarding.yml",
        lambda d: d.pop("routes"),
        r"data/safeguarding\.yml, line \d+: routes: required key is missing",
    ),
    "parent letter without its blanks for the school": (
        "parent_letter.yml",
        lambda d: d.update(fields=[]),
        r"data/parent_letter\.yml, line \d+: fields: .*at least 1",
    ),
    "scenario without questions": (
        "scenarios.yml",
        lambda d: d["scenarios"][2].pop("questions"),
        r"data/scenarios\.yml, line \d+: scenarios\[2\]\.questions: required key is missing",
    ),
    "too few scenarios": (
        "scenarios.yml",
        lambda d: d.update(scenarios=d["scenarios"][:7]),
        r"data/scenarios\.yml, line \d+: scenarios: .*at least 8",
    ),
    "scenario linking a missing page": (
        "scenarios.yml",
        lambda d: d["scenarios"][0].update(page="no-such-page.md"),
        r"data/scenarios\.yml, line \d+: scenarios\[0\]\.page: no page docs/no-such-page\.md",
    ),
    "parent letter without a section title": (
        "parent_letter.yml",
        lambda d: d["sections"][1].pop("title"),
        r"data/parent_letter\.yml, line \d+: sections\[1\]\.title: required key is missing",
    ),
    "help box without its line for the local service": (
        "help_box.yml",
        lambda d: d.pop("local"),
        r"data/help_box\.yml, line \d+: local: required key is missing",
    ),
    "help box typing a number (numbers belong in data/help.yml)": (
        "help_box.yml",
        lambda d: d.update(services=[{"name": "A line", "contact": "Call 0100 123 987"}]),
        r"data/help_box\.yml, line \d+: services: unknown key \(a typo\?\)",
    ),
    "safeguarding without the disclosure steps": (
        "safeguarding.yml",
        lambda d: d["disclosure"].pop("steps"),
        r"data/safeguarding\.yml, line \d+: disclosure\.steps: required key is missing",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_broken_kit_data_stops_the_build(project_copy, tmp_path, case):
    name, change, pattern = CASES[case]
    edit(project_copy, name, change)
    fails_with(project_copy, tmp_path, pattern)


def test_unknown_session_in_a_page_stops_the_build(project_copy, tmp_path):
    page = project_copy / "docs" / "educators" / "session-20.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace('session_plan("session-20")', 'session_plan("session-99")'),
        encoding="utf-8",
    )
    fails_with(
        project_copy,
        tmp_path,
        r"docs/educators/session-20\.md, line \d+: unknown session 'session-99'; "
        r"expected one of: session-20, session-45 \(data/sessions\.yml\)",
    )


def test_kit_text_is_text(project_copy, tmp_path):
    """Markup in the kit's data is refused with file, line and key; ampersands and quotes show as text."""
    edit(project_copy, "scenarios.yml", lambda d: d["scenarios"][0].update(story="<script>alert(1)</script> & co"))
    fails_with(
        project_copy,
        tmp_path,
        r"data/scenarios\.yml, line \d+: scenarios\[0\]\.story: contains markup "
        r"'<script'; expected plain text",
    )
    edit(project_copy, "scenarios.yml", lambda d: d["scenarios"][0].update(story='Sam & "Jo" said: Q&A'))
    build = build_site(project_copy, tmp_path / "site2")
    assert build.returncode == 0, build.output
    html = (build.site / "educators" / "scenario-cards" / "index.html").read_text(encoding="utf-8")
    story = re.search(r'class="?gc-card__story"?>(.*?)</p>', html).group(1)
    assert html_module.unescape(story) == 'Sam & "Jo" said: Q&A'


def test_educators_page_links_every_pdf_in_one_click(site_build):
    """From the educators page, each sheet's PDF (A4 and Letter) is one link away, with its sheet count."""
    from conftest import ROOT
    from scripts import handouts

    html = (site_build.site / "educators" / "index.html").read_text(encoding="utf-8")
    for sheet in handouts.handouts(ROOT / "docs"):
        for size in ("a4", "letter"):
            assert re.search(rf'href="?\.\./handouts/{re.escape(sheet["pdf"])}-{size}\.pdf', html), (sheet["pdf"], size)
    rows = re.findall(r"<tr><th scope=\"?row\"?>.*?</tr>", html, re.S)
    assert len(rows) == len(handouts.handouts(ROOT / "docs")) >= 11
    assert all(re.search(r"<td>\d+</td>", row) for row in rows)
    # The ground rules say honestly what cannot stay in the room; the disclosure steps are all there.
    text = re.sub(r"<[^>]+>", " ", html)
    assert "must pass it on" in text and "Do not promise to keep it secret" in text
    assert "Keep it in the room" not in text


def test_a_help_service_answering_in_a_language_with_no_name_stops_the_build(project_copy, tmp_path):
    """A new language is data: its name goes in the strings file, and a service naming a language the strings
    file cannot name stops the build at that service's line."""
    edit(project_copy, "help.yml", lambda d: d["regions"][1]["organisations"][0]["languages"].append("fr"))
    fails_with(
        project_copy,
        tmp_path,
        r"data/help\.yml, line \d+: regions\[1\]\.organisations\[0\]\.languages\[\d\]: no name for the language "
        r"'fr'; expected it under languages: names: in strings\.yml",
    )
    strings = project_copy / "data" / "strings.yml"
    strings.write_text(strings.read_text(encoding="utf-8").replace('es: "Spanish"', 'es: "Spanish", fr: "French"'))
    assert build_site(project_copy, tmp_path / "site2").returncode == 0
