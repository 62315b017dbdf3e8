"""Property tests: any text, in any text field of any callout's data, is shown as text and only as text.

At the macro level (fast, hundreds of examples): the data loads, the HTML holds the text escaped, and it
parses to the same elements and attributes as with the fixture's plain text. Then one strict build of the
real site with generated text written into a data file. Examples are derandomized, so runs repeat.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError
from test_bad_input import collapsed, nothing_runs
from test_macros import (
    FIXTURE,
    NASTY,
    define,
    dump,
    fixture_data,
    get_at,
    html_escape,
    make_project,
    parse,
    render_all,
    set_at,
    shown,
    strings,
    structure,
    text_fields,
)

from conftest import ROOT, build_site
from sitebuild import schema

# Every character the schema lets through: all of Unicode but the hidden characters it deliberately rejects
# (schema.hidden_character), and no markup (schema.MARKUP: "<", ">" and HTML entities; a lone "&" is text).
HIDDEN = "".join(c for c in map(chr, range(0x110000)) if schema.hidden_character(c)) + "<>"


def _plain(text: str) -> bool:
    return schema.MARKUP.search(text) is None


# codec="utf-8": a data file is UTF-8, so lone surrogates cannot be written into one at all.
TEXT = st.text(st.characters(codec="utf-8", exclude_characters=HIDDEN), min_size=1).filter(_plain)
# The glossary is one '*[term]: definition' per line, so its text cannot hold a line break.
LINE_BREAKS = "".join(c for c in map(chr, range(0x110000)) if len(f"a{c}b".splitlines()) > 1)
LINE = st.text(st.characters(codec="utf-8", exclude_characters=HIDDEN + LINE_BREAKS), min_size=1).filter(_plain)
MARKUP = st.sampled_from(
    [
        "<",
        ">",
        "<img src=x onerror=alert(1)>",
        "<meta http-equiv=refresh>",
        "&lt;",
        "&amp;",
        "&#60;",
        "&#x3C;",
        "</p>",
        "<!--",
    ]
)
FIELDS = text_fields()
# The callouts render every data file but the strings file, whose words the theme's templates print (its schema
# refuses markup in them like any other text: the markup test below covers it).
SHOWN_FIELDS = [field for field in FIELDS if field[0] != "strings.yml"]
# A sentence of the strings file must keep its {placeholders}: text without them is refused for that reason.
PLAIN_FIELDS = [field for field in FIELDS if "{" not in str(get_at(fixture_data(field[0]), field[1]))]
# Reproducible: the same examples every run (derandomize), and no replay of past failures (no database).
FAST = settings(
    max_examples=250, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)


class Renders(dict):
    """HTML per data file; a short repr keeps hypothesis' failure reports readable."""

    def __repr__(self) -> str:
        return "<plain renders>"


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Renders:
    """Each data file's callouts rendered from the unchanged fixture."""
    env = define(make_project(tmp_path_factory.mktemp("plain")))
    return Renders({name: render_all(env, name) for name in [*schema.SCHEMAS, "glossary.md"]})


def _check(html: str, plain_html: str, expected: list[str]) -> None:
    """Same elements and attributes as the plain HTML; each expected text escaped in the source, whole once parsed."""
    tree = parse(html)
    assert structure(tree) == structure(parse(plain_html))
    decoded = strings(tree)
    for text in expected:
        assert html_escape(text) in html
        assert any(text in s for s in decoded)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A fixture project whose data files the examples overwrite, one at a time."""
    return make_project(tmp_path_factory.mktemp("scratch"))


def _render_with(project: Path, name: str, text: str) -> str:
    """Write `text` as data file `name`, render that file's callouts, then put the fixture file back."""
    try:
        (project / "data" / name).write_text(text, encoding="utf-8")
        return render_all(define(project), name)  # define() loads and validates every file
    finally:
        shutil.copy(FIXTURE / "data" / name, project / "data" / name)


@FAST
@given(field=st.sampled_from(SHOWN_FIELDS), text=TEXT)
def test_any_text_in_any_text_field_is_shown_escaped_and_only_as_text(plain, scratch, field, text):
    name, path = field
    html = _render_with(scratch, name, dump(set_at(fixture_data(name), path, text)))
    _check(html, plain[name], [shown(text)])


