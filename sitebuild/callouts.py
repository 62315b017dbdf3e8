"""The callouts: one macro per family, registered with mkdocs-macros by define_env().

Each macro reads its family's data (loaded and validated once per build by sitebuild.data), checks
its own arguments, and renders a Jinja template from overrides/callouts/. Python computes data;
templates draw it; every text field is escaped. The finished HTML is sealed (sitebuild.seal) so
Markdown passes it through; the unseal hook opens it after Markdown.
"""
from __future__ import annotations

import functools
import inspect
import posixpath
import re
from pathlib import Path
from typing import Any, Iterator, Optional

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateSyntaxError, nodes
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE
from pydantic import BaseModel

from sitebuild.data import _short, _yaml_problem, links_in, load_all, load_glossary, where_in
from sitebuild.glossary import FirstUseTooltips
from sitebuild import kit
from sitebuild.paths import dest_url, jinja_cache, nav_titles
from sitebuild.schema import _EXPECTED, _HTTPS
from sitebuild.seal import seal

def define_env(env) -> None:
    """Register one macro per callout; load and validate all data once for this build."""
    check_exit_url(env.conf["extra"].get("exit_url"))
    project = Path(env.project_dir)
    docs = Path(env.conf["docs_dir"])
    data_dir = project / "data"
    data = load_all(data_dir)
    glossary_terms, tooltips, term_of = load_glossary(data_dir / "glossary.md", "data/glossary.md")
    # Every page gets the glossary's tooltips through the abbr extension's own glossary option:
    # one dictionary, not 45 definition lines appended to and parsed with each page.
    if "abbr" not in env.conf["markdown_extensions"]:
        raise PluginError("mkdocs.yml: markdown_extensions must list 'abbr' for the glossary tooltips")
    env.conf["mdx_configs"]["abbr"] = {"glossary": tooltips}
    # ...underlined at a term's first use on each page only, and never in a heading.
    env.conf["markdown_extensions"] = [
        *(e for e in env.conf["markdown_extensions"] if not isinstance(e, FirstUseTooltips)), FirstUseTooltips(term_of)
    ]
    titles = nav_titles(env.conf["nav"])
    for name, loc, link in links_in(data):
        if not (docs / link.page.partition("#")[0]).is_file():
            where = where_in(data_dir, name, loc)
            raise PluginError(f"{where}: no page docs/{link.page.partition('#')[0]} (link text '{link.text}')")
    for set_id in data["reflect.yml"].sets:
        if _page_of(set_id) not in titles:
            where = where_in(data_dir, "reflect.yml", ("sets", set_id))
            raise PluginError(f"{where}: no page {_page_of(set_id)} in the nav")
    for name in data["figures.yml"].figures:
        if not (project / "overrides" / "callouts" / "figures" / f"{name}.html").is_file():
            where = where_in(data_dir, "figures.yml", ("figures", name))
            raise PluginError(f"{where}: no drawing overrides/callouts/figures/{name}.html")

    templates = Environment(
        loader=FileSystemLoader(project / "overrides" / "callouts"),
        bytecode_cache=jinja_cache(project),
        autoescape=True,  # data is text: escape everything the templates print
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Data text stays on its line: a line of its own could open a Markdown fence or a snippet.
        finalize=lambda value: value.replace("\n", " ") if isinstance(value, str) else value,
    )
    counters: dict[tuple[str, str], int] = {}

    def here() -> str:
        """The page being rendered, as docs/<path>, for error messages."""
        return f"docs/{env.page.file.src_path}" if env.page else "docs/?"

    def render(template: str, name: str, **context) -> str:
        """Render a callout template into one raw-HTML block (no blank lines, so Markdown keeps it)."""
        key = (here(), name)
        counters[key] = counters.get(key, 0) + 1
        uid = f"gc-{name}" + (f"-{counters[key]}" if counters[key] > 1 else "")
        html = templates.get_template(template).render(uid=uid, url=url_to, **context)
        # Split on newlines only: str.splitlines() would also break text at U+2028 or U+0085.
        html = "\n".join(line for line in html.split("\n") if line.strip(" \t"))
        return seal(html)

    def url_to(page: str) -> str:
        """Relative URL from the current page to a docs page path (with optional #anchor)."""
        target, _, anchor = page.partition("#")
        if not (docs / target).is_file():
            raise PluginError(f"a callout template links to docs/{target}, which does not exist")
        dest = dest_url(target, env.conf["use_directory_urls"])
        folder = posixpath.dirname(env.page.url) if env.page else ""
        rel = posixpath.relpath(dest or ".", folder or ".")
        if not dest or dest.endswith("/"):
            rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{anchor}" if anchor else "")

    def macro(function):
        """Register a macro; a call with wrong arguments fails naming the page and the signature."""
        signature = inspect.signature(function)
        usage = ", ".join(str(p.replace(annotation=inspect.Parameter.empty)) for p in signature.parameters.values())

        @functools.wraps(function)
        def checked(*args, **kwargs):
            name = function.__name__
            try:
                try:
                    signature.bind(*args, **kwargs)
                except TypeError as err:
                    raise PluginError(f"{name}(): {err}; expected {name}({usage})") from None
                return function(*args, **kwargs)
            except PluginError as err:
                # Kept until the page is rendered: mkdocs-macros would wrap it in a traceback.
                line = _calling_line(env)
                mistakes.append(f"{here()}{f', line {line}' if line else ''}: {err}")
                return ""

        return env.macro(checked)

    def raise_mistakes(plugin) -> None:
        """After a page is rendered, stop the build on its first mistake, one line."""
        if mistakes:
            first = mistakes[0]
            mistakes.clear()
            raise PluginError(first)

    mistakes: list[str] = []
    env.post_macro_functions.append(raise_mistakes)

    def choose(kind: str, value: Any, known: dict | list, family: str) -> None:
        """Fail the build when a macro argument names nothing in its data file."""
        if not isinstance(value, str):
            raise PluginError(f"{kind} must be text in quotes, got {type(value).__name__} {value!r}")
        if value not in known:
            raise PluginError(
                f"unknown {kind} '{value}'; expected one of: {', '.join(sorted(known))} (data/{family})"
            )

    def flag(name: str, value: Any, macro: str) -> bool:
        """Check a True/False argument."""
        if not isinstance(value, bool):
            raise PluginError(f"{macro}({name}=...) must be True or False, got {value!r}")
        return value

    @macro
    def house(room: Optional[str] = None, worksheet: bool = False) -> str:
        """The house floor plan; room= highlights one room; worksheet=True adds space to write."""
        plan = data["house.yml"]
        rooms = {r.id: r for r in plan.rooms}
        if room is not None:
            choose("room", room, rooms, "house.yml")
        return render(
            "house.html", "house", house=plan, chosen=rooms.get(room),
            worksheet=flag("worksheet", worksheet, "house"), page_url=url_to("house.md"),
        )

    @macro
    def stretching_together(short: bool = False) -> str:
        """The stretching-together analogy; short=True gives the one-paragraph reminder."""
        return render(
            "stretching.html", "stretching", stretching=data["stretching.yml"],
            short=flag("short", short, "stretching_together"), page_url=url_to("building-together.md"),
        )

    @macro
    def warning_signs(checklist: str) -> str:
        """One warning-sign checklist: intro, signs to tick, what you can do."""
        lists = data["checklists.yml"].checklists
        choose("checklist", checklist, lists, "checklists.yml")
        return render("checklist.html", f"signs-{checklist}", checklist=lists[checklist], tone="warning")

    @macro
    def healthy_signs() -> str:
        """The hallmarks of healthy intimacy as a checklist."""
        return render("checklist.html", "healthy-signs", checklist=data["healthy_signs.yml"], tone="success")

    @macro
    def repair_steps() -> str:
        """Numbered steps for repairing a bad reaction."""
        return render("repair.html", "repair", repair=data["repair.yml"])

    @macro
    def ways_to_be_close() -> str:
        """The kinds of sharing, as cards."""
        return render("ways.html", "ways", ways=data["ways.yml"])

    @macro
    def reflect(page: str) -> str:
        """Questions to think or talk about at the end of a page."""
        sets = data["reflect.yml"].sets
        choose("reflect set", page, sets, "reflect.yml")
        return render("reflect.html", "reflect", questions=sets[page])

    @macro
    def content_note(topic: str) -> str:
        """A content note for the top of a heavy page."""
        notes = data["content_notes.yml"].notes
        choose("content note", topic, notes, "content_notes.yml")
        return render("content_note.html", "content-note", note=notes[topic], help_url=url_to("get-help.md"))

    @macro
    def get_help(full: bool = False) -> str:
        """Where to find support; full=True lists every organisation."""
        return render(
            "get_help.html", "get-help", help=data["help.yml"], full=flag("full", full, "get_help"),
            help_url=url_to("get-help.md"), exit_url=url_to("leaving-quickly.md"),
        )

    @macro
    def figure(name: str) -> str:
        """One of our drawn figures, with its text alternative and caption."""
        figures = data["figures.yml"].figures
        choose("figure", name, figures, "figures.yml")
        return render("figure.html", f"figure-{name}", figure=figures[name], art=name)

    @macro
    def discussion_questions() -> str:
        """Every page's discussion questions, in reading order, for educators."""
        sets = data["reflect.yml"].sets
        order = list(titles)
        ids = sorted(sets, key=lambda set_id: order.index(_page_of(set_id)))
        pages = [(titles[_page_of(i)], url_to(_page_of(i)), sets[i]) for i in ids]
        return render("discussion.html", "discussion", pages=pages)

    @macro
    def glossary() -> str:
        """The glossary page: every term of data/glossary.md with its definition."""
        return render("glossary.html", "glossary", terms=glossary_terms)

    # --- Educators' kit: help box, session plans, scenario cards, safeguarding, parent letter ---------
    printables = printable_pages(docs)
    kit_checks = [
        (("help_box.yml", ("help_page",)), data["help_box.yml"].help_page),
        *((("scenarios.yml", ("scenarios", i, "page")), card.page)
          for i, card in enumerate(data["scenarios.yml"].scenarios)),
    ]
    for (name, loc), target in kit_checks:
        if not (docs / target.partition("#")[0]).is_file():
            raise PluginError(f"{where_in(data_dir, name, loc)}: no page docs/{target}")
    kit.check_handouts(data["sessions.yml"], printables, data_dir)
    kit.check_report_ids(data["scenarios.yml"], data["help.yml"], data_dir)
    kit.check_pack_pages(data["sessions.yml"], printables)

    def pdf_links(name: str) -> dict:
        """A printable page's title, page budget, page link and PDF links, from the current page."""
        folder = posixpath.dirname(env.page.url) if env.page else ""
        sheet = printables[name]
        label = sheet["title"].removeprefix("Handout: ")
        return {**sheet, "label": label[:1].upper() + label[1:], "page": url_to(sheet["src"]),
                "a4": posixpath.relpath(f"handouts/{name}-a4.pdf", folder or "."),
                "letter": posixpath.relpath(f"handouts/{name}-letter.pdf", folder or ".")}

    @macro
    def help_box() -> str:
        """The printed help box: the help page's public address, a few services, a line to write on."""
        box = data["help_box.yml"]
        public = (env.conf.get("site_url") or "") + dest_url(box.help_page, env.conf["use_directory_urls"])
        return render("help_box.html", "help-box", box=box, help_url=url_to(box.help_page), public=public)

    @macro
    def session_plan(session: str) -> str:
        """One session plan: outcomes, materials, sheets to print, timed activities, how to close."""
        sessions = data["sessions.yml"].sessions
        choose("session", session, sessions, "sessions.yml")
        plan = sessions[session]
        return render("session.html", f"session-{session}", session=plan, timing=kit.timing(plan),
                      sheets=[{**pdf_links(p.sheet), "copies": p.copies} for p in plan.handouts])

    @macro
    def scenario_cards() -> str:
        """Every scenario card: a made-up story, questions, and what to listen for."""
        return render("scenarios.html", "scenarios", scenarios=data["scenarios.yml"].scenarios,
                      routes=lambda ids: kit.reporting_routes(data["help.yml"], ids),
                      help_address=(env.conf.get("site_url") or "") + dest_url(
                          data["help_box.yml"].help_page, env.conf["use_directory_urls"]))

    @macro
    def ground_rules(poster: bool = False) -> str:
        """Ground rules for a session, limits of confidentiality included; poster=True for the board."""
        return render("ground_rules.html", "ground-rules", rules=data["safeguarding.yml"].ground_rules,
                      poster=flag("poster", poster, "ground_rules"))

    @macro
    def safeguarding() -> str:
        """Responding to a disclosure, distancing, the question box and what to do with tick sheets."""
        return render("safeguarding.html", "safeguarding", guide=data["safeguarding.yml"])

    @macro
    def parent_letter() -> str:
        """The one-page letter for parents and carers."""
        return render("parent_letter.html", "parent-letter", letter=data["parent_letter.yml"],
                      site=env.conf.get("site_url") or "")

    @macro
    def educator_kit() -> str:
        """Every printable sheet with its sheet count and its two PDFs, one click away."""
        order = list(titles)  # reading order of the nav: session plans first, the whole guide last
        names = sorted(printables, key=lambda n: order.index(printables[n]["src"]) if printables[n]["src"] in order
                       else len(order))
        packs = [{**kit.pdf_paths(name, env.page.url if env.page else ""), "label": kit.pack_title(pack["minutes"]),
                  "page": url_to(printables[pack["parts"][0]]["src"]),
                  "pages": sum(printables[part]["pages"] for part in pack["parts"])}
                 for name, pack in kit.lesson_packs(data["sessions.yml"]).items()]
        return render("kit.html", "kit", sheets=[pdf_links(name) for name in names], packs=packs)


