"""Keep the theme's compiled templates between builds, in .cache/jinja/ beside mkdocs.yml.

Compiling the theme's Jinja templates was about a fifth of a small build. Jinja's own bytecode cache
stores each compiled template under a key of its name and file, checks the source's checksum on every
load and recompiles when it changed, so a stale entry cannot be used. The callout templates of
macros.py use the same folder. Deleting .cache/ (`make clean`) only makes the next build slower.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files):
    """The theme's template environment, with the bytecode cache (the folder made when missing)."""
    folder = Path(config.config_file_path).parent / ".cache" / "jinja"  # the same in macros.py
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
