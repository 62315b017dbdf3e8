"""Where things are: the URL MkDocs gives a page, the nav in reading order, the template cache."""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def dest_url(src: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a docs page, relative to the site root: house.md -> house/."""
    stem = src[: -len(".md")]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def built_file(src: str, directory_urls: bool = True) -> str:
    """The file MkDocs writes for a docs page, relative to site/: house.md -> house/index.html."""
    url = dest_url(src, directory_urls)
    return url + "index.html" if not url or url.endswith("/") else url


def docs_label(docs_dir: str | Path) -> str:
    """The docs folder as an editor knows it: 'docs', or 'es/docs' for a language's folder beside the project's."""
    folder = Path(docs_dir).parent
    return f"{folder.name}/docs" if is_language_folder(folder) else "docs"


def is_language_folder(folder: str | Path) -> bool:
    """Whether a folder is a language's edition inside the project (es/: its own mkdocs.yml, the project's beside)."""
    here = Path(folder)
    return bool(here.name) and (here / "mkdocs.yml").is_file() and (here.parent / "mkdocs.yml").is_file()


def nav_titles(nav: list | dict | str | None) -> dict[str, str]:
    """Flatten a (nested) MkDocs nav into {page path: title}, in reading order."""
    titles: dict[str, str] = {}
    items = nav if isinstance(nav, list) else [nav] if nav else []
    for item in items:
        for title, target in item.items() if isinstance(item, dict) else [(None, item)]:
            if isinstance(target, list):
                titles.update(nav_titles(target))
            elif isinstance(target, str) and target.endswith(".md"):
                titles[target] = title or target
    return titles


def jinja_cache(project: Path) -> FileSystemBytecodeCache:
    """Jinja's bytecode cache in .cache/jinja/ beside mkdocs.yml, for the theme and the callouts.

    Entries are checksum-checked against their template, so a stale one is never used; deleting
    .cache/ (`make clean`) only makes the next build slower.
    """
    folder = Path(project) / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))
