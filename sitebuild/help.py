"""The edition's help macros: emergency numbers, reporting routes and the home region's services, from
data/help.yml in the order the edition's config gives (sitebuild.edition). Listed in sitebuild.callouts.MACROS.

For a template or page that lists "the reporting routes of the edition's regions", call the
`reporting_routes()` macro; Python code calls sitebuild.edition.reporting_routes(edition, help_data).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitebuild import edition as editions

if TYPE_CHECKING:
    from sitebuild.callouts import Build


def emergency_numbers(build: Build) -> str:
    """Each region's emergency numbers as big buttons, one tap to call."""
    regions = editions.emergency_numbers(build.edition, build.data["help.yml"])
    return build.render("emergency.html", "emergency", regions=regions)


def reporting_routes(build: Build) -> str:
    """The reporting services of the edition's regions (Report Remove, Take It Down, eSafety, ...)."""
    routes = editions.reporting_routes(build.edition, build.data["help.yml"])
    return build.render("reporting.html", "reporting", routes=routes)


def home_services(build: Build) -> str:
    """The home region's services that the printed help box leaves out, in short (the help sheet)."""
    region, orgs = editions.home_services(build.edition, build.data["help.yml"])
    return build.render("home_services.html", "home-services", region=region, orgs=orgs)
