"""The site's own configuration, validated as the data files are: the `extra:` block of mkdocs.yml and the
text the theme prints from it.

The theme prints these values into every page without escaping them, so a text field is plain text (markup
and hidden characters refused), an address is https:// only, and a key not listed here stops the build: a
typo, or a theme feature nobody reviewed (analytics, consent, social links). One line per mistake names
mkdocs.yml, the line, the key and what was expected.

To add a key: one field on `Extra` (or on a model it holds), typed with the schema's types (Text, HttpsUrl,
Slug, ...). Nothing else needs to change.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import yaml
from mkdocs.exceptions import PluginError
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, ValidationError

from sitebuild.data import explain
from sitebuild.languages import Language
from sitebuild.schema import SCOPE, HttpsUrl, Model, Slug, Text, no_hidden

# The path the theme keeps its storage under (set by sitebuild/hooks/csp.py when absent). The theme prints
# it inside a script's string, so nothing that could end the string gets in.
ScopePath = Annotated[str, BeforeValidator(no_hidden), Field(strict=True, pattern=SCOPE)]


class SourceArticle(Model):
    """The article the site adapts, credited in the footer, on About and on every handout."""

    title: Text
    publisher: Text
    url: HttpsUrl


class Publisher(Model):
    """Who runs this edition, and how a reader reaches them to send a correction safely."""

    name: Text
    contact: Text


class Credit(Model):
    """What every edition keeps (CC BY-NC-SA 4.0: credit, link, licence, a note of changes)."""

    project: Text
    project_url: HttpsUrl | None = None
    licence: Text
    licence_url: HttpsUrl
    changes: Text


def _leaves(url: str) -> str:
    """Exit must leave for a real, ordinary site: not an IP address and not a punycode (look-alike) name."""
    host = urlsplit(url).hostname or ""
    if ipaddress_like(host):
        raise ValueError(f"expected the address of an ordinary website, not an IP address, got '{url}'")
    if any(label.startswith("xn--") for label in host.split(".")):
        raise ValueError(
            f"expected a website name in plain letters (a look-alike name can hide another site), got '{url}'"
        )
    return url


def ipaddress_like(host: str) -> bool:
    """Whether a host is written as an IP address (v4, or v6 in brackets)."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


ExitUrl = Annotated[HttpsUrl, AfterValidator(_leaves)]


class Extra(Model):
    """Every key the `extra:` block may hold (sitebuild.edition checks what the edition's keys name)."""

    generator: bool = True  # the theme's "Made with Material" line
    exit_url: ExitUrl  # where "Exit this page" goes: a dull, common page
    exit_place: Text  # how pages name that place: "a weather page"
    organisation: Publisher
    help_regions: Annotated[list[Slug], Field(min_length=1)]  # region ids of data/help.yml, in order
    help_box_services: Annotated[list[Slug], Field(min_length=2, max_length=7)]  # organisation ids
    source_article: SourceArticle
    credit: Credit
    scope: ScopePath | None = None
    languages: list[Language] = Field(default_factory=list)  # the site's languages (sitebuild.languages)
    # The interface's words, from data/strings.yml: put here by the build (sitebuild.callouts), never written here.
    strings: dict | None = None


class SiteText(Model):
    """The top-level text the theme prints into every page's head and header (other keys are MkDocs')."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)

    site_name: Text
    site_description: Text | None = None
    site_author: Text | None = None
    copyright: Text | None = None


def check_config(config) -> Extra:
    """Validate `extra:` and the site's text; raise PluginError with one line per mistake, naming the file."""
    path = Path(config.get("config_file_path") or "mkdocs.yml")
    shown = _shown(path, Path(config.get("docs_dir") or "docs").parent)
    problems: list[str] = []
    extra = None
    for model, values, under in (
        (SiteText, dict(config.items()), ()),
        (Extra, dict(config["extra"] or {}), ("extra",)),
    ):
        try:
            checked = model.model_validate(values)
        except ValidationError as err:
            problems += explain(err, _compose(path), shown, under)
        else:
            extra = checked if model is Extra else extra
    site_host = urlsplit(config.get("site_url") or "").hostname
    if extra and site_host and urlsplit(extra.exit_url).hostname == site_host:
        problems.append(
            f"{shown}: extra.exit_url: expected a site other than this one (Exit must leave it), got '{extra.exit_url}'"
        )
    if problems:
        raise PluginError("\n".join(problems))
    return extra


def _shown(path: Path, root: Path) -> str:
    """The config file as an editor knows it: mkdocs.yml, or editions/au/mkdocs.yml (the project is docs/'s parent)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def _compose(path: Path) -> yaml.Node | None:
    """The node tree of the config file, for line numbers (tags such as !ENV are kept as nodes, not run)."""
    try:
        return yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
