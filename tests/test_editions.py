"""An edition is configuration: the name, help regions, help box, exit destination and credit come from
mkdocs.yml (or an edition's config under editions/), numbers from data/help.yml; nothing is hard-coded.

The tests marked `edition` run once per edition (`make test`: --edition=editions/<name>/mkdocs.yml).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader
from pypdf import PdfReader

from conftest import ROOT, build_site, copy_project, read_config, site_languages
from scripts import handouts
from sitebuild.data import load_data
from sitebuild.schema import SCHEMAS

EDITIONS = sorted(ROOT.glob("editions/*/mkdocs.yml"))
CONFIGS = [ROOT / "mkdocs.yml", *EDITIONS]


def help_data():
    """data/help.yml, validated."""
    return load_data(ROOT / "data" / "help.yml", SCHEMAS["help.yml"], "help.yml")


def raw_config(path: Path) -> dict:
    """A config file as written (INHERIT not merged), for comparing an edition with the base."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=get_yaml_loader())  # noqa: S506 - MkDocs' safe loader


def numbers() -> set[str]:
    """Every phone, text and emergency number in data/help.yml."""
    found = set()
    for region in help_data().regions:
        found.update(region.emergency)
        for org in region.organisations:
            found.update(n for n in (org.phone, org.sms.number if org.sms else None) if n)
    return found


class Text(HTMLParser):
    """A page's visible text and attribute values, with the credit lines (class gc-credit) kept apart."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "area", "base", "col", "embed", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.outside: list[str] = []
        self.credits: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""

    def in_credit(self) -> bool:
        return any(credit for _, credit in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name"):
            self.meta[attrs["name"]] = attrs.get("content") or ""
        if not self.in_credit():
            self.outside.extend(v for k, v in attrs.items() if k in ("content", "title", "aria-label", "alt") and v)
        if tag not in self.VOID:
            self.stack.append((tag, "gc-credit" in (attrs.get("class") or "").split()))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "title" and len(self.stack) <= 3:  # the page's, not a drawing's
            self.title += data
        (self.credits if self.in_credit() else self.outside).append(data)


def read(path: Path) -> Text:
    parsed = Text()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


# ---------------------------------------------------------------------------------------------------
# The sources: config, data, docs and tests


@pytest.mark.parametrize("path", EDITIONS, ids=[p.parent.name for p in EDITIONS])
def test_an_edition_inherits_the_base_and_keeps_its_plugins_and_hooks_in_step(path):
    """MkDocs replaces lists when it merges INHERIT: an edition repeats the base's plugins and hooks, its paths
    read from its own folder. The same list, or a hook or plugin added to mkdocs.yml is missing here."""
    base, own = raw_config(ROOT / "mkdocs.yml"), raw_config(path)
    up = Path("../" * len(path.parent.relative_to(ROOT).parts)).as_posix()
    assert own["INHERIT"] == f"{up}/mkdocs.yml"
    assert own["docs_dir"] == f"{up}/docs" and own["theme"]["custom_dir"] == f"{up}/overrides"
    assert own["hooks"] == [f"{up}/{hook}" for hook in base["hooks"]]
    macros = next(p["macros"] for p in base["plugins"] if isinstance(p, dict) and "macros" in p)
    expected = [
        {"macros": {**macros, "module_name": f"{up}/{macros['module_name']}"}}
        if isinstance(p, dict) and "macros" in p
        else p
        for p in base["plugins"]
    ]
    assert own["plugins"] == expected
    merged = read_config(path)
    assert merged["site_name"] != read_config(ROOT / "mkdocs.yml")["site_name"], "an edition has a name of its own"


def test_no_test_names_the_site_or_a_helpline_number():
    """Tests read names and numbers from config and data, so an edition's tests pass unedited."""
    names = {read_config(path)["site_name"] for path in CONFIGS}
    patterns = [re.compile(rf"(?<![\w.]){re.escape(n)}(?![\w])") for n in sorted(numbers())]
    for source in sorted((ROOT / "tests").glob("*.py")):
        text = source.read_text(encoding="utf-8")
        for name in names:
            assert name not in text, f"{source.name} names the site '{name}'; read it from the config"
        for pattern in patterns:
            found = pattern.search(text)
            assert not found, f"{source.name} types the number {found.group()}; read it from data/help.yml"


