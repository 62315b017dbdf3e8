"""The bad-input matrix: break one thing in a copy of the project, build it, read what the build says.

Each failing case stops the strict build with a message that names the file and the key path or line,
and what was expected. Each "renders safely" case builds cleanly and shows the text as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown.extensions.toc import slugify
from test_macros import dump, parse, shown

from conftest import build_site, read_config
from sitebuild.frontmatter import read_front_matter
from sitebuild.recipe import WHOLE_GUIDE

MARKER = "GC-MARKER-VALUE"
PAGE = "about.md"  # the page that gets broken in the page cases


# ---------------------------------------------------------------------------------------------
# Breaking things
# ---------------------------------------------------------------------------------------------


def read(project: Path, name: str) -> Any:
    """A data file of the copy, as plain Python data."""
    return yaml.safe_load((project / "data" / name).read_text(encoding="utf-8"))


def write(project: Path, name: str, data: Any) -> str:
    """Write data back as readable YAML; return the text."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    (project / "data" / name).write_text(text, encoding="utf-8")
    return text


def get_at(data: Any, path: tuple) -> Any:
    """The value at a key path."""
    for part in path:
        data = data[part]
    return data


def put_raw(project: Path, name: str, path: tuple, raw: str) -> int:
    """Write `raw` YAML source as the value at `path`; return the line it is on."""
    data = read(project, name)
    get_at(data, path[:-1])[path[-1]] = MARKER
    text = write(project, name, data)
    assert text.count(MARKER) == 1
    line = text[: text.index(MARKER)].count("\n") + 1
    (project / "data" / name).write_text(text.replace(MARKER, raw), encoding="utf-8")
    return line


def put(project: Path, name: str, path: tuple, value: Any) -> None:
    """Set the value at `path` (any text, written in double quotes so every character survives)."""
    data = read(project, name)
    get_at(data, path[:-1])[path[-1]] = value
    (project / "data" / name).write_text(dump(data), encoding="utf-8")


def line_with(project: Path, name: str, needle: str) -> int:
    """The line of a data file that holds `needle` (there must be exactly one)."""
    lines = [n for n, text in enumerate((project / "data" / name).open(encoding="utf-8"), 1) if needle in text]
    assert len(lines) == 1, (needle, lines)
    return lines[0]


def append(project: Path, page: str, text: str) -> None:
    """Add Markdown to the end of a page."""
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8") + f"\n\n{text}\n", encoding="utf-8")


def linked_action(project: Path) -> int:
    """The index of the first action with a link in the enmeshment checklist."""
    actions = read(project, "checklists.yml")["checklists"]["enmeshment"]["actions"]
    return next(i for i, action in enumerate(actions) if "link" in action)


def phoned_org(project: Path) -> tuple:
    """The key path of the first organisation with a phone number."""
    return next(
        ("regions", r, "organisations", o)
        for r, region in enumerate(read(project, "help.yml")["regions"])
        for o, org in enumerate(region["organisations"])
        if "phone" in org
    )


def key(path: tuple) -> str:
    """A key path as the build names it: regions[1].organisations[0]."""
    return "".join(f"[{part}]" if isinstance(part, int) else (f".{part}" if i else part) for i, part in enumerate(path))


# ---------------------------------------------------------------------------------------------
# Cases that must stop the build
# ---------------------------------------------------------------------------------------------

FAILING: list[tuple[str, Callable[[Path], list[str]]]] = []


def failing(case_id: str):
    """Register a case: a function that breaks the project and returns what the output must say."""

    def register(function):
        FAILING.append((case_id, function))
        return function

    return register


@failing("malformed-yaml-unquoted-colon-in-text")
def _(project):
    line = put_raw(project, "house.yml", ("intro",), "Think of yourself: a home")
    return [f"data/house.yml, line {line}: malformed YAML: mapping values are not allowed"]


@failing("malformed-yaml-unclosed-quote")
def _(project):
    line = put_raw(project, "ways.yml", ("title",), '"Eleven ways to be close')
    end = len((project / "data" / "ways.yml").read_text().splitlines()) + 1
    return [
        f"data/ways.yml, line {end}: malformed YAML: found unexpected end of stream "
        f"(while scanning a quoted scalar on line {line})"
    ]


