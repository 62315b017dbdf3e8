"""The callouts: one macro per family, each a module-level function registered by define_env().

Each macro reads its family's data (loaded and validated once per build by sitebuild.data), checks
its own arguments, and renders a Jinja template from overrides/callouts/. Python computes data;
templates draw it; every text field is escaped. The finished HTML is sealed (sitebuild.seal) so
Markdown passes it through; the unseal hook opens it after Markdown.

A macro is a plain function whose first argument is the Build (this build's data, templates and
current page); the rest are what a page passes. To add one: write the function, add it to MACROS.
"""

from __future__ import annotations

import functools
import inspect
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateSyntaxError, nodes
from mkdocs.exceptions import PluginError

from sitebuild import help as helplines
from sitebuild import kit
from sitebuild.data import data_label, links_in, load_all, load_glossary, short_value, where_in, yaml_problem
from sitebuild.edition import box_services, config_name, load_edition, ordered_regions, project_root
from sitebuild.extra import check_config
from sitebuild.frontmatter import front_matter_value, lines_before_markdown, read_page, split_front_matter
from sitebuild.glossary import FirstUseTooltips
from sitebuild.paths import dest_url, docs_label, jinja_cache, nav_titles
from sitebuild.recipe import check_pages
from sitebuild.seal import seal


class Build:
    """What every macro needs from one build: the env, the data, the templates and the nav."""

    def __init__(self, env, data: dict, glossary_terms: list, titles: dict, printables: dict, edition) -> None:
        self.env = env
        self.data = data
        self.edition = edition  # sitebuild.edition.Edition: who runs this edition, its regions and help box
        self.glossary_terms = glossary_terms
        self.titles = titles
        self.printables = printables
        self.docs = Path(env.conf["docs_dir"])
        self.templates = callout_templates(Path(env.conf["theme"].custom_dir))
        self.strings = env.conf["extra"]["strings"]  # the interface's words in this edition's language
        self.counters: dict[tuple[str, str], int] = {}
        self.mistakes: list[str] = []

    def here(self) -> str:
        """The page being rendered, as docs/<path>, for error messages."""
        label = docs_label(self.docs)
        return f"{label}/{self.env.page.file.src_path}" if self.env.page else f"{label}/?"

    def render(self, template: str, name: str, **context) -> str:
        """Render a callout template into one raw-HTML block (no blank lines, so Markdown keeps it)."""
        key = (self.here(), name)
        self.counters[key] = self.counters.get(key, 0) + 1
        uid = f"gc-{name}" + (f"-{self.counters[key]}" if self.counters[key] > 1 else "")
        html = self.templates.get_template(template).render(
            uid=uid,
            url=self.url_to,
            strings=self.strings,
            fill=fill,
            month=self.month,
            answers_in=self.answers_in,
            **context,
        )
        # Split on newlines only: str.splitlines() would also break text at U+2028 or U+0085.
        html = "\n".join(line for line in html.split("\n") if line.strip(" \t"))
        return seal(html)

    def month(self, checked: str) -> str:
        """A month checked ('2026-11') as people say it, in this edition's language: 'November 2026'."""
        year, month = checked.split("-")
        return fill(self.strings["month_year"], month=self.strings["months"][int(month) - 1], year=year)

    def answers_in(self, codes: list[str]) -> str:
        """The languages a service answers in, named in this edition's language: 'English and Spanish'."""
        names = [self.strings["languages"]["names"][code] for code in codes]
        joiner = f" {self.strings['languages']['and_word']} "
        return joiner.join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]

    def folder(self) -> str:
        """The current page's folder in the built site ('' at the root)."""
        return posixpath.dirname(self.env.page.url) if self.env.page else ""

    def url_to(self, page: str) -> str:
        """Relative URL from the current page to a docs page path (with optional #anchor)."""
        target, _, anchor = page.partition("#")
        if not (self.docs / target).is_file():
            raise PluginError(f"a callout template links to docs/{target}, which does not exist")
        dest = dest_url(target, self.env.conf["use_directory_urls"])
        rel = posixpath.relpath(dest or ".", self.folder() or ".")
        if not dest or dest.endswith("/"):
            rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{anchor}" if anchor else "")

    def pdf_links(self, name: str) -> dict:
        """A printable page's title, sheet count, page link and PDF links, from the current page."""
        folder = self.folder() or "."
        sheet = self.printables[name]
        label = sheet["title"].removeprefix(self.strings["handout"]["prefix"])
        return {
            **sheet,
            "label": label[:1].upper() + label[1:],
            "page": self.url_to(sheet["src"]),
            "a4": posixpath.relpath(f"handouts/{name}-a4.pdf", folder),
            "letter": posixpath.relpath(f"handouts/{name}-letter.pdf", folder),
        }

    def raise_mistakes(self, plugin) -> None:
        """After a page is rendered, stop the build on its first mistake, one line."""
        if self.mistakes:
            first = self.mistakes[0]
            self.mistakes.clear()
            raise PluginError(first)


