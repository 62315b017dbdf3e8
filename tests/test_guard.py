"""Nothing an editor writes can run a script: each copy of the project below carries one hostile addition, and
its build stops with one line naming the file (and the line, when it is the editor's own text).

The first checks read the docs pages' own text; the last ones get past that check by another road (a macro
that assembles the markup, the nav, front matter) and are caught in the built page, naming it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_bad_input import PAGE, append, mistakes

from conftest import build_site

EXPECTED = "expected Markdown and plain text (the site runs only its own scripts)"
LINK = "expected a link to a page of the site or an https:// address"

# Markdown appended to a page, and what the build must say about its last line.
IN_A_PAGE = {
    "script": ("<script>alert(1)</script>", f"raw <script> is not allowed in a page; {EXPECTED}"),
    "script-upper-case": (
        "<SCRIPT SRC=//example.org/x.js></SCRIPT>",
        f"raw <script> is not allowed in a page; {EXPECTED}",
    ),
    "meta-refresh": (
        '<meta http-equiv="refresh" content="0;url=https://example.org/">',
        f"raw <meta> is not allowed in a page; {EXPECTED}",
    ),
    "img-onerror": (
        '<img src="missing.png" onerror="alert(1)">',
        f"an event handler attribute onerror= is not allowed; {EXPECTED}",
    ),
    "onclick-in-an-attribute-list": (
        'Press here.\n{: onclick="alert(1)" }',
        f"an event handler attribute onclick= is not allowed; {EXPECTED}",
    ),
    "iframe": ('<iframe src="https://example.org/"></iframe>', f"raw <iframe> is not allowed in a page; {EXPECTED}"),
    "object": ('<object data="x.swf"></object>', f"raw <object> is not allowed in a page; {EXPECTED}"),
    "embed": ('<embed src="x.swf">', f"raw <embed> is not allowed in a page; {EXPECTED}"),
    "base": ('<base href="https://example.org/">', f"raw <base> is not allowed in a page; {EXPECTED}"),
    "form": (
        '<form action="https://example.org/"><input name="q"></form>',
        f"raw <form> is not allowed in a page; {EXPECTED}",
    ),
    "svg": ('<svg><a href="x"><text>Hi</text></a></svg>', f"raw <svg> is not allowed in a page; {EXPECTED}"),
    "markdown-javascript-link": ("[Press](javascript:alert(1))", f"a javascript: address is not allowed; {LINK}"),
    "html-javascript-link-with-entities": (
        '<a href="jav&#x61;script&colon;alert(1)">Press</a>',
        f"a javascript: address is not allowed; {LINK}",
    ),
    "data-link": (
        "[Press](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        f"a data: address is not allowed in a link or image; {LINK}",
    ),
    "image-from-another-site": (
        "![A dot](https://example.org/pixel.png)",
        "an image from another site is not allowed (it would tell that site who reads this "
        "page); expected an image kept in docs/",
    ),
    "ping": (
        '<a href="https://example.org/" ping="https://example.org/log">Press</a>',
        f"a ping= attribute is not allowed; {EXPECTED}",
    ),
    "right-to-left-override": (
        "Read this\u202e backwards.",
        "contains the hidden character U+202E (RIGHT-TO-LEFT OVERRIDE); expected plain text",
    ),
}


def last_line(project: Path) -> int:
    """The line of the page that the appended Markdown ends on."""
    return len((project / "docs" / PAGE).read_text(encoding="utf-8").rstrip("\n").split("\n"))


def one_line(build) -> str:
    """The build stopped, and said exactly one thing."""
    assert build.returncode == 1, build.output[-3000:]
    said = mistakes(build.output)
    assert len(said) == 1, "expected one line, got:\n" + "\n".join(said)
    return said[0]


@pytest.mark.parametrize("markdown, said", list(IN_A_PAGE.values()), ids=list(IN_A_PAGE))
def test_markup_that_runs_or_loads_code_in_a_page_stops_the_build(project_copy, tmp_path, markdown, said):
    append(project_copy, PAGE, markdown)
    message = f"docs/{PAGE}, line {last_line(project_copy)}: {said}"
    line = one_line(build_site(project_copy, tmp_path / "site"))
    assert line == message
    print(f"{markdown!r}: {line}")


def test_markup_in_front_matter_stops_the_build(project_copy, tmp_path):
    path = project_copy / "docs" / PAGE
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), "the page has no front matter to break"
    path.write_text("---\ndescription: '\"><script>alert(1)</script>'\n" + text[4:], encoding="utf-8")
    line = one_line(build_site(project_copy, tmp_path / "site"))
    assert line == f"docs/{PAGE}, line 2: raw <script> is not allowed in a page; {EXPECTED}"
    print(f"front matter: {line}")


@pytest.mark.parametrize("name", ["evil.html", "drawing.svg", "tracker.js"])
def test_a_file_a_browser_would_run_in_docs_stops_the_build(project_copy, tmp_path, name):
    (project_copy / "docs" / name).write_text("<script>alert(1)</script>\n", encoding="utf-8")
    line = one_line(build_site(project_copy, tmp_path / "site"))
    assert line.startswith(f"docs/{name}: a {Path(name).suffix} file in docs/ is published as it is")
    print(f"{name}: {line}")


# Markup assembled where the page's own text does not show it (or that the policy would block, unseen): caught
# in the built page, which is named.
ASSEMBLED = {
    "script-from-a-macro": (
        '{{ "<scr" ~ "ipt>alert(1)</scr" ~ "ipt>" }}',
        "an inline script the project does not ship ('alert(1)')",
    ),
    "refresh-from-a-macro": (
        "{{ '<me' ~ 'ta http-equiv=\"refresh\" content=\"0;url=https://example.org/\">' }}",
        '<meta http-equiv="refresh">',
    ),
    "handler-from-a-macro": (
        '{{ "<img src=missing.png o" ~ "nerror=alert(1)>" }}',
        "an event handler attribute onerror= on <img>",
    ),
    "referrer-from-a-macro": (
        "{{ '<me' ~ 'ta name=\"referrer\" content=\"unsafe-url\">' }}",
        '<meta name="referrer" content="unsafe-url">',
    ),
    "image-from-another-site-by-reference": (
        "![A dot][dot]\n\n[dot]: https://example.org/pixel.png",
        "<img> loading from another site (https://example.org/pixel.png)",
    ),
    "style-from-another-site": (
        'Text.\n{: style="background: url(https://example.org/pixel.png)" }',
        "a style= on <p> loading from another site",
    ),
}


@pytest.mark.parametrize("markdown, said", list(ASSEMBLED.values()), ids=list(ASSEMBLED))
def test_markup_assembled_by_a_macro_is_caught_in_the_built_page(project_copy, tmp_path, markdown, said):
    append(project_copy, PAGE, markdown)
    line = one_line(build_site(project_copy, tmp_path / "site"))
    built = f"site/{PAGE.removesuffix('.md')}/index.html (from docs/{PAGE}): "
    if "{{" in markdown:  # page text that computes is refused before anything renders it
        assert re.match(rf"docs/{PAGE}, line \d+: this {{{{ }}}} is not allowed in a page", line), line
    else:
        assert line.startswith(built) and said in line, line
    print(f"{markdown!r}: {line}")


def test_a_page_on_another_template_is_caught(project_copy, tmp_path):
    """The theme's redirect template: a refresh and a script to anywhere, and no Exit control."""
    path = project_copy / "docs" / PAGE
    text = path.read_text(encoding="utf-8")
    path.write_text("---\ntemplate: redirect.html\nlocation: https://example.org/\n" + text[4:], encoding="utf-8")
    line = one_line(build_site(project_copy, tmp_path / "site"))
    assert line.startswith(f"site/about/index.html (from docs/{PAGE}): "), line
    for said in (
        "an inline script the project does not ship",
        '<meta http-equiv="refresh">',
        "no Exit this page control",
    ):
        assert said in line, line
    print(f"template: redirect.html: {line}")


