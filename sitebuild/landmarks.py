"""One `<main>` landmark, around the page's own content: the navigation and contents sidebars outside it.

The theme's base template wraps the sidebars and the content in one `<main>`, so a screen reader's
"jump to main" lands on the menu and the table of contents. overrides/main.html makes the content
column the `<main>`; this turns the theme's outer `<main>` into a plain `<div>` (its class and component
name stay, so the theme's styles and scripts are unchanged). A theme whose markup no longer matches
stops the build, rather than publishing two `main` landmarks. A page not built on overrides/main.html is
left as it is: the guard stops the build on it (it has no exit control).
"""

from __future__ import annotations

OUTER = '<main class="md-main" data-md-component="main">'
OUTER_AS_DIV = '<div class="md-main" data-md-component="main">'
CONTENT = '<main class="md-content" data-md-component="content"'


def main_around_content(html: str, where: str) -> str:
    """The page with the theme's outer `<main>` made a `<div>`, leaving the content column the one `<main>`."""
    if CONTENT not in html:
        return html  # not a page of overrides/main.html: sitebuild.guard names it (no exit control)
    if html.count(OUTER) != 1 or html.count(CONTENT) != 1:
        raise ValueError(
            f"{where}: expected one theme <main> ({OUTER}) around one content <main> "
            "(overrides/main.html, block container); the theme's base.html may have changed"
        )
    start = html.index(OUTER)
    end = html.rindex("</main>")  # the outer one closes last: the content's own </main> comes first
    return html[:start] + OUTER_AS_DIV + html[start + len(OUTER) : end] + "</div>" + html[end + len("</main>") :]
