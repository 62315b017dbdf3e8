"""The code stays easy to keep: short functions, public names across modules, one front-matter reader."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sitebuild"
LONGEST = 80  # lines a function in the build package may span, decorators and docstring included


def python_files(*folders: str) -> list[Path]:
    """Every Python file under the given project folders."""
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def functions(path: Path) -> list[tuple[str, int, int]]:
    """(name, first line, length in lines) of every function and method of one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            found.append((node.name, first, node.end_lineno - first + 1))
    return found


def test_the_measure_counts_a_function_from_its_decorator_to_its_last_line(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("@decorator\ndef f():\n    x = 1\n\n    return x\n\n\nclass C:\n    def m(self):\n        pass\n")
    assert sorted(functions(sample)) == [("f", 1, 5), ("m", 9, 2)]


@pytest.mark.parametrize("path", python_files("sitebuild"), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_function_in_the_build_package_is_over_80_lines(path):
    long = [f"{name} (line {line}): {length} lines" for name, line, length in functions(path) if length > LONGEST]
    assert not long, f"{path.relative_to(ROOT)}: split these into shorter functions: {long}"