def test_a_script_in_a_nav_title_is_caught_in_every_page(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    text, count = re.subn(
        r"(?m)^  - About: about\.md$",
        '  - "About<script>alert(1)</script>": about.md',
        config.read_text(encoding="utf-8"),
    )
    assert count == 1
    config.write_text(text, encoding="utf-8")
    line = one_line(build_site(project_copy, tmp_path / "site"))
    assert re.match(r"mkdocs\.yml, line \d+: nav title .* contains markup '<script'; expected plain text", line), line
    print(f"nav title: {line}")


def test_a_script_from_another_site_in_extra_javascript_stops_the_build(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    text, count = re.subn(
        r"(?m)^extra_javascript:\n",
        "extra_javascript:\n  - https://example.org/tracker.js\n",
        config.read_text(encoding="utf-8"),
    )
    assert count == 1
    config.write_text(text, encoding="utf-8")
    line = one_line(build_site(project_copy, tmp_path / "site"))
    assert "<script> loading from another site (https://example.org/tracker.js)" in line and line.startswith("site/"), (
        line
    )
    print(f"extra_javascript: {line}")


def test_the_policy_holds_only_the_shipped_scripts(site_build):
    """The one policy lists a hash per shipped script (a template may hold two), and no looser source."""
    from test_privacy import csp_of, directives, parse

    from sitebuild.guard import SHIPPED

    policies = {csp_of(parse(path.read_text(encoding="utf-8"))) for path in site_build.site.rglob("*.html")}
    (policy,) = policies
    scripts = directives(policy)["script-src"]
    hashes = [source for source in scripts if source.startswith("'sha256-")]
    assert scripts == ["'self'", *hashes], policy
    assert 0 < len(hashes) <= 2 * len(SHIPPED), policy


# Built-page markup read as a browser reads it (no build needed): each must be refused.
EXIT_BAR = '<a data-gc-exit href="https://exit.invalid/">Exit</a>'
AS_A_BROWSER_READS_IT = {
    "second-type-attribute-ignored": (
        '<script type="" type="application/json">alert(1)</script>',
        "an inline script the project does not ship ('alert(1)')",
    ),
    "speculation-rules": (
        '<script type="speculationrules">{"prefetch": [{"urls": ["https://example.org/"]}]}</script>',
        "an inline script the project does not ship",
    ),
    "tab-inside-javascript": ('<a href=" jav&#x09;ascript:alert(1)">Press</a>', "a javascript: address in <a href>"),
    "srcset-from-another-site": (
        '<img src="a.png" srcset="//example.org/a.png 2x" alt="">',
        "<img srcset> loading from another site",
    ),
    "preconnect": ('<link rel="preconnect" href="https://example.org">', "loading from another site"),
    "second-policy": (
        '<meta http-equiv="Content-Security-Policy" content="default-src *">'
        '<meta http-equiv="Content-Security-Policy" content="default-src *">',
        '<meta http-equiv="Content-Security-Policy">',
    ),
}


@pytest.mark.parametrize("html, said", list(AS_A_BROWSER_READS_IT.values()), ids=list(AS_A_BROWSER_READS_IT))
def test_built_markup_is_read_as_a_browser_reads_it(html, said):
    from sitebuild.guard import check_built_page

    problems, scripts = check_built_page(EXIT_BAR + html, {}, "127.0.0.1:8000")
    assert any(said in problem for problem in problems), problems
    assert scripts == []


def test_a_page_of_shipped_scripts_alone_passes():
    from sitebuild.guard import check_built_page

    shipped = {"one": re.compile(r"\s*var a = 1;\s*")}
    problems, scripts = check_built_page(EXIT_BAR + "<script>var a = 1;</script>", shipped, "127.0.0.1:8000")
    assert problems == [] and scripts == ["var a = 1;"]
    problems, _ = check_built_page("<p>No exit here.</p>", shipped, "127.0.0.1:8000")
    assert problems == ["no Exit this page control (every page's template must extend main.html)"]
