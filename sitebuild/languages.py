"""The site's languages: one build, one site, each language a full edition with its own config.

mkdocs.yml lists every language of the site under `extra.languages`: its code, its name in itself, its
path under this site's root, and, for a language this build makes, the config file that builds it (es/
mkdocs.yml, which INHERITs mkdocs.yml). After the English pages are written, sitebuild/hooks/languages.py
builds each such config into <site_dir>/<path> with <site_url><path> as its address, with the same tool
(MkDocs or ProperDocs), the same strictness and the same command, so a warning there fails this build.

Each page links to the same page in the other languages (hreflang alternates and the header's switch):
the docs folders hold the same file names, so a page's counterpart is the same path under the other
language's root.
"""

from __future__ import annotations

import importlib
import posixpath
from pathlib import Path
from typing import Annotated, Any

from mkdocs.exceptions import PluginError
from pydantic import ConfigDict, Field, ValidationError

from sitebuild.data import describe_error, key_path
from sitebuild.schema import Model, Text

# What a language's path under the site may be: '' (this edition) or folders such as 'es/' or '../'.
_PATH = r"^(?:(?:\.\.|[a-z0-9-]+)/)*$"


class Language(Model):
    """One language of the site, as `extra.languages` lists it."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    code: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]  # the language's code: 'en', 'es'
    name: Text  # its name in itself: 'English', 'Español'
    path: Annotated[str, Field(pattern=_PATH)]  # under this edition's root: '' for this one, 'es/', '../'
    config: str | None = None  # the config file that builds it, from this one's folder (only where built)


class Languages(Model):
    """The `extra.languages` list: this edition's own language among them, each code once."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)
    languages: Annotated[list[Language], Field(default_factory=list)]


def site_languages(config: Any) -> list[Language]:
    """The languages `extra.languages` lists, validated; one line naming the key and what was expected."""
    try:
        found = Languages.model_validate({"languages": list((config.get("extra") or {}).get("languages") or [])})
    except ValidationError as err:
        error = err.errors()[0]
        raise PluginError(f"{_shown(config)}: extra.{key_path(tuple(error['loc']))}: {describe_error(error)}") from None
    codes = [language.code for language in found.languages]
    if len(set(codes)) != len(codes):
        raise PluginError(f"{_shown(config)}: extra.languages: a language is listed twice; expected each code once")
    own = config["theme"]["language"] if found.languages else None
    if own and own not in codes:
        raise PluginError(
            f"{_shown(config)}: extra.languages: theme.language '{own}' is not listed; expected this edition's "
            "own language among its languages (with path: '')"
        )
    return found.languages


def _shown(config: Any) -> str:
    """The config file as an editor knows it."""
    path = Path(config.get("config_file_path") or "mkdocs.yml")
    return path.name if path.parent.name in ("", ".") else f"{path.parent.name}/{path.name}"


def alternates(config: Any, page_url: str, languages: list[Language]) -> list[dict[str, str]]:
    """The same page in every language of the site (`languages`, from site_languages): code, name, absolute
    URL (from site_url) and the link relative to the page, this edition's own language first."""
    own = config["theme"]["language"]
    site_url = config.get("site_url") or ""
    found = []
    for language in sorted(languages, key=lambda lang: lang.code != own):
        target = language.path + page_url
        found.append(
            {
                "code": language.code,
                "name": language.name,
                "own": language.code == own,
                "href": _join(site_url, target) if site_url else "",
                "link": _relative(target, page_url),
            }
        )
    return found


def _join(site_url: str, target: str) -> str:
    """An absolute URL: site_url with a path below (or, with '../', above) it."""
    scheme, _, rest = site_url.partition("://")
    host, _, path = rest.partition("/")
    return f"{scheme}://{host}{_folder_path('/' + path + target)}"


def _folder_path(path: str) -> str:
    """A path with '..' resolved, keeping its closing slash."""
    clean = posixpath.normpath(path)
    return clean if clean == "/" or not path.endswith("/") else clean + "/"


def _relative(target: str, page_url: str) -> str:
    """The link from the page at page_url to target, both from this edition's root (target may climb out
    of it with '../', so both are placed below a stand-in folder first)."""
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    rel = posixpath.relpath(posixpath.normpath("/root/" + target), posixpath.normpath("/root/" + folder))
    if target.endswith("/") or not target:
        return "./" if rel == "." else rel + "/"
    return rel


def _tool(config: Any):
    """The package that is building (mkdocs or properdocs): the other languages are built with it too."""
    return type(config).__module__.split(".")[0]


def build_languages(config: Any, command: str = "build", dirty: bool = False) -> None:
    """Build every language this config builds (`config:` set) into <site_dir>/<path>, strictly if this build is."""
    here = Path(config["config_file_path"]).parent
    tool = _tool(config)
    load_config = importlib.import_module(f"{tool}.config").load_config
    build = importlib.import_module(f"{tool}.commands.build").build
    for language in site_languages(config):
        if not language.config:
            continue
        path = here / language.config
        if not path.is_file():
            raise PluginError(
                f"{_shown(config)}: extra.languages: no config file {language.config} for '{language.code}'"
            )
        child = load_config(
            config_file=str(path),
            site_dir=str(Path(config["site_dir"]) / language.path),
            site_url=(config.get("site_url") or "") + language.path if config.get("site_url") else None,
            strict=config["strict"] or None,
        )
        # One site: the theme's storage scope (the palette choice) is the whole site's, not the folder's.
        child["extra"].setdefault("scope", config["extra"].get("scope"))
        child.plugins.on_startup(command=command, dirty=dirty)
        try:
            build(child, dirty=dirty)
        finally:
            child.plugins.on_shutdown()
