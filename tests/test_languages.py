"""One build, two languages: the English build makes each language mkdocs.yml lists (extra.languages) into its
folder of the same site, each a full edition with its own language, search, words and PDFs; every page links
its counterparts (hreflang) and the header links the same page in the other language, without storing anything
or adding to the tab's history. Names, paths and words come from the configs and the strings files, never from
here. Tests that take `language` run once per language; those about "the other languages" skip an edition that
has none (editions/au)."""

from __future__ import annotations

import json
import re
import statistics
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

# Records the search worker's queries and answers (as tests/test_search.py does).
from test_search import WATCH_WORKER, search

from conftest import ROOT, THEME_READY, build_site, copy_project, site_languages
from scripts import readability
from sitebuild.paths import built_file


@pytest.fixture(scope="session")
def languages(edition_file) -> list:
    """The edition's own language first, then each language its build makes."""
    return site_languages(ROOT / edition_file)


@pytest.fixture(scope="session")
def others(languages) -> list:
    """The languages the edition's build makes besides its own (none for an edition in one language)."""
    return languages[1:]


def nav_pages(config: dict) -> list[str]:
    """The docs pages of a config's nav, in order."""
    from sitebuild.paths import nav_titles

    return list(nav_titles(config["nav"]))


def flat(value, path: str = "") -> dict[str, str]:
    """A strings file's values by key path (lists by index)."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in flat(item, f"{path}.{key}".strip(".")).items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in flat(item, f"{path}[{i}]").items()}
    return {path: str(value)}


class Said(HTMLParser):
    """What a page says in its own language: visible text and attribute values, leaving out scripts, styles and
    anything marked as another language (lang="en" on a page in Spanish: the name of the other language)."""

    SKIP = {"script", "style"}
    SAID = {"title", "alt", "aria-label", "aria-description", "aria-roledescription", "placeholder", "value"}
    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "area", "base", "col", "embed", "wbr"}

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang
        self.stack: list[bool] = []  # per open element: whether its content is left out
        self.parts: list[str] = []

    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        other = values.get("lang") not in (None, "", self.lang) and tag != "html"
        skip = self.skipping() or tag in self.SKIP or other
        if not skip:
            # Attributes a reader sees or hears (a tooltip, a name, a placeholder), not ids or states
            # such as aria-current="page".
            self.parts += [v for k, v in attrs if v and k in self.SAID]
            if tag == "meta" and values.get("name") in ("description",):
                self.parts.append(values.get("content") or "")
        if tag not in self.VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.skipping():
            self.parts.append(data)


def said_on(path: Path, lang: str) -> str:
    parser = Said(lang)
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def html_lang(path: Path) -> str | None:
    match = re.search(r'<html\b[^>]*?\blang="?([A-Za-z-]+)', path.read_text(encoding="utf-8"))
    return match.group(1) if match else None


# --- One build, two languages ------------------------------------------------------------------------


def test_the_build_makes_every_language_into_its_folder_with_exit_on_each_page(site_build, language, other_folders):
    pages = [p for p in language.pages(site_build.site, other_folders) if p.name == "index.html"]
    assert len(pages) >= 18, f"{language.code}: {len(pages)} pages"
    exit_word = language.strings()["exit"]["exit"]
    for path in pages:
        where = path.relative_to(site_build.site)
        assert html_lang(path) == language.code, where
        html = path.read_text(encoding="utf-8")
        assert re.search(rf"<a [^>]*data-gc-exit[^>]*><span>{re.escape(exit_word)}<", html), where
    # Its own search index, with the language's stemming (the theme's lunr language support, from this site).
    index = json.loads((site_build.site / language.folder / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == [language.code]
    if language.code != "en":
        assert (site_build.site / "assets/javascripts/lunr/min" / f"lunr.{language.code}.min.js").is_file()


def test_every_page_links_its_counterparts_both_ways_with_absolute_addresses(
    site_build, site_server, languages, other_folders
):
    if len(languages) < 2:
        pytest.skip("an edition in one language")
    site_url = site_server.url  # the address the site was built for
    linked: dict[tuple[str, str], int] = {}
    for language in languages:
        for path in language.pages(site_build.site, other_folders):
            html = path.read_text(encoding="utf-8")
            alternates = dict(re.findall(r'<link href="?([^"\s>]+)"? hreflang="?([a-z-]+)"? rel="?alternate', html))
            alternates = {lang: href for href, lang in alternates.items()}
            if not alternates:
                continue
            assert alternates.get(language.code) == site_url + path.relative_to(
                site_build.site
            ).as_posix().removesuffix("index.html"), path
            for other in languages:
                if other is language:
                    continue
                href = alternates[other.code]
                assert href.startswith(site_url), href
                target = site_build.site / href[len(site_url) :] / "index.html"
                assert target.is_file() and html_lang(target) == other.code, f"{path}: {href}"
                linked[(language.code, other.code)] = linked.get((language.code, other.code), 0) + 1
    assert len(linked) == len(languages) * (len(languages) - 1)
    assert all(count >= 15 for count in linked.values()), linked


def test_the_header_links_the_same_page_in_each_other_language(site_build, language, languages, other_folders):
    others = [lang for lang in languages if lang.code != language.code]
    if not others:
        pytest.skip("an edition in one language")
    for path in language.pages(site_build.site, other_folders):
        if path.name != "index.html" or path.parent == site_build.site / "404.html":
            continue
        html = path.read_text(encoding="utf-8")
        for other in others:
            name = next(entry["name"] for entry in language.config["extra"]["languages"] if entry["code"] == other.code)
            link = re.search(rf"<a [^>]*data-gc-language={other.code}[^>]*>([^<]*)<", html)
            assert link and link.group(1) == name, path
            assert f"hreflang={other.code}" in link.group(0) and f"lang={other.code}" in link.group(0), link.group(0)


# --- No English in the Spanish interface -------------------------------------------------------------


def test_no_word_of_the_project_s_interface_is_left_in_another_language(site_build, languages, other_folders):
    """Every value of the own language's strings file that the other language's file says differently is
    absent from that language's pages: visible text and attributes (pieces around each {placeholder})."""
    if len(languages) < 2:
        pytest.skip("an edition in one language")
    # The theme's rewordings (key `theme`) are the theme's words, not the project's: each language has its own.
    own = {key: value for key, value in flat(languages[0].strings()).items() if not key.startswith("theme.")}
    found = []
    for language in languages[1:]:
        theirs = {key: value for key, value in flat(language.strings()).items() if not key.startswith("theme.")}
        assert theirs.keys() == own.keys()  # the same keys (the schema requires every one)
        pieces = {
            piece.strip()
            for key, value in own.items()
            if value != theirs[key]
            for piece in re.split(r"\{[a-z_]+\}", value)
            # A piece with a word of its own ("Exit", "Call", "page"), not a lone "the" or "of the".
            if re.search(r"[A-Za-z]{4,}", piece) and piece.strip() != theirs[key]
        }
        for path in language.pages(site_build.site, other_folders):
            text = said_on(path, language.code)
            found += [
                f"{path.relative_to(site_build.site)}: {piece!r}"
                for piece in sorted(pieces)
                if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text)
            ]
    assert found == [], f"{len(found)} English interface strings on other-language pages:\n" + "\n".join(found[:40])