@failing("malformed-yaml-bad-indentation")
def _(project):
    text = write(project, "repair.yml", read(project, "repair.yml")).replace("\nclosing:", "\n   closing:")
    (project / "data" / "repair.yml").write_text(text)
    return [f"data/repair.yml, line {line_with(project, 'repair.yml', '   closing:')}: malformed YAML: "]


@failing("data-file-missing")
def _(project):
    (project / "data" / "repair.yml").unlink()
    return ["data/repair.yml: file not found; expected a YAML file for Repair"]


@failing("data-file-empty")
def _(project):
    (project / "data" / "ways.yml").write_text("# Ways to be close: to be written.\n")
    return ["data/ways.yml: file is empty; expected keys title, intro, ways"]


@failing("data-file-is-a-list-not-a-mapping")
def _(project):
    (project / "data" / "figures.yml").write_text("- space-between\n")
    return ["data/figures.yml, line 1: expected a mapping with keys figures"]


@failing("required-key-missing")
def _(project):
    data = read(project, "house.yml")
    room = data["rooms"][1]
    del room["who"]
    write(project, "house.yml", data)
    line = line_with(project, "house.yml", f"- id: {room['id']}")
    return [f"data/house.yml, line {line}: rooms[1].who: required key is missing"]


@failing("unknown-key-typo-titel")
def _(project):
    data = read(project, "checklists.yml")
    checklist = data["checklists"]["enmeshment"]
    data["checklists"]["enmeshment"] = {("titel" if k == "title" else k): v for k, v in checklist.items()}
    write(project, "checklists.yml", data)
    line = line_with(project, "checklists.yml", "titel:")
    return [
        f"data/checklists.yml, line {line}: checklists.enmeshment.titel: unknown key 'titel'; expected 'title' "
        "(a required key, missing)"
    ]


@failing("wrong-type-text-for-a-number")
def _(project):
    line = put_raw(project, "house.yml", ("rooms", 0, "plan", "width"), '"wide"')
    return [f"data/house.yml, line {line}: rooms[0].plan.width: expected a whole number, got 'wide'"]


@failing("wrong-type-text-for-a-list")
def _(project):
    line = put_raw(project, "healthy_signs.yml", ("signs",), '"Only one sign"')
    return [
        f"data/healthy_signs.yml, line {line}: signs: expected a list (one '- ' line per item), got 'Only one sign'"
    ]


@failing("wrong-type-list-for-text")
def _(project):
    line = put_raw(project, "repair.yml", ("closing",), "[one, two]")
    return [f"data/repair.yml, line {line}: closing: expected text, got a list"]


@failing("wrong-type-text-for-keys-and-values")
def _(project):
    line = put_raw(project, "house.yml", ("rooms", 0, "plan"), '"top left"')
    return [f"data/house.yml, line {line}: rooms[0].plan: expected keys and values, got 'top left'"]


@failing("empty-text")
def _(project):
    line = put_raw(project, "repair.yml", ("title",), '""')
    return [f"data/repair.yml, line {line}: title: expected some text, got ''"]


@failing("yaml-1.1-unquoted-no")
def _(project):
    line = put_raw(project, "help.yml", ("regions", 0, "name"), "no")
    return [
        f"data/help.yml, line {line}: regions[0].name: "
        "expected text, got the yes/no value false: put the text in quotes"
    ]


@failing("yaml-1.1-unquoted-yes")
def _(project):
    line = put_raw(project, "checklists.yml", ("checklists", "enmeshment", "signs", 0), "yes")
    return [
        f"data/checklists.yml, line {line}: checklists.enmeshment.signs[0]: "
        "expected text, got the yes/no value true: put the text in quotes"
    ]


@failing("yaml-1.1-unquoted-on")
def _(project):
    line = put_raw(project, "ways.yml", ("ways", 0, "title"), "on")
    return [
        f"data/ways.yml, line {line}: ways[0].title: expected text, got the yes/no value true: put the text in quotes"
    ]


