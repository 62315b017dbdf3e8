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


def imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) of every `from module import name` in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        (node.module or "", alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    ]


def private_uses(path: Path) -> list[str]:
    """Another module's private names a file imports or reads (`from x import _y`, `x._y`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    found = [
        f"from {module} import {name}"
        for module, name in imports(path)
        if name.startswith("_") and module != "__future__"
    ]
    found += [
        f"{node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in modules
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
    ]
    return found


OUR_CODE = [*python_files("sitebuild", "scripts", "tests"), ROOT / "macros.py"]


def test_the_private_name_finder_sees_both_ways_of_reaching_in(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from __future__ import annotations\nfrom a import _b, c\nimport d\nd._e\nd.__name__\n")
    assert private_uses(sample) == ["from a import _b", "d._e"]


@pytest.mark.parametrize("path", OUR_CODE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_modules_use_only_each_others_public_names(path):
    assert private_uses(path) == [], "make the name public (and document it) in the module that defines it"


def test_the_build_package_holds_no_browser_or_server_helper():
    servers = {"http", "socket", "socketserver", "playwright", "webbrowser"}
    found = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in python_files("sitebuild")
        for module in module_imports(path)
        if module.split(".")[0] in servers
    ]
    assert found == [], "browser and server helpers belong in scripts/sitetools.py"


def module_imports(path: Path) -> list[str]:
    """Every module a file imports, by either form of import."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    plain = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    return plain + [module for module, _ in imports(path)]


def test_one_function_reads_front_matter():
    readers = [
        path.relative_to(ROOT).as_posix()
        for path in OUR_CODE
        if path.name != "frontmatter.py"
        and path.name != "test_codebase.py"
        and ("YAML_RE" in path.read_text(encoding="utf-8") or r"\A---\n" in path.read_text(encoding="utf-8"))
    ]
    assert readers == [], "read front matter with sitebuild.frontmatter"
