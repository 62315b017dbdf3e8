"""The theme's stylesheet without the rules for features this site does not use.

Material's main.css styles every feature it has (code highlighting, content tabs, blog posts, the
version selector...): about a third of what a first visit downloads from it. A group of rules is
left out only when the site cannot need it: its feature is off in mkdocs.yml and none of its classes
appears on any built page. Rules are read with tinycss2, a CSS parser, and a rule goes only when every
one of its selectors requires one of the group's classes (a class inside :is(), :not() or :has() does
not count).
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


def _selectors(prelude: list) -> list[list]:
    """A rule's selectors as token lists, split at its top-level commas (commas inside :is(...) stay)."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _needless(selector: list, classes: tuple[str, ...]) -> bool:
    """Whether a selector requires a class of the unused features outside any :is(), :not() or :has()."""
    for before, token in zip(selector, selector[1:], strict=False):
        if before.type == "literal" and before.value == "." and token.type == "ident":
            if token.value.startswith(classes):
                return True
    return False


def trim(css: str, classes: tuple[str, ...]) -> str:
    """The stylesheet without the rules whose every selector names one of `classes`."""
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True):
        if rule.type == "qualified-rule":
            if all(_needless(selector, classes) for selector in _selectors(rule.prelude)):
                continue
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = trim(tinycss2.serialize(rule.content), classes)
            if not inner.strip():
                continue
            out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
            continue
        out.append(rule.serialize())
    return "".join(out)
