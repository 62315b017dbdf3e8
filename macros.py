"""Callout macros for Getting Closer.

Each macro reads its family's YAML file under data/ (validated with pydantic once per build, when
MkDocs loads the configuration), checks its own arguments, and renders a Jinja template from
overrides/callouts/. Python computes data; templates draw it; every text field is escaped.
"""

import base64
import datetime
import functools
import inspect
import posixpath
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Iterator, Optional

import yaml
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

# ---------------------------------------------------------------------------------------------
# Schemas: one model per data file. Text is plain text, escaped by the templates.
# ---------------------------------------------------------------------------------------------

# Characters that reorder or hide text (bidi overrides, controls) make data lie about itself.
_HIDDEN = re.compile(r"[\u202a-\u202e\u2066-\u2069\u0000-\u0008\u000b-\u001f\u007f]")
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_PAGE = r"^[a-z0-9/_-]+\.md(?:#[a-z0-9_-]+)?$"
_HTTPS = r"^https://[A-Za-z0-9.-]+(?:/[^\s\"'<>]*)?$"
_PHONE = r"^\+?[0-9]+(?:[ -][0-9]+)*$"
_MONTH = r"^[0-9]{4}-(?:0[1-9]|1[0-2])$"
_KEYWORD = r"^[A-Za-z0-9]+$"
# What each pattern asks for, in words an editor can act on.
_EXPECTED = {
    _SLUG: "an id of lowercase letters, digits and single hyphens, such as 'living-room'",
    _PAGE: "a docs page such as 'get-help.md' or 'get-help.md#anchor' (no web addresses)",
    _HTTPS: "a web address starting with https://",
    _PHONE: "a number of digits with single spaces or hyphens, such as '0800 1111' or '+44 800 1111'",
    _MONTH: "the month it was checked, such as '2026-11'",
    _KEYWORD: "one word of letters and digits, such as 'SHOUT'",
}


# Markup in data: a tag's start or end, or an HTML entity. A lone "&" is plain text (escaped when shown).
_MARKUP = re.compile(r"<[/!?]?[A-Za-z0-9-]*|>|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")


def _visible(text: str) -> str:
    """Reject control and bidi-override characters and markup; normalise to NFC."""
    found = _HIDDEN.search(text)
    if found:
        raise ValueError(f"contains the invisible control character U+{ord(found.group()):04X}")
    markup = _MARKUP.search(text)
    if markup:
        raise ValueError(f"contains markup '{markup.group()}'; expected plain text")
    return unicodedata.normalize("NFC", text)


Text = Annotated[str, Field(strict=True, min_length=1), AfterValidator(_visible)]
Slug = Annotated[str, Field(strict=True, pattern=_SLUG)]
HttpsUrl = Annotated[str, Field(strict=True, pattern=_HTTPS)]
Day = Annotated[datetime.date, Field(strict=False)]


class Model(BaseModel):
    """Every data model: unknown keys and type coercion are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Link(Model):
    page: Annotated[str, Field(strict=True, pattern=_PAGE)]
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
    """Fail when two items share an id, pointing at the second one."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            raise PydanticCustomError(
                "duplicate_id", "duplicate {what} id '{id}' (item [{first}] has it too)",
                {"what": what, "id": item.id, "index": index, "first": seen[item.id]},
            )
        seen[item.id] = index
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


class Figure(Model):
    title: Text
    description: Text
    caption: Text


class Figures(Model):
    figures: Annotated[dict[Slug, Figure], Field(min_length=1)]


# Help: organisations grouped by region, each region checked as a whole ("checked November 2026").
Phone = Annotated[str, Field(strict=True, pattern=_PHONE)]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


class TextMessage(Model):
    number: Phone
    keyword: Optional[Annotated[str, Field(strict=True, pattern=_KEYWORD)]] = None

    @property
    def href(self) -> str:
        """An sms: link, with the keyword as the message when there is one."""
        return f"sms:{_digits(self.number)}" + (f"?body={self.keyword}" if self.keyword else "")


