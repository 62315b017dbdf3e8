"""What a page may carry: the inline scripts the project ships, and no markup in docs/ that runs code,
leaves the site or loads from elsewhere.

Two checks, each a plain function the CSP hook (sitebuild/hooks/csp.py) calls:

- The docs pages' own text, before anything renders it: raw <script>, <meta>, <iframe>, <object>, <embed>,
  <base>, <form> and the like, event-handler attributes (in tags or in `{: ... }` attribute lists),
  javascript: and data: links, and images from other sites are refused with file and line. Files in docs/
  that a browser would run (HTML, SVG, scripts) are refused by name.
- Every built page, as it ships: each inline script must be one the project writes, known by the template
  that writes it (SHIPPED below); anything else there (an event handler, a refresh, a frame, a script or
  image from another site) fails the build naming the page. This catches what slipped past the first check,
  by whatever road: a macro, front matter, the nav, configuration.

So nothing an editor writes can grow the Content-Security-Policy: its hashes are those of SHIPPED's scripts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from jsmin import jsmin

from sitebuild.schema import describe_character, hidden_character

# The templates whose inline scripts ship, looked up through the theme's folders (overrides/ first, then the
# theme's own): the only inline scripts a page may hold. A template expression inside one may only print
# text that cannot end a JavaScript string. A theme upgrade that changes a script fails the build here,
# naming the page, until this list (or the template) is brought up to date.
SHIPPED = (
    "partials/exit.html",  # Exit, Shift x3, one history entry per visit, first-paint colours (ours)
    "partials/javascripts/base.html",  # the theme's storage helpers and scope
    "partials/javascripts/palette.html",  # the theme's saved colour choice
    "partials/javascripts/content.html",  # the theme's tab from the address
)
# Script types a browser does not run: data for the scripts (JSON), and ours held until the first paint.
NOT_RUN = {"application/json", "text/gc-deferred"}
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
# What a template expression inside a shipped script may print: no quote, backslash, angle bracket or newline.
_SAFE_VALUE = r"[^\"'`\\<>\n]*"

# --- Built pages ------------------------------------------------------------------------------------

_FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "data-src", "background"}
_LOADS = {
    "script": "src",
    "img": "src",
    "audio": "src",
    "video": "src",
    "source": "src",
    "track": "src",
    "input": "src",
    "image": "href",
}
_LOADING_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "dns-prefetch",
    "preconnect",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
    "prerender",
}


def shipped_scripts(theme_dirs: Iterable[str]) -> dict[str, re.Pattern]:
    """Each shipped inline script as a pattern matching its whole text: {template and number: pattern}."""
    known: dict[str, re.Pattern] = {}
    dirs = [Path(folder) for folder in theme_dirs]
    for name in SHIPPED:
        found = next((folder / name for folder in dirs if (folder / name).is_file()), None)
        if found is None:
            raise FileNotFoundError(f"{name}: not found in the theme's folders ({', '.join(map(str, dirs))})")
        for number, body in enumerate(_SCRIPT.findall(found.read_text(encoding="utf-8")), start=1):
            known[f"{name} #{number}"] = _script_pattern(body.strip())
            known[f"{name} #{number}, minified"] = _script_pattern(_minified(body))
    return known


def _script_pattern(body: str) -> re.Pattern:
    """A template's script as a pattern: its text exactly, each template expression a safe value."""
    parts = _EXPRESSION.split(body)  # the minifier trims a script's first and last spaces
    return re.compile(r"\s*" + _SAFE_VALUE.join(map(re.escape, parts)) + r"\s*")


def _minified(body: str) -> str:
    """A template's script as the minify hook ships it (jsmin), its template expressions kept in place."""
    expressions = _EXPRESSION.findall(body)
    marked = _EXPRESSION.sub(lambda m: f"gcTemplateValue{expressions.index(m.group())}", body)
    code = jsmin(marked, quote_chars="'\"`")
    for index, expression in enumerate(expressions):
        code = code.replace(f"gcTemplateValue{index}", expression)
    return code


def unknown_script(body: str, known: dict[str, re.Pattern]) -> bool:
    """Whether an inline script's text is none of the shipped ones."""
    return not any(pattern.fullmatch(body) for pattern in known.values())


def _scheme(value: str) -> str:
    """A URL's scheme as a browser reads it (spaces and control characters dropped), lower case."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else ""


def _off_site(value: str, host: str) -> bool:
    """Whether a URL points at another host (absolute or scheme-relative)."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", value).replace("\\", "/")
    parts = urlsplit(cleaned)
    return bool(parts.netloc) and parts.netloc.lower() != host.lower()


_CSS_URL = re.compile(r"""url\(\s*['"]?\s*([^)'"\s]+)""", re.I)


def _off_site_style(css: str, host: str) -> bool:
    """Whether CSS asks for something from another host (url(...) or @import of one)."""
    return any(_off_site(url, host) for url in _CSS_URL.findall(css)) or bool(
        re.search(r"@import\s+['\"]\s*(?:https?:)?//", css, re.I)
    )


