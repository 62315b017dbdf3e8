"""Unit tests of every callout macro against the fixture data in tests/fixtures/macros/.

define_env() runs against a small fake of the mkdocs-macros environment; each macro's HTML is parsed and
its structure checked: what the reader sees, what a screen reader gets, where links lead, and that data
text is only ever text.
"""

from __future__ import annotations

import copy
import functools
import html
import re
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any, get_args, get_origin
from urllib.parse import urljoin

import jinja2
import pytest
import yaml
from mkdocs.exceptions import PluginError
from pydantic import BaseModel

import macros  # the entry point mkdocs-macros loads
from conftest import ROOT, load_hook
from sitebuild import schema
from sitebuild.data import load_glossary
from sitebuild.glossary import FirstUseTooltips
from sitebuild.seal import unseal

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "macros"


SEALED = re.compile(r"<!--gc-html:[A-Za-z0-9+/=]+-->")

NAV = [
    {"Home": "index.md"},
    {"Your house": "house.md"},
    {"Handouts": ["handouts/index.md", {"House sheet": "handouts/house.md"}]},
]
# Pages a macro can be called from: (docs path, URL MkDocs gives it with directory URLs).
HOME, HOUSE, NESTED = ("index.md", ""), ("house.md", "house/"), ("handouts/house.md", "handouts/house/")
NASTY = {
    "ampersands-and-quotes": 'Q&A & R&D, "it\'s" fine',
    "attribute-break": '" onerror="x',
    "javascript-url": "javascript:alert(1)",
    "jinja-expression": "{{ 7*7 }}",
    "jinja-statement": "{% if %}",
}


# ---------------------------------------------------------------------------------------------
# A fake mkdocs-macros environment
# ---------------------------------------------------------------------------------------------


@dataclass
class FakeFile:
    """The part of mkdocs.structure.files.File the macros read."""

    src_path: str

    @property
    def abs_src_path(self) -> str:
        return str(FIXTURE / "docs" / self.src_path)


@dataclass
class FakePage:
    """The part of mkdocs.structure.pages.Page the macros read."""

    file: FakeFile
    url: str
    meta: dict = field(default_factory=dict)


# The edition's keys of mkdocs.yml's extra: (sitebuild/edition.py), naming the fixture data's ids.
EDITION_EXTRA = {
    "exit_url": "https://weather.example.org/",
    "exit_place": "a dull page",
    "organisation": {"name": "Fixture organisation", "contact": "Fixture contact."},
    "help_regions": ["region-one", "region-two"],
    "help_box_services": ["org-with-numbers", "org-without-numbers"],
    "source_article": {
        "title": "Fixture article",
        "publisher": "Fixture publisher",
        "url": "https://article.example.org",
    },
    "credit": {
        "project": "Fixture project",
        "licence": "Fixture licence",
        "licence_url": "https://licence.example.org",
        "changes": "Fixture changes.",
    },
}


class FakeEnv:
    """Just enough of the mkdocs-macros plugin for define_env(): config, page, macro registry."""

    def __init__(self, project: Path, directory_urls: bool = True, site_dir: Path | None = None):
        self.project_dir = str(project)
        self.conf = {
            "docs_dir": str(FIXTURE / "docs"),
            "nav": NAV,
            "use_directory_urls": directory_urls,
            "site_dir": str(site_dir or project / "site"),
            "markdown_extensions": ["abbr", "toc"],
            "mdx_configs": {"toc": {"permalink": True}},
            "site_name": "Fixture site",
            "extra": dict(EDITION_EXTRA),
            # Callout templates and figures come from the theme's custom_dir (as in mkdocs.yml).
            "theme": SimpleNamespace(custom_dir=str(ROOT / "overrides"), language="en"),
        }
        self.page: FakePage | None = None
        self.markdown = ""
        self.macros: dict[str, Any] = {}
        self.post_macro_functions: list = []
        # What on_pre_page_macros reads of the plugin: its Jinja environment and known names.
        self.env = jinja2.Environment()
        self.variables: dict[str, Any] = {"page": None, "config": self.conf}
        self.filters: dict[str, Any] = {}

    def macro(self, function):
        """Collect a macro, as env.macro does."""
        self.macros[function.__name__] = function
        return function

    def on(self, page: tuple[str, str]) -> FakeEnv:
        """Pretend MkDocs is rendering `page` (docs path, URL)."""
        self.page = FakePage(FakeFile(page[0]), page[1])
        return self

    def call(self, page: tuple[str, str], name: str, *args, **kwargs) -> str:
        """Call macro `name` as if from `page`: its HTML as it lands in the page, seal opened."""
        sealed = self.on(page).macros[name](*args, **kwargs)
        for after_the_page in self.post_macro_functions:  # raises the page's first mistake, as in a build
            after_the_page(self)
        assert SEALED.fullmatch(sealed), f"{name}() did not return one sealed block: {sealed[:80]!r}"
        return unseal(sealed, page[0])


def make_project(dest: Path, changes: dict[str, Any] | None = None) -> Path:
    """A project folder: the fixture data (with `changes` written over whole files) and the real templates."""
    shutil.copytree(FIXTURE / "data", dest / "data")
    for name, content in (changes or {}).items():
        text = content if isinstance(content, str) else dump(content)
        (dest / "data" / name).write_text(text, encoding="utf-8")
    (dest / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)
    return dest


def dump(data: Any) -> str:
    """YAML for any data; double quotes everywhere, since PyYAML's single-quoted style loses U+0085."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_style='"', width=10_000)


def fixture_data(name: str) -> Any:
    """One fixture data file, as plain Python data (a fresh copy, free to change)."""
    return copy.deepcopy(_fixture_data(name))


@functools.cache
def _fixture_data(name: str) -> Any:
    """One fixture data file, parsed once."""
    return yaml.safe_load((FIXTURE / "data" / name).read_text(encoding="utf-8"))


def define(project: Path, **options) -> FakeEnv:
    """Run define_env() for `project` and return the environment with its macros."""
    env = FakeEnv(project, **options)
    macros.define_env(env)
    return env


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The unchanged fixture project, shared by a module's tests (nothing writes to it)."""
    return make_project(tmp_path_factory.mktemp("macros"))


@pytest.fixture
def env(project) -> FakeEnv:
    """A fresh environment per test, so element-id counters start from zero."""
    return define(project)