@FAST
@given(field=st.sampled_from(PLAIN_FIELDS), before=TEXT, markup=MARKUP, after=TEXT)
def test_markup_anywhere_in_any_text_field_is_refused(scratch, field, before, markup, after):
    name, path = field
    data = dump(set_at(fixture_data(name), path, before + markup + after))
    try:
        (scratch / "data" / name).write_text(data, encoding="utf-8")
        with pytest.raises(PluginError, match=rf"data/{re.escape(name)}, line \d+: .*: contains markup '"):
            define(scratch)
    finally:
        shutil.copy(FIXTURE / "data" / name, scratch / "data" / name)


GLOSSARY = (FIXTURE / "data" / "glossary.md").read_text(encoding="utf-8").splitlines()


@FAST
# ("|" parts a term from its other word forms; space around a form is layout.)
@given(
    term=LINE.filter(lambda t: "]" not in t and "|" not in t and t.strip()), definition=LINE.filter(lambda t: t.strip())
)
def test_any_glossary_term_and_definition_is_shown_escaped_and_only_as_text(plain, scratch, term, definition):
    term_shown = unicodedata.normalize("NFC", term.strip()).lower()
    if term_shown in {line[2:].split("]")[0].lower() for line in GLOSSARY[1:]}:
        return  # another spelling of a fixture term is the duplicate-term check, tested elsewhere
    lines = [f"*[{term}]: {definition}", *GLOSSARY[1:]]  # the first fixture term, replaced
    html = _render_with(scratch, "glossary.md", "\n".join(lines) + "\n")
    meaning = unicodedata.normalize("NFC", re.sub(r"^\s+", "", definition))  # space after the colon is layout
    _check(html, plain["glossary.md"], [term_shown, meaning])


# ---------------------------------------------------------------------------------------------
# One strict build of the real site with generated text in its data
# ---------------------------------------------------------------------------------------------

PIECES = [
    *NASTY.values(),
    "\n\n",
    "\n```\n",
    "\n~~~\n",
    "| a | b |",
    "*em*",
    "`code`",
    "\u00a0",
    "e\u0301",
    "مرحبا",
    "&",
    "&amp",
    "]]",
    "\\",
    "\t",
    "    ",
    "\u3000",
    "\U0001f469",
]
NASTY_TEXT = st.lists(st.one_of(st.sampled_from(PIECES), TEXT), min_size=1, max_size=8).map("".join)
# Where the text goes: a checklist's title, a sign (a checkbox label) and a link's text, all on one page.
_ACTIONS = yaml.safe_load((ROOT / "data" / "checklists.yml").read_text())["checklists"]["enmeshment"]["actions"]
TARGETS = [
    ("checklists", "enmeshment", "title"),
    ("checklists", "enmeshment", "signs", 0),
    ("checklists", "enmeshment", "actions", next(i for i, a in enumerate(_ACTIONS) if "link" in a), "link", "text"),
]
PAGE, CALLOUT = "unhealthy/index.html", "gc-signs-enmeshment"


def _callout(site: Path) -> tuple:
    """The enmeshment checklist element of a built site, and the page's tree."""
    tree = parse((site / PAGE).read_text(encoding="utf-8"), strict=False)
    (callout,) = [el for el in tree.iter() if el.attrs.get("id") == CALLOUT]
    return callout, tree


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    """The real site built unchanged, for the checklist's plain structure."""
    build = build_site(ROOT, tmp_path_factory.mktemp("plain-site") / "site")
    assert build.returncode == 0, build.output
    return structure(_callout(build.site)[0])


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=NASTY_TEXT)
@example(text="".join(PIECES))
def test_generated_text_in_a_data_file_keeps_the_build_strict_clean(project_copy, plain_site, text):
    # project_copy is reused across examples on purpose: each example rewrites the same fields.
    original = yaml.safe_load((project_copy / "data" / "checklists.yml").read_text(encoding="utf-8"))
    for path in TARGETS:
        original = set_at(original, path, f"{text} {path[-1]}")
    (project_copy / "data" / "checklists.yml").write_text(dump(original), encoding="utf-8")
    build = build_site(project_copy, project_copy / "site")
    assert build.returncode == 0, build.output
    assert not re.search(r"^(WARNING|ERROR)", build.output, re.M), build.output
    callout, tree = _callout(build.site)
    assert structure(callout) == plain_site
    texts = [collapsed(el.text()) for el in callout.iter()]
    for path in TARGETS:
        assert any(collapsed(shown(f"{text} {path[-1]}")) in t for t in texts)
    nothing_runs(tree)