def fill(text: str, **values: Any) -> str:
    """A sentence of the strings file with its {placeholders} filled in (values are escaped by the template)."""
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", str(value))
    return text


def callout_templates(overrides: Path) -> Environment:
    """The Jinja environment of overrides/callouts/: escaping, strict, one line per text field."""
    return Environment(
        loader=FileSystemLoader(overrides / "callouts"),
        bytecode_cache=jinja_cache(overrides.parent),
        autoescape=True,  # data is text: escape everything the templates print
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Data text stays on its line: a line of its own could open a Markdown fence or a snippet.
        finalize=lambda value: value.replace("\n", " ") if isinstance(value, str) else value,
    )


def choose(kind: str, value: Any, known: dict | list, family: str) -> None:
    """Fail the build when a macro argument names nothing in its data file."""
    if not isinstance(value, str):
        raise PluginError(f"{kind} must be text in quotes, got {type(value).__name__} {value!r}")
    if value not in known:
        raise PluginError(f"unknown {kind} '{value}'; expected one of: {', '.join(sorted(known))} (data/{family})")


def flag(name: str, value: Any, macro: str) -> bool:
    """Check a True/False argument."""
    if not isinstance(value, bool):
        raise PluginError(f"{macro}({name}=...) must be True or False, got {value!r}")
    return value


def page_of(set_id: str) -> str:
    """The docs page a reflect set belongs to (home is the index page)."""
    return "index.md" if set_id == "home" else f"{set_id}.md"


# --- The guide's callouts ----------------------------------------------------------------------------


def house(build: Build, room: str | None = None, worksheet: bool = False) -> str:
    """The house floor plan; room= highlights one room; worksheet=True adds space to write."""
    plan = build.data["house.yml"]
    rooms = {r.id: r for r in plan.rooms}
    if room is not None:
        choose("room", room, rooms, "house.yml")
    return build.render(
        "house.html",
        "house",
        house=plan,
        chosen=rooms.get(room),
        worksheet=flag("worksheet", worksheet, "house"),
        page_url=build.url_to("house.md"),
    )


def stretching_together(build: Build, short: bool = False) -> str:
    """The stretching-together analogy; short=True gives the one-paragraph reminder."""
    return build.render(
        "stretching.html",
        "stretching",
        stretching=build.data["stretching.yml"],
        short=flag("short", short, "stretching_together"),
        page_url=build.url_to("building-together.md"),
    )


def warning_signs(build: Build, checklist: str) -> str:
    """One warning-sign checklist: intro, signs to tick, what you can do."""
    lists = build.data["checklists.yml"].checklists
    choose("checklist", checklist, lists, "checklists.yml")
    return build.render("checklist.html", f"signs-{checklist}", checklist=lists[checklist], tone="warning")


def healthy_signs(build: Build) -> str:
    """The hallmarks of healthy intimacy as a checklist."""
    return build.render("checklist.html", "healthy-signs", checklist=build.data["healthy_signs.yml"], tone="success")


def repair_steps(build: Build) -> str:
    """Numbered steps for repairing a bad reaction."""
    return build.render("repair.html", "repair", repair=build.data["repair.yml"])


def ways_to_be_close(build: Build) -> str:
    """The kinds of sharing, as cards."""
    return build.render("ways.html", "ways", ways=build.data["ways.yml"])