class Organisation(Model):
    id: Slug
    name: Text
    offers: Text
    url: HttpsUrl
    phone: Optional[Phone] = None
    sms: Optional[TextMessage] = None

    @property
    def tel(self) -> Optional[str]:
        """A tel: link for the phone number."""
        return f"tel:{_digits(self.phone)}" if self.phone else None


class Region(Model):
    id: Slug
    name: Text
    checked: Annotated[str, Field(strict=True, pattern=_MONTH)]
    organisations: Annotated[list[Organisation], Field(min_length=1)]

    @property
    def checked_text(self) -> str:
        """The month checked, as people say it: 'November 2026'."""
        year, month = self.checked.split("-")
        return f"{_MONTHS[int(month) - 1]} {year}"


def _digits(number: str) -> str:
    """A number as a link dials it: digits and a leading +."""
    return re.sub(r"[ -]", "", number)


def _unique_organisations(regions: list) -> list:
    """Organisation ids are unique across regions (printed help boxes cite them by id)."""
    seen: dict[str, tuple[int, int]] = {}
    for r, region in enumerate(regions):
        for o, org in enumerate(region.organisations):
            if org.id in seen:
                raise PydanticCustomError(
                    "duplicate_org", "duplicate organisation id '{id}' (regions[{r0}].organisations[{o0}] has it too)",
                    {"id": org.id, "region": r, "index": o, "r0": seen[org.id][0], "o0": seen[org.id][1]},
                )
            seen[org.id] = (r, o)
    return regions


class Help(Model):
    callout: HelpCallout
    regions: Annotated[list[Region], Field(min_length=1), AfterValidator(lambda v: _unique(v, "region")),
                       AfterValidator(_unique_organisations)]


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


# LibYAML's parser when PyYAML has it (much faster); the pure-Python one otherwise.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
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
    if kind == "string_pattern_mismatch":
        return f"expected {_EXPECTED.get(error['ctx']['pattern'], error['msg'])}, got {_short(value)}"
    wanted = _WANTED.get(kind) or ("a date such as 2026-01-31" if kind.startswith("date") else None)
    if wanted:
        return f"expected {wanted}, got {_short(value)}"
    return error["msg"].replace("Value error, ", "")


# What a wrong-type error expected, in an editor's words.
_WANTED = {
    "string_type": "text",
    "string_too_short": "some text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "list_type": "a list (one '- ' line per item)",
    "dict_type": "keys and values",
    "model_type": "keys and values",
}


def _short(value: Any) -> str:
    """A value as an editor wrote it, cut to a readable length; lists and mappings by kind."""
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "keys and values"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _where(loc: tuple) -> str:
    """Format a pydantic location as a key path: rooms[2].note."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def _at(shown: str, root: yaml.Node | None, loc: tuple) -> str:
    """Name a place in a data file: 'data/house.yml, line 9: rooms[1].note'."""
    line = _line_of(root, loc)
    return f"{shown}{f', line {line}' if line else ''}: {_where(loc)}"


def _compose(path: Path) -> yaml.Node | None:
    """The YAML node tree of a data file that has already loaded cleanly (for line numbers)."""
    return yaml.compose(path.read_text(encoding="utf-8"), Loader=_SafeLoader)


def _yaml_problem(err: yaml.YAMLError, first_line: int, what: str = "YAML") -> str:
    """Describe a YAML error as ', line N: malformed YAML: ...', saying where an unclosed quote or bracket opened."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    where = f", line {mark.line + first_line}" if mark else ""
    problem = getattr(err, "problem", None) or str(err)
    context, start = getattr(err, "context", None), getattr(err, "context_mark", None)
    if context and start and mark and start.line != mark.line:  # an unclosed quote or bracket: say where it opened
        problem += f" ({context} on line {start.line + first_line})"
    return f"{where}: malformed {what}: {problem}"


