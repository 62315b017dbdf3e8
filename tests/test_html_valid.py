"""The W3C Nu HTML checker (vnu-jar) finds no errors in any built page."""

from __future__ import annotations

import json
import re
import subprocess

from test_macros import parse

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material's base.html puts autocomplete="off" on its two hidden state checkboxes (drawer and search)
# to stop Firefox restoring them; the attribute is only valid on text-like inputs. Only that is ignored.
THEME_AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”."
)
THEME_TOGGLE = re.compile(
    r'^<input\b(?=[^>]*\bclass="?md-toggle\b)(?=[^>]*\bdata-md-toggle="?(drawer|search)\b)[^>]*>$'
)


def theme_false_positive(message: dict) -> bool:
    """The one error we accept: autocomplete on Material's two toggle checkboxes (drawer and search)."""
    start, length = message.get("hiliteStart", 0), message.get("hiliteLength", 0)
    flagged = message.get("extract", "")[start : start + length]
    return message["message"] == THEME_AUTOCOMPLETE and THEME_TOGGLE.match(flagged) is not None


def test_vnu_reports_no_errors(site_build):
    pages = sorted(str(p) for p in site_build.site.rglob("*.html"))
    assert len(pages) > 10, pages
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [m for m in messages if not theme_false_positive(m)]
    report = [
        f"{m['url'].split(str(site_build.site), 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}\n"
        f"    {' '.join(m.get('extract', '').split())}"
        for m in errors
    ]
    assert errors == [], f"vnu found {len(errors)} errors:\n" + "\n".join(report)
    assert len(messages) - len(errors) <= 2 * len(pages), "the filter hides more than the theme's two toggles"


def test_checklist_ticks_are_kept_from_the_browsers_form_memory(site_build):
    """Every checklist box sits in a form with autocomplete="off" (valid HTML, unlike the attribute on a box)."""
    boxes = 0
    for path in sorted(site_build.site.rglob("*.html")):
        tree = parse(path.read_text(encoding="utf-8"), strict=False)
        for form in tree.find_all("form"):
            inside = [el for el in form.iter() if "gc-checklist__box" in (el.attrs.get("class") or "").split()]
            if inside:
                assert form.attrs.get("autocomplete") == "off", f"{path}: a checklist form without autocomplete=off"
                boxes += len(inside)
        total = sum("gc-checklist__box" in (el.attrs.get("class") or "").split() for el in tree.iter())
        assert total == sum(
            "gc-checklist__box" in (el.attrs.get("class") or "").split()
            for form in tree.find_all("form")
            for el in form.iter()
        ), f"{path}: a box outside a form"
    assert boxes > 0, "no checklist boxes found"


# The theme's menu, contents, header, tabs and footer (Previous/Next).
SITE_NAVIGATION = {"md-sidebar", "md-nav", "md-header", "md-tabs", "md-footer"}


def test_each_page_has_one_main_holding_its_content_and_no_navigation(site_build):
    """One <main> per page, around the article; the menu, contents, exit bar and Previous/Next sit outside it."""
    pages = sorted(site_build.site.rglob("*.html"))
    for path in pages:
        tree = parse(path.read_text(encoding="utf-8"), strict=False)
        mains = tree.find_all("main")
        if not mains and not tree.find_all("article"):
            continue  # a redirect or a bare file with no page of its own
        assert len(mains) == 1, f"{path}: {len(mains)} <main> elements"
        inside = list(mains[0].iter())
        assert any(el.tag == "article" for el in inside), f"{path}: the article is outside <main>"
        site_navigation = [el for el in inside if SITE_NAVIGATION & set(el.classes) or "data-gc-exit" in el.attrs]
        assert not site_navigation, f"{path}: site navigation inside <main>: {site_navigation[0].attr_list}"
