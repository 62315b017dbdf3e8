"""The theme's stylesheet without the rules for features this site does not use, nor the rules and
custom properties nothing on the site can reach.

Material's main.css styles every feature it has (code highlighting, content tabs, blog posts, the
version selector...): about a third of what a first visit downloads from it. A group of rules is
left out only when the site cannot need it: its feature is off in mkdocs.yml and none of its classes
appears on any built page. Rules are read with tinycss2, a CSS parser, and a rule goes only when every
one of its selectors requires one of the group's classes (a class inside :is(), :not() or :has() does
not count).

Then the same for single classes: a class the stylesheet styles that no built page carries and no
script names (the theme builds search results and tooltips in the browser, so any word in a script
keeps its class) cannot match; admonition types are written only by Markdown, so they count only when
a page carries them. Last, a custom property no rule, stylesheet or script reads (most are icons, as
inline SVG, of the features left out) goes, until none is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tinycss2

# A class attribute, quoted or (after minification) bare.
_CLASS = re.compile(r'\sclass=(?:"([^"]*)"|([^\s"\'>=`]+))')


@dataclass(frozen=True)
class Feature:
    """Rules for one theme feature: the class names they select, and what turns the feature on."""

    classes: tuple[str, ...]
    extensions: tuple[str, ...] = ()  # a Markdown extension that writes these classes
    theme_features: tuple[str, ...] = ()  # a theme feature (mkdocs.yml theme.features) that needs them
    config_keys: tuple[str, ...] = ()  # a config value (dotted) whose presence needs them


FEATURES = {
    "code highlighting": Feature(
        ("highlight", "highlighttable", "linenos", "linenodiv", "hll"),
        ("pymdownx.highlight", "codehilite", "pymdownx.superfences"),
    ),
    "code copy and annotations": Feature(
        ("md-code__", "md-clipboard", "md-annotation"), theme_features=("content.code.copy", "content.code.annotate")
    ),
    "content tabs": Feature(("tabbed-",), ("pymdownx.tabbed",)),
    "diagrams": Feature(("mermaid",), ("pymdownx.superfences",)),
    "critic marks": Feature(("critic",), ("pymdownx.critic",)),
    "maths": Feature(("arithmatex",), ("pymdownx.arithmatex",)),
    "keys": Feature(("keys",), ("pymdownx.keys",)),
    "emoji": Feature(("twemoji", "emojione", "gemoji"), ("pymdownx.emoji",)),
    "footnotes": Feature(("footnote",), ("footnotes", "pymdownx.footnotes")),
    "grids and cards": Feature(("grid",), ("md_in_html",)),
    "navigation tabs": Feature(("md-tabs",), theme_features=("navigation.tabs",)),
    "back to top": Feature(("md-top",), theme_features=("navigation.top",)),
    "repository facts": Feature(("md-source",), config_keys=("repo_url",)),
    "version selector": Feature(("md-version",), config_keys=("extra.version",)),
    "language selector": Feature(("md-select",), config_keys=("extra.alternate",)),
    "social links": Feature(("md-social",), config_keys=("extra.social",)),
    "announcement bar": Feature(("md-banner",)),
    "page status": Feature(("md-status",)),
    "blog": Feature(("md-post", "md-profile", "md-author")),
}


# The admonition types the theme styles (Material's "Admonitions" reference): Markdown writes them, never a script.
ADMONITION_TYPES = frozenset(
    "note abstract summary tldr info todo tip hint important success check done question help faq warning "
    "caution attention failure fail missing danger error bug example quote cite".split()
)
_STYLED_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_PROPERTY_READ = re.compile(r"var\(\s*(--[\w-]+)")
_PROPERTY_NAME = re.compile(r"--[\w-]+")


def _config_value(config, dotted: str):
    """A possibly nested config value ('extra.version'), or None."""
    value = config
    for part in dotted.split("."):
        value = value.get(part) if hasattr(value, "get") else None
    return value


def classes_in(html: str) -> set[str]:
    """Every class name used on a page."""
    return {name for quoted, bare in _CLASS.findall(html) for name in (quoted or bare).split()}


def unused_features(config, used_classes: set[str]) -> dict[str, Feature]:
    """The features this site leaves off, whose classes appear on none of its built pages."""
    extensions = {e if isinstance(e, str) else type(e).__module__ for e in config["markdown_extensions"]}
    theme_features = set(config["theme"].get("features") or [])
    found = {}
    for name, feature in FEATURES.items():
        on = (
            extensions & set(feature.extensions)
            or theme_features & set(feature.theme_features)
            or any(_config_value(config, key) for key in feature.config_keys)
            or any(used.startswith(cls) for cls in feature.classes for used in used_classes)
        )
        if not on:
            found[name] = feature
    return found


def unreachable_classes(css: str, used_classes: set[str], scripts: str) -> frozenset[str]:
    """Classes the stylesheet styles that no page carries and no script can add (see the module's docstring)."""
    words = set(_WORD.findall(scripts)) - ADMONITION_TYPES
    styled = set(_STYLED_CLASS.findall(css))
    return frozenset(name for name in styled if name not in used_classes and name not in words)


def _selectors(prelude: list) -> list[list]:
    """A rule's selectors as token lists, split at its top-level commas (commas inside :is(...) stay)."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _needless(selector: list, classes: tuple[str, ...], exact: frozenset[str]) -> bool:
    """Whether a selector requires an unused class (by prefix, or `exact`) outside any :is(), :not() or :has()."""
    for before, token in zip(selector, selector[1:], strict=False):
        if before.type == "literal" and before.value == "." and token.type == "ident":
            if token.value.startswith(classes) or token.value in exact:
                return True
    return False


def trim(css: str, classes: tuple[str, ...], exact: frozenset[str] = frozenset()) -> str:
    """The stylesheet without the rules whose every selector names a class starting with one of `classes`, or
    one of `exact`."""
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True):
        if rule.type == "qualified-rule":
            if all(_needless(selector, classes, exact) for selector in _selectors(rule.prelude)):
                continue
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = trim(tinycss2.serialize(rule.content), classes, exact)
            if not inner.strip():
                continue
            out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
            continue
        out.append(rule.serialize())
    return "".join(out)


def _declarations(rule, unread: set[str]) -> str:
    """A rule's declarations without the custom properties in `unread`, as CSS."""
    kept = []
    for item in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration" and item.name.startswith("--") and item.name in unread:
            continue
        if item.type == "declaration":
            value = tinycss2.serialize(item.value).strip()
            kept.append(f"{item.name}:{value}{'!important' if item.important else ''}")
        else:
            kept.append(item.serialize())
    return ";".join(kept)


def _without_properties(css: str, unread: set[str]) -> str:
    """The stylesheet without the declarations of `unread` custom properties (and rules left empty)."""
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            body = _declarations(rule, unread)
            if body:
                out.append(f"{tinycss2.serialize(rule.prelude)}{{{body}}}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = _without_properties(tinycss2.serialize(rule.content), unread)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        else:
            out.append(rule.serialize())
    return "".join(out)


def drop_unread_properties(css: str, readers: str) -> str:
    """The stylesheet without custom properties that neither it (var()) nor `readers` (other stylesheets and
    scripts, by name) read; repeated, since a property left out may have been the last to read another."""
    named = set(_PROPERTY_NAME.findall(readers))
    while True:
        defined = {name for name in _PROPERTY_NAME.findall(css) if f"{name}:" in css}
        unread = defined - set(_PROPERTY_READ.findall(css)) - named
        if not unread:
            return css
        css = _without_properties(css, unread)