@failing("yaml-1.1-date-in-text")
def _(project):
    line = put_raw(project, "repair.yml", ("closing",), "2024-05-01")
    return [
        f"data/repair.yml, line {line}: closing: "
        "expected text, got date datetime.date(2024, 5, 1): put the text in quotes"
    ]


@failing("yaml-1.1-number-in-text")
def _(project):
    line = put_raw(project, "help.yml", (*phoned_org(project), "phone"), "12345")
    return [
        f"data/help.yml, line {line}: {key(phoned_org(project))}.phone: "
        "expected text, got int 12345: put the text in quotes"
    ]


@failing("yaml-1.1-base-60-number-in-text")
def _(project):
    line = put_raw(project, "stretching.yml", ("steps", 0, "title"), "12:30")
    return [f"data/stretching.yml, line {line}: steps[0].title: expected text, got int 750: put the text in quotes"]


@failing("yaml-1.1-octal-number-in-text")
def _(project):
    line = put_raw(project, "help.yml", (*phoned_org(project), "phone"), "0777")
    return [
        f"data/help.yml, line {line}: {key(phoned_org(project))}.phone: "
        "expected text, got int 511: put the text in quotes"
    ]


@failing("region-checked-not-a-month")
def _(project):
    line = put_raw(project, "help.yml", ("regions", 0, "checked"), '"soon"')
    return [
        f"data/help.yml, line {line}: regions[0].checked: expected the month it was checked, such as '2026-11', "
        "got 'soon'"
    ]


@failing("region-without-checked-month")
def _(project):
    data = read(project, "help.yml")
    del data["regions"][1]["checked"]
    write(project, "help.yml", data)
    line = line_with(project, "help.yml", f"- id: {data['regions'][1]['id']}")
    return [f"data/help.yml, line {line}: regions[1].checked: required key is missing"]


@failing("phone-number-with-words")
def _(project):
    where = phoned_org(project)
    phone = read(project, "help.yml")[where[0]][where[1]][where[2]][where[3]]["phone"]
    line = put_raw(project, "help.yml", (*where, "phone"), f'"Call {phone}"')
    return [
        f"data/help.yml, line {line}: {key(where)}.phone: expected a number of digits with single "
        f"spaces or hyphens, such as '0800 123 456' or '+44 800 123 456', got 'Call {phone}'"
    ]


@failing("text-keyword-of-two-words")
def _(project):
    data = read(project, "help.yml")
    path = next(
        ("regions", r, "organisations", o)
        for r, region in enumerate(data["regions"])
        for o, org in enumerate(region["organisations"])
        if org.get("sms", {}).get("keyword")
    )
    line = put_raw(project, "help.yml", (*path, "sms", "keyword"), '"TEXT ME"')
    return [
        f"data/help.yml, line {line}: {key(path)}.sms.keyword: expected one word of letters and digits, "
        "such as 'SHOUT', got 'TEXT ME'"
    ]


@failing("duplicate-organisation-id")
def _(project):
    data = read(project, "help.yml")
    first = data["regions"][0]["organisations"][0]["id"]
    data["regions"][2]["organisations"][0]["id"] = first
    write(project, "help.yml", data)
    lines = [
        n
        for n, text in enumerate((project / "data" / "help.yml").open(encoding="utf-8"), 1)
        if text.strip() == f"- id: {first}"
    ]
    return [
        f"data/help.yml, line {lines[1]}: regions[2].organisations[0].id: duplicate organisation id '{first}' "
        "(regions[0].organisations[0] has it too)"
    ]


@failing("duplicate-key")
def _(project):
    path = project / "data" / "stretching.yml"
    path.write_text(path.read_text().rstrip("\n") + '\ntitle: "Stretching, again"\n')
    first = next(n for n, text in enumerate(path.open(), 1) if text.startswith("title:"))
    last = len(path.read_text().splitlines())
    return [f"data/stretching.yml, line {last}: malformed YAML: duplicate key 'title' (first on line {first})"]


@failing("duplicate-room-id")
def _(project):
    data = read(project, "house.yml")
    twin = data["rooms"][0]["id"]
    data["rooms"][1]["id"] = twin
    write(project, "house.yml", data)
    second = [n for n, text in enumerate((project / "data" / "house.yml").open(), 1) if f"id: {twin}" in text][1]
    return [f"data/house.yml, line {second}: rooms[1].id: duplicate room id '{twin}' (item [0] has it too)"]


