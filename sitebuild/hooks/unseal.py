"""Place the callouts' HTML into each page after Markdown has run, exactly as the templates wrote it.

A seal Markdown did not pass through (a macro call inside a code block, say) fails the build, naming
the page, instead of printing base64 (see sitebuild.seal).
"""

from __future__ import annotations

from sitebuild.paths import docs_label
from sitebuild.seal import unseal


def on_page_content(html: str, page, config, files) -> str:
    """The page's HTML with its callouts in place."""
    return unseal(html, f"{docs_label(config['docs_dir'])}/{page.file.src_uri}")
