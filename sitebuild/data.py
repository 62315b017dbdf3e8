"""Loading the data files: YAML with line numbers, validated by sitebuild.schema.

Every problem becomes one message naming the file, its line and key path, and what was expected.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError
from pydantic import BaseModel, ValidationError

from sitebuild.paths import is_language_folder
from sitebuild.schema import EXPECTED, SCHEMAS, Link, Model, visible

# Between a glossary term and its other word forms: '*[abuse | abusive]: ...'.
GLOSSARY_FORMS = "|"

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


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
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
        return f"expected {EXPECTED.get(error['ctx']['pattern'], error['msg'])}, got {short_value(value)}"
    wanted = _WANTED.get(kind) or ("a date such as 2026-01-31" if kind.startswith("date") else None)
    if wanted:
        return f"expected {wanted}, got {short_value(value)}"
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


def short_value(value: Any) -> str:
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


def yaml_problem(err: yaml.YAMLError, first_line: int, what: str = "YAML") -> str:
    """Describe a YAML error as ', line N: malformed YAML: ...', saying where an unclosed quote or bracket opened."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    where = f", line {mark.line + first_line}" if mark else ""
    problem = getattr(err, "problem", None) or str(err)
    context, start = getattr(err, "context", None), getattr(err, "context_mark", None)
    if "expected key" in problem or "expected <block end>" in problem:  # YAML notices a bad indent a line late
        problem += " (check the indentation of this line and the one above)"
    opened = context and ("quoted scalar" in context or "flow" in context)  # an unclosed quote or bracket
    if opened and start and mark and start.line != mark.line:  # ... say where it opened
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
        raise PluginError(f"{shown}{yaml_problem(err, 1)}") from None
    if data is None:
        raise PluginError(f"{shown}: file is empty; expected keys {', '.join(schema.model_fields)}")
    if not isinstance(data, dict):
        raise PluginError(f"{shown}, line 1: expected a mapping with keys {', '.join(schema.model_fields)}")
    try:
        return schema.model_validate(data)
    except ValidationError as err:
        root = yaml.compose(text, Loader=_SafeLoader)  # only now: the node tree gives line numbers
        raise PluginError("\n".join(explain(err, root, shown))) from None  # one line per mistake


def explain(err: ValidationError, root: yaml.Node | None, shown: str, under: tuple = ()) -> list[str]:
    """One line per mistake of a validation error: file, line, key path (below `under` in the file), what was expected."""
    errors = []
    for error in err.errors():
        # Validator names pydantic puts in a location ("function-after[visible(), str]") are no key.
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        if error["type"] == "duplicate_id":
            loc += (error["ctx"]["index"], "id")
        if error["type"] == "duplicate_org":
            loc += (error["ctx"]["region"], "organisations", error["ctx"]["index"], "id")
        errors.append((under + loc, error))
    return [f"{_at(shown, root, loc)}: {said}" for loc, said in _one_per_mistake(errors)]


def _one_per_mistake(errors: list[tuple[tuple, dict]]) -> list[tuple[tuple, str]]:
    """What to say for each error; a misspelt key (an unknown key beside a missing one it resembles) is one."""
    missing = {loc: error for loc, error in errors if error["type"] == "missing"}
    said, spoken_for = [], set()
    for loc, error in errors:
        if error["type"] == "extra_forbidden" and loc:
            twins = [m for m in missing if m[:-1] == loc[:-1] and m not in spoken_for]
            meant = difflib.get_close_matches(str(loc[-1]), [str(m[-1]) for m in twins], n=1, cutoff=0.6)
            if meant:
                spoken_for.add(loc[:-1] + (meant[0],))
                said.append((loc, f"unknown key '{loc[-1]}'; expected '{meant[0]}' (a required key, missing)"))
                continue
        said.append((loc, _describe(error)))
    return [(loc, text) for loc, text in said if loc not in spoken_for]


def load_glossary(path: Path, shown: str) -> tuple[list[tuple[str, str]], dict[str, str], dict[str, str]]:
    """Read the glossary: one line per term, '*[term | other form | ...]: definition'.

    Returns [(term, definition)], one per term in lower case, for the glossary page; {spelling: definition}
    for the tooltips, every form in lower case and with a capital first letter; and {spelling: term}, so a
    page underlines a term once whichever form it meets first.
    """
    if not path.is_file():
        raise PluginError(f"{shown}: file not found; expected lines '*[term]: definition'")
    terms: dict[str, tuple[str, str]] = {}
    first: dict[str, int] = {}
    written: set[str] = set()  # spellings as written in the file (capitals added below are not)
    spelled: dict[str, str] = {}
    term_of: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = re.fullmatch(r"\*\[([^\]]+)\]:\s*(\S.*)", line)
        if not match:
            raise PluginError(f"{shown}, line {number}: expected '*[term]: definition', got {line!r}")
        try:
            part = "term"
            forms = [visible(form.strip()) for form in match.group(1).split(GLOSSARY_FORMS)]
            part = "definition"
            definition = visible(match.group(2))
        except ValueError as err:
            raise PluginError(f"{shown}, line {number}: {part} {err}") from None
        if not all(forms):
            raise PluginError(f"{shown}, line {number}: an empty word form; expected '*[term | form]: definition'")
        key = forms[0].lower()
        for form in forms:
            # Case variants ("Apple", "apple") may be written out, but must say the same thing.
            if form in written:
                raise PluginError(
                    f"{shown}, line {number}: duplicate term '{form}' (first on line {first[form.lower()]})"
                )
            if spelled.get(form.lower(), definition) != definition:
                raise PluginError(
                    f"{shown}, line {number}: '{form}' is defined differently on line {first[form.lower()]}; "
                    "expected the same definition for every spelling of a term"
                )
            written.add(form)
            first.setdefault(form.lower(), number)
            for spelling in dict.fromkeys((form, form[:1].upper() + form[1:])):
                spelled[spelling] = definition
                term_of[spelling] = term_of.get(form.lower(), key)
        terms.setdefault(key, (key, definition))
    if not terms:
        raise PluginError(f"{shown}: file is empty; expected lines '*[term]: definition'")
    return sorted(terms.values()), spelled, term_of


def data_label(data_dir: Path) -> str:
    """The data folder as an editor knows it: 'data', or 'es/data' for a language's folder beside the project's."""
    here = Path(data_dir)
    return f"{here.parent.name}/data" if is_language_folder(here.parent) else "data"


def load_all(data_dir: Path) -> dict[str, Model]:
    """Every data file of SCHEMAS, validated: {file name: model}."""
    label = data_label(data_dir)
    return {name: load_data(data_dir / name, schema, f"{label}/{name}") for name, schema in SCHEMAS.items()}


def links_in(data: dict[str, Model]) -> Iterator[tuple[str, tuple, Link]]:
    """Every Link in the data as (file name, key path of its page, link)."""

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


def where_in(data_dir: Path, name: str, loc: tuple) -> str:
    """Name a key of a data file that loaded cleanly: 'data/house.yml, line 9: rooms[1].note'."""
    return _at(f"{data_label(data_dir)}/{name}", _compose(data_dir / name), loc)


def describe_error(error: dict) -> str:
    """One pydantic error in an editor's words (for files other than data/, such as mkdocs.yml)."""
    return _describe(error)


def key_path(loc: tuple) -> str:
    """A pydantic location as a key path: help_box[2]."""
    return _where(loc)
