"""No data file can produce markup, and Exit can only lead to an https:// page: each bad case stops the build
with one message naming the file and the line or key; a lone "&" is plain text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from test_bad_input import put_raw

from conftest import build_site

INJECTIONS = {
    "img-onerror": ("<img src=x onerror=alert(1)>", "<img"),
    "meta-refresh": ('<meta http-equiv=refresh content="0;url=https://example.org">', "<meta"),
    "escaped-bold": ("&lt;b&gt;bold&lt;/b&gt;", "&lt;"),
}


def add_glossary_line(project: Path, line: str) -> int:
    """Append one line to data/glossary.md; return its number."""
    path = project / "data" / "glossary.md"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.splitlines())


def failed_with(build, message: str) -> None:
    """The build stopped and said exactly this, once."""
    assert build.returncode != 0, build.output[-2000:]
    assert build.output.count(message) == 1, f"expected {message!r} in:\n{build.output[-3000:]}"


@pytest.mark.parametrize("text, shown", list(INJECTIONS.values()), ids=list(INJECTIONS))
def test_markup_in_a_glossary_definition_stops_the_build(project_copy, tmp_path, text, shown):
    number = add_glossary_line(project_copy, f"*[zanzibar]: A word with {text} in it.")
    build = build_site(project_copy, tmp_path / "site")
    failed_with(build, f"data/glossary.md, line {number}: definition contains markup '{shown}'; expected plain text")
    print(
        f"glossary {text!r}: data/glossary.md, line {number}: definition contains markup '{shown}'; expected plain text"
    )


@pytest.mark.parametrize("text, shown", list(INJECTIONS.values()), ids=list(INJECTIONS))
def test_markup_in_a_glossary_term_stops_the_build(project_copy, tmp_path, text, shown):
    number = add_glossary_line(project_copy, f"*[zan {text}]: A plain definition.")
    build = build_site(project_copy, tmp_path / "site")
    failed_with(build, f"data/glossary.md, line {number}: term contains markup '{shown}'; expected plain text")


@pytest.mark.parametrize("text, shown", list(INJECTIONS.values()), ids=list(INJECTIONS))
def test_markup_in_yaml_data_stops_the_build(project_copy, tmp_path, text, shown):
    line = put_raw(project_copy, "help.yml", ("callout", "text"), '"' + text.replace('"', '\\"') + '"')
    build = build_site(project_copy, tmp_path / "site")
    failed_with(build, f"data/help.yml, line {line}: callout.text: contains markup '{shown}'; expected plain text")
    print(
        f"help.yml {text!r}: data/help.yml, line {line}: callout.text: contains markup '{shown}'; expected plain text"
    )


def test_a_lone_ampersand_builds_and_shows_as_text(project_copy, tmp_path):
    add_glossary_line(project_copy, "*[zanzibar]: Salt & pepper, Q&A, R&D &copy")
    (project_copy / "docs" / "about.md").write_text(
        (project_copy / "docs" / "about.md").read_text(encoding="utf-8") + "\n\nA zanzibar here.\n", encoding="utf-8"
    )
    build = build_site(project_copy, tmp_path / "site")
    assert build.returncode == 0, build.output[-3000:]
    page = (build.site / "about" / "index.html").read_text(encoding="utf-8")
    (title,) = re.findall(r"<abbr title=\"?([^\">]*)\"?>zanzibar</abbr>", page)
    assert html.unescape(title) == "Salt & pepper, Q&A, R&D &copy"
    assert "&copy" not in title.replace("&amp;copy", ""), "the & of &copy must be escaped"


def set_config(project: Path, key: str, value: str | None) -> int:
    """Set (or, with None, delete) the one `key:` line of the copy's mkdocs.yml; return its line number."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    (number,) = [n for n, line in enumerate(lines) if re.match(rf"\s*{re.escape(key)}:", line)]
    indent = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
    if value is None:
        del lines[number]
    else:
        lines[number] = f"{indent}{key}: {json.dumps(value)}"  # JSON strings are YAML double-quoted strings
    config.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def config_line(project: Path, key: str) -> int:
    """The line of mkdocs.yml that holds `key:` (there must be one)."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    (number,) = [n for n, line in enumerate(lines, 1) if re.match(rf"\s*{re.escape(key)}:", line)]
    return number


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "http://www.example.org/weather", ""], ids=["javascript", "plain-http", "empty"]
)
def test_exit_url_must_be_https(project_copy, tmp_path, url):
    line = set_config(project_copy, "exit_url", url)
    build = build_site(project_copy, tmp_path / "site")
    message = f"mkdocs.yml, line {line}: extra.exit_url: expected a web address starting with https://, got {url!r}"
    failed_with(build, message)
    print(f"exit_url {url!r}: {message}")


@pytest.mark.parametrize(
    "url, said",
    [
        ("https://127.0.0.1/weather", "not an IP address"),
        ("https://xn--bbc-weather.example/", "a website name in plain letters"),
    ],
    ids=["ip-address", "punycode"],
)
def test_exit_url_must_leave_for_an_ordinary_site(project_copy, tmp_path, url, said):
    line = set_config(project_copy, "exit_url", url)
    build = build_site(project_copy, tmp_path / "site")
    failed_with(build, f"mkdocs.yml, line {line}: extra.exit_url: expected ")
    assert said in build.output, build.output


def test_exit_url_missing_stops_the_build(project_copy, tmp_path):
    set_config(project_copy, "exit_url", None)
    failed_with(
        build_site(project_copy, tmp_path / "site"),
        f"mkdocs.yml, line {config_line(project_copy, 'extra')}: extra.exit_url: required key is missing",
    )


# Config values the theme prints unescaped into every page: each bad one stops the build, naming mkdocs.yml.
CONFIG = {
    "script-in-source-title": (
        "title",
        "extra.source_article.title",
        "Intimacy<script>alert(1)</script>",
        "contains markup '<script'; expected plain text",
    ),
    "quote-in-source-url": (
        "url",
        "extra.source_article.url",
        'https://example.org/" onmouseover="alert(1)',
        "expected a web address starting with https://",
    ),
    "http-source-url": (
        "url",
        "extra.source_article.url",
        "http://example.org/",
        "expected a web address starting with https://",
    ),
    "hidden-character-in-publisher": (
        "publisher",
        "extra.source_article.publisher",
        "Scarle\u200bteen",
        "contains the hidden character U+200B (ZERO WIDTH SPACE); expected plain text",
    ),
    "markup-in-site-name": (
        "site_name",
        "site_name",
        "<img src=x onerror=alert(1)>",
        "contains markup '<img'; expected plain text",
    ),
    "quote-breaks-out-of-scope": (
        "generator",
        "extra.scope",
        '/"+alert(1)+"/',
        "expected a path such as '/' or '/guide/'",
    ),
}


@pytest.mark.parametrize("key, where, value, said", list(CONFIG.values()), ids=list(CONFIG))
def test_bad_config_text_stops_the_build(project_copy, tmp_path, key, where, value, said):
    if where == "extra.scope":  # not in mkdocs.yml: add it under extra:, after generator
        line = config_line(project_copy, "generator") + 1
        config = project_copy / "mkdocs.yml"
        lines = config.read_text(encoding="utf-8").split("\n")
        lines.insert(line - 1, f"  scope: {json.dumps(value)}")
        config.write_text("\n".join(lines), encoding="utf-8")
    else:
        line = set_config(project_copy, key, value)
    build = build_site(project_copy, tmp_path / "site")
    message = f"mkdocs.yml, line {line}: {where}: {said}"
    failed_with(build, message)
    assert len([ln for ln in build.output.splitlines() if ln.startswith(("ERROR", "WARNING"))]) == 1, build.output
    print(f"{where} = {value!r}: {message}")


def test_an_unknown_extra_key_stops_the_build(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    line = config_line(project_copy, "generator")
    lines = config.read_text(encoding="utf-8").split("\n")
    lines.insert(line, "  analytics: {provider: google, property: G-XXXXXXX}")
    config.write_text("\n".join(lines), encoding="utf-8")
    message = f"mkdocs.yml, line {line + 1}: extra.analytics: unknown key (a typo?)"
    failed_with(build_site(project_copy, tmp_path / "site"), message)
    print(f"extra.analytics: {message}")


# Hidden characters an editor can paste without seeing them, written as YAML escapes (a raw NEL would be
# read by YAML as a line break) except the first, which goes in as the character itself.
HIDDEN = {
    "zero-width-space-raw": ("\u200b", "U+200B (ZERO WIDTH SPACE)"),
    "left-to-right-mark": ("\\u200E", "U+200E (LEFT-TO-RIGHT MARK)"),
    "right-to-left-mark": ("\\u200F", "U+200F (RIGHT-TO-LEFT MARK)"),
    "word-joiner": ("\\u2060", "U+2060 (WORD JOINER)"),
    "byte-order-mark": ("\\uFEFF", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
    "next-line": ("\\N", "U+0085 (NEXT LINE)"),
    "tag-character": ("\\U000E0041", "U+E0041 (TAG LATIN CAPITAL LETTER A)"),
    "soft-hyphen": ("\\u00AD", "U+00AD (SOFT HYPHEN)"),
    "line-separator": ("\\u2028", "U+2028 (LINE SEPARATOR)"),
    "carriage-return": ("\\r", "U+000D (CARRIAGE RETURN)"),
}


def hidden_message(where: str, code: str) -> str:
    """What the build says about a hidden character."""
    return f"{where}: contains the hidden character {code}; expected plain text"


@pytest.mark.parametrize("char, code", list(HIDDEN.values()), ids=list(HIDDEN))
def test_a_hidden_character_in_a_help_organisations_name_stops_the_build(project_copy, tmp_path, char, code):
    path = ("regions", 0, "organisations", 0, "name")
    line = put_raw(project_copy, "help.yml", path, f'"Help{char}line"')
    build = build_site(project_copy, tmp_path / "site")
    message = hidden_message(f"data/help.yml, line {line}: regions[0].organisations[0].name", code)
    failed_with(build, message)
    print(f"help.yml name with {code}: {message}")


def test_a_hidden_character_in_an_https_address_stops_the_build(project_copy, tmp_path):
    line = put_raw(
        project_copy, "help.yml", ("regions", 0, "organisations", 0, "url"), '"https://example.org/\\u202Egnp.exe"'
    )
    build = build_site(project_copy, tmp_path / "site")
    message = hidden_message(
        f"data/help.yml, line {line}: regions[0].organisations[0].url", "U+202E (RIGHT-TO-LEFT OVERRIDE)"
    )
    failed_with(build, message)
    print(f"help.yml url with U+202E: {message}")


@pytest.mark.parametrize("part", ["term", "definition"])
def test_a_hidden_character_in_the_glossary_stops_the_build(project_copy, tmp_path, part):
    line = "*[zan\u200bzibar]: A plain definition." if part == "term" else "*[zanzibar]: A plain\u00ad definition."
    number = add_glossary_line(project_copy, line)
    code = "U+200B (ZERO WIDTH SPACE)" if part == "term" else "U+00AD (SOFT HYPHEN)"
    failed_with(
        build_site(project_copy, tmp_path / "site"),
        f"data/glossary.md, line {number}: {part} contains the hidden character {code}; expected plain text",
    )