@failing("id-not-a-slug")
def _(project):
    line = put_raw(project, "ways.yml", ("ways", 0, "id"), '"Touch me"')
    return [
        f"data/ways.yml, line {line}: ways[0].id: expected an id of lowercase letters, digits and single "
        "hyphens, such as 'living-room', got 'Touch me'"
    ]


@failing("invisible-bidi-override-in-text")
def _(project):
    line = put_raw(project, "reflect.yml", ("sets", "house", "questions", 0), '"Who \\u202Eknows you?"')
    return [
        f"data/reflect.yml, line {line}: sets.house.questions[0]: contains the hidden character U+202E "
        "(RIGHT-TO-LEFT OVERRIDE); expected plain text"
    ]


def _point_link(project: Path, page: str) -> tuple[int, str]:
    """Point the first linked action of the enmeshment checklist at `page`; return its line and key path."""
    action = linked_action(project)
    line = put_raw(
        project, "checklists.yml", ("checklists", "enmeshment", "actions", action, "link", "page"), f'"{page}"'
    )
    return line, f"checklists.enmeshment.actions[{action}].link.page"


@failing("link-page-javascript-url")
def _(project):
    line, key = _point_link(project, "javascript:alert(1)")
    return [
        f"data/checklists.yml, line {line}: {key}: expected a docs page such as 'get-help.md' or "
        "'get-help.md#anchor' (no web addresses), got 'javascript:alert(1)'"
    ]


@failing("link-page-data-url")
def _(project):
    line, key = _point_link(project, "data:text/html,<script>alert(1)</script>")
    return [
        f"data/checklists.yml, line {line}: {key}: expected a docs page such as 'get-help.md' or "
        "'get-help.md#anchor' (no web addresses), got 'data:text/html,<script>alert(1)</script>'"
    ]


@failing("link-page-web-address")
def _(project):
    line, key = _point_link(project, "https://example.org/")
    return [f"data/checklists.yml, line {line}: {key}: expected a docs page", "got 'https://example.org/'"]


@failing("link-page-missing")
def _(project):
    line, key = _point_link(project, "no-such-page.md")
    return [f"data/checklists.yml, line {line}: {key}: no page docs/no-such-page.md (link text '"]


@failing("link-page-anchor-missing")
def _(project):
    line, key = _point_link(project, "get-help.md#no-such-anchor")
    return [f"data/checklists.yml, line {line}: {key}: no anchor #no-such-anchor on docs/get-help.md (link text '"]


@failing("organisation-url-javascript")
def _(project):
    line = put_raw(project, "help.yml", ("regions", 0, "organisations", 0, "url"), '"javascript:alert(1)"')
    return [
        f"data/help.yml, line {line}: regions[0].organisations[0].url: expected a web address starting with https://, "
        "got 'javascript:alert(1)'"
    ]


@failing("organisation-url-plain-http")
def _(project):
    line = put_raw(project, "help.yml", ("regions", 0, "organisations", 0, "url"), '"http://example.org"')
    return [
        f"data/help.yml, line {line}: regions[0].organisations[0].url: expected a web address starting with https://"
    ]


@failing("reflect-set-for-a-page-not-in-the-nav")
def _(project):
    data = read(project, "reflect.yml")
    data["sets"] = {("harmm" if k == "harm" else k): v for k, v in data["sets"].items()}
    write(project, "reflect.yml", data)
    line = line_with(project, "reflect.yml", "harmm:")
    return [f"data/reflect.yml, line {line}: sets.harmm: no page harmm.md in the nav"]


@failing("figure-without-a-drawing")
def _(project):
    data = read(project, "figures.yml")
    data["figures"]["no-drawing"] = next(iter(data["figures"].values()))
    write(project, "figures.yml", data)
    line = line_with(project, "figures.yml", "no-drawing:")
    return [f"data/figures.yml, line {line}: figures.no-drawing: no drawing overrides/callouts/figures/no-drawing.html"]