def check_exit_url(url: Any) -> None:
    """"Exit this page" goes somewhere dull and safe: an https:// address, nothing else."""
    if not isinstance(url, str) or not re.fullmatch(_HTTPS, url):
        raise PluginError(f"mkdocs.yml: extra.exit_url: expected {_EXPECTED[_HTTPS]}, got {_short(url)}")


def _page_of(set_id: str) -> str:
    """The docs page a reflect set belongs to (home is the index page)."""
    return "index.md" if set_id == "home" else f"{set_id}.md"


def _front_matter_lines(page) -> int:
    """How many lines of the page's file come before the Markdown that macros see (front matter)."""
    text = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    front = YAML_RE.match(text)
    if not front:
        return 0
    rest = text[front.end():]
    return front.group(0).count("\n") + len(rest) - len(rest.lstrip("\n"))  # MkDocs drops blank lines there


def _calling_line(env) -> int | None:
    """The line of the page's file (front matter counted) whose macro call is running now."""
    frame = inspect.currentframe()
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.get_corresponding_lineno(frame.f_lineno) + _front_matter_lines(env.page)
        frame = frame.f_back
    return None


def _check_calls(env, page: str) -> None:
    """Fail, naming the line, on a page whose macro syntax is broken or that names no known macro."""
    offset = _front_matter_lines(env.page)
    try:
        tree = env.env.parse(env.markdown)
    except TemplateSyntaxError as err:
        raise PluginError(f"{page}, line {err.lineno + offset}: broken macro call: {err.message}") from None
    known = set(env.variables) | set(env.macros) | set(env.filters) | set(env.page.meta) | set(env.env.globals)
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name not in known:
            callouts = ", ".join(sorted(n for n in env.macros if n not in _PLUGIN_MACROS))
            raise PluginError(
                f"{page}, line {name.lineno + offset}: unknown macro or variable '{name.name}'; "
                f"expected one of: {callouts} (see CONTRIBUTING.md)"
            )


