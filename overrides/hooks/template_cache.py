"""Keep the theme's compiled templates between builds, in .cache/jinja/ beside mkdocs.yml.

Compiling the theme's Jinja templates was about a fifth of a small build. Jinja's own bytecode cache
stores each compiled template under a key of its name and file, checks the source's checksum on every
load and recompiles when it changed, so a stale entry cannot be used. The callout templates of
macros.py use the same folder. Deleting .cache/ (`make clean`) only makes the next build slower.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def cache_folder(project: Path) -> str:
    """The project's template cache folder, created when missing."""
    folder = project / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


def on_env(env, config, files):
    """The theme's template environment, with the bytecode cache."""
    env.bytecode_cache = FileSystemBytecodeCache(cache_folder(Path(config.config_file_path).parent))
    return env