@failing("glossary-line-malformed")
def _(project):
    path = project / "data" / "glossary.md"
    path.write_text(path.read_text().rstrip("\n") + "\n[oops] no star, no colon\n")
    line = len(path.read_text().splitlines())
    return [f"data/glossary.md, line {line}: expected '*[term]: definition', got '[oops] no star, no colon'"]


@failing("glossary-duplicate-term")
def _(project):
    path = project / "data" / "glossary.md"
    first = path.read_text().splitlines()[0]
    path.write_text(path.read_text().rstrip("\n") + f"\n{first}\n")
    term = first[2 : first.index("]")].split("|")[0].strip()  # the term, before its other word forms
    return [f"data/glossary.md, line {len(path.read_text().splitlines())}: duplicate term '{term}' (first on line 1)"]


@failing("glossary-term-defined-differently")
def _(project):
    path = project / "data" / "glossary.md"
    first = path.read_text().splitlines()[0]
    term = first[2 : first.index("]")].split("|")[0].strip().upper()
    path.write_text(path.read_text().rstrip("\n") + f"\n*[{term}]: Something else entirely.\n")
    return [f"data/glossary.md, line {len(path.read_text().splitlines())}: '{term}' is defined differently on line 1"]


def _page_case(case_id: str, markdown: str, *expected: str) -> None:
    """Register a case that adds Markdown to the end of the page and expects these texts ({where} is the
    page and the line the Markdown's last line landed on, front matter counted)."""

    def breaks(project):
        append(project, PAGE, markdown)
        line = len((project / "docs" / PAGE).read_text(encoding="utf-8").rstrip("\n").split("\n"))
        return [
            text.format(
                where=f"docs/{PAGE}, line {line}",
                page=PAGE,
                checklists=", ".join(sorted(read(project, "checklists.yml")["checklists"])),
                rooms=", ".join(sorted(r["id"] for r in read(project, "house.yml")["rooms"])),
            )
            for text in expected
        ]

    FAILING.append((case_id, breaks))


MACROS = "content_note, discussion_questions, "  # and the rest, in order
# Page text that would run code in the build: only callouts with plain values and settings are allowed.
_page_case(
    "template-arithmetic", "Sum {{ 7*7 }}", "{where}: this {{{{ }}}} is not allowed in a page; expected a callout"
)
_page_case(
    "template-reaches-python",
    "{{ lipsum.__globals__['os'].getcwd() }}",
    "{where}: this {{{{ }}}} is not allowed in a page; expected a callout",
)
_page_case(
    "template-changes-the-config",
    "{% set _ = config.extra.update({'exit_url': 'http://evil.example/'}) %}",
    "{where}: this {{% %}} statement is not allowed in a page; expected a callout",
)
_page_case(
    "template-private-attribute",
    "{{ config.extra.__class__ }}",
    "{where}: this {{{{ }}}} is not allowed in a page; expected a callout",
)

# Page text dressed as the site's own controls, or opening a window that keeps this tab.
_page_case(
    "site-class-in-a-page",
    "[Continue](https://example.org/){: .gc-exit-cover }",
    "{where}: the site's own class gc-exit-cover is not allowed in a page",
)
_page_case(
    "site-attribute-in-a-page",
    "[Exit this page](https://example.org/){: data-gc-exit }",
    "{where}: the site's own attribute data-gc-exit is not allowed in a page",
)
_page_case(
    "new-window-link",
    '[Call now](https://example.org/){: target="_blank" }',
    "{where}: a target= attribute is not allowed",
)


@failing("page-title-with-markup")
def _(project):
    path = project / "docs" / PAGE
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: <b>Bold</b> ", 1), encoding="utf-8")
    return [f"docs/{PAGE}, line 2: front matter title contains markup '<b'; expected plain text"]


