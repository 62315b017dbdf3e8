"""The educators' kit as a school uses it: safeguarding a lead signs off, card notes with the law and where
to report, plans that survive a real class, lesson packs linked first, a parent letter with blanks, and
paper that works as paper (page titles for links, no near-empty page). Expectations come from data/."""

from __future__ import annotations

import html as html_module
import re

import pytest

from conftest import ROOT, load_hook, read_config
from scripts import paper
from sitebuild import kit
from sitebuild.data import load_data
from sitebuild.paths import built_file, dest_url
from sitebuild.schema import SCHEMAS


def data(name: str):
    """A data file of the real project, validated."""
    return load_data(ROOT / "data" / name, SCHEMAS[name], name)


def page_html(site_build, src: str) -> str:
    """A built page's HTML."""
    return (site_build.site / built_file(src)).read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    """Visible text, tags removed, entities decoded, spaces collapsed."""
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


# ---------------------------------------------------------------------------------------------
# Safeguarding a lead signs off
# ---------------------------------------------------------------------------------------------


def test_safeguarding_sheet_passes_it_on_immediately_and_gives_every_route(site_build):
    guide = data("safeguarding.yml")
    for src in ("educators/ground-rules.md", "educators.md"):
        text = text_of(page_html(site_build, src))
        for step in guide.disclosure.steps:
            assert f"{step.title}. {step.text}" in text, (src, step.title)
        for note in guide.routes.notes:
            assert f"{note.title}. {note.text}" in text, (src, note.title)
        assert all(step in text for step in guide.before.steps) and guide.leaving.text in text
    titles = " ".join(step.title for step in guide.disclosure.steps).lower()
    assert "immediately" in titles and "same day" not in titles and "record" in titles
    routes = " ".join(note.title for note in guide.routes.notes).lower()
    assert "member of staff" in routes and "another student" in routes
    # England's terms are given as examples, beside wording that fits any country.
    assert "In England" in guide.disclosure.intro and "DSL" in guide.disclosure.intro
    assert any("LADO" in note.text and "Other places" in note.text for note in guide.routes.notes)


def test_names_of_the_leads_have_lines_to_write_on(site_build):
    guide = data("safeguarding.yml")
    markup = page_html(site_build, "educators/ground-rules.md")
    box = re.search(r'<div[^>]*class="?gc-safeguarding__contacts"?[\s>](.*?)</div>', markup, re.S).group(1)
    rows = re.findall(r'<li class="?gc-fill"?>(.*?)(?:</li>|(?=<li)|$)', box, re.S)
    assert [text_of(row).rstrip(":") for row in rows] == list(guide.contacts.roles)
    assert all('class="gc-fill__line"' in row or "class=gc-fill__line" in row for row in rows)
    assert len(guide.contacts.roles) >= 3  # lead, deputy, staff concerns


# ---------------------------------------------------------------------------------------------
# Scenario cards
# ---------------------------------------------------------------------------------------------


def card_markup(site_build, card_id: str) -> str:
    """One card's HTML on the scenario cards page."""
    markup = page_html(site_build, "educators/scenario-cards.md")
    return re.search(rf'<section[^>]*\bid="?gc-scenarios-{card_id}"?[\s>].*?</section>', markup, re.S).group(0)


def test_card_leader_notes_carry_facts_and_reporting_routes_from_help_data(site_build):
    cards = data("scenarios.yml").scenarios
    orgs = kit.organisations(data("help.yml"))
    noted = [card for card in cards if card.tell_them and card.report]
    assert noted, "no card carries facts for the leader and where to report"
    for card in noted:
        leader = re.search(r'class="?gc-card__leader"?.*', card_markup(site_build, card.id), re.S).group(0)
        text = text_of(leader)
        assert all(point in text for point in card.tell_them), card.id
        for org_id in card.report:
            assert orgs[org_id].name in text and orgs[org_id].url.removeprefix("https://") in text, (card.id, org_id)
    photos = next(card for card in noted if "photo" in card.story.lower())
    told = " ".join(photos.tell_them)
    assert "under 18" in told and "law" in told and "may not be who" in told