def test_each_strings_file_fills_every_key_in_its_own_words(languages):
    # The theme's rewordings (key `theme`) are the theme's words, not the project's: each language has its own.
    own = {key: value for key, value in flat(languages[0].strings()).items() if not key.startswith("theme.")}
    for language in languages[1:]:
        theirs = {key: value for key, value in flat(language.strings()).items() if not key.startswith("theme.")}
        same = [key for key in own if own[key] == theirs[key] and not re.fullmatch(r"[A-Z0-9 {}/:.-]*", own[key])]
        assert len(same) < len(own) / 10, f"{language.code}: left as in {languages[0].code}: {same}"


# --- Spanish reading ease and length ----------------------------------------------------------------


def guide_pages(language) -> list[str]:
    """The guide's chapters, from the language's whole-guide page (front matter assemble)."""
    whole = (language.source / "docs" / "handouts" / "whole-guide.md").read_text(encoding="utf-8")
    return yaml.safe_load(whole.split("---")[1])["assemble"]


def test_spanish_pages_read_easily_and_guide_pages_stay_short(site_build, languages, other_folders):
    spanish = [language for language in languages if language.code == "es"]
    assert spanish, "the site builds no Spanish pages"
    for language in spanish:
        check_spanish_reading(site_build, language, other_folders)


def check_spanish_reading(site_build, language, other_folders) -> None:
    """INFLESZ at least 55 on every page and 65 at the median; guide pages at most MAX_WORDS_ES words as built."""
    eases, words, low = {}, {}, {}
    for path in language.pages(site_build.site, other_folders):
        html = path.read_text(encoding="utf-8")
        if path.name != "index.html" or "<article" not in html:
            continue
        count, ease = readability.measure_built_es(html)
        where = path.parent.relative_to(site_build.site / language.folder).as_posix() or "(home)"
        eases[where], words[where] = ease, count
        if ease < readability.MIN_EASE_ES:
            low[where] = round(ease, 1)
    print({k: (round(v, 1), words[k]) for k, v in eases.items()})
    assert low == {}, f"INFLESZ below {readability.MIN_EASE_ES:.0f}: {low}"
    assert statistics.median(eases.values()) >= readability.MIN_MEDIAN_EASE_ES
    long = {}
    for src in guide_pages(language):
        html = (site_build.site / language.folder / built_file(src)).read_text(encoding="utf-8")
        count = readability.measure_built_es(html)[0]
        if count > readability.MAX_WORDS_ES:
            long[src] = count
    assert long == {}, f"guide pages over {readability.MAX_WORDS_ES} words as built: {long}"


