"""Callout macros for Getting Closer.

Each macro reads its family's YAML file under data/ (validated with pydantic once per build, when
MkDocs loads the configuration), checks its own arguments, and renders a Jinja template from
overrides/callouts/. Python computes data; templates draw it; every text field is escaped.
"""

import datetime
import posixpath
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Optional

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from mkdocs.exceptions import PluginError
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

# ---------------------------------------------------------------------------------------------
# Schemas: one model per data file. Text is plain text, escaped by the templates.
# ---------------------------------------------------------------------------------------------

# Characters that reorder or hide text (bidi overrides, controls) make data lie about itself.
_HIDDEN = re.compile(r"[\u202a-\u202e\u2066-\u2069\u0000-\u0008\u000b-\u001f\u007f]")
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _visible(text: str) -> str:
    """Reject control and bidi-override characters; normalise to NFC."""
    found = _HIDDEN.search(text)
    if found:
        raise ValueError(f"contains the invisible control character U+{ord(found.group()):04X}")
    return unicodedata.normalize("NFC", text)


Text = Annotated[str, Field(strict=True, min_length=1), AfterValidator(_visible)]
Slug = Annotated[str, Field(strict=True, pattern=_SLUG)]
HttpsUrl = Annotated[str, Field(strict=True, pattern=r"^https://[A-Za-z0-9.-]+(?:/[^\s\"'<>]*)?$")]
Day = Annotated[datetime.date, Field(strict=False)]


class Model(BaseModel):
    """Every data model: unknown keys and type coercion are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Link(Model):
    page: Annotated[str, Field(strict=True, pattern=r"^[a-z0-9/_-]+\.md(?:#[a-z0-9_-]+)?$")]
    text: Text


class Plan(Model):
    x: int
    y: int
    width: Annotated[int, Field(gt=0)]
    height: Annotated[int, Field(gt=0)]


class Room(Model):
    id: Slug
    name: Text
    who: Text
    note: Text
    plan: Plan


def _unique(items: list, what: str) -> list:
    """Fail when two items share an id."""
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"duplicate {what} id '{item.id}'")
        seen.add(item.id)
    return items


class House(Model):
    title: Text
    intro: Text
    rooms: Annotated[list[Room], Field(min_length=1), AfterValidator(lambda v: _unique(v, "room"))]
    respect: Text


class Action(Model):
    text: Text
    link: Optional[Link] = None


class Checklist(Model):
    title: Text
    intro: Text
    signs: Annotated[list[Text], Field(min_length=1)]
    actions: Annotated[list[Action], Field(min_length=1)]


class Checklists(Model):
    checklists: Annotated[dict[Slug, Checklist], Field(min_length=1)]


class HealthySigns(Model):
    title: Text
    intro: Text
    signs: Annotated[list[Text], Field(min_length=1)]


class Step(Model):
    title: Text
    text: Text


class Repair(Model):
    title: Text
    intro: Text
    steps: Annotated[list[Step], Field(min_length=1)]
    closing: Text


class Stretching(Model):
    title: Text
    intro: Text
    steps: Annotated[list[Step], Field(min_length=1)]
    lesson: Text
    reminder: Text


class Way(Model):
    id: Slug
    title: Text
    text: Text
    example: Text


class Ways(Model):
    title: Text
    intro: Text
    ways: Annotated[list[Way], Field(min_length=1), AfterValidator(lambda v: _unique(v, "way"))]


class ReflectSet(Model):
    questions: Annotated[list[Text], Field(min_length=1)]
    discuss: Annotated[list[Text], Field(min_length=1)]


class Reflect(Model):
    sets: Annotated[dict[Slug, ReflectSet], Field(min_length=1)]


class ContentNote(Model):
    covers: Text
    support: Text


class ContentNotes(Model):
    notes: Annotated[dict[Slug, ContentNote], Field(min_length=1)]


class HelpCallout(Model):
    title: Text
    text: Text


class Organisation(Model):
    name: Text
    region: Text
    offers: Text
    url: HttpsUrl
    phone: Optional[Text] = None
    text: Optional[Text] = None
    last_checked: Optional[Day] = None

    @model_validator(mode="after")
    def _numbers_are_dated(self) -> "Organisation":
        """A phone or text number must say when it was last checked."""
        if (self.phone or self.text) and self.last_checked is None:
            raise ValueError("last_checked is required when phone or text is given")
        return self


class Figure(Model):
    title: Text
    description: Text
    caption: Text


class Figures(Model):
    figures: Annotated[dict[Slug, Figure], Field(min_length=1)]


class Help(Model):
    callout: HelpCallout
    organisations: Annotated[list[Organisation], Field(min_length=1)]


# Data file -> schema. A macro's family is found here, and every file is validated at start-up.
SCHEMAS: dict[str, type[Model]] = {
    "house.yml": House,
    "checklists.yml": Checklists,
    "healthy_signs.yml": HealthySigns,
    "repair.yml": Repair,
    "stretching.yml": Stretching,
    "ways.yml": Ways,
    "reflect.yml": Reflect,
    "content_notes.yml": ContentNotes,
    "help.yml": Help,
    "figures.yml": Figures,
}

# ---------------------------------------------------------------------------------------------
# Loading: YAML with line numbers for every key, so an error can point at the line.
# ---------------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """Safe YAML loader that refuses duplicate keys (PyYAML keeps the last one silently)."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}' (first on line {seen[key] + 1})", key_node.start_mark
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def _line_of(node: yaml.Node | None, loc: tuple) -> Optional[int]:
    """Return the 1-based line of the YAML node at a pydantic error location."""
    line = node.start_mark.line + 1 if node else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == str(part)]
            if not match:
                return line
            node = match[0][1]
            line = match[0][0].start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _describe(error: dict) -> str:
    """Turn one pydantic error into words a content editor can act on."""
    value, kind = error.get("input"), error["type"]
    if kind == "extra_forbidden":
        return "unknown key (a typo?)"
    if kind == "missing":
        return "required key is missing"
    if isinstance(value, bool) and "str" in kind:
        return f"expected text, got the yes/no value {str(value).lower()}: put the text in quotes"
    if isinstance(value, (datetime.date, int, float)) and "str" in kind:
        return f"expected text, got {type(value).__name__} {value!r}: put the text in quotes"
    return error["msg"].replace("Value error, ", "")