def reflect(build: Build, page: str) -> str:
    """Questions to think or talk about at the end of a page."""
    sets = build.data["reflect.yml"].sets
    choose("reflect set", page, sets, "reflect.yml")
    return build.render("reflect.html", "reflect", questions=sets[page])


def content_note(build: Build, topic: str) -> str:
    """A content note for the top of a heavy page."""
    notes = build.data["content_notes.yml"].notes
    choose("content note", topic, notes, "content_notes.yml")
    return build.render("content_note.html", "content-note", note=notes[topic], help_url=build.url_to("get-help.md"))


def get_help(build: Build, full: bool = False) -> str:
    """Where to find support; full=True lists every organisation."""
    return build.render(
        "get_help.html",
        "get-help",
        help=build.data["help.yml"],
        full=flag("full", full, "get_help"),
        regions=ordered_regions(build.edition, build.data["help.yml"]),
        help_url=build.url_to("get-help.md"),
        exit_url=build.url_to("leaving-quickly.md"),
    )


def figure(build: Build, name: str) -> str:
    """One of our drawn figures, with its text alternative and caption."""
    figures = build.data["figures.yml"].figures
    choose("figure", name, figures, "figures.yml")
    return build.render("figure.html", f"figure-{name}", figure=figures[name], art=name)


def discussion_questions(build: Build) -> str:
    """Every page's discussion questions, in reading order, for educators."""
    sets = build.data["reflect.yml"].sets
    order = list(build.titles)
    ids = sorted(sets, key=lambda set_id: order.index(page_of(set_id)))
    pages = [(build.titles[page_of(i)], build.url_to(page_of(i)), sets[i]) for i in ids]
    return build.render("discussion.html", "discussion", pages=pages)


def glossary(build: Build) -> str:
    """The glossary page: every term of data/glossary.md with its definition."""
    return build.render("glossary.html", "glossary", terms=build.glossary_terms)


# --- Educators' kit: help box, session plans, scenario cards, safeguarding, parent letter -------------


def help_box(build: Build, emergency: bool = False) -> str:
    """The printed help box: the help page's public address, a few services, a line to write on;
    emergency=True adds the home region's emergency numbers (the help sheet, which every student gets)."""
    box = build.data["help_box.yml"]
    conf = build.env.conf
    public = (conf.get("site_url") or "") + dest_url(box.help_page, conf["use_directory_urls"])
    services = box_services(build.edition, build.data["help.yml"])
    home = ordered_regions(build.edition, build.data["help.yml"])[0]
    checked = sorted({region.checked for org, region in services if org.phone or org.sms})
    return build.render(
        "help_box.html",
        "help-box",
        box=box,
        help_url=build.url_to(box.help_page),
        public=public,
        services=services,
        checked=checked,
        emergency=home.emergency if flag("emergency", emergency, "help_box") else [],
        emergency_region=home.name,
    )


def session_plan(build: Build, session: str) -> str:
    """One session plan: outcomes, materials, sheets to print, timed activities, how to close."""
    sessions = build.data["sessions.yml"].sessions
    choose("session", session, sessions, "sessions.yml")
    plan = sessions[session]
    sheets = [{**build.pdf_links(p.sheet), "copies": p.copies} for p in plan.handouts]
    return build.render("session.html", f"session-{session}", session=plan, timing=kit.timing(plan), sheets=sheets)


def scenario_cards(build: Build) -> str:
    """Every scenario card: a made-up story, questions, and what to listen for."""
    conf = build.env.conf
    help_page = build.data["help_box.yml"].help_page
    return build.render(
        "scenarios.html",
        "scenarios",
        scenarios=build.data["scenarios.yml"].scenarios,
        routes=lambda ids: kit.reporting_routes(build.data["help.yml"], ids, build.edition.help_regions),
        help_address=(conf.get("site_url") or "") + dest_url(help_page, conf["use_directory_urls"]),
    )


def ground_rules(build: Build, poster: bool = False) -> str:
    """Ground rules for a session, limits of confidentiality included; poster=True for the board."""
    rules = build.data["safeguarding.yml"].ground_rules
    return build.render("ground_rules.html", "ground-rules", rules=rules, poster=flag("poster", poster, "ground_rules"))