# ---------------------------------------------------------------------------------------------
# HTML as a tree
# ---------------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    """One parsed element: tag, attributes in source order, children (elements and text)."""

    tag: str
    attr_list: list[tuple[str, str | None]]
    children: list = field(default_factory=list)

    @property
    def attrs(self) -> dict[str, str | None]:
        return dict(self.attr_list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        """All text inside, as the parser decoded it."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        """Descendants (self excluded) matching a tag, a class and attribute values."""
        return [
            el
            for el in self.iter()
            if el is not self
            and (tag is None or el.tag == tag)
            and (cls is None or cls in el.classes)
            and all(el.attrs.get(name.replace("_", "-")) == value for name, value in attrs.items())
        ]

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        """The single descendant matching; fails when there are none or several."""
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag} class={cls} {attrs}>, found {len(found)}"
        return found[0]


class _TreeBuilder(HTMLParser):
    """Builds an Element tree; in strict mode every end tag must close the innermost open element."""

    def __init__(self, strict: bool):
        super().__init__(convert_charrefs=True)
        self.strict = strict
        self.root = Element("#document", [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, attrs))

    def handle_endtag(self, tag):
        if self.strict:
            assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
            self.stack.pop()
        elif tag in (el.tag for el in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str, strict: bool = True) -> Element:
    """Parse HTML into a tree; strict parsing also proves it is well nested and fully closed."""
    builder = _TreeBuilder(strict)
    builder.feed(html)
    builder.close()
    if strict:
        assert len(builder.stack) == 1, f"unclosed <{builder.stack[-1].tag}>"
    return builder.root


def structure(root: Element) -> list[tuple[str, tuple[str, ...]]]:
    """Every element's tag and attribute names, in order: what data text must never change."""
    return [(el.tag, tuple(name for name, _ in el.attr_list)) for el in root.iter()]


def strings(root: Element) -> list[str]:
    """Every text node and attribute value in a tree, decoded."""
    found = []
    for el in root.iter():
        found += [c for c in el.children if isinstance(c, str)]
        found += [value for _, value in el.attr_list if value]
    return found


def shown(text: str) -> str:
    """How data text reaches the page: NFC, line breaks as spaces (HTML shows both alike)."""
    return unicodedata.normalize("NFC", text).replace("\n", " ")


def html_escape(text: str) -> str:
    """html.escape, spelling the two quote entities as Jinja's autoescape does (&#34; and &#39;)."""
    return html.escape(text).replace("&quot;", "&#34;").replace("&#x27;", "&#39;")


def escaped(text: str) -> str:
    """Data text as it must appear in the HTML source: shown(), then escaped."""
    return html_escape(shown(text))


def resolve(page_url: str, href: str) -> str:
    """Where a link on the page at `page_url` leads, as a path from the site root."""
    base = "https://site.test/"
    target = urljoin(base + page_url, href)
    assert target.startswith(base), f"{href!r} from {page_url!r} leaves the site"
    return target[len(base) :]


# ---------------------------------------------------------------------------------------------
# Text fields of the schemas, found from the models (so a new field is covered by itself)
# ---------------------------------------------------------------------------------------------


def _is_text(annotation: Any, metadata: list) -> bool:
    """Whether a type (with its pydantic metadata) is schema.Text."""
    meta = list(metadata) + list(getattr(annotation, "__metadata__", ()))
    return any(getattr(m, "func", None) is schema.visible for m in meta)


def _walk(annotation: Any, metadata: list, value: Any, path: tuple) -> Iterator[tuple]:
    """Yield the key path of every Text value in `value`, typed by `annotation`."""
    if value is None:
        return
    if _is_text(annotation, metadata):
        yield path
        return
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            if name in value:
                yield from _walk(info.annotation, info.metadata, value[name], path + (name,))
    elif origin is list:
        (item,) = get_args(annotation)
        for index, entry in enumerate(value):
            yield from _walk(item, [], entry, path + (index,))
    elif origin is dict:
        _, item = get_args(annotation)
        for key, entry in value.items():
            yield from _walk(item, [], entry, path + (key,))
    elif get_args(annotation) and origin is not None and hasattr(annotation, "__metadata__"):
        yield from _walk(get_args(annotation)[0], [], value, path)
    elif get_args(annotation):  # Optional[...] and other unions
        for option in get_args(annotation):
            if option is not type(None):
                yield from _walk(option, [], value, path)


def text_fields() -> list[tuple[str, tuple]]:
    """(data file, key path) of every Text value in the fixture data."""
    return [
        (name, path) for name, schema in schema.SCHEMAS.items() for path in _walk(schema, [], fixture_data(name), ())
    ]


def get_at(data: Any, path: tuple) -> Any:
    """The value at a key path in nested data."""
    for part in path:
        data = data[part]
    return data


def set_at(data: Any, path: tuple, value: Any) -> Any:
    """Set the value at a key path in nested data (in place); return the data."""
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


def calls_for(name: str) -> list[tuple[str, tuple, dict]]:
    """Every macro call that renders data file `name`, with each id the fixture defines."""
    data = fixture_data(name) if name.endswith(".yml") else None
    calls = {
        "house.yml": lambda: (
            [("house", (), {}), ("house", (), {"worksheet": True})]
            + [("house", (), {"room": room["id"]}) for room in data["rooms"]]
        ),
        "checklists.yml": lambda: [("warning_signs", (key,), {}) for key in data["checklists"]],
        "healthy_signs.yml": lambda: [("healthy_signs", (), {})],
        "repair.yml": lambda: [("repair_steps", (), {})],
        "stretching.yml": lambda: [("stretching_together", (), {}), ("stretching_together", (), {"short": True})],
        "ways.yml": lambda: [("ways_to_be_close", (), {})],
        "reflect.yml": lambda: [("reflect", (key,), {}) for key in data["sets"]] + [("discussion_questions", (), {})],
        "content_notes.yml": lambda: [("content_note", (key,), {}) for key in data["notes"]],
        "help.yml": lambda: [
            ("get_help", (), {}),
            ("get_help", (), {"full": True}),
            ("emergency_numbers", (), {}),
            ("reporting_routes", (), {}),
            ("home_services", (), {}),
        ],
        "figures.yml": lambda: [("figure", (key,), {}) for key in data["figures"]],
        "glossary.md": lambda: [("glossary", (), {})],
        # The educators' kit
        "help_box.yml": lambda: [("help_box", (), {}), ("help_box", (), {"emergency": True})],
        "sessions.yml": lambda: [("session_plan", (key,), {}) for key in data["sessions"]] + [("educator_kit", (), {})],
        "scenarios.yml": lambda: [("scenario_cards", (), {})],
        "safeguarding.yml": lambda: [
            ("ground_rules", (), {}),
            ("ground_rules", (), {"poster": True}),
            ("safeguarding", (), {}),
        ],
        "parent_letter.yml": lambda: [("parent_letter", (), {})],
    }
    # The interface's words (data/strings.yml) reach every callout: each call above renders some of them.
    calls["strings.yml"] = lambda: [call for other in calls if other != "strings.yml" for call in calls_for(other)]
    return calls[name]()


def render_all(env: FakeEnv, name: str, page: tuple[str, str] = NESTED) -> str:
    """The HTML of every call that renders data file `name`, one after another."""
    return "\n".join(env.call(page, macro, *args, **kwargs) for macro, args, kwargs in calls_for(name))


ALL_FILES = [*schema.SCHEMAS, "glossary.md"]


# ---------------------------------------------------------------------------------------------
# The house
# ---------------------------------------------------------------------------------------------


def test_house_is_an_accessible_drawing_with_the_list_of_rooms(env):
    data = fixture_data("house.yml")
    root = parse(env.call(HOUSE, "house"))
    figure = root.one("figure")
    assert figure.classes == {"gc-house"} and figure.attrs["id"] == "gc-house"
    svg = figure.one("svg")
    assert svg.attrs["role"] == "img"
    title, desc = svg.one("title"), svg.one("desc")
    # Named by its title, described by the rooms: the name does not repeat the whole description.
    assert svg.attrs["aria-labelledby"].split() == [title.attrs["id"]]
    assert svg.attrs["aria-describedby"].split() == [desc.attrs["id"]]
    assert data["title"] in title.text()
    for room in data["rooms"]:  # the text alternative names every room and who it is for
        assert f"{room['name']}: {room['who']}." in desc.text()
    # Drawn deepest first (a room around the others lies under them), numbered from the outside in.
    drawn = svg.find_all("g", cls="gc-house__room")[::-1]
    assert [g.one("text").text() for g in drawn] == [f"{i}. {r['name']}" for i, r in enumerate(data["rooms"], 1)]
    assert [g.attrs["data-room"] for g in drawn] == [r["id"] for r in data["rooms"]]
    assert svg.one("path", cls="gc-house__roof") and svg.one("rect", cls="gc-house__door")
    for g, room in zip(drawn, data["rooms"], strict=True):
        rect = g.one("rect").attrs
        assert [int(rect[k]) for k in ("x", "y", "width", "height")] == [
            room["plan"][k] for k in ("x", "y", "width", "height")
        ]
    assert not svg.find_all(cls="gc-house__room--chosen")
    items = figure.one("ol", cls="gc-house__rooms").find_all("li")
    assert len(items) == len(data["rooms"])
    for li, room in zip(items, data["rooms"], strict=True):
        assert li.one("strong").text() == room["name"]
        assert room["who"] in li.text() and room["note"] in li.text()
    caption = figure.one("figcaption").text()
    assert data["intro"] in caption and data["respect"] in caption


@pytest.mark.parametrize("room", [r["id"] for r in fixture_data("house.yml")["rooms"]])
def test_house_room_marks_exactly_that_room_and_shows_its_note(env, room):
    rooms = {r["id"]: r for r in fixture_data("house.yml")["rooms"]}
    chosen = rooms[room]
    figure = parse(env.call(NESTED, "house", room=room)).one("figure")
    assert "gc-house--focus" in figure.classes
    marked = figure.find_all("g", cls="gc-house__room--chosen")
    assert len(marked) == 1 and marked[0].one("text").text().endswith(chosen["name"])
    assert figure.one("desc").text().startswith(f"The {chosen['name']} is highlighted.")
    note = figure.one("p", cls="gc-house__note")
    assert chosen["name"] in note.text() and chosen["who"] in note.text() and chosen["note"] in note.text()
    caption = figure.one("figcaption").text()
    assert all(r["note"] not in caption for key, r in rooms.items() if key != room)
    assert not figure.find_all("ol")
    link = note.one("a")
    assert link.text() == "More about the house" and resolve(NESTED[1], link.attrs["href"]) == "house/"


def test_house_worksheet_gives_every_room_space_to_write_and_hides_the_notes(env):
    data = fixture_data("house.yml")
    figure = parse(env.call(NESTED, "house", worksheet=True)).one("figure")
    items = figure.one("ol", cls="gc-house__worksheet").find_all("li")
    assert [li.one("strong").text() for li in items] == [r["name"] for r in data["rooms"]]
    for li in items:
        lines = li.find_all("span", cls="gc-write")
        assert len(lines) == 2 and all(span.attrs["aria-hidden"] == "true" for span in lines)
    assert all(r["note"] not in figure.text() for r in data["rooms"])


# ---------------------------------------------------------------------------------------------
# Stretching together
# ---------------------------------------------------------------------------------------------


def test_stretching_together_shows_every_step_with_its_drawing(env):
    data = fixture_data("stretching.yml")
    box = parse(env.call(HOUSE, "stretching_together")).one("div", cls="gc-stretching")
    assert box.one(cls="admonition-title").text() == data["title"]
    steps = box.one("ol").find_all("li", cls="gc-stretching__step")
    assert len(steps) == len(data["steps"])
    labels = []
    for number, (li, step) in enumerate(zip(steps, data["steps"], strict=True), 1):
        svg = li.one("svg")
        # The drawing says what it shows (the step's own words follow it, so they are not repeated).
        label = svg.attrs["aria-label"]
        assert svg.attrs["role"] == "img" and label.startswith(f"Drawing for step {number}: ")
        assert step["title"] not in label and len(label.split(": ", 1)[1].split()) >= 5, label
        labels.append(label.split(": ", 1)[1])
        assert li.one("strong").text() == step["title"] and step["text"] in li.text()
    assert len(set(labels)) == len({step["pose"] for step in data["steps"]}), "each pose is described in its own words"
    assert data["intro"] in box.text() and data["lesson"] in box.text()
    assert data["reminder"] not in box.text()


def test_stretching_together_short_is_the_reminder_with_a_link_to_the_whole_idea(env):
    data = fixture_data("stretching.yml")
    box = parse(env.call(NESTED, "stretching_together", short=True)).one("div")
    assert {"gc-stretching", "gc-stretching--short"} <= box.classes
    assert data["reminder"] in box.text() and not box.find_all("ol") and data["lesson"] not in box.text()
    link = box.one("a")
    assert link.text() == "The whole idea" and resolve(NESTED[1], link.attrs["href"]) == "building-together/"


# ---------------------------------------------------------------------------------------------
# Checklists
# ---------------------------------------------------------------------------------------------


def _check_boxes(box: Element, signs: list[str]) -> None:
    """Every sign is one checkbox inside a label that carries the sign's text, and nothing is pre-ticked."""
    fieldset = box.one("fieldset")
    assert fieldset.one("legend").text().strip()
    # The group is named by the checklist's own title first, so two lists on one page differ.
    parts = [box.one(id=part) for part in fieldset.attrs["aria-labelledby"].split()]
    assert parts[0] is box.one(cls="admonition-title") and parts[-1] is fieldset.one("legend")
    items = fieldset.one("ul").find_all("li")
    assert len(items) == len(signs)
    for li, sign in zip(items, signs, strict=True):
        label = li.one("label")
        checkbox = label.one("input")
        assert checkbox.attrs["type"] == "checkbox" and "checked" not in checkbox.attrs
        assert label.text() == sign


@pytest.mark.parametrize("checklist", list(fixture_data("checklists.yml")["checklists"]))
def test_warning_signs_is_a_labelled_checklist_with_what_you_can_do(env, checklist):
    data = fixture_data("checklists.yml")["checklists"][checklist]
    box = parse(env.call(NESTED, "warning_signs", checklist)).one("div")
    assert {"admonition", "warning", "gc-checklist"} <= box.classes and box.attrs["id"] == f"gc-signs-{checklist}"
    assert box.one(cls="admonition-title").text() == data["title"] and data["intro"] in box.text()
    _check_boxes(box, data["signs"])
    actions = box.one("ul", cls="gc-checklist__actions").find_all("li")
    assert len(actions) == len(data["actions"])
    for li, action in zip(actions, data["actions"], strict=True):
        assert li.text().startswith(action["text"])
        if "link" in action:
            page, _, anchor = action["link"]["page"].partition("#")
            expected = page[: -len(".md")] + "/" + (f"#{anchor}" if anchor else "")
            assert li.one("a").text() == action["link"]["text"]
            assert resolve(NESTED[1], li.one("a").attrs["href"]) == expected
        else:
            assert not li.find_all("a")


def test_healthy_signs_is_a_labelled_checklist_without_actions(env):
    data = fixture_data("healthy_signs.yml")
    box = parse(env.call(HOUSE, "healthy_signs")).one("div")
    assert {"admonition", "success", "gc-checklist"} <= box.classes
    assert box.one(cls="admonition-title").text() == data["title"] and data["intro"] in box.text()
    _check_boxes(box, data["signs"])
    assert not box.find_all(cls="gc-checklist__actions")


# ---------------------------------------------------------------------------------------------
# Repair, ways, reflect, content note, help, figure, discussion, glossary
# ---------------------------------------------------------------------------------------------


def test_repair_steps_are_numbered_in_order(env):
    data = fixture_data("repair.yml")
    box = parse(env.call(HOUSE, "repair_steps")).one("div", cls="gc-repair")
    assert box.one(cls="admonition-title").text() == data["title"]
    items = box.one("ol").find_all("li")
    assert [li.one("strong").text() for li in items] == [s["title"] for s in data["steps"]]
    assert all(step["text"] in li.text() for li, step in zip(items, data["steps"], strict=True))
    assert data["intro"] in box.text() and data["closing"] in box.text()


def test_ways_to_be_close_is_a_labelled_section_of_cards(env):
    data = fixture_data("ways.yml")
    section = parse(env.call(HOUSE, "ways_to_be_close")).one("section")
    title = section.one(id=section.attrs["aria-labelledby"])
    assert title.text() == data["title"] and data["intro"] in section.text()
    cards = section.one("div", cls="cards").one("ul").find_all("li")
    assert [li.attrs["id"] for li in cards] == [f"gc-ways-{w['id']}" for w in data["ways"]]
    for li, way in zip(cards, data["ways"], strict=True):
        assert li.one("strong").text() == way["title"]
        assert way["text"] in li.text() and way["example"] in li.one("p", cls="gc-ways__example").text()


@pytest.mark.parametrize("page", list(fixture_data("reflect.yml")["sets"]))
def test_reflect_lists_that_pages_questions_only(env, page):
    sets = fixture_data("reflect.yml")["sets"]
    aside = parse(env.call(HOUSE, "reflect", page)).one("aside")
    assert aside.attrs["aria-label"] == "Think it over"
    assert [li.text() for li in aside.one("ul").find_all("li")] == sets[page]["questions"]
    others = [q for key, s in sets.items() for q in s["questions"] + s["discuss"] if key != page]
    assert all(q not in aside.text() for q in others + sets[page]["discuss"])


def test_content_note_says_what_the_page_covers_and_links_to_help(env):
    note = fixture_data("content_notes.yml")["notes"]["heavy-topic"]
    aside = parse(env.call(NESTED, "content_note", "heavy-topic")).one("aside")
    assert aside.attrs["aria-label"] == "Content note"
    assert note["covers"] in aside.text() and note["support"] in aside.text()
    assert resolve(NESTED[1], aside.one("a").attrs["href"]) == "get-help/"


def test_get_help_is_a_labelled_box_with_help_and_exit_links(env):
    callout = fixture_data("help.yml")["callout"]
    aside = parse(env.call(NESTED, "get_help")).one("aside")
    assert aside.attrs["aria-label"] == callout["title"]
    assert aside.one(cls="admonition-title").text() == callout["title"] and callout["text"] in aside.text()
    assert [resolve(NESTED[1], a.attrs["href"]) for a in aside.find_all("a")] == ["get-help/", "leaving-quickly/"]
    assert not aside.find_all("ul")


def test_help_follows_the_edition_order_and_its_box_its_chosen_services(tmp_path):
    """Regions in the order of extra.help_regions; the help box shows extra.help_box_services, numbers from data."""
    regions = fixture_data("help.yml")["regions"]
    env = FakeEnv(make_project(tmp_path / "project"))
    env.conf["extra"] = {
        **EDITION_EXTRA,
        "help_regions": [r["id"] for r in reversed(regions)],
        "help_box_services": list(reversed(EDITION_EXTRA["help_box_services"])),
    }
    macros.define_env(env)
    directory = parse(env.call(NESTED, "get_help", full=True)).one(cls="gc-help-directory")
    assert [s.attrs["id"] for s in directory.find_all("section")] == [f"help-{r['id']}" for r in reversed(regions)]
    box = parse(env.call(NESTED, "help_box")).one("aside")
    orgs = {o["id"]: o for r in regions for o in r["organisations"]}
    names = [li.find_all("strong")[0].text() for li in box.one("ul").find_all("li")]
    assert names == [orgs[i]["name"] for i in env.conf["extra"]["help_box_services"]]
    phoned = next(o for o in orgs.values() if "phone" in o)
    assert f"Call {phoned['phone']}" in box.text()


def test_the_help_sheets_box_names_the_home_regions_emergency_numbers(env):
    home = next(r for r in fixture_data("help.yml")["regions"] if r["id"] == EDITION_EXTRA["help_regions"][0])
    words = fixture_data("help_box.yml")["emergency"]
    assert home.get("emergency"), "the fixture's home region has emergency numbers"
    sheet = parse(env.call(NESTED, "help_box", emergency=True)).text()
    assert f"{words} {' / '.join(home['emergency'])}" in sheet and home["name"] in sheet
    assert words not in parse(env.call(NESTED, "help_box")).text()  # other sheets keep their one page


def test_emergency_numbers_are_buttons_from_region_data(env):
    regions = [r for r in fixture_data("help.yml")["regions"] if r.get("emergency")]
    calls = parse(env.call(NESTED, "emergency_numbers")).find_all("a")
    expected = [(f"tel:{n.replace(' ', '')}", f"{n} {r['name']}") for r in regions for n in r["emergency"]]
    assert expected and [(a.attrs["href"], a.text()) for a in calls] == expected


@pytest.mark.parametrize(
    "key,value,said",
    [
        (
            "help_box_services",
            ["org-with-numbers", "no-such-org"],
            "mkdocs.yml: extra.help_box_services[1]: unknown organisation 'no-such-org'; expected one of: ",
        ),
        ("help_regions", ["region-one", "region-one"], "mkdocs.yml: extra.help_regions: a region is listed twice"),
        ("exit_place", None, "mkdocs.yml: extra.exit_place: required key is missing"),
    ],
)
def test_a_wrong_edition_key_stops_the_build_in_one_line(tmp_path, key, value, said):
    env = FakeEnv(make_project(tmp_path / "project"))
    env.conf["extra"] = {k: v for k, v in EDITION_EXTRA.items() if k != key or value is not None}
    if value is not None:
        env.conf["extra"][key] = value
    with pytest.raises(PluginError) as raised:
        macros.define_env(env)
    # The line number is there when the key is in the file (extra:'s schema); a key that is missing has none.
    message = re.sub(r"^mkdocs\.yml, line \d+:", "mkdocs.yml:", str(raised.value))
    assert message.startswith(said) and "\n" not in message, str(raised.value)


def test_get_help_full_lists_every_organisation_by_region_with_number_links(env):
    regions = fixture_data("help.yml")["regions"]
    directory = parse(env.call(NESTED, "get_help", full=True)).one(cls="gc-help-directory")
    jumps = directory.one("nav").find_all("a")
    assert [(a.text(), a.attrs["href"]) for a in jumps] == [(r["name"], f"#help-{r['id']}") for r in regions]
    sections = directory.find_all("section")
    assert [s.attrs["id"] for s in sections] == [f"help-{r['id']}" for r in regions]
    for section, region in zip(sections, regions, strict=True):
        assert section.one("h3").text() == region["name"]
        year, month = region["checked"].split("-")
        assert section.one(cls="gc-help-directory__checked").text() == f"Checked {MONTHS[int(month) - 1]} {year}."
        items = section.find_all("li", cls="gc-help__org")
        assert len(items) == len(region["organisations"])
        for li, org in zip(items, region["organisations"], strict=True):
            link = li.one("p", cls="gc-help__name").one("a")
            assert link.text() == org["name"] and link.attrs["href"] == org["url"] and link.attrs["rel"] == "noreferrer"
            assert li.attrs["id"] == f"help-{org['id']}" and org["offers"] in li.text()
            numbers = [(a.text(), a.attrs["href"]) for a in li.find_all("a", cls="gc-help__number")]
            expected = []
            if "phone" in org:
                expected.append((f"Call {org['phone']}", "tel:" + org["phone"].replace(" ", "").replace("-", "")))
            if "sms" in org:
                sms = org["sms"]
                words = f"Text {sms['keyword']} to {sms['number']}" if "keyword" in sms else f"Text {sms['number']}"
                expected.append(
                    (words, f"sms:{sms['number']}" + (f"?body={sms['keyword']}" if "keyword" in sms else ""))
                )
            assert numbers == expected
            assert bool(li.find_all("p", cls="gc-help__contact")) == bool(expected)


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def test_figure_is_an_accessible_drawing_with_its_caption(env):
    data = fixture_data("figures.yml")["figures"]["space-between"]
    figure = parse(env.call(HOUSE, "figure", "space-between")).one("figure")
    svg = figure.one("svg")
    assert svg.attrs["role"] == "img"
    assert [figure.one(id=part).text() for part in svg.attrs["aria-labelledby"].split()] == [data["title"]]
    assert [figure.one(id=part).text() for part in svg.attrs["aria-describedby"].split()] == [data["description"]]
    assert figure.one("figcaption").text() == data["caption"]


def test_discussion_questions_follow_the_nav_with_links_to_each_page(env):
    sets = fixture_data("reflect.yml")["sets"]
    root = parse(env.call(NESTED, "discussion_questions"))
    sections = root.find_all("section")
    assert [s.attrs["aria-label"] for s in sections] == ["Home", "Your house"]  # nav order, not data order
    assert [resolve(NESTED[1], s.one("a").attrs["href"]) for s in sections] == ["", "house/"]
    for section, key in zip(sections, ["home", "house"], strict=True):
        assert [li.text() for li in section.one("ul").find_all("li")] == sets[key]["discuss"]


def test_glossary_lists_each_term_once_in_order_with_its_meaning(env):
    glossary = parse(env.call(HOUSE, "glossary")).one("div", cls="gc-glossary")
    # One heading per term: the site's search finds each term as an entry of its own.
    headings = glossary.find_all("h2", cls="gc-glossary__term")
    terms = [h.text() for h in headings]
    assert terms == ["apple", "bay window", "zeal"]  # "Apple" and "apple" are one term
    assert [p.text() for p in glossary.find_all("p", cls="gc-glossary__meaning")] == [
        "Apple meaning.",
        "Bay window meaning.",
        "Zeal meaning.",
    ]
    ids = [h.attrs["id"] for h in headings]
    assert len(set(ids)) == len(ids) and all(" " not in i for i in ids)


def test_sealed_callouts_open_to_exactly_their_html(env):
    # Every macro's HTML survives the seal byte for byte, whatever the characters; seals sit in any
    # surrounding HTML and each opens in place.
    sealed = [
        env.on(HOUSE).macros[name](*args, **kwargs)
        for name, args, kwargs in [("get_help", (), {}), ("house", (), {"room": "bedroom"}), ("glossary", (), {})]
    ]
    page = "<p>before</p>\n" + "\n<p>between \u2028 é</p>\n".join(sealed) + "\n<p>after</p>"
    opened = unseal(page, "docs/house.md")
    assert "gc-html" not in opened and opened.startswith("<p>before</p>\n<") and opened.endswith("\n<p>after</p>")
    assert opened.count("<p>between \u2028 é</p>") == 2
    for seal in sealed:
        assert unseal(seal, "x") in opened


@pytest.mark.parametrize(
    "broken", ["&lt;!--gc-html:PHA+--&gt;", "<!--gc-html:PHA+", "<code>&lt;!--gc-html:PHA+--&gt;</code>"]
)
def test_a_seal_markdown_did_not_pass_through_fails_naming_the_page(broken):
    with pytest.raises(PluginError, match=r"^docs/about.md: a callout could not be placed"):
        unseal(f"<p>text</p>{broken}<p>more</p>", "docs/about.md")


def test_glossary_gives_every_spelling_to_the_abbr_tooltips(env):
    # The page's Markdown (abbr extension) turns each spelling into a tooltip; other settings stay.
    # Every spelling also with a capital first letter, for a term that starts a sentence.
    assert env.conf["mdx_configs"]["abbr"] == {
        "glossary": {
            "zeal": "Zeal meaning.",
            "Zeal": "Zeal meaning.",
            "apple": "Apple meaning.",
            "Apple": "Apple meaning.",
            "bay window": "Bay window meaning.",
            "Bay window": "Bay window meaning.",
        }
    }
    assert env.conf["mdx_configs"]["toc"] == {"permalink": True}
    assert sum(isinstance(e, FirstUseTooltips) for e in env.conf["markdown_extensions"]) == 1


def test_glossary_word_forms_map_to_one_term(tmp_path):
    path = tmp_path / "glossary.md"
    path.write_text("*[abuse | abusive]: Harm.\n*[zeal]: Zeal.\n", encoding="utf-8")
    terms, spelled, term_of = load_glossary(path, "data/glossary.md")
    assert terms == [("abuse", "Harm."), ("zeal", "Zeal.")]
    assert spelled == {
        "abuse": "Harm.",
        "Abuse": "Harm.",
        "abusive": "Harm.",
        "Abusive": "Harm.",
        "zeal": "Zeal.",
        "Zeal": "Zeal.",
    }
    assert term_of["Abusive"] == term_of["abuse"] == "abuse" and term_of["zeal"] == "zeal"


@pytest.mark.parametrize(
    "lines, message",
    [
        ("*[zeal]: Zeal.\n*[abuse | ]: Harm.\n", "line 2: an empty word form"),
        ("*[abuse | abusive]: Harm.\n*[Abusive]: Other.\n", "line 2: 'Abusive' is defined differently on line 1"),
        ("*[abuse]: Harm.\n*[abusive | abuse]: Harm.\n", "line 2: duplicate term 'abuse' (first on line 1)"),
    ],
)
def test_glossary_form_errors_name_the_file_and_line(tmp_path, lines, message):
    path = tmp_path / "glossary.md"
    path.write_text(lines, encoding="utf-8")
    with pytest.raises(PluginError, match=rf"^data/glossary.md, {re.escape(message)}"):
        load_glossary(path, "data/glossary.md")


def test_tooltips_stay_on_the_first_use_and_leave_headings(tmp_path):
    import markdown

    md = markdown.Markdown(
        extensions=["abbr", "toc", FirstUseTooltips({"abuse": "abuse", "Abuse": "abuse", "abusive": "abuse"})],
        extension_configs={"abbr": {"glossary": {"abuse": "Harm.", "Abuse": "Harm.", "abusive": "Harm."}}},
    )
    out = md.convert("# Abuse\n\nText about *abusive* ways.\n\n## More abuse\n\nAbuse again, and abuse.")
    assert out.count("<abbr") == 1 and '<em><abbr title="Harm.">abusive</abbr></em>' in out
    assert '<h1 id="abuse">Abuse</h1>' in out and "Abuse again, and abuse." in out


def test_glossary_needs_the_abbr_extension(project):
    env = FakeEnv(project)
    env.conf["markdown_extensions"] = ["toc"]
    with pytest.raises(PluginError, match=r"^mkdocs.yml: markdown_extensions must list 'abbr'"):
        macros.define_env(env)


# ---------------------------------------------------------------------------------------------
# Links, ids, arguments
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", [HOME, HOUSE, NESTED, ("a/b/c.md", "a/b/c/")], ids=lambda p: p[1] or "home")
def test_links_lead_to_the_right_page_from_any_depth(env, page):
    html = env.call(page, "get_help") + env.call(page, "house", room="bedroom")
    hrefs = [a.attrs["href"] for a in parse(html).find_all("a")]
    assert [resolve(page[1], h) for h in hrefs] == ["get-help/", "leaving-quickly/", "house/"]
    assert all(not h.startswith("/") for h in hrefs)  # relative, so the site works under any sub-path


@pytest.mark.parametrize(
    "page", [("index.md", "index.html"), ("handouts/house.md", "handouts/house.html")], ids=lambda p: p[1]
)
def test_links_point_at_html_files_without_directory_urls(project, page):
    env = define(project, directory_urls=False)
    html = env.call(page, "get_help") + env.call(page, "discussion_questions")
    hrefs = [a.attrs["href"] for a in parse(html).find_all("a")]
    assert [resolve(page[1], h) for h in hrefs] == ["get-help.html", "leaving-quickly.html", "index.html", "house.html"]


def test_a_callout_used_twice_on_a_page_gets_distinct_ids(env):
    first, second = (parse(env.call(HOUSE, "house")) for _ in range(2))
    other = parse(env.call(NESTED, "house"))
    ids = [[el.attrs["id"] for el in tree.iter() if "id" in el.attrs] for tree in (first, second, other)]
    assert not set(ids[0]) & set(ids[1])
    assert ids[2] == ids[0]  # the count starts again on each page


@pytest.mark.parametrize(
    "call, message",
    [
        (
            ("warning_signs", "enmeshmnet"),
            "docs/house.md: unknown checklist 'enmeshmnet'; expected one of: codependency, enmeshment (data/checklists.yml)",
        ),
        (
            ("reflect", "nope"),
            "docs/house.md: unknown reflect set 'nope'; expected one of: home, house (data/reflect.yml)",
        ),
        (
            ("content_note", "nope"),
            "docs/house.md: unknown content note 'nope'; expected one of: heavy-topic (data/content_notes.yml)",
        ),
        (("figure", "nope"), "docs/house.md: unknown figure 'nope'; expected one of: space-between (data/figures.yml)"),
    ],
    ids=["checklist", "reflect-set", "content-note", "figure"],
)
def test_an_unknown_id_names_the_page_and_the_known_ids(env, call, message):
    with pytest.raises(PluginError) as raised:
        env.call(HOUSE, *call)
    assert str(raised.value) == message


def test_an_unknown_room_names_the_page_and_the_known_rooms(env):
    with pytest.raises(
        PluginError,
        match=r"^docs/house\.md: unknown room 'attic'; expected one of: bedroom, "
        r"front-door, living-room \(data/house\.yml\)$",
    ):
        env.call(HOUSE, "house", room="attic")


@pytest.mark.parametrize(
    "name, args, kwargs, message",
    [
        ("warning_signs", (3,), {}, "docs/house.md: checklist must be text in quotes, got int 3"),
        ("house", (), {"room": ["bedroom"]}, "docs/house.md: room must be text in quotes, got list ['bedroom']"),
        (
            "stretching_together",
            (),
            {"short": "yes"},
            "docs/house.md: stretching_together(short=...) must be True or False, got 'yes'",
        ),
        ("get_help", (), {"full": 1}, "docs/house.md: get_help(full=...) must be True or False, got 1"),
        ("house", (), {"worksheet": "no"}, "docs/house.md: house(worksheet=...) must be True or False, got 'no'"),
        (
            "warning_signs",
            (),
            {},
            "docs/house.md: warning_signs(): missing a required argument: 'checklist'; expected warning_signs(checklist)",
        ),
        (
            "reflect",
            ("home", "house"),
            {},
            "docs/house.md: reflect(): too many positional arguments; expected reflect(page)",
        ),
        (
            "house",
            (),
            {"rom": "bedroom"},
            "docs/house.md: house(): got an unexpected keyword argument 'rom'; "
            "expected house(room=None, worksheet=False)",
        ),
        ("glossary", ("x",), {}, "docs/house.md: glossary(): too many positional arguments; expected glossary()"),
    ],
    ids=[
        "type-checklist",
        "type-room",
        "type-short",
        "type-full",
        "type-worksheet",
        "missing-argument",
        "too-many-arguments",
        "unknown-keyword",
        "argument-to-glossary",
    ],
)
def test_wrong_arguments_name_the_page_and_what_was_expected(env, name, args, kwargs, message):
    with pytest.raises(PluginError) as raised:
        env.call(HOUSE, name, *args, **kwargs)
    assert str(raised.value) == message


def test_every_macro_is_covered_here(env):
    covered = {macro for name in ALL_FILES for macro, _, _ in calls_for(name)}
    assert set(env.macros) == covered


# ---------------------------------------------------------------------------------------------
# Escaping: data text is text, whatever it says
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plain_renders(project) -> dict[str, str]:
    """Every data file's callouts rendered from the unchanged fixture."""
    env = define(project)
    return {name: render_all(env, name) for name in ALL_FILES}


def _nasty_project(dest: Path, nasty: str) -> Path:
    """The fixture with every text field (YAML and glossary) replaced by `nasty` and the field's key path."""
    changes: dict[str, Any] = {}
    for name, path in text_fields():
        data = changes.get(name) or fixture_data(name)
        # A sentence of the strings file keeps its {placeholders}, which the build fills in.
        keep = " ".join(re.findall(r"\{[a-z_]+\}", str(get_at(data, path)))) if name == "strings.yml" else ""
        changes[name] = set_at(data, path, f"{nasty} {path} {keep}".rstrip())
    terms = [line[2:].split("]")[0] for line in (FIXTURE / "data" / "glossary.md").read_text().splitlines()]
    changes["glossary.md"] = "".join(f"*[{term}]: {nasty} {term.lower()}\n" for term in terms)
    return make_project(dest, changes)


@pytest.mark.parametrize("nasty", list(NASTY.values()) + [" ".join(NASTY.values())], ids=list(NASTY) + ["all-at-once"])
def test_nasty_data_text_comes_out_inert(tmp_path, plain_renders, nasty):
    env = define(_nasty_project(tmp_path, nasty))
    for name in ALL_FILES:
        html = render_all(env, name)
        tree, plain = parse(html), parse(plain_renders[name])
        assert structure(tree) == structure(plain), f"{name}: data text changed the HTML's elements"
        assert [a.attrs["href"] for a in tree.find_all("a")] == [a.attrs["href"] for a in plain.find_all("a")]
        assert escaped(nasty) in html and any(nasty in s for s in strings(tree))
        assert not tree.find_all("script") and "onerror" not in {n for el in tree.iter() for n, _ in el.attr_list}
        assert "49" not in html  # {{ 7*7 }} is never evaluated
    fields = text_fields()
    assert len(fields) > 40  # the walk really found the schema's text fields


MARKUP = {
    "img-onerror": ("<img src=x onerror=alert(1)>", "<img"),
    "meta-refresh": ('<meta http-equiv=refresh content="0;url=https://example.org">', "<meta"),
    "escaped-tag": ("&lt;b&gt; bold", "&lt;"),
    "numeric-entity": ("&#60;script&#62;", "&#60;"),
    "closing-angle": ("a -> b", ">"),
}


@pytest.mark.parametrize("text, shown", list(MARKUP.values()), ids=list(MARKUP))
def test_markup_in_any_text_field_is_refused_naming_file_line_and_key(tmp_path, text, shown):
    fields = text_fields()
    changes: dict[str, Any] = {}
    for name, path in fields:
        changes[name] = set_at(changes.get(name) or fixture_data(name), path, f"Plain words {text}")
    project = make_project(tmp_path, changes)
    with pytest.raises(PluginError) as raised:
        define(project)
    lines = str(raised.value).splitlines()
    # The first data file in SCHEMAS order stops the build, with one line per text field it holds.
    first = next(name for name in schema.SCHEMAS if name in changes)
    expected = [path for name, path in fields if name == first]
    assert len(lines) == len(expected) > 0
    for line in lines:
        assert re.fullmatch(
            rf"data/{re.escape(first)}, line \d+: \S+: contains markup '{re.escape(shown)}'; "
            r"expected plain text",
            line,
        ), line


@pytest.mark.parametrize("part", ["term", "definition"])
@pytest.mark.parametrize("text, shown", list(MARKUP.values()), ids=list(MARKUP))
def test_markup_in_the_glossary_is_refused_naming_the_line(tmp_path, part, text, shown):
    lines = (FIXTURE / "data" / "glossary.md").read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("*["))
    term, definition = re.fullmatch(r"\*\[([^\]]+)\]:\s*(.*)", lines[number - 1]).groups()
    term, definition = (f"{term} {text}", definition) if part == "term" else (term, f"{definition} {text}")
    lines[number - 1] = f"*[{term}]: {definition}"
    project = make_project(tmp_path, {"glossary.md": "\n".join(lines) + "\n"})
    with pytest.raises(PluginError) as raised:
        define(project)
    assert (
        str(raised.value) == f"data/glossary.md, line {number}: {part} contains markup '{shown}'; expected plain text"
    )