class _PageReader(HTMLParser):
    """Collects what a built page must not carry, and the text of its executed inline scripts."""

    def __init__(self, known: dict[str, re.Pattern], host: str) -> None:
        super().__init__(convert_charrefs=True)
        self.known, self.host = known, host
        self.problems: list[str] = []
        self.scripts: list[str] = []
        self._script: dict | None = None
        self._policies = 0
        self._referrers = 0
        self._in_style = False
        self.has_exit = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")  # a browser keeps the first of two same-named attributes
            self._attribute(tag, name, value or "")
        self.has_exit = self.has_exit or (tag == "a" and "data-gc-exit" in values)
        self._element(tag, values)
        if tag == "script":
            self._script = {"attrs": values, "body": ""}
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script["body"] += data
        elif self._in_style and _off_site_style(data, self.host):
            self.problems.append("a <style> loading from another site")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        if tag == "script" and self._script is not None:
            self._end_script(self._script["attrs"], self._script["body"])
            self._script = None

    def _element(self, tag: str, values: dict) -> None:
        """Problems an element brings by itself."""
        if tag in _FRAMES:
            self.problems.append(f"a <{tag}> element")
        if tag == "meta" and "http-equiv" in values:
            if values["http-equiv"].strip().lower() != "content-security-policy" or self._policies:
                self.problems.append(f'<meta http-equiv="{values["http-equiv"]}">')
            self._policies += 1
        if tag == "meta" and values.get("name", "").strip().lower() == "referrer":
            # The last one read wins: a second one, from front matter that broke out of its quotes, would.
            if values.get("content", "").strip().lower() != "no-referrer" or self._referrers:
                self.problems.append(f'<meta name="referrer" content="{values.get("content", "")}">')
            self._referrers += 1
        if _off_site_style(values.get("style", ""), self.host):
            self.problems.append(f"a style= on <{tag}> loading from another site")
        loads = _LOADS.get(tag)
        if loads and _off_site(values.get(loads, ""), self.host):
            self.problems.append(f"<{tag}> loading from another site ({values[loads]})")
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and rels & _LOADING_RELS and _off_site(values.get("href", ""), self.host):
            self.problems.append(f'<link rel="{values["rel"]}"> loading from another site ({values["href"]})')
        if "srcset" in values and any(
            _off_site(part.split()[0], self.host) for part in values["srcset"].split(",") if part.split()
        ):
            self.problems.append(f"<{tag} srcset> loading from another site")

    def _attribute(self, tag: str, name: str, value: str) -> None:
        """Problems one attribute brings."""
        if name.startswith("on"):
            self.problems.append(f"an event handler attribute {name}= on <{tag}>")
        elif name in ("ping", "srcdoc"):
            self.problems.append(f"a {name}= attribute on <{tag}>")
        elif name in _URL_ATTRIBUTES:
            scheme = _scheme(value)
            icon = tag in ("link", "img") and scheme == "data"  # inline images (the favicon) load nothing
            if scheme in ("javascript", "vbscript") or (scheme == "data" and not icon):
                self.problems.append(f"a {scheme}: address in <{tag} {name}>")
            if tag == "script" and name == "data-src" and _off_site(value, self.host):  # (src: see _LOADS)
                self.problems.append(f"a script from another site ({value})")

    def _end_script(self, attrs: dict, body: str) -> None:
        """An inline script runs only if the project ships it."""
        kind = attrs.get("type", "").strip().lower()
        if "src" in attrs or kind in NOT_RUN:
            if body.strip() and "src" in attrs:
                self.problems.append("a <script src> with text inside")
            return
        if unknown_script(body, self.known):
            shown = " ".join(body.split())
            self.problems.append(f"an inline script the project does not ship ({shown[:60]!r})")
        else:
            self.scripts.append(body)


def check_built_page(html: str, known: dict[str, re.Pattern], host: str) -> tuple[list[str], list[str]]:
    """What is wrong with one built page, and the text of its (shipped) inline scripts."""
    reader = _PageReader(known, host)
    reader.feed(html)
    reader.close()
    if not reader.has_exit:
        reader.problems.append("no Exit this page control (every page's template must extend main.html)")
    return reader.problems, reader.scripts


# --- The docs pages' own text --------------------------------------------------------------------