_page_case(
    "unknown-checklist-id",
    '{{ warning_signs("enmeshmnet") }}',
    "{where}: unknown checklist 'enmeshmnet'; expected one of: {checklists} (data/checklists.yml)",
)
_page_case(
    "unknown-room",
    '{{ house(room="attic") }}',
    "{where}: unknown room 'attic'; expected one of: {rooms} (data/house.yml)",
)
_page_case(
    "unknown-reflect-set",
    '{{ reflect("no-such-page") }}',
    "{where}: unknown reflect set 'no-such-page'; expected one of: ",
)
_page_case(
    "macro-argument-wrong-type", "{{ warning_signs(3) }}", "{where}: checklist must be text in quotes, got int 3"
)
_page_case(
    "macro-flag-not-true-or-false",
    '{{ get_help(full="yes") }}',
    "{where}: get_help(full=...) must be True or False, got 'yes'",
)
_page_case(
    "macro-missing-argument",
    "{{ warning_signs() }}",
    "{where}: warning_signs(): missing a required argument: 'checklist'; expected warning_signs(checklist)",
)
_page_case(
    "macro-too-many-arguments",
    '{{ reflect("harm", "again") }}',
    "{where}: reflect(): too many positional arguments; expected reflect(page)",
)
_page_case(
    "macro-unknown-keyword",
    '{{ house(rom="bedroom") }}',
    "{where}: house(): got an unexpected keyword argument 'rom'; expected house(room=None, worksheet=False)",
)
_page_case(
    "unknown-macro-name",
    '{{ warning_sign("enmeshment") }}',
    "{where}: unknown macro or variable 'warning_sign'; expected one of: " + MACROS,
)
_page_case(
    "undefined-variable-in-page",
    "{{ nosuchthing }}",
    "{where}: unknown macro or variable 'nosuchthing'; expected one of: ",
)
_page_case(
    "template-syntax-error-in-page",
    "{% if %}",
    "{where}: broken macro call: Expected an expression, got 'end of statement block'",
)
_page_case(
    "markdown-link-to-missing-page",
    "[More](no-such-page.md)",
    "{where}: link 'no-such-page.md': the target is not found among documentation files",
)
_page_case(
    "markdown-link-to-missing-anchor",
    "[More](house.md#no-such-anchor)",
    "{where}: link 'house.md#no-such-anchor': the doc 'house.md' does not contain an anchor '#no-such-anchor'",
)
_page_case(
    "raw-html-link-to-missing-page",
    '<p><a href="../no-such-page/">More</a></p>',
    "{where}: link '../no-such-page/' points to a missing file (no-such-page/index.html)",
)
_page_case(
    "raw-html-link-to-missing-anchor",
    '<p><a href="../house/#no-such-anchor">More</a></p>',
    "{where}: link '../house/#no-such-anchor' points to a missing anchor #no-such-anchor in house/index.html",
)

_page_case(
    "macro-call-in-an-indented-code-block",
    "Text.\n\n    {{ get_help() }}",
    "docs/{page}: a callout could not be placed (its macro call is inside a code block, an indented block "
    "or inline code?); expected each macro call on a line of its own",
)
_page_case("macro-call-in-inline-code", "Text `{{ get_help() }}` text.", "docs/{page}: a callout could not be placed")


@failing("page-out-of-the-nav")
def _(project):
    (project / "docs" / "stray.md").write_text("---\ntitle: Stray\n---\n\n# Stray\n\nText.\n")
    line = nav_line(project)
    return [
        f"mkdocs.yml, line {line}: docs/stray.md is not in the nav; expected a line such as '- Title: stray.md' "
        "under nav:"
    ]


def nav_line(project: Path) -> int:
    """The line of the copy's mkdocs.yml that opens the nav."""
    return next(n for n, text in enumerate((project / "mkdocs.yml").open(), 1) if text.startswith("nav:"))


@failing("chapter-dropped-from-the-nav")
def _(project):
    config = project / "mkdocs.yml"
    lines = config.read_text().split("\n")
    nav = read_config(config)["nav"]
    chapter = next(page for item in nav for page in item.values() if page in read_assembled(project))
    config.write_text("\n".join(line for line in lines if not line.rstrip().endswith(f": {chapter}")))
    return [
        f"mkdocs.yml, line {nav_line(project)}: docs/{chapter} is not in the nav; expected a line such as "
        f"'- Title: {chapter}' under nav:"
    ]