def test_every_card_carries_a_help_line_above_the_cut(site_build):
    for card in data("scenarios.yml").scenarios:
        markup = card_markup(site_build, card.id)
        help_at, cut_at = markup.find("gc-card__help"), markup.find("gc-card__leader")
        assert 0 < help_at < cut_at, card.id  # on the student's part of the card, not the leader's strip
        assert dest_url(data("help_box.yml").help_page) in text_of(markup[help_at:cut_at]), card.id


# ---------------------------------------------------------------------------------------------
# Session plans and lesson packs
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("session_id", list(data("sessions.yml").sessions))
def test_session_plan_survives_a_real_class(site_build, session_id):
    session = data("sessions.yml").sessions[session_id]
    timing = kit.timing(session)
    assert timing["slack"] >= 2 and timing["used"] + timing["slack"] == session.minutes
    src = next(h["src"] for h in kit_printables().values() if h["pdf"] == session.handouts[0].sheet)
    text = text_of(page_html(site_build, src))
    assert f"take {timing['used']} of the {session.minutes} minutes: {timing['slack']} are left free" in text
    for field in (
        session.start_check,
        session.end_check,
        session.if_short,
        session.support,
        session.extension,
        session.scope,
    ):
        assert field in text, field[:40]
    assert all(f"{item.title}. {item.text}" in text for item in session.handling)
    for printout in session.handouts:
        assert f": {printout.copies}." in text, printout.sheet
    assert "up to" not in " ".join(p.copies for p in session.handouts)  # counts, not page budgets


def kit_printables() -> dict:
    """Every printable page's front matter, by PDF name."""
    from scripts import handouts

    return {h["pdf"]: h for h in handouts.handouts(ROOT / "docs")}


def first_download(markup: str) -> str:
    """The first download link inside the article."""
    article = markup[markup.index("<article") :]
    tag = re.search(r"<a\s[^>]*\bdownload\b[^>]*>", article).group(0)
    return re.search(r'\bhref="?([^"\s>]+)', tag).group(1)


def test_lesson_packs_are_linked_first_on_the_educators_page_and_each_plan(site_build):
    packs = kit.lesson_packs(data("sessions.yml"))
    educators = page_html(site_build, "educators.md")
    assert re.sub(r"^(\.\./)+", "", first_download(educators)) == f"handouts/{next(iter(packs))}-a4.pdf"
    for name, pack in packs.items():
        assert f"handouts/{name}-letter.pdf" in educators
        plan = kit_printables()[pack["parts"][0]]
        link = first_download(page_html(site_build, plan["src"]))
        assert re.sub(r"^(\.\./)+", "", link) == f"handouts/{name}-a4.pdf", (name, link)


def test_every_pack_starts_with_its_plan_and_holds_rules_cards_or_sheets_and_help():
    printables = kit_printables()
    for name, pack in kit.lesson_packs(data("sessions.yml")).items():
        parts = pack["parts"]
        assert parts[0] in printables and printables[parts[0]]["src"].startswith("educators/session")
        assert "ground-rules" in parts and parts[-1] == "help-sheet", (name, parts)
        assert len(parts) == len(set(parts)) >= 4


# ---------------------------------------------------------------------------------------------
# The parent letter
# ---------------------------------------------------------------------------------------------


