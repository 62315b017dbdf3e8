"""The W3C Nu HTML checker (vnu-jar) finds no errors in any built page."""
from __future__ import annotations

import json
import re
import subprocess

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material's base.html puts autocomplete="off" on its two hidden state checkboxes (drawer and search)
# to stop Firefox restoring them; the attribute is only valid on text-like inputs. Only that is ignored.
THEME_AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”."
)
THEME_TOGGLE = re.compile(
    r'^<input\b(?=[^>]*\bclass="?md-toggle\b)(?=[^>]*\bdata-md-toggle="?(drawer|search)\b)[^>]*>$')
# Our checklist boxes carry it for the same reason: a tick must never come back when the browser restores a page.
CHECKLIST_BOX = re.compile(r'^<input\b(?=[^>]*\bclass="?gc-checklist__box\b)(?=[^>]*\btype="?checkbox\b)[^>]*>$')


def theme_false_positive(message: dict) -> bool:
    """The one error we accept: autocomplete on Material's toggle checkboxes and on our checklist boxes."""
    start, length = message.get("hiliteStart", 0), message.get("hiliteLength", 0)
    flagged = message.get("extract", "")[start:start + length]
    return message["message"] == THEME_AUTOCOMPLETE and (
        THEME_TOGGLE.match(flagged) is not None or CHECKLIST_BOX.match(flagged) is not None)


def test_vnu_reports_no_errors(site_build):
    pages = sorted(str(p) for p in site_build.site.rglob("*.html"))
    assert len(pages) > 10, pages
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [m for m in messages if not theme_false_positive(m)]
    report = [f"{m['url'].split(str(site_build.site), 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}\n"
              f"    {' '.join(m.get('extract', '').split())}" for m in errors]
    assert errors == [], f"vnu found {len(errors)} errors:\n" + "\n".join(report)
    boxes = sum(len(re.findall(r"<input\b[^>]*\bgc-checklist__box\b", open(p, encoding="utf-8").read())) for p in pages)
    assert len(messages) - len(errors) <= 2 * len(pages) + boxes, "the filter hides more than toggles and boxes"