def test_a_lone_ampersand_is_plain_text_and_escaped(tmp_path):
    data = fixture_data("repair.yml")
    data["closing"] = "Tom & Jerry; R&D &copy &"
    env = define(make_project(tmp_path, {"repair.yml": data}))
    html = render_all(env, "repair.yml")
    assert "Tom &amp; Jerry; R&amp;D &amp;copy &amp;" in html


def test_text_fields_are_found_in_every_data_file():
    assert {name for name, _ in text_fields()} == set(schema.SCHEMAS)
    assert ("house.yml", ("rooms", 2, "note")) in text_fields()
    assert ("checklists.yml", ("checklists", "enmeshment", "actions", 1, "link", "text")) in text_fields()
    assert ("help.yml", ("regions", 0, "organisations", 0, "offers")) in text_fields()
    assert ("help.yml", ("regions", 0, "organisations", 0, "phone")) not in text_fields()  # a number, checked as one
    assert ("house.yml", ("rooms", 0, "id")) not in text_fields()  # ids are slugs, not text


# ---------------------------------------------------------------------------------------------
# Page checks and the data-link anchor check
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markdown, meta, message",
    [
        ("", {}, "docs/house.md: the page is empty; expected a '# Title' line and some text"),
        (" \n\n\t\n", {}, "docs/house.md: the page is empty; expected a '# Title' line and some text"),
        (
            "---\ntitle: [unclosed\n---\n\n# House\n",
            {},
            "docs/house.md, line 3: malformed front matter: expected ',' or ']', but got '<stream end>' "
            "(while parsing a flow sequence on line 2)",
        ),
        (
            "---\njust words\n---\n\n# House\n",
            {},
            "docs/house.md, line 2: front matter must be 'key: value' lines, got 'just words'",
        ),
    ],
    ids=["empty", "blank", "front-matter-malformed", "front-matter-not-a-mapping"],
)
def test_a_page_that_would_publish_silently_broken_stops_the_build(markdown, meta, message):
    env = FakeEnv(FIXTURE).on(HOUSE)
    env.markdown, env.page.meta = markdown, meta
    with pytest.raises(PluginError) as raised:
        macros.on_pre_page_macros(env)
    assert str(raised.value) == message


