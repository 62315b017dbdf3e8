"""One clear line per mistake: MkDocs' own messages about links and the nav, reworded to name the file
and line that hold the mistake, in the same form as the build's other errors
("docs/house.md, line 12: ..."), and the empty "Error reading page 'x':" (or "building") line that precedes each of
the build's one-line page errors left out.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from sitebuild.paths import docs_label

_LINK = re.compile(
    r"Doc file '(?P<src>[^']+)' contains (?:a|an(?: \w+)+) link '(?P<link>[^']+)'(?:, but|,) (?P<problem>.*)", re.S
)
_NAV_MISSING = re.compile(r"A reference to '(?P<target>[^']+)' is included in the 'nav' configuration")
_OMITTED = 'The following pages exist in the docs directory, but are not included in the "nav" configuration:'


def _line_of(path: Path, needle: str) -> int | None:
    """The first line of a file that contains `needle` (1-based), if any."""
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, start=1) if needle in line), None)


class _Reword(logging.Filter):
    """Rewrites records of MkDocs' loggers in place; drops the empty page-error header."""

    docs = Path("docs")
    config_file = Path("mkdocs.yml")
    label = "docs"  # the docs folder as an editor knows it: docs, or es/docs for the Spanish edition

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.name == "mkdocs.commands.build":
            return not re.fullmatch(r"Error (?:reading|building) page '[^']+':", message)
        reworded = self.reword(message)
        if reworded != message:
            record.msg, record.args = reworded, ()
        return True

    def reword(self, message: str) -> str:
        """MkDocs' wording of a link or nav problem, as 'file, line N: what is wrong'."""
        link = _LINK.match(message)
        if link:
            src, href = link["src"], link["link"]
            line = _line_of(self.docs / src, f"({href}") or _line_of(self.docs / src, href)
            where = f"{self.label}/{src}" + (f", line {line}" if line else "")
            return f"{where}: link '{href}': {link['problem'].rstrip('.')}"
        missing = _NAV_MISSING.match(message)
        if missing:
            target = missing["target"]
            line = _line_of(self.config_file, target)
            where = self.config_file.name + (f", line {line}" if line else "")
            return f"{where}: the nav names '{target}', which is not in docs/; expected a file docs/{target}"
        if message.startswith(_OMITTED):
            pages = re.findall(r"^  - (.+)$", message, re.M)
            return "\n".join(
                f"{self.label}/{page}: not in the nav; expected a line such as '- Title: {page}' under "
                f"nav: in {self.config_file.name}"
                for page in pages
            )
        return message


_FILTER = _Reword()
_LOGGERS = ("mkdocs.commands.build", "mkdocs.structure.pages", "mkdocs.structure.nav")


def on_config(config):
    """Install the filter once per process (`mkdocs serve` loads the config again on each rebuild). Another
    language's build (sitebuild/hooks/languages.py) loads this file as a module of its own: the filter of the
    build that runs now replaces any other, so each build's messages name its own files."""
    _FILTER.docs = Path(config.docs_dir)
    _FILTER.config_file = Path(config.config_file_path)
    _FILTER.label = docs_label(_FILTER.docs)
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        for other in [f for f in logger.filters if type(f).__name__ == "_Reword" and f is not _FILTER]:
            logger.removeFilter(other)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
    return config
