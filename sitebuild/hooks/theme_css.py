"""Trim the theme's stylesheet of the rules for features this site does not use (sitebuild.themecss).

Runs after the build, once every page is written: a feature whose classes appear on any page keeps
its rules. The file keeps its name (the pages link it by name).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sitebuild.themecss import classes_in, trim, unused_features

log = logging.getLogger("mkdocs.hooks.theme_css")


def on_post_build(config) -> None:
    """Rewrite assets/stylesheets/main.*.min.css without the unused features' rules."""
    site = Path(config["site_dir"])
    used: set[str] = set()
    for page in site.rglob("*.html"):
        used |= classes_in(page.read_text(encoding="utf-8"))
    unused = unused_features(config, used)
    classes = tuple(cls for feature in unused.values() for cls in feature.classes)
    for sheet in (site / "assets" / "stylesheets").glob("main.*.min.css"):
        css = sheet.read_text(encoding="utf-8")
        trimmed = trim(css, classes)
        sheet.write_text(trimmed, encoding="utf-8")
        log.debug("%s: %d of %d bytes kept (left out: %s)", sheet.name, len(trimmed), len(css), ", ".join(unused))
