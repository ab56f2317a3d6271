"""The shape of the code: no import cycles, no private helper used across packages, no module
too big to hold in one's head (docs/architecture.md)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "warwatch"
MAX_LINES = 620
"""About 600 lines: a module a newcomer can read in one sitting."""


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _runtime_nodes(tree: ast.AST):
    """Every node of ``tree`` except those under ``if TYPE_CHECKING:`` (imports for annotations
    only, which never run)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                stack.extend(child.orelse)
                continue
            stack.append(child)


def _imports(modules: dict[str, Path]):
    """(importer, imported module, imported names) for every warwatch import, at any depth
    (imports inside functions count: a lazy import is still a dependency; imports for type
    annotations only do not)."""
    for name, path in modules.items():
        is_pkg = path.name == "__init__.py"
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_pkg else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if not target.startswith("warwatch"):
                    continue
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    yield name, (full if full in modules else target), alias.name
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("warwatch"):
                        yield name, alias.name, None


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in edges.get(v, ()):
                found.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    modules = _modules()
    edges: dict[str, set[str]] = defaultdict(set)
    for importer, imported, _ in _imports(modules):
        if imported in modules and imported != importer:
            # a package's __init__ importing its own submodules is how packages expose them,
            # and a submodule importing a sibling through the package is the same edge
            edges[importer].add(imported)
    for name in modules:
        edges.setdefault(name, set())
    cycles = [c for c in _cycles(edges)
              if not all(m == c[0] or m.startswith(c[0] + ".") for m in c)]
    assert cycles == [], f"import cycles: {cycles}"


def test_no_private_names_across_packages():
    modules = _modules()
    crossing = []
    for importer, imported, alias in _imports(modules):
        if alias and alias.startswith("_") and not alias.startswith("__"):
            if importer.split(".")[:2] != imported.split(".")[:2]:
                crossing.append(f"{importer} imports {imported}.{alias}")
    assert crossing == []


def test_modules_are_small():
    too_big = {name: n for name, path in _modules().items()
               if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert too_big == {}


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