def test_a_page_with_front_matter_and_text_passes():
    env = FakeEnv(FIXTURE).on(HOUSE)
    env.markdown, env.page.meta = "# House\n\nSome text.\n", {"title": "House"}
    macros.on_pre_page_macros(env)


def test_a_data_link_to_a_missing_anchor_fails_after_the_build(tmp_path, project, caplog):
    site = tmp_path / "site"
    (site / "get-help").mkdir(parents=True)
    (site / "get-help" / "index.html").write_text('<h1 id="get-help">Help</h1>')
    (site / "house").mkdir()
    (site / "house" / "index.html").write_text('<h2 id="the-rooms-not">Rooms</h2>')
    hook = load_hook("links")
    config = FakeConfig(project, site)
    hook.on_post_build(config)
    line = next(n for n, text in enumerate((FIXTURE / "data" / "checklists.yml").open(), 1) if "#the-rooms" in text)
    assert [r.getMessage() for r in caplog.records] == [
        f"data/checklists.yml, line {line}: checklists.enmeshment.actions[2].link.page: "
        "no anchor #the-rooms on docs/house.md (link text 'Rooms link text')"
    ]
    for heading in ('<h2 id="the-rooms">Rooms</h2>', "<h2 id=the-rooms>Rooms</h2>"):  # minified HTML drops quotes
        caplog.clear()
        (site / "house" / "index.html").write_text(heading)
        hook.on_post_build(FakeConfig(project, site))
        assert not caplog.records


class FakeConfig(dict):
    """The part of MkDocs' config the links hook reads."""

    def __init__(self, project: Path, site: Path):
        super().__init__(site_dir=str(site), site_url="http://127.0.0.1:8000/", use_directory_urls=True)
        self.config_file_path = str(project / "mkdocs.yml")