# mkdocs-macros' own helpers, left out of the list of callouts an editor is shown.
_PLUGIN_MACROS = {"context", "macros_info", "now", "fix_url"}


def printable_pages(docs: Path) -> dict[str, dict]:
    """Every page that prints to PDF (front matter `pdf:`), by PDF name: {title, pages, src, ...}."""
    found: dict[str, dict] = {}
    for folder in ("educators", "handouts"):
        for path in sorted((docs / folder).glob("*.md")):
            front = YAML_RE.match(path.read_text(encoding="utf-8"))
            meta = (yaml.safe_load(front.group(1)) if front else None) or {}
            if "pdf" not in meta:
                continue
            src = path.relative_to(docs).as_posix()
            if not isinstance(meta.get("pages"), int):
                raise PluginError(f"docs/{src}: front matter 'pages' must be a whole number (the PDF's page budget)")
            found[meta["pdf"]] = {**meta, "src": src}
    return found


def on_pre_page_macros(env) -> None:
    """Stop the build on a page that is empty, whose front matter MkDocs could not read, or whose
    macro calls are broken or unknown."""
    page = f"docs/{env.page.file.src_path}"
    front = YAML_RE.match(env.markdown)
    if front and not env.page.meta:  # MkDocs keeps unreadable front matter as page text, silently
        try:
            meta = yaml.safe_load(front.group(1))
        except yaml.YAMLError as err:
            raise PluginError(f"{page}{_yaml_problem(err, 2, 'front matter')}") from None
        raise PluginError(f"{page}, line 2: front matter must be 'key: value' lines, got {_short(meta)}")
    if not env.markdown.strip():
        raise PluginError(f"{page}: the page is empty; expected a '# Title' line and some text")
    if env.page.meta.get("render_macros") is not False:
        _check_calls(env, page)