# --- Real search in Spanish ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spanish_search(browser, site_server, others):
    """A phone-sized Spanish page with search open and its worker watched."""
    spanish = [lang for lang in others if lang.code == "es"]
    if not spanish:
        pytest.skip("no Spanish edition in this build")
    context = browser.new_context(viewport={"width": 390, "height": 740})
    context.add_init_script(WATCH_WORKER)
    page = context.new_page()
    page.goto(site_server.url + spanish[0].folder)
    page.evaluate(THEME_READY)
    page.locator("button.gc-search-button").click()
    page.wait_for_function("() => document.getElementById('__search').checked")
    yield page
    context.close()


@pytest.mark.parametrize(
    "query,wanted",
    [
        ("me revisa el celular", "phones-and-online.md"),
        ("fotos íntimas", "phones-and-online.md"),
        ("me pega", "violence.md"),
        ("gay", None),
        ("trans", None),
    ],
)
def test_the_words_spanish_speaking_readers_type_find_the_guide(spanish_search, query, wanted):
    hits = search(spanish_search, query)
    print(f"{query!r}: {hits[:5]}")
    assert hits, f"{query!r} found nothing"
    if wanted:
        location = built_file(wanted).removesuffix("index.html")
        assert location in hits[:5], f"{query!r}: top results {hits[:5]}"


# --- The switch: a plain link, one history entry, nothing stored ----------------------------------------


@pytest.mark.parametrize("width", [320, 390, 1024])
def test_switching_language_replaces_the_page_and_stores_nothing(browser, site_server, others, width):
    if not others:
        pytest.skip("an edition in one language")
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    try:
        page.goto(site_server.url + "house/")
        page.evaluate(THEME_READY)
        opened = page.evaluate("() => history.length")
        # In-site navigation first (instant navigation swaps the page): the switch must follow the new page.
        page.locator("a.md-footer__link--next").click()
        page.wait_for_function("() => !location.pathname.endsWith('/house/')")
        shown = page.evaluate("() => location.pathname")
        other = others[0]
        link = page.locator(f"[data-gc-language='{other.code}'], .gc-language-row__link[hreflang='{other.code}']")
        link = link.locator("visible=true").first
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 44
        link.click()
        page.wait_for_url(lambda url: f"/{other.folder}" in url)
        page.evaluate(THEME_READY)
        assert page.evaluate("() => location.pathname") == "/" + other.folder + shown.lstrip("/")
        assert page.evaluate("() => document.documentElement.lang") == other.code
        assert page.evaluate("() => history.length") == opened, "switching language must replace the page"
        assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0
        assert page.evaluate("() => document.cookie") == ""
        assert context.cookies() == []
    finally:
        context.close()


# --- The build itself ------------------------------------------------------------------------------------


def test_a_warning_in_the_other_language_fails_the_strict_build_naming_its_file(tmp_path):
    project = copy_project(tmp_path / "project")
    languages = site_languages(project / "mkdocs.yml")
    if len(languages) < 2:
        pytest.skip("an edition in one language")
    other = languages[1]
    page = other.source / "docs" / "house.md"
    text = page.read_text(encoding="utf-8")
    summary = next(line for line in text.split("\n") if line.startswith("**"))  # the page's first paragraph
    page.write_text(text.replace(summary, summary + " [roto](no-such-page.md)", 1), encoding="utf-8")
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0
    folder = other.source.relative_to(project).as_posix()
    assert f"{folder}/docs/house.md" in build.output and "no-such-page.md" in build.output, build.output[-1500:]


def test_each_language_s_config_still_builds_alone(tmp_path, others):
    if not others:
        pytest.skip("an edition in one language")
    for language in others:
        build = build_site(ROOT, tmp_path / language.code, config=language.config_file.relative_to(ROOT).as_posix())
        assert build.returncode == 0, build.output[-1500:]
        assert html_lang(tmp_path / language.code / "index.html") == language.code


def test_each_language_runs_its_own_copy_of_every_hook(others, languages):
    """MkDocs keeps one module per hook path as written: the other language's hooks (paths from its own folder)
    are modules of their own, so no module state (seen scripts, links, messages) passes between the builds."""
    if not others:
        pytest.skip("an edition in one language")
    from mkdocs.config import load_config

    loaded = [load_config(str(lang.config_file)) for lang in languages]
    modules = [{id(module) for module in config["hooks"].values()} for config in loaded]
    assert all(modules) and not set.intersection(*modules)
