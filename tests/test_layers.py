"""Layers only point down: no folder imports from a folder above it (see ARCHITECTURE.md).

Every ``.py`` file of each folder is parsed with :mod:`ast`; the imports
counted are ``import``/``from`` statements anywhere (module level, inside
functions, relative ones), the examples of its docstrings (they run as
doctests), and strings that are exactly a module path (``importlib`` targets,
such as the lazy-import table of ``viz/__init__.py``).
"""
from __future__ import annotations

import ast
import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: What each layer may import besides itself. kg/cli is the top: it may import anything.
ALLOWED: dict[str, set[str]] = {
    "schema": set(),
    "ingest": {"schema"},
    "queries": {"schema"},
    "kg": {"schema", "ingest", "queries"},
    "viz": {"schema"},
    "kg/cli": {"schema", "ingest", "queries", "kg", "viz"},
}
_MODULE_PATH = re.compile(r"govkg(\.\w+)+")


def layer_of_module(module: str) -> str | None:
    """``govkg.kg.cli.views`` -> ``kg/cli``; ``govkg.viz`` -> ``viz``; anything else -> None."""
    parts = module.split(".")
    if parts[0] != "govkg" or len(parts) < 2:
        return None
    if parts[1:3] == ["kg", "cli"]:
        return "kg/cli"
    return parts[1] if parts[1] in ALLOWED else None  # govkg.CharTokenizer.v1 is a spaCy registry name


def layer_of_file(path: Path) -> str:
    rel = path.relative_to(ROOT).parts
    return "kg/cli" if rel[:2] == ("kg", "cli") else rel[0]


def package_of_file(path: Path) -> str:
    rel = list(path.relative_to(ROOT).with_suffix("").parts)
    if rel[-1] == "__init__":
        rel.pop()
    else:
        rel.pop()  # the package holding the module
    return ".".join(["govkg", *rel])


def _imports_in(tree: ast.AST, package: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module == "govkg":  # from govkg import queries
                found.extend((node.lineno, f"govkg.{a.name}") for a in node.names)
            else:
                found.append((node.lineno, module))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _MODULE_PATH.fullmatch(node.value):
            found.append((node.lineno, node.value))
    return found


def _docstrings(tree: ast.AST) -> list[tuple[int, str]]:
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docs = []
    for node in ast.walk(tree):
        if isinstance(node, owners):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                docs.append((getattr(node, "lineno", 1), doc))
    return docs


def imports_of(source: str, package: str) -> list[tuple[int, str]]:
    """``(line, module)`` for every govkg import in ``source``, a module of ``package``."""
    tree = ast.parse(source)
    found = _imports_in(tree, package)
    parser = doctest.DocTestParser()
    for line, doc in _docstrings(tree):
        for example in parser.get_examples(doc):
            try:
                found.extend((line, m) for _, m in _imports_in(ast.parse(example.source), package))
            except SyntaxError:
                continue
    return [(line, m) for line, m in found if m == "govkg" or m.startswith("govkg.")]


def violations(source: str, path_layer: str, package: str) -> list[str]:
    """The imports in ``source`` that reach a layer ``path_layer`` may not import."""
    bad = []
    for line, module in imports_of(source, package):
        target = layer_of_module(module)
        if target is None or target == path_layer:
            continue
        if target not in ALLOWED[path_layer]:
            bad.append(f"line {line}: {module} ({path_layer} may import {sorted(ALLOWED[path_layer]) or 'nothing'})")
    return bad


FILES = sorted(p for layer in ("schema", "ingest", "queries", "kg", "viz") for p in (ROOT / layer).rglob("*.py"))


def test_every_folder_is_checked():
    assert {layer_of_file(p) for p in FILES} == set(ALLOWED)
    assert len(FILES) > 60


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_folder_imports_from_a_layer_above_it(path):
    source = path.read_text(encoding="utf-8")
    assert violations(source, layer_of_file(path), package_of_file(path)) == []


def test_the_check_sees_every_kind_of_import():
    source = '''"""A module.

>>> from govkg.kg.store import open_graph
"""
import govkg.ingest.readers
from govkg import queries
from ..kg import analysis
from .network import regions_html


def f():
    from govkg.kg.cli.views import view_html
    return importlib.import_module("govkg.ingest.nlp")
'''
    bad = violations(source, "viz", "govkg.viz")
    assert sorted(b.split(":")[1].split()[0] for b in bad) == [
        "govkg.ingest.nlp", "govkg.ingest.readers", "govkg.kg", "govkg.kg.cli.views", "govkg.kg.store", "govkg.queries"]
    assert violations("from govkg.kg.cli import main", "kg", "govkg.kg") != []
    assert violations("from govkg.schema import graph_schema\nfrom . import style", "viz", "govkg.viz") == []
    assert violations("from govkg.viz import VIEWS", "kg/cli", "govkg.kg.cli") == []
