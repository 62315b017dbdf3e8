"""The edition's help macros: emergency numbers and reporting routes, from data/help.yml in the order
the edition's config gives (sitebuild.edition). Registered by sitebuild.callouts.define_env.

For a template or page that lists "the reporting routes of the edition's regions", call the
`reporting_routes()` macro; Python code calls sitebuild.edition.reporting_routes(edition, help_data).
"""
from __future__ import annotations

from typing import Callable

from sitebuild import edition as editions
from sitebuild.edition import Edition
from sitebuild.schema import Help


def help_macros(help_data: Help, edition: Edition, render: Callable[..., str]) -> list[Callable[[], str]]:
    """The macros to register: each renders one template of overrides/callouts/ from the edition's regions."""

    def emergency_numbers() -> str:
        """Each region's emergency numbers as big buttons, one tap to call."""
        return render("emergency.html", "emergency", regions=editions.emergency_numbers(edition, help_data))

    def reporting_routes() -> str:
        """The reporting services of the edition's regions (Report Remove, Take It Down, eSafety, ...)."""
        return render("reporting.html", "reporting", routes=editions.reporting_routes(edition, help_data))

    def home_services() -> str:
        """The home region's services that the printed help box leaves out, in short (the help sheet)."""
        region, orgs = editions.home_services(edition, help_data)
        return render("home_services.html", "home-services", region=region, orgs=orgs)

    return [emergency_numbers, reporting_routes, home_services]