def test_parent_letter_has_blanks_for_the_school_and_says_nobody_has_to_share(site_build):
    letter = data("parent_letter.yml")
    markup = page_html(site_build, "educators/parent-letter.md")
    rows = re.findall(r'<li class="?gc-fill"?>(.*?)(?:</li>|(?=<li)|</ul>)', markup, re.S)
    blanks = [text_of(row).rstrip(":") for row in rows]
    assert blanks == [*letter.fields, *letter.contact, *letter.signature]
    lowered = [b.lower() for b in blanks]
    assert "school" in lowered and "date" in lowered and any("contact" in b for b in lowered)
    text = text_of(markup)
    assert letter.policy in text and "withdraw" in letter.policy
    points = " ".join(p for section in letter.sections for p in section.points)
    assert "nobody has to share" in points and "nobody is asked" not in points


# ---------------------------------------------------------------------------------------------
# Links on paper name the page they lead to
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def print_links():
    return load_hook("print_links")


def test_a_link_to_our_page_prints_its_title(print_links):
    titles = print_links.page_titles(read_config(ROOT / "mkdocs.yml")["nav"])
    assert (
        print_links.printed_reference("../house/#rooms", "harm/", "https://x.example/", titles)
        == f"see {titles['house/']}"
    )
    assert print_links.printed_reference("../", "harm/", "https://x.example/", titles) == "https://x.example/"
    assert print_links.printed_reference("#top", "harm/", "https://x.example/", titles) is None
    assert print_links.printed_reference("../handouts/house-worksheet-a4.pdf", "harm/", "", titles) is None
    # A section's index page, listed without a title, takes the section's title.
    assert all(not title.endswith(".md") for title in titles.values())


def test_a_link_whose_label_is_the_title_prints_nothing_more(print_links):
    nav = [{"Home": "index.md"}, {"Your house": "house.md"}]
    page = type("Page", (), {"url": "harm/"})()
    # The words a printed reference uses come from the edition's strings file (extra.strings, put there by the macros).
    conf = {
        "nav": nav,
        "use_directory_urls": True,
        "site_url": "https://x.example/",
        "extra": {"strings": {"handout": {"see": "see {title}"}}},
    }
    out = print_links.on_page_content(
        '<p><a href="../house/">Your house</a> and <a href="../house/">rooms</a></p>', page, conf, None
    )
    assert 'data-gc-print=""' in out and 'data-gc-print="see Your house"' in out


# ---------------------------------------------------------------------------------------------
# How full a printed page is
# ---------------------------------------------------------------------------------------------


def pgm(width: int, height: int, ink_rows: list[int]) -> bytes:
    """A white grey-scale page with black rows at `ink_rows`."""
    rows = [bytes([0] * width) if r in ink_rows else bytes([255] * width) for r in range(height)]
    return f"P5\n{width} {height}\n255\n".encode() + b"".join(rows)


def test_fill_is_how_far_down_the_printable_area_the_ink_reaches():
    height = round(297 / 25.4 * paper.DPI)
    top = round(paper.TOP_MM / 25.4 * paper.DPI)
    bottom = height - round(paper.BOTTOM_MM / 25.4 * paper.DPI)
    assert paper.fill_of(pgm(20, height, [])) == 0.0
    middle = (top + bottom) // 2
    assert abs(paper.fill_of(pgm(20, height, [top + 1, middle])) - 0.5) < 0.02
    # The running header and footer, in the margins, do not count.
    assert paper.fill_of(pgm(20, height, [2, height - 3])) == 0.0
    assert paper.fill_of(pgm(20, height, [bottom - 1])) == 1.0


def test_short_pages_leave_the_last_page_aside():
    assert paper.short_pages([0.9, 0.1, 0.8, 0.05]) == [2]
    assert paper.short_pages([0.05]) == []


def test_a_session_plan_without_its_pack_stops_the_build(project_copy, tmp_path):
    from conftest import build_site

    page = project_copy / "docs" / "educators" / "session-20.md"
    page.write_text(re.sub(r"^pack: .*\n", "", page.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    build = build_site(project_copy, tmp_path / "site")
    assert build.returncode != 0
    assert re.search(
        r"docs/educators/session-20\.md: front matter 'pack' is None; expected 'pack: session-20-pack'", build.output
    ), build.output[-1500:]
