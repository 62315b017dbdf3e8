"""An edition: `site_name` and one `extra:` block say whose guide this is, and for where.

mkdocs.yml holds the project's own edition; editions/<name>/mkdocs.yml INHERITs it and changes the
name, organisation, exit destination, regions and help box (README: "Publish your own edition").
The keys are validated once per build; pages, templates, macros and scripts read them from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from mkdocs.exceptions import PluginError
from pydantic import ConfigDict, Field, ValidationError

from sitebuild.data import describe_error, key_path
from sitebuild.extra import Credit, Publisher, SourceArticle
from sitebuild.schema import Help, Model, Organisation, Region, Slug, Text


class Edition(Model):
    """The edition's keys of `extra:`; the theme's own keys there (generator, ...) are left alone."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)
    organisation: Publisher
    exit_place: Text
    help_regions: Annotated[list[Slug], Field(min_length=1)]
    help_box_services: Annotated[list[Slug], Field(min_length=2, max_length=7)]
    source_article: SourceArticle
    credit: Credit


# What a reporting route is: a service that takes down or reports an image or online abuse.
REPORTING = "reporting"


def config_name(conf: Any, root: Path) -> str:
    """The config file as an editor knows it: mkdocs.yml, or editions/au/mkdocs.yml."""
    path = Path(conf.get("config_file_path") or root / "mkdocs.yml")
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def project_root(project_dir: str | Path, docs_dir: str | Path) -> Path:
    """The folder holding data/ and overrides/: beside mkdocs.yml, or beside docs/ for an edition's config."""
    here = Path(project_dir)
    return here if (here / "data").is_dir() else Path(docs_dir).parent


def load_edition(extra: Any, help_data: Help, shown: str) -> Edition:
    """Validate the edition's keys of `extra:`; one line naming the file, key and what was expected."""
    try:
        edition = Edition.model_validate(dict(extra) if isinstance(extra, Mapping) else {})
    except ValidationError as err:
        error = err.errors()[0]
        raise PluginError(f"{shown}: extra.{key_path(tuple(error['loc']))}: {describe_error(error)}") from None
    regions = {region.id for region in help_data.regions}
    orgs = {org.id for region in help_data.regions for org in region.organisations}
    for key, ids, known, what in (
        ("help_regions", edition.help_regions, regions, "region"),
        ("help_box_services", edition.help_box_services, orgs, "organisation"),
    ):
        for index, wanted in enumerate(ids):
            if wanted not in known:
                raise PluginError(
                    f"{shown}: extra.{key}[{index}]: unknown {what} '{wanted}'; expected one of: "
                    f"{', '.join(sorted(known))} (data/help.yml)"
                )
        if len(set(ids)) != len(ids):
            raise PluginError(f"{shown}: extra.{key}: a {what} is listed twice; expected each once")
    return edition


def ordered_regions(edition: Edition, help_data: Help) -> list[Region]:
    """The help page's regions, in the edition's order (regions it does not list are left out)."""
    by_id = {region.id: region for region in help_data.regions}
    return [by_id[region_id] for region_id in edition.help_regions]


def box_services(edition: Edition, help_data: Help) -> list[tuple[Organisation, Region]]:
    """The printed help box's organisations, in the edition's order, each with its region."""
    found = {org.id: (org, region) for region in help_data.regions for org in region.organisations}
    return [found[org_id] for org_id in edition.help_box_services]


def home_services(edition: Edition, help_data: Help) -> tuple[Region | None, list[Organisation]]:
    """The edition's home region (its first with a country) and its services the help box does not show."""
    home = next((region for region in ordered_regions(edition, help_data) if region.country), None)
    if home is None:
        return None, []
    return home, [org for org in home.organisations if org.id not in edition.help_box_services]


def reporting_routes(edition: Edition, help_data: Help) -> list[tuple[Organisation, Region]]:
    """Every reporting service (Report Remove, Take It Down, eSafety, ...) of the edition's regions, in order."""
    return [
        (org, region)
        for region in ordered_regions(edition, help_data)
        for org in region.organisations
        if REPORTING in org.topics
    ]


def emergency_numbers(edition: Edition, help_data: Help) -> list[Region]:
    """The edition's regions that have emergency numbers, in order."""
    return [region for region in ordered_regions(edition, help_data) if region.emergency]