def load_data(path: Path, schema: type[Model], shown: str) -> Model:
    """Read, parse and validate one data file; raise PluginError naming file, key and line."""
    if not path.is_file():
        raise PluginError(f"{shown}: file not found; expected a YAML file for {schema.__name__}")
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as err:
        raise PluginError(f"{shown}{_yaml_problem(err, 1)}") from None
    if data is None:
        raise PluginError(f"{shown}: file is empty; expected keys {', '.join(schema.model_fields)}")
    if not isinstance(data, dict):
        raise PluginError(f"{shown}, line 1: expected a mapping with keys {', '.join(schema.model_fields)}")
    try:
        return schema.model_validate(data)
    except ValidationError as err:
        root = yaml.compose(text, Loader=_SafeLoader)  # only now: the node tree gives line numbers
        lines = []
        for error in err.errors():
            loc = tuple(p for p in error["loc"] if p not in ("function-after[_visible(), str]",))
            if error["type"] == "duplicate_id":
                loc += (error["ctx"]["index"], "id")
            if error["type"] == "duplicate_org":
                loc += (error["ctx"]["region"], "organisations", error["ctx"]["index"], "id")
            lines.append(f"{_at(shown, root, loc)}: {_describe(error)}")
        raise PluginError("invalid data:\n  " + "\n  ".join(lines)) from None


