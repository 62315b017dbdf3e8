"""The page's one `<main>` holds its content only (sitebuild/landmarks.py); runs before minification."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitebuild.landmarks import main_around_content


@event_priority(50)  # before the minifier (default priority 0), which drops the quotes it looks for
def on_post_page(output: str, page, config) -> str:
    """Each page."""
    try:
        return main_around_content(output, page.file.src_uri)
    except ValueError as err:
        raise PluginError(str(err)) from None


@event_priority(50)
def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's stand-alone pages (404.html)."""
    if template_name != "404.html":
        return output
    try:
        return main_around_content(output, template_name)
    except ValueError as err:
        raise PluginError(str(err)) from None
