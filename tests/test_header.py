"""The header at every width a reader's phone, tablet or desktop may have: menu, palette, search, Get help and
Exit all visible, none covering another, each big enough to tap, and the search button opens search."""

from __future__ import annotations

import pytest

from conftest import THEME_READY

# Every 5 px across the phone widths (where the bar switches labels), then common tablet and desktop widths.
WIDTHS = list(range(320, 481, 5)) + [600, 768, 1024, 1280]
CONTROLS = {
    # The site's own buttons where its script runs; the theme's labels without it.
    "menu": "button.gc-drawer-button, label.md-header__button[for='__drawer']",
    "palette": "button.gc-palette, form[data-md-component='palette'] label.md-header__button",
    "search": "button.gc-search-button, label.md-header__button[for='__search'], .md-search__form",
    "help": "[data-gc-help]",
    "exit": "[data-gc-exit]",
    # The same page in the other language: in the header, or in its own row below it on a narrow phone.
    "language": "[data-gc-language], .gc-language-row__link",
}

# For each control: its box, and whether a tap at its centre reaches it (nothing lies on top of it).
MEASURE = """(controls) => {
  const out = {};
  for (const [name, selector] of Object.entries(controls)) {
    const el = [...document.querySelectorAll(selector)].find(
      e => e.checkVisibility({visibilityProperty: true, opacityProperty: true}) && e.getBoundingClientRect().width > 0);
    if (!el) { out[name] = null; continue; }
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    out[name] = {left: r.left, right: r.right, top: r.top, bottom: r.bottom, onTop: el.contains(hit),
                 inView: r.left >= 0 && r.right <= innerWidth && r.top >= 0};
  }
  // Where the menu's pages stand in a sidebar beside the page, the theme drops the menu button.
  const sidebar = document.querySelector('.md-sidebar--primary');
  if (!out.menu && sidebar && sidebar.getBoundingClientRect().left >= 0
      && sidebar.querySelector('a.md-nav__link[href]').checkVisibility({visibilityProperty: true})) { delete out.menu; }
  return out;
}"""


def overlaps(boxes: dict) -> list[str]:
    """Every pair of controls whose boxes share any area."""
    names = sorted(boxes)
    return [
        f"{a} and {b}"
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if boxes[a]["left"] < boxes[b]["right"]
        and boxes[b]["left"] < boxes[a]["right"]
        and boxes[a]["top"] < boxes[b]["bottom"]
        and boxes[b]["top"] < boxes[a]["bottom"]
    ]


def header_problems(boxes: dict) -> list[str]:
    """What is wrong with the header's controls at one width: missing, covered, off screen, small, overlapping."""
    problems = [f"{name} is not shown" for name, box in boxes.items() if box is None]
    shown = {name: box for name, box in boxes.items() if box}
    problems += [f"{name} is covered" for name, box in shown.items() if not box["onTop"]]
    problems += [f"{name} is off screen" for name, box in shown.items() if not box["inView"]]
    # The search field of wide screens is a wide box 36 px high; every button is at least 44 x 44 px.
    problems += [
        f"{name} is smaller than 44 px"
        for name, box in shown.items()
        if name != "search" and min(box["right"] - box["left"], box["bottom"] - box["top"]) < 44
    ]
    return problems + overlaps(shown)


def test_overlapping_or_covered_controls_are_reported():
    box = {"left": 0, "right": 50, "top": 0, "bottom": 50, "onTop": True, "inView": True}
    boxes = {
        "search": dict(box, left=100, right=144),
        "help": dict(box, left=130, right=218, onTop=False),
        "menu": box,
        "palette": None,
    }
    assert header_problems(boxes) == ["palette is not shown", "help is covered", "help and search"]


@pytest.fixture(scope="module")
def header_page(browser, site_server, language):
    """One page of the real site in each of its languages (their words differ in length), resized from width
    to width."""
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(site_server.url + language.folder + "harm/")
    page.evaluate(THEME_READY)
    yield page
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_header_control_is_shown_apart_and_the_search_button_opens_search(header_page, width):
    page = header_page
    page.set_viewport_size({"width": width, "height": 700})
    page.wait_for_function(
        "w => innerWidth === w && document.getAnimations().every(a => a.playState !== 'running')", arg=width
    )
    boxes = page.evaluate(MEASURE, CONTROLS)
    if not page.locator("[data-gc-language]").count():
        boxes.pop("language")  # an edition in one language has no link to another
    print(
        f"{width} px: "
        + ", ".join(f"{name} {box['left']:.0f}-{box['right']:.0f}" for name, box in boxes.items() if box)
    )
    assert header_problems(boxes) == [], f"{width} px: {boxes}"
    search = boxes["search"]
    page.mouse.click((search["left"] + search["right"]) / 2, (search["top"] + search["bottom"]) / 2)
    page.wait_for_function("() => document.getElementById('__search').checked")
    assert page.url.endswith("/harm/")  # the tap opened search, not a link under it
    # Closed again, with focus back on the page (a focused search field would not open search a second time).
    page.evaluate(
        "() => { const s = document.getElementById('__search'); s.checked = false;"
        " s.dispatchEvent(new Event('change')); document.activeElement.blur(); }"
    )
    page.wait_for_function("() => !document.getElementById('__search').checked")