def test_help_box_data_holds_no_numbers_and_docs_type_no_emergency_number_or_exit_place():
    box = (ROOT / "data" / "help_box.yml").read_text(encoding="utf-8")
    assert not re.search(r"\d[\d -]{2,}\d", box), "data/help_box.yml: numbers belong in data/help.yml"
    emergency = {n for region in help_data().regions for n in region.emergency}
    places = {read_config(path)["extra"]["exit_place"] for path in CONFIGS}
    hosts = {read_config(path)["extra"]["exit_url"].split("/")[2] for path in CONFIGS}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        where = page.relative_to(ROOT)
        assert "tel:" not in text, f"{where}: a number to call is typed in; use a macro (data/help.yml)"
        for number in emergency:
            assert not re.search(rf"(?<![\w.,]){re.escape(number)}(?![\w,])", text), f"{where} types {number}"
        for words in places | hosts:
            assert words not in text, f"{where} names the exit destination '{words}'; use config.extra.exit_place"


# ---------------------------------------------------------------------------------------------------
# The built edition


def chosen(edition) -> list:
    """The help box's organisations, in the edition's order, each with its region."""
    found = {o.id: (o, r) for r in help_data().regions for o in r.organisations}
    return [found[i] for i in edition["extra"]["help_box_services"]]


def regions_of(edition) -> list:
    by_id = {r.id: r for r in help_data().regions}
    return [by_id[i] for i in edition["extra"]["help_regions"]]


@pytest.mark.edition
def test_every_page_carries_the_edition_name_and_the_old_name_only_in_credits(site_build, language, other_folders):
    edition = language.config  # each language of the site is an edition of its own, with its own name
    name, project = edition["site_name"], edition["extra"]["credit"]["project"]
    pages = language.pages(site_build.site, other_folders)
    assert len(pages) > 30
    for path in pages:
        page = read(path)
        where = path.relative_to(site_build.site)
        assert page.meta.get("application-name") == name, where
        assert page.title.strip().endswith(name), (where, page.title)
        credit = " ".join(" ".join(page.credits).split())
        extra = edition["extra"]
        assert extra["source_article"]["publisher"] in credit and extra["credit"]["licence"] in credit, where
        if project != name:
            assert project in credit, f"{where}: the credit must name the project this edition comes from"
            outside = " ".join(page.outside)
            assert project not in outside, f"{where}: '{project}' outside a credit line"
    home = read(site_build.site / language.folder / "index.html")
    assert name in " ".join(home.outside)
    assert re.search(
        rf"<h1[^>]*>{re.escape(name)}<", (site_build.site / language.folder / "index.html").read_text(encoding="utf-8")
    )


@pytest.mark.edition
def test_help_page_lists_the_edition_regions_in_order_with_crisis_lines(site_build, edition):
    html = (site_build.site / "get-help" / "index.html").read_text(encoding="utf-8")
    directory = html[html.index("gc-help-directory") :]
    sections = re.findall(r"<section [^>]*\bgc-help-directory__region\b[^>]*>", directory)
    ids = [re.search(r"\bid=\"?help-([a-z0-9-]+)", tag).group(1) for tag in sections]
    assert ids == edition["extra"]["help_regions"]
    crisis = 0
    for region in regions_of(edition):
        for org in region.organisations:
            assert f"id=help-{org.id}" in directory, org.id
            if org.phone:
                assert f"href=tel:{org.phone.replace(' ', '').replace('-', '')}>" in directory, org.id
            crisis += "crisis" in org.topics
    assert crisis >= 1, "the edition lists no crisis line"
    routes = re.findall(r"<li [^>]*\bgc-reporting__route\b[^>]*><a href=\"?([^\" >]+)", html)
    expected = [o.url for r in regions_of(edition) for o in r.organisations if "reporting" in o.topics]
    assert routes == expected and routes


