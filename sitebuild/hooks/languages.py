"""The site's other languages (sitebuild.languages): each page's alternates for the theme, and, after this
build, every language this config builds, into its folder of this site.

Last among the hooks, so the other language is built once this one is whole. A warning there fails this
build when it is strict; `mkdocs serve` watches the other language's folder too.
"""

from __future__ import annotations

from pathlib import Path

from sitebuild.languages import alternates, build_languages, site_languages

_RUN = {"command": "build", "dirty": False}  # how this build was started, for the builds it starts
_LANGUAGES: list = []  # this config's languages, validated once (each config loads its own copy of this hook)


def on_startup(command: str, dirty: bool) -> None:
    """Remember the command (serve, build, gh-deploy), so the other languages are built the same way."""
    _RUN.update(command=command, dirty=dirty)


def on_config(config):
    """Check `extra.languages` before anything is built."""
    _LANGUAGES[:] = site_languages(config)
    return config


def on_page_context(context, page, config, nav):
    """The same page in each language: <link rel="alternate" hreflang> and the header's switch."""
    context["gc_alternates"] = alternates(config, page.url, _LANGUAGES) if len(_LANGUAGES) > 1 else []
    return context


def on_post_build(config) -> None:
    """Build each language this config builds, into <site_dir>/<path>."""
    build_languages(config, _RUN["command"], _RUN["dirty"])


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds on edits to the other languages' folders too."""
    here = Path(config["config_file_path"]).parent
    for language in _LANGUAGES:
        if language.config:
            server.watch(str((here / language.config).parent))
    return server
