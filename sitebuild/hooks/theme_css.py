"""Trim the theme's stylesheet of the rules for features this site does not use, and of the rules and
custom properties nothing on it can reach (sitebuild.themecss).

Runs after the build, once every page is written: a class on any page, or a word in any script, keeps
its rules. The file keeps its name (the pages link it by name).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sitebuild.themecss import classes_in, drop_unread_properties, trim, unreachable_classes, unused_features

log = logging.getLogger("mkdocs.hooks.theme_css")


def _text(paths) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted(paths))


def on_post_build(config) -> None:
    """Rewrite assets/stylesheets/main.*.min.css without the rules and properties nothing can reach."""
    site = Path(config["site_dir"])
    pages = {page: page.read_text(encoding="utf-8") for page in site.rglob("*.html")}
    used: set[str] = set()
    for html in pages.values():
        used |= classes_in(html)
    unused = unused_features(config, used)
    classes = tuple(cls for feature in unused.values() for cls in feature.classes)
    scripts = _text((site / "assets").rglob("*.js"))
    for sheet in (site / "assets" / "stylesheets").glob("main.*.min.css"):
        css = sheet.read_text(encoding="utf-8")
        trimmed = trim(css, classes, unreachable_classes(css, used, scripts))
        # Other stylesheets, the scripts and the pages' own style attributes may read its properties.
        readers = _text(p for p in (site / "assets").rglob("*.css") if p != sheet) + scripts + "".join(pages.values())
        trimmed = drop_unread_properties(trimmed, readers)
        sheet.write_text(trimmed, encoding="utf-8")
        log.debug("%s: %d of %d bytes kept (left out: %s)", sheet.name, len(trimmed), len(css), ", ".join(unused))