def load_glossary(path: Path, shown: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Read the abbreviation lines of the glossary.

    Returns [(term, definition)], one per term in lower case, for the glossary page, and
    {spelling: definition}, every spelling, for the tooltips.
    """
    if not path.is_file():
        raise PluginError(f"{shown}: file not found; expected lines '*[term]: definition'")
    terms: dict[str, tuple[str, str]] = {}
    first: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = re.fullmatch(r"\*\[([^\]]+)\]:\s*(\S.*)", line)
        if not match:
            raise PluginError(f"{shown}, line {number}: expected '*[term]: definition', got {line!r}")
        parts = []
        for part, text in zip(("term", "definition"), match.groups()):
            try:
                parts.append(_visible(text))
            except ValueError as err:
                raise PluginError(f"{shown}, line {number}: {part} {err}") from None
        term, definition = parts
        key = term.lower()
        # Case variants ("Apple", "apple") are kept for the tooltips, but must say the same thing.
        if term in spelled:
            raise PluginError(f"{shown}, line {number}: duplicate term '{term}' (first on line {first[key]})")
        if key in terms and terms[key][1] != definition:
            raise PluginError(
                f"{shown}, line {number}: '{term}' is defined differently on line {first[key]}; "
                "expected the same definition for every spelling of a term"
            )
        spelled[term] = definition
        first.setdefault(key, number)
        terms.setdefault(key, (key, definition))
    if not terms:
        raise PluginError(f"{shown}: file is empty; expected lines '*[term]: definition'")
    return sorted(terms.values()), spelled


# ---------------------------------------------------------------------------------------------
# The macros
# ---------------------------------------------------------------------------------------------


def define_env(env) -> None:
    """Register one macro per callout; load and validate all data once for this build."""
    check_exit_url(env.conf["extra"].get("exit_url"))
    project = Path(env.project_dir)
    docs = Path(env.conf["docs_dir"])
    data_dir = project / "data"
    data = {name: load_data(data_dir / name, schema, f"data/{name}") for name, schema in SCHEMAS.items()}
    glossary_terms, tooltips = load_glossary(data_dir / "glossary.md", "data/glossary.md")
    # Every page gets the glossary's tooltips through the abbr extension's own glossary option:
    # one dictionary, not 45 definition lines appended to and parsed with each page.
    if "abbr" not in env.conf["markdown_extensions"]:
        raise PluginError("mkdocs.yml: markdown_extensions must list 'abbr' for the glossary tooltips")
    env.conf["mdx_configs"]["abbr"] = {"glossary": tooltips}
    nav_titles = _nav_titles(env.conf["nav"] or [])
    links = list(_links(data))
    for name, loc, link in links:
        if not (docs / link.page.partition("#")[0]).is_file():
            where = _at(f"data/{name}", _compose(data_dir / name), loc)
            raise PluginError(f"{where}: no page docs/{link.page.partition('#')[0]} (link text '{link.text}')")
    for set_id in data["reflect.yml"].sets:
        if _page_of(set_id) not in nav_titles:
            where = _at("data/reflect.yml", _compose(data_dir / "reflect.yml"), ("sets", set_id))
            raise PluginError(f"{where}: no page {_page_of(set_id)} in the nav")
    for name in data["figures.yml"].figures:
        if not (project / "overrides" / "callouts" / "figures" / f"{name}.html").is_file():
            where = _at("data/figures.yml", _compose(data_dir / "figures.yml"), ("figures", name))
            raise PluginError(f"{where}: no drawing overrides/callouts/figures/{name}.html")

    cache = project / ".cache" / "jinja"  # shared with the theme's (overrides/hooks/template_cache.py)
    cache.mkdir(parents=True, exist_ok=True)
    templates = Environment(
        loader=FileSystemLoader(project / "overrides" / "callouts"),
        bytecode_cache=FileSystemBytecodeCache(str(cache)),
        autoescape=True,  # data is text: escape everything the templates print
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Data text stays on its line: a line of its own could open a Markdown fence or a snippet.
        finalize=lambda value: value.replace("\n", " ") if isinstance(value, str) else value,
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
        # Split on newlines only: str.splitlines() would also break text at U+2028 or U+0085.
        html = "\n".join(line for line in html.split("\n") if line.strip(" \t"))
        # Sealed, so Markdown does not re-parse finished HTML; overrides/hooks/callouts.py opens it.
        return "<!--gc-html:" + base64.b64encode(html.encode("utf-8")).decode("ascii") + "-->"

    def url_to(page: str) -> str:
        """Relative URL from the current page to a docs page path (with optional #anchor)."""
        target, _, anchor = page.partition("#")
        dest = _dest_url(target, env.conf["use_directory_urls"])
        folder = posixpath.dirname(env.page.url) if env.page else ""
        rel = posixpath.relpath(dest or ".", folder or ".")
        if not dest or dest.endswith("/"):
            rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{anchor}" if anchor else "")

    def check_anchors(plugin) -> None:
        """After the build, fail on a data link to an anchor its page does not have."""
        site = Path(plugin.conf["site_dir"])
        for name, loc, link in links:
            target, _, anchor = link.page.partition("#")
            dest = _dest_url(target, plugin.conf["use_directory_urls"])
            built = site / (dest + "index.html" if not dest or dest.endswith("/") else dest)
            page_html = built.read_text(encoding="utf-8") if anchor and built.is_file() else ""
            if page_html and not re.search(rf"""\s(?:id|name)=(["']?){re.escape(anchor)}\1(?=[\s/>])""", page_html):
                where = _at(f"data/{name}", _compose(data_dir / name), loc)
                raise PluginError(f"{where}: no anchor #{anchor} on docs/{target} (link text '{link.text}')")

    env.post_build_functions.append(check_anchors)

    def macro(function):
        """Register a macro; a call with wrong arguments fails naming the page and the signature."""
        signature = inspect.signature(function)
        usage = ", ".join(str(p.replace(annotation=inspect.Parameter.empty)) for p in signature.parameters.values())

        @functools.wraps(function)
        def checked(*args, **kwargs):
            try:
                signature.bind(*args, **kwargs)
            except TypeError as err:
                name = function.__name__
                raise PluginError(f"{name}() in {here()}: {err}; expected {name}({usage})") from None
            return function(*args, **kwargs)

        return env.macro(checked)

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

    @macro
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

    @macro
    def stretching_together(short: bool = False) -> str:
        """The stretching-together analogy; short=True gives the one-paragraph reminder."""
        return render(
            "stretching.html", "stretching", stretching=data["stretching.yml"],
            short=flag("short", short, "stretching_together"), page_url=url_to("building-together.md"),
        )

    @macro
    def warning_signs(checklist: str) -> str:
        """One warning-sign checklist: intro, signs to tick, what you can do."""
        lists = data["checklists.yml"].checklists
        choose("checklist", checklist, lists, "checklists.yml")
        return render("checklist.html", f"signs-{checklist}", checklist=lists[checklist], tone="warning")

    @macro
    def healthy_signs() -> str:
        """The hallmarks of healthy intimacy as a checklist."""
        return render("checklist.html", "healthy-signs", checklist=data["healthy_signs.yml"], tone="success")

    @macro
    def repair_steps() -> str:
        """Numbered steps for repairing a bad reaction."""
        return render("repair.html", "repair", repair=data["repair.yml"])

    @macro
    def ways_to_be_close() -> str:
        """The kinds of sharing, as cards."""
        return render("ways.html", "ways", ways=data["ways.yml"])

    @macro
    def reflect(page: str) -> str:
        """Questions to think or talk about at the end of a page."""
        sets = data["reflect.yml"].sets
        choose("reflect set", page, sets, "reflect.yml")
        return render("reflect.html", "reflect", questions=sets[page])

    @macro
    def content_note(topic: str) -> str:
        """A content note for the top of a heavy page."""
        notes = data["content_notes.yml"].notes
        choose("content note", topic, notes, "content_notes.yml")
        return render("content_note.html", "content-note", note=notes[topic], help_url=url_to("get-help.md"))

    @macro
    def get_help(full: bool = False) -> str:
        """Where to find support; full=True lists every organisation."""
        return render(
            "get_help.html", "get-help", help=data["help.yml"], full=flag("full", full, "get_help"),
            help_url=url_to("get-help.md"), exit_url=url_to("leaving-quickly.md"),
        )

    @macro
    def figure(name: str) -> str:
        """One of our drawn figures, with its text alternative and caption."""
        figures = data["figures.yml"].figures
        choose("figure", name, figures, "figures.yml")
        return render("figure.html", f"figure-{name}", figure=figures[name], art=name)

    @macro
    def discussion_questions() -> str:
        """Every page's discussion questions, in reading order, for educators."""
        sets = data["reflect.yml"].sets
        order = list(nav_titles)
        ids = sorted(sets, key=lambda set_id: order.index(_page_of(set_id)))
        pages = [(nav_titles[_page_of(i)], url_to(_page_of(i)), sets[i]) for i in ids]
        return render("discussion.html", "discussion", pages=pages)

    @macro
    def glossary() -> str:
        """The glossary page: every term of data/glossary.md with its definition."""
        return render("glossary.html", "glossary", terms=glossary_terms)


def check_exit_url(url: Any) -> None:
    """"Exit this page" goes somewhere dull and safe: an https:// address, nothing else."""
    if not isinstance(url, str) or not re.fullmatch(_HTTPS, url):
        raise PluginError(f"mkdocs.yml: extra.exit_url: expected {_EXPECTED[_HTTPS]}, got {_short(url)}")


def _page_of(set_id: str) -> str:
    """The docs page a reflect set belongs to (home is the index page)."""
    return "index.md" if set_id == "home" else f"{set_id}.md"


def _dest_url(src: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a docs page, relative to the site root."""
    stem = src[: -len(".md")]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


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


def _links(data: dict[str, Model]) -> Iterator[tuple[str, tuple, Link]]:
    """Yield every Link in the data as (file name, key path of its page, link)."""

    def walk(value: Any, loc: tuple) -> Iterator[tuple[tuple, Link]]:
        if isinstance(value, Link):
            yield loc + ("page",), value
        elif isinstance(value, BaseModel):
            for field in type(value).model_fields:
                yield from walk(getattr(value, field), loc + (field,))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, loc + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, loc + (index,))

    for name, model in data.items():
        for loc, link in walk(model, ()):
            yield name, loc, link


def on_pre_page_macros(env) -> None:
    """Stop the build on a page that is empty or whose front matter MkDocs could not read."""
    page = f"docs/{env.page.file.src_path}"
    front = YAML_RE.match(env.markdown)
    if front and not env.page.meta:  # MkDocs keeps unreadable front matter as page text, silently
        try:
            meta = yaml.safe_load(front.group(1))
        except yaml.YAMLError as err:
            raise PluginError(f"{page}{_yaml_problem(err, 2, 'front matter')}") from None
        raise PluginError(f"{page}, line 2: front matter must be 'key: value' lines, got {_short(meta)}")
    if not env.markdown.strip():
        raise PluginError(f"{page}: the page is empty; expected a '# Title' line and some text")