def safeguarding(build: Build) -> str:
    """Responding to a disclosure, distancing, the question box and what to do with tick sheets."""
    return build.render("safeguarding.html", "safeguarding", guide=build.data["safeguarding.yml"])


def parent_letter(build: Build) -> str:
    """The one-page letter for parents and carers."""
    site = build.env.conf.get("site_url") or ""
    site_name = build.env.conf.get("site_name") or ""
    letter = build.data["parent_letter.yml"]
    return build.render("parent_letter.html", "parent-letter", letter=letter, site=site, site_name=site_name)


def educator_kit(build: Build) -> str:
    """Every printable sheet with its sheet count and its two PDFs, one click away."""
    order = list(build.titles)  # reading order of the nav: session plans first, the whole guide last
    printables = build.printables
    names = sorted(
        printables,
        key=lambda n: order.index(printables[n]["src"]) if printables[n]["src"] in order else len(order),
    )
    return build.render("kit.html", "kit", sheets=[build.pdf_links(name) for name in names], packs=lesson_packs(build))


def lesson_packs(build: Build) -> list[dict]:
    """Each session's lesson pack as the educators' page links it: its PDFs, title, first page and budget."""
    printables = build.printables
    return [
        {
            **kit.pdf_paths(name, build.env.page.url if build.env.page else ""),
            "label": kit.pack_title(pack["minutes"], build.strings["handout"]["pack_title"]),
            "page": build.url_to(printables[pack["parts"][0]]["src"]),
            "pages": sum(printables[part]["pages"] for part in pack["parts"]),
        }
        for name, pack in kit.lesson_packs(build.data["sessions.yml"]).items()
    ]


# Every macro a page may call, by its function's name.
MACROS: tuple[Callable[..., str], ...] = (
    house,
    stretching_together,
    warning_signs,
    healthy_signs,
    repair_steps,
    ways_to_be_close,
    reflect,
    content_note,
    get_help,
    figure,
    discussion_questions,
    glossary,
    help_box,
    session_plan,
    scenario_cards,
    ground_rules,
    safeguarding,
    parent_letter,
    educator_kit,
    helplines.emergency_numbers,
    helplines.reporting_routes,
    helplines.home_services,
)


def register(env, build: Build, function: Callable[..., str]) -> None:
    """Register one macro; a call with wrong arguments fails naming the page and the signature."""
    name = function.__name__
    bound = functools.partial(function, build)
    signature = inspect.signature(bound)
    usage = ", ".join(str(p.replace(annotation=inspect.Parameter.empty)) for p in signature.parameters.values())

    def checked(*args, **kwargs):
        try:
            try:
                signature.bind(*args, **kwargs)
            except TypeError as err:
                raise PluginError(f"{name}(): {err}; expected {name}({usage})") from None
            return bound(*args, **kwargs)
        except PluginError as err:
            # Kept until the page is rendered: mkdocs-macros would wrap it in a traceback.
            line = _calling_line(env)
            build.mistakes.append(f"{build.here()}{f', line {line}' if line else ''}: {err}")
            return ""

    checked.__name__ = checked.__qualname__ = name
    checked.__doc__ = function.__doc__
    env.macro(checked)


def define_env(env) -> None:
    """Register one macro per callout; load and validate all data once for this build."""
    check_config(env.conf)  # extra: and the site's text, before anything prints them
    project = project_root(env.project_dir, env.conf["docs_dir"])  # an edition's config may sit in editions/
    docs = Path(env.conf["docs_dir"])
    data_dir = project / "data"
    data = load_all(data_dir)
    # The interface's words, for the theme's templates, the callouts and the scripts (data/strings.yml).
    env.conf["extra"]["strings"] = data["strings.yml"].model_dump()
    edition = load_edition(env.conf["extra"], data["help.yml"], config_name(env.conf, project))
    glossary_terms = configure_glossary(env.conf, data_dir)
    titles = nav_titles(env.conf["nav"])
    check_pages(docs, env.conf, titles)
    printables = printable_pages(docs)
    check_links(data, data_dir, docs)
    check_language_names(data["help.yml"], data["strings.yml"], data_dir)
    check_reflect_sets(data, data_dir, titles)
    check_figures(data, data_dir, Path(env.conf["theme"].custom_dir))
    check_kit(data, data_dir, docs, printables)
    build = Build(env, data, glossary_terms, titles, printables, edition)
    env.post_macro_functions.append(build.raise_mistakes)
    for function in MACROS:
        register(env, build, function)