def _where(loc: tuple) -> str:
    """Format a pydantic location as a key path: rooms[2].note."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def load_data(path: Path, schema: type[Model], shown: str) -> Model:
    """Read, parse and validate one data file; raise PluginError naming file, key and line."""
    if not path.is_file():
        raise PluginError(f"{shown}: file not found; expected a YAML file for {schema.__name__}")
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise PluginError(f"{shown}{where}: malformed YAML: {problem}") from None
    if data is None:
        raise PluginError(f"{shown}: file is empty; expected keys {', '.join(schema.model_fields)}")
    if not isinstance(data, dict):
        raise PluginError(f"{shown}, line 1: expected a mapping with keys {', '.join(schema.model_fields)}")
    try:
        return schema.model_validate(data)
    except ValidationError as err:
        lines = []
        for error in err.errors():
            loc = tuple(p for p in error["loc"] if p not in ("function-after[_visible(), str]",))
            line = _line_of(root, loc)
            at = f", line {line}" if line else ""
            lines.append(f"{shown}{at}: {_where(loc)}: {_describe(error)}")
        raise PluginError("invalid data:\n  " + "\n  ".join(lines)) from None


def load_glossary(path: Path, shown: str) -> list[tuple[str, str]]:
    """Read the abbreviation lines of the glossary: [(term, definition)], one per term."""
    if not path.is_file():
        raise PluginError(f"{shown}: file not found; expected lines '*[term]: definition'")
    terms: dict[str, tuple[str, str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = re.fullmatch(r"\*\[([^\]]+)\]:\s*(\S.*)", line)
        if not match:
            raise PluginError(f"{shown}, line {number}: expected '*[term]: definition', got {line!r}")
        term, definition = match.groups()
        terms.setdefault(term.lower(), (term.lower(), definition))
    if not terms:
        raise PluginError(f"{shown}: file is empty; expected lines '*[term]: definition'")
    return sorted(terms.values())


# ---------------------------------------------------------------------------------------------
# The macros
# ---------------------------------------------------------------------------------------------


def define_env(env) -> None:
    """Register one macro per callout; load and validate all data once for this build."""
    project = Path(env.project_dir)
    docs = Path(env.conf["docs_dir"])
    data_dir = project / "data"
    data = {name: load_data(data_dir / name, schema, f"data/{name}") for name, schema in SCHEMAS.items()}
    glossary_terms = load_glossary(data_dir / "glossary.md", "data/glossary.md")
    nav_titles = _nav_titles(env.conf["nav"] or [])
    for name, schema_link in _links(data).items():
        _check_page(docs, schema_link, f"data/{name}")
    for set_id in data["reflect.yml"].sets:
        if _page_of(set_id) not in nav_titles:
            raise PluginError(f"data/reflect.yml: sets.{set_id}: no page {_page_of(set_id)} in the nav")

    templates = Environment(
        loader=FileSystemLoader(project / "overrides" / "callouts"),
        autoescape=True,  # data is text: escape everything the templates print
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    counters: dict[tuple[str, str], int] = {}

    def here() -> str:
        """The page being rendered, as docs/<path>, for error messages."""
        return f"docs/{env.page.file.src_path}" if env.page else "docs/?"

    def render(template: str, name: str, **context) -> str:
        """Render a callout template into one raw-HTML block (no blank lines, so Markdown keeps it)."""
        key = (here(), name)
        counters[key] = counters.get(key, 0) + 1
        uid = f"gc-{name}" + (f"-{counters[key]}" if counters[key] > 1 else "")
        html = templates.get_template(template).render(uid=uid, url=url_to, **context)
        return "\n".join(line for line in html.splitlines() if line.strip())

    def url_to(page: str) -> str:
        """Relative URL from the current page to a docs page path (with optional #anchor)."""
        target, _, anchor = page.partition("#")
        dest = _dest_url(target, env.conf["use_directory_urls"])
        current = env.page.url if env.page else ""
        rel = posixpath.relpath(dest or ".", posixpath.dirname(current.rstrip("/") + "/x") or ".")
        rel = "./" if rel == "." else (rel + "/" if dest.endswith("/") and not rel.endswith("/") else rel)
        return rel + (f"#{anchor}" if anchor else "")

    def choose(kind: str, value: Any, known: dict | list, family: str) -> None:
        """Fail the build when a macro argument names nothing in its data file."""
        if not isinstance(value, str):
            raise PluginError(f"{kind} must be text in {here()}, got {type(value).__name__} {value!r}")
        if value not in known:
            raise PluginError(
                f"unknown {kind} '{value}' in {here()}; known: {', '.join(sorted(known))} (data/{family})"
            )

    def flag(name: str, value: Any, macro: str) -> bool:
        """Check a True/False argument."""
        if not isinstance(value, bool):
            raise PluginError(f"{macro}({name}=...) in {here()} must be True or False, got {value!r}")
        return value

    @env.macro
    def house(room: Optional[str] = None, worksheet: bool = False) -> str:
        """The house floor plan; room= highlights one room; worksheet=True adds space to write."""
        plan = data["house.yml"]
        rooms = {r.id: r for r in plan.rooms}
        if room is not None:
            choose("room", room, rooms, "house.yml")
        return render(
            "house.html", "house", house=plan, chosen=rooms.get(room),
            worksheet=flag("worksheet", worksheet, "house"), page_url=url_to("house.md"),
        )

    @env.macro
    def stretching_together(short: bool = False) -> str:
        """The stretching-together analogy; short=True gives the one-paragraph reminder."""
        return render(
            "stretching.html", "stretching", stretching=data["stretching.yml"],
            short=flag("short", short, "stretching_together"), page_url=url_to("building-together.md"),
        )

    @env.macro
    def warning_signs(checklist: str) -> str:
        """One warning-sign checklist: intro, signs to tick, what you can do."""
        lists = data["checklists.yml"].checklists
        choose("checklist", checklist, lists, "checklists.yml")
        return render("checklist.html", f"signs-{checklist}", checklist=lists[checklist], tone="warning")

    @env.macro
    def healthy_signs() -> str:
        """The hallmarks of healthy intimacy as a checklist."""
        return render("checklist.html", "healthy-signs", checklist=data["healthy_signs.yml"], tone="success")

    @env.macro
    def repair_steps() -> str:
        """Numbered steps for repairing a bad reaction."""
        return render("repair.html", "repair", repair=data["repair.yml"])

    @env.macro
    def ways_to_be_close() -> str:
        """The kinds of sharing, as cards."""
        return render("ways.html", "ways", ways=data["ways.yml"])

    @env.macro
    def reflect(page: str) -> str:
        """Questions to think or talk about at the end of a page."""
        sets = data["reflect.yml"].sets
        choose("reflect set", page, sets, "reflect.yml")
        return render("reflect.html", "reflect", questions=sets[page])

    @env.macro
    def content_note(topic: str) -> str:
        """A content note for the top of a heavy page."""
        notes = data["content_notes.yml"].notes
        choose("content note", topic, notes, "content_notes.yml")
        return render("content_note.html", "content-note", note=notes[topic], help_url=url_to("get-help.md"))

    @env.macro
    def get_help(full: bool = False) -> str:
        """Where to find support; full=True lists every organisation."""
        return render(
            "get_help.html", "get-help", help=data["help.yml"], full=flag("full", full, "get_help"),
            help_url=url_to("get-help.md"), exit_url=url_to("leaving-quickly.md"),
        )

    @env.macro
    def figure(name: str) -> str:
        """One of our drawn figures, with its text alternative and caption."""
        figures = data["figures.yml"].figures
        choose("figure", name, figures, "figures.yml")
        return render("figure.html", f"figure-{name}", figure=figures[name], art=name)

    @env.macro
    def discussion_questions() -> str:
        """Every page's discussion questions, in reading order, for educators."""
        sets = data["reflect.yml"].sets
        pages = [(nav_titles[_page_of(s)], url_to(_page_of(s)), sets[s]) for s in sets]
        order = list(nav_titles)
        pages.sort(key=lambda p: order.index(_page_of(_set_of(p, sets))))
        return render("discussion.html", "discussion", pages=pages)

    @env.macro
    def glossary() -> str:
        """The glossary page: every term of data/glossary.md with its definition."""
        return render("glossary.html", "glossary", terms=glossary_terms)


def _set_of(entry: tuple, sets: dict) -> str:
    """The reflect-set id of a (title, url, set) entry."""
    return next(key for key, value in sets.items() if value is entry[2])


def _page_of(set_id: str) -> str:
    """The docs page a reflect set belongs to (home is the index page)."""
    return "index.md" if set_id == "home" else f"{set_id}.md"


def _dest_url(src: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a docs page, relative to the site root."""
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def _nav_titles(nav: list) -> dict[str, str]:
    """Flatten the nav into {page path: title}, in reading order."""
    titles: dict[str, str] = {}
    for item in nav:
        for title, target in (item.items() if isinstance(item, dict) else [(None, item)]):
            if isinstance(target, list):
                titles.update(_nav_titles(target))
            elif isinstance(target, str) and target.endswith(".md"):
                titles[target] = title or target
    return titles


def _links(data: dict[str, Model]) -> dict[str, Link]:
    """Every Link in the data, keyed by file (the first one per file is enough to locate errors)."""
    found: dict[str, Link] = {}

    def walk(value: Any, name: str) -> None:
        if isinstance(value, Link):
            found[f"{name}#{len(found)}"] = value
        elif isinstance(value, BaseModel):
            for field in type(value).model_fields:
                walk(getattr(value, field), name)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, name)

    for name, model in data.items():
        walk(model, name)
    return found


def _check_page(docs: Path, link: Link, where: str) -> None:
    """Fail when a data link points at a page that does not exist (anchors are checked after the build)."""
    target = link.page.partition("#")[0]
    if not (docs / target).is_file():
        raise PluginError(f"{where.split('#')[0]}: link to '{link.page}' ('{link.text}'): no page docs/{target}")
