"""The educators' kit: lesson packs, copy counts, timings and the reporting routes on the scenario cards.

Plain functions of the loaded data, called by the macros (sitebuild.callouts) and by
scripts/handouts.py, which joins each session's sheets into one lesson pack PDF.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError

from sitebuild.data import where_in
from sitebuild.schema import Help, Organisation, Scenarios, Session, Sessions

PACK_SUFFIX = "-pack"


def pack_name(session_id: str) -> str:
    """The PDF name of a session's lesson pack: session-45 -> session-45-pack."""
    return session_id + PACK_SUFFIX


def lesson_packs(sessions: Sessions) -> dict[str, dict]:
    """Every session's lesson pack, by PDF name: {session, minutes, parts (PDF names in print order)}."""
    return {
        pack_name(session_id): {
            "session": session_id,
            "minutes": session.minutes,
            "parts": [printout.sheet for printout in session.handouts],
        }
        for session_id, session in sessions.sessions.items()
    }


def pack_title(minutes: int, words: str = "Lesson pack: {minutes} minutes") -> str:
    """A lesson pack's title, as its links and its PDF's metadata give it (words: the strings file's
    handout.pack_title, in the edition's language)."""
    return words.replace("{minutes}", str(minutes))


def pdf_paths(name: str, page_url: str) -> dict[str, str]:
    """Relative links from a page (its URL) to a PDF's A4 and Letter files in handouts/."""
    folder = posixpath.dirname(page_url) if page_url else ""
    return {size: posixpath.relpath(f"handouts/{name}-{size}.pdf", folder or ".") for size in ("a4", "letter")}


def timing(session: Session) -> dict[str, int]:
    """Minutes planned for activities and minutes left free."""
    used = sum(activity.minutes for activity in session.activities)
    return {"used": used, "slack": session.slack, "minutes": session.minutes}


def check_handouts(sessions: Sessions, printables: dict, data_dir: Path) -> None:
    """Fail the build on a session that lists a sheet no page prints."""
    for session_id, session in sessions.sessions.items():
        for index, printout in enumerate(session.handouts):
            if printout.sheet not in printables:
                where = where_in(data_dir, "sessions.yml", ("sessions", session_id, "handouts", index, "sheet"))
                raise PluginError(
                    f"{where}: unknown handout '{printout.sheet}'; expected one of: {', '.join(printables)}"
                )


def check_pack_pages(sessions: Sessions, printables: dict) -> None:
    """Each session's plan (its first sheet) names its lesson pack in front matter `pack:`, and nothing else does."""
    wanted = {pack["parts"][0]: name for name, pack in lesson_packs(sessions).items()}
    for pdf, sheet in printables.items():
        if sheet.get("pack") != wanted.get(pdf):
            expected = f"'pack: {wanted[pdf]}'" if pdf in wanted else "no 'pack:' (only a session plan has one)"
            raise PluginError(f"docs/{sheet['src']}: front matter 'pack' is {sheet.get('pack')!r}; expected {expected}")


def organisations(help_data: Help) -> dict[str, Organisation]:
    """Every organisation of data/help.yml by id, with its region's name."""
    return {org.id: org for region in help_data.regions for org in region.organisations}


def check_report_ids(scenarios: Scenarios, help_data: Help, data_dir: Path) -> None:
    """Fail the build on a scenario whose `report` names no organisation of data/help.yml."""
    known = organisations(help_data)
    for s, card in enumerate(scenarios.scenarios):
        for r, org_id in enumerate(card.report):
            if org_id not in known:
                where = where_in(data_dir, "scenarios.yml", ("scenarios", s, "report", r))
                raise PluginError(
                    f"{where}: unknown organisation '{org_id}'; expected an id of data/help.yml, "
                    f"such as {', '.join(sorted(known)[:4])}"
                )


def reporting_routes(help_data: Help, ids: list[str], regions: list[str] | None = None) -> list[dict]:
    """Where a card sends a young person: the reporting services of the edition's home region and of the
    worldwide list, then the organisations the card names, in the edition's region order:
    [{name, region, url, phone}]. `regions` is the edition's `help_regions` (all regions when None)."""
    order = regions if regions is not None else [region.id for region in help_data.regions]
    by_id = {region.id: region for region in help_data.regions}
    home = [region_id for region_id in order[:1] + ["worldwide"] if region_id in by_id]
    chosen = [
        (org, by_id[r]) for r in dict.fromkeys(home) for org in by_id[r].organisations if "reporting" in org.topics
    ]
    named = [(org, by_id[r]) for r in order for org in by_id[r].organisations if org.id in ids]
    unique = {org.id: (org, region) for org, region in chosen + named}  # first place kept, each once
    return [
        {"name": org.name, "region": region.name, "url": org.url, "phone": org.phone} for org, region in unique.values()
    ]