# --- Checks that run once per build, before any page ---------------------------------------------------


def configure_glossary(conf, data_dir: Path) -> list[tuple[str, str]]:
    """Give the abbr extension the glossary's tooltips; return the glossary page's terms."""
    terms, tooltips, term_of = load_glossary(data_dir / "glossary.md", f"{data_label(data_dir)}/glossary.md")
    # Every page gets the glossary's tooltips through the abbr extension's own glossary option:
    # one dictionary, not 45 definition lines appended to and parsed with each page.
    if "abbr" not in conf["markdown_extensions"]:
        raise PluginError("mkdocs.yml: markdown_extensions must list 'abbr' for the glossary tooltips")
    conf["mdx_configs"]["abbr"] = {"glossary": tooltips}
    # ...underlined at a term's first use on each page only, and never in a heading.
    conf["markdown_extensions"] = [
        *(e for e in conf["markdown_extensions"] if not isinstance(e, FirstUseTooltips)),
        FirstUseTooltips(term_of),
    ]
    return terms


def check_language_names(help_data, strings, data_dir: Path) -> None:
    """Every language a help service answers in has its name in the strings file (languages.names)."""
    named = strings.languages.names
    for r, region in enumerate(help_data.regions):
        for o, org in enumerate(region.organisations):
            for i, code in enumerate(org.languages):
                if code not in named:
                    where = where_in(data_dir, "help.yml", ("regions", r, "organisations", o, "languages", i))
                    raise PluginError(
                        f"{where}: no name for the language '{code}'; expected it under languages: names: in "
                        f"strings.yml beside help.yml (it names {', '.join(sorted(named))})"
                    )


def check_links(data: dict, data_dir: Path, docs: Path) -> None:
    """Every page a data file links to exists."""
    for name, loc, link in links_in(data):
        if not (docs / link.page.partition("#")[0]).is_file():
            where = where_in(data_dir, name, loc)
            raise PluginError(f"{where}: no page docs/{link.page.partition('#')[0]} (link text '{link.text}')")


def check_reflect_sets(data: dict, data_dir: Path, titles: dict[str, str]) -> None:
    """Every reflect set belongs to a page in the nav."""
    for set_id in data["reflect.yml"].sets:
        if page_of(set_id) not in titles:
            where = where_in(data_dir, "reflect.yml", ("sets", set_id))
            raise PluginError(f"{where}: no page {page_of(set_id)} in the nav")


def check_figures(data: dict, data_dir: Path, overrides: Path) -> None:
    """Every figure in the data has its drawing."""
    for name in data["figures.yml"].figures:
        if not (overrides / "callouts" / "figures" / f"{name}.html").is_file():
            where = where_in(data_dir, "figures.yml", ("figures", name))
            raise PluginError(f"{where}: no drawing overrides/callouts/figures/{name}.html")


def check_kit(data: dict, data_dir: Path, docs: Path, printables: dict) -> None:
    """The educators' kit: its pages exist and every session's handouts are printable pages."""
    kit_checks = [
        (("help_box.yml", ("help_page",)), data["help_box.yml"].help_page),
        *(
            (("scenarios.yml", ("scenarios", i, "page")), card.page)
            for i, card in enumerate(data["scenarios.yml"].scenarios)
        ),
    ]
    for (name, loc), target in kit_checks:
        if not (docs / target.partition("#")[0]).is_file():
            raise PluginError(f"{where_in(data_dir, name, loc)}: no page docs/{target}")
    kit.check_handouts(data["sessions.yml"], printables, data_dir)
    kit.check_report_ids(data["scenarios.yml"], data["help.yml"], data_dir)
    kit.check_pack_pages(data["sessions.yml"], printables)