# Elements a page may not write: they run code, leave or reload the page, frame other pages, send a form,
# change where links go, or load what the policy blocks anyway (styles, SVG that can carry scripts).
_RAW_TAGS = (
    "script",
    "meta",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "form",
    "portal",
    "link",
    "style",
    "svg",
    "math",
)
_RAW_TAG = re.compile(r"<\s*(" + "|".join(_RAW_TAGS) + r")(?![\w-])", re.I)
_HANDLER = re.compile(r"[<{][^<>{}]*?(?<![\w:-])(on[a-z]+)\s*=", re.I | re.S)
# Also what would open another window that keeps this tab (target, rel=opener) or send this page's address.
_BAD_ATTRIBUTE = re.compile(
    r"[<{][^<>{}]*?(?<![\w:-])(ping|srcdoc|formaction|target|rel|referrerpolicy)\s*=",
    re.I | re.S,
)
# The site's own classes in a page's attribute list or tag could dress text as the site's controls (a link
# styled as Exit, a cover over the whole page): only these are for pages.
_PAGE_CLASSES = {"gc-credit"}
_SITE_DATA = re.compile(r"[<{][^<>{}]*?(?<![\w:-])(data-(?:gc|md)-[\w-]*)", re.I | re.S)
_SITE_CLASS = re.compile(r"[<{][^<>{}]*?(?:\.|class\s*=\s*[\"']?[^\"'<>]*?(?<![\w-]))((?:gc|md)-[\w-]+)", re.I | re.S)
_SCRIPT_URL = re.compile(r"(?<![\w-])((?:java|vb)script)\s*:", re.I)
_DATA_LINK = re.compile(r"(?:\]\(\s*<?|\]:\s*<?|\b(?:href|src|action)\s*=\s*[\"']?)\s*data\s*:", re.I)
_OFF_SITE_IMAGE = re.compile(r"(?:!\[[^\]]*\]\(\s*<?|<img\b[^>]*?\bsrc\s*=\s*[\"']?)\s*(?:https?:)?//", re.I | re.S)
_EXPECTED = "expected Markdown and plain text (the site runs only its own scripts)"


def _line(text: str, offset: int) -> int:
    """The 1-based line of an offset."""
    return text.count("\n", 0, offset) + 1


def check_page_source(text: str, shown: str) -> list[str]:
    """One line per thing in a docs page's own text (front matter included) that could run or load code."""
    found: list[tuple[int, str]] = []
    for match in _RAW_TAG.finditer(text):
        found.append((match.start(), f"raw <{match.group(1).lower()}> is not allowed in a page; {_EXPECTED}"))
    for match in _HANDLER.finditer(text):
        found.append(
            (match.start(1), f"an event handler attribute {match.group(1).lower()}= is not allowed; {_EXPECTED}")
        )
    for match in _BAD_ATTRIBUTE.finditer(text):
        found.append((match.start(1), f"a {match.group(1).lower()}= attribute is not allowed; {_EXPECTED}"))
    for match in _SITE_DATA.finditer(text):
        found.append(
            (match.start(1), f"the site's own attribute {match.group(1)} is not allowed in a page; {_EXPECTED}")
        )
    for match in _SITE_CLASS.finditer(text):
        if match.group(1).lower() not in _PAGE_CLASSES:
            found.append(
                (match.start(1), f"the site's own class {match.group(1)} is not allowed in a page; {_EXPECTED}")
            )
    for number, line in enumerate(text.split("\n"), start=1):
        hidden = hidden_character(line.rstrip("\r")) or hidden_character(unescape(line.rstrip("\r")))
        if hidden:
            found.append(
                (
                    _offset(text, number),
                    f"contains the hidden character {describe_character(hidden)}; expected plain text",
                )
            )
        # Character references (&#106;avascript:) and tabs are read through, as a browser would.
        plain = re.sub(r"[\t\r\n]", "", unescape(line))
        for match in _SCRIPT_URL.finditer(plain):
            found.append(
                (
                    _offset(text, number),
                    f"a {match.group(1).lower()}: address is not allowed; "
                    "expected a link to a page of the site or an https:// address",
                )
            )
        if _DATA_LINK.search(plain):
            found.append(
                (
                    _offset(text, number),
                    "a data: address is not allowed in a link or image; "
                    "expected a link to a page of the site or an https:// address",
                )
            )
        if _OFF_SITE_IMAGE.search(plain):
            found.append(
                (
                    _offset(text, number),
                    "an image from another site is not allowed (it would tell that "
                    "site who reads this page); expected an image kept in docs/",
                )
            )
    return [f"{shown}, line {_line(text, offset)}: {said}" for offset, said in sorted(found)]


def _offset(text: str, number: int) -> int:
    """The offset where line `number` starts."""
    return sum(len(line) + 1 for line in text.split("\n")[: number - 1])


# Files in docs/ are copied to the site as they are; only pages and pictures a browser cannot run.
DOCS_FILE_TYPES = (".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")


def check_docs_file(src_uri: str) -> str | None:
    """What is wrong with a file in docs/ of a type a browser could run (HTML, SVG, scripts), if anything."""
    if src_uri.lower().endswith(DOCS_FILE_TYPES):
        return None
    kind = Path(src_uri).suffix or "extension-less"
    return (
        f"docs/{src_uri}: a {kind} file in docs/ is published as it is, with whatever it runs; "
        f"expected Markdown pages and images ({', '.join(DOCS_FILE_TYPES)})"
    )