@pytest.mark.edition
def test_help_box_shows_the_chosen_services_and_covers_the_home_region(site_build, edition):
    html = (site_build.site / "handouts" / "help-sheet" / "index.html").read_text(encoding="utf-8")
    box = html[html.index("gc-help-box") : html.index("</aside>", html.index("gc-help-box"))]
    items = re.findall(r"<li>(.*?)</li>", box)
    services = chosen(edition)
    assert len(items) == len(services)
    for item, (org, region) in zip(items, services, strict=True):
        text = re.sub(r"<[^>]+>", "", item)
        assert text.startswith(f"{org.name} ({region.name})"), text
        if org.phone:
            assert f"Call {org.phone}" in text, text
    home = next(r for r in regions_of(edition) if r.country)
    shown = {t for org, _ in services for t in org.topics}
    for topic in ("youth", "relationship-abuse", "sexual-violence", "reporting"):
        # An edition's home region needs each kind of service: a reader there must find one, on paper too.
        assert any(topic in org.topics for org in home.organisations), (
            f"{home.name} has no {topic} service: add one to data/help.yml"
        )
        assert topic in shown, f"the help box has no {topic} service, and {home.name} has one"


@pytest.mark.edition
def test_exit_goes_where_the_edition_says_and_pages_name_it(site_build, edition):
    extra = edition["extra"]
    home = (site_build.site / "index.html").read_text(encoding="utf-8")
    exits = [tag for tag in re.findall(r"<a [^>]*>", home) if re.search(r"\bclass=\"?gc-exit[\" >]", tag)]
    assert len(exits) == 1 and re.search(rf'href="?{re.escape(extra["exit_url"])}["\s>]', exits[0]), exits
    for page in ("index.html", "get-help/index.html", "leaving-quickly/index.html", "handouts/help-sheet/index.html"):
        assert extra["exit_place"] in (site_build.site / page).read_text(encoding="utf-8"), page


# ---------------------------------------------------------------------------------------------------
# A copy with only site_name changed, at a long address

LONG = "https://youth-service.example.org.au/resources/young-people/closeness-1/"


def test_a_copy_with_only_its_name_changed_carries_the_new_name_everywhere(tmp_path, browser):
    """Pages, print header, handout credits and PDF metadata carry the new name; the old one only in credits;
    every one-sheet handout is still one sheet at a 72-character address."""
    assert len(LONG) == 72
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    old = read_config(config)["site_name"]
    new = "Example Edition For Testing"
    config.write_text(
        re.sub(r"(?m)^site_name: .*$", f"site_name: {new}", config.read_text(encoding="utf-8")), encoding="utf-8"
    )
    build = build_site(project, tmp_path / "site", LONG)
    assert build.returncode == 0, build.output
    own, *others = site_languages(config)  # the other languages are editions with names of their own
    for path in own.pages(build.site, [lang.folder for lang in others]):
        page = read(path)
        assert page.meta.get("application-name") == new and page.title.strip().endswith(new), path
        assert old not in " ".join(page.outside), f"{path.relative_to(build.site)}: '{old}' outside a credit line"
        assert old in " ".join(page.credits), path
    one_sheet = [h for h in handouts.handouts(ROOT / "docs") if h["pages"] == 1]
    assert one_sheet
    for handout in one_sheet:
        for path, pages in handouts.render(build.site, only=handout["pdf"], browser=browser):
            assert pages == 1, f"{path.name}: {pages} pages at a {len(LONG)}-character address"
            reader = PdfReader(path)
            assert reader.metadata.author == new and reader.metadata.title.endswith(f" - {new}")
            flat = "".join(reader.pages[0].extract_text().split())  # an address may break across lines
            assert "".join(new.split()) in flat and handouts.page_url(LONG, handout["src"]) in flat, path.name


def test_make_handouts_names_each_pdf_over_its_budget_in_one_line():
    """`make handouts` fails with one line per PDF over its page budget: the PDF, its pages, its budget."""
    sheets = {h["pdf"]: h["pages"] for h in handouts.handouts(ROOT / "docs")}
    name = next(iter(sheets))
    written = [
        (Path(f"site/handouts/{name}-a4.pdf"), sheets[name]),
        (Path(f"site/handouts/{name}-letter.pdf"), sheets[name] + 1),
    ]
    assert handouts.over_budget(written, sheets) == [
        f"make handouts: {name}-letter.pdf has {sheets[name] + 1} pages; "
        f"its budget is {sheets[name]} (front matter 'pages')"
    ]