@failing("chapter-without-its-summary")
def _(project):
    chapter = read_assembled(project)[0]
    path = project / "docs" / chapter
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("**In short:**", "In short:", 1), encoding="utf-8")
    line = next(n for n, line in enumerate(path.open(encoding="utf-8"), 1) if line.startswith("In short:"))
    return [
        f"docs/{chapter}, line {line}: the page does not open with its summary; expected a first paragraph "
        "starting '**In short:**'"
    ]


def read_assembled(project: Path) -> list[str]:
    """The chapters the copy's whole guide assembles, in order."""
    return read_front_matter((project / "docs" / WHOLE_GUIDE).read_text(encoding="utf-8"))["assemble"]


@failing("nav-names-a-missing-page")
def _(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - About: about.md", "  - About: about.md\n  - Gone: gone.md"))
    line = next(n for n, text in enumerate(config.open(), 1) if "gone.md" in text)
    return [f"mkdocs.yml, line {line}: the nav names 'gone.md', which is not in docs/; expected a file docs/gone.md"]


@failing("empty-page")
def _(project):
    (project / "docs" / PAGE).write_text("")
    return [f"docs/{PAGE}: the page is empty; expected a '# Title' line and some text"]


@failing("page-with-front-matter-only")
def _(project):
    (project / "docs" / PAGE).write_text("---\ntitle: About\n---\n\n")
    return [f"docs/{PAGE}: the page is empty; expected a '# Title' line and some text"]


@failing("page-front-matter-malformed")
def _(project):
    (project / "docs" / PAGE).write_text("---\ntitle: About\ndescription: [Who we are\n---\n\n# About\n\nText.\n")
    return [
        f"docs/{PAGE}, line 4: malformed front matter: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence on line 3)"
    ]


@failing("page-front-matter-not-a-mapping")
def _(project):
    (project / "docs" / PAGE).write_text("---\nAbout us\n---\n\n# About\n\nText.\n")
    return [f"docs/{PAGE}, line 2: front matter must be 'key: value' lines, got 'About us'"]


@pytest.mark.parametrize("case", [case for _, case in FAILING], ids=[case_id for case_id, _ in FAILING])
def test_bad_input_stops_the_build_and_says_where(project_copy, tmp_path, case):
    expected = case(project_copy)
    build = build_site(project_copy, tmp_path / "site")
    assert build.returncode == 1, build.output  # the same status for every mistake an editor can make
    said = mistakes(build.output)
    for text in expected:  # each mistake said once, on a line of its own
        assert sum(text in line for line in said) == 1, f"expected {text!r} once in:\n" + "\n".join(said)
    for line in said:  # and nothing else: no traceback, no decoration, no second report
        assert any(text in line for text in expected), f"unexpected line {line!r} in:\n" + "\n".join(said)


def mistakes(output: str) -> list[str]:
    """What a build said beyond its progress: its warning and error lines, without the log prefix."""
    lines = []
    for line in output.splitlines():
        if not line.strip() or line.startswith("INFO") or line.startswith("Aborted with"):
            continue
        lines.append(re.sub(r"^(?:ERROR|WARNING) +-  ", "", line))
    return lines


# ---------------------------------------------------------------------------------------------
# Cases that must build and show the text as text
# ---------------------------------------------------------------------------------------------


@dataclass
class Safe:
    """Text put into one data field, and where it must show up: a built page and the element's id."""

    name: str
    path: tuple
    text: str
    page: str
    element: str  # id of the callout element the text lands in


SAFE = {
    "quote-and-onerror-in-an-aria-label": Safe(
        "stretching.yml",
        ("steps", 0, "title"),
        '" onerror="alert(1)" x="',
        "building-together/index.html",
        "gc-stretching",
    ),
    "javascript-and-data-urls-as-text": Safe(
        "ways.yml",
        ("ways", 0, "text"),
        "javascript:alert(1) data:text/html;base64,PHNjcmlwdD4=",
        "ways-to-be-close/index.html",
        "gc-ways",
    ),
    "jinja-expression-in-data": Safe(
        "repair.yml", ("closing",), "{{ 7*7 }}", "limits-and-repair/index.html", "gc-repair"
    ),
    "jinja-statement-in-data": Safe(
        "house.yml", ("rooms", 0, "note"), "{% if true %}shown{% endif %} {% raw %}", "house/index.html", "gc-house"
    ),
    "markdown-breaking-characters-in-data": Safe(
        "healthy_signs.yml",
        ("signs", 0),
        "| a | b |\n|---|---|\n`code` *em* **strong** _u_ [link](index.md) # no",
        "harm/index.html",
        "gc-healthy-signs",
    ),
    # (Snippet lines, --8<--, hold a "<": data refuses them as markup, see test_safety_input.py.)
    "markdown-fence-lines-in-data": Safe(
        "reflect.yml",
        ("sets", "house", "questions", 0),
        "Start\n```\nfenced\n```\n~~~\nhouse.yml\n~~~\n    indented",
        "house/index.html",
        "gc-reflect",
    ),
    "lone-ampersands-in-data": Safe(
        "ways.yml", ("intro",), "Q&A & R&D &copy & &amp", "ways-to-be-close/index.html", "gc-ways"
    ),
    # (Zero-width and direction marks are refused as hidden characters, see test_safety_input.py.)
    "right-to-left-and-combining-unicode": Safe(
        "content_notes.yml",
        ("notes", "exploitation-and-abuse", "support"),
        "مرحبا بالعالم שלום Cafe\u0301 👩 🏳️ \u05e9\u05dc\u05d5\u05dd",
        "harm/index.html",
        "gc-content-note",
    ),
    "a-5000-character-word": Safe(
        "stretching.yml", ("lesson",), "Closeness" * 555 + "Close", "building-together/index.html", "gc-stretching"
    ),
}


def collapsed(text: str) -> str:
    """Text with runs of HTML whitespace as one space, as a browser shows it (and the minifier writes it)."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


def nothing_runs(tree) -> None:
    """No script with our text, no event handler, no link or embed that runs code or opens a data document."""
    for element in tree.iter():
        assert not (element.tag == "script" and "alert" in element.text()), "a data <script> reached the page"
        for name, value in element.attr_list:
            value = (value or "").strip().lower()
            assert not name.startswith("on"), f"event handler attribute {name}={value!r}"
            assert not value.startswith("javascript:"), f"{name}={value!r}"
            if element.tag in ("a", "area", "iframe", "script", "object", "embed", "form"):
                assert not value.startswith("data:"), f"<{element.tag} {name}={value!r}>"


@pytest.mark.parametrize("case", list(SAFE.values()), ids=list(SAFE))
def test_nasty_text_in_data_renders_safely(project_copy, tmp_path, case):
    put(project_copy, case.name, case.path, case.text)
    build = build_site(project_copy, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert not re.search(r"^(WARNING|ERROR)", build.output, re.M), build.output
    html = (build.site / case.page).read_text(encoding="utf-8")
    tree = parse(html, strict=False)
    (callout,) = [el for el in tree.iter() if el.attrs.get("id") == case.element]
    texts = [collapsed(s) for el in callout.iter() for s in [el.text(), *(v for _, v in el.attr_list if v)]]
    assert any(collapsed(shown(case.text)) in text for text in texts), "the text is not shown whole, as text"
    raw = collapsed(shown(case.text))
    if any(c in raw for c in "<>&"):  # escaped: present as text above, absent as raw markup here
        assert raw not in collapsed(html), "the text reached the HTML unescaped"
    nothing_runs(tree)
    assert "49" not in callout.text()


def test_a_data_link_to_an_existing_anchor_builds(project_copy, tmp_path):
    heading = next(line for line in (project_copy / "docs" / "get-help.md").open() if line.startswith("## "))
    anchor = slugify(heading[3:].strip(), "-")  # the toc extension's default, which mkdocs.yml keeps
    _point_link(project_copy, f"get-help.md#{anchor}")
    build = build_site(project_copy, tmp_path / "site")
    assert build.returncode == 0, build.output
    page = parse((build.site / "unhealthy" / "index.html").read_text(encoding="utf-8"), strict=False)
    assert f"../get-help/#{anchor}" in [a.attrs.get("href") for a in page.find_all("a")]