def _front_matter_lines(page) -> int:
    """How many lines of the page's file come before the Markdown that macros see (front matter)."""
    return lines_before_markdown(Path(page.file.abs_src_path).read_text(encoding="utf-8-sig"))


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
    refuse_code(tree, page, offset, set(env.macros))


# What a page may write between {{ }}: a callout with plain values, or a setting read from mkdocs.yml.
_ALLOWED = 'a callout such as {{ house(room="bedroom") }} or a setting such as {{ config.site_name }}'
_SETTING = re.compile(r"^[a-z][a-z0-9_]*$")


def refuse_code(body: nodes.Template | list, page: str, offset: int, macros: set[str]) -> None:
    """Fail, naming the line, on page text that would run code in the build: only a macro call with plain
    values, or `config.` followed by setting names, may stand between {{ }}; of {% %} statements, only an
    `if` that compares such settings."""
    for node in body.body if isinstance(body, nodes.Template) else body:
        if isinstance(node, nodes.Output):
            for part in node.nodes:
                if not isinstance(part, nodes.TemplateData) and not _plain_expression(part, macros):
                    raise PluginError(
                        f"{page}, line {part.lineno + offset}: this {{{{ }}}} is not allowed in a page; expected {_ALLOWED}"
                    )
        elif isinstance(node, nodes.If) and _plain_test(node.test, macros):
            refuse_code(node.body + node.else_ + [n for elif_ in node.elif_ for n in [elif_]], page, offset, macros)
        else:
            raise PluginError(
                f"{page}, line {node.lineno + offset}: this {{% %}} statement is not allowed in a page; expected {_ALLOWED}"
            )


def _plain_test(node: nodes.Node, macros: set[str]) -> bool:
    """An `if` test: settings and constants compared, or combined with and/or/not."""
    if isinstance(node, nodes.Compare):
        return _plain_test(node.expr, macros) and all(_plain_test(op.expr, macros) for op in node.ops)
    if isinstance(node, (nodes.And, nodes.Or)):
        return _plain_test(node.left, macros) and _plain_test(node.right, macros)
    if isinstance(node, nodes.Not):
        return _plain_test(node.node, macros)
    return isinstance(node, nodes.Const) or (not isinstance(node, nodes.Call) and _plain_expression(node, macros))


def _plain_expression(node: nodes.Node, macros: set[str]) -> bool:
    """A macro called with constant values, or config.<setting>.<setting>... read as it is."""
    if isinstance(node, nodes.Call):
        return (
            isinstance(node.node, nodes.Name)
            and node.node.name in macros
            and node.dyn_args is None
            and node.dyn_kwargs is None
            and all(isinstance(arg, nodes.Const) for arg in node.args)
            and all(isinstance(kw.value, nodes.Const) for kw in node.kwargs)
        )
    names = []
    while isinstance(node, nodes.Getattr):
        names.append(node.attr)
        node = node.node
    return isinstance(node, nodes.Name) and node.name == "config" and bool(names) and all(map(_SETTING.match, names))


# mkdocs-macros' own helpers, left out of the list of callouts an editor is shown.
_PLUGIN_MACROS = {"context", "macros_info", "now", "fix_url"}


def printable_pages(docs: Path) -> dict[str, dict]:
    """Every page that prints to PDF (front matter `pdf:`), by PDF name: {title, pages, src, ...}."""
    found: dict[str, dict] = {}
    for folder in ("educators", "handouts"):
        for path in sorted((docs / folder).glob("*.md")):
            meta, _ = read_page(path)
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
    page = f"{docs_label(env.conf['docs_dir'])}/{env.page.file.src_path}"
    front, _ = split_front_matter(env.markdown)
    if front is not None and not env.page.meta:  # MkDocs keeps unreadable front matter as page text, silently
        try:
            meta = front_matter_value(env.markdown)
        except yaml.YAMLError as err:
            raise PluginError(f"{page}{yaml_problem(err, 2, 'front matter')}") from None
        raise PluginError(f"{page}, line 2: front matter must be 'key: value' lines, got {short_value(meta)}")
    if not env.markdown.strip():
        raise PluginError(f"{page}: the page is empty; expected a '# Title' line and some text")
    if env.page.meta.get("render_macros") is not False:
        _check_calls(env, page)
