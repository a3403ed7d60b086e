"""Check the package layout: no import cycle among claimgraph's modules, no module over the size limit.

    python tools/check_layout.py            # exit 1 and list the problems, if any

Imports are read from the source with ``ast`` (module level and inside functions alike), so
a cycle hidden behind a lazy import is still a cycle. The tests run this check.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimgraph"
MAX_LINES = 400


def module_name(path: Path) -> str:
    """The dotted module name of a file under the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(node: ast.ImportFrom, package: str) -> str:
    """The module an ``import from`` names, with a relative one resolved against ``package``."""
    if node.level == 0:
        return node.module or ""
    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
    return f"{base}.{node.module}" if node.module else base


def imports(path: Path, modules: set[str]) -> set[str]:
    """The claimgraph modules a file imports (``from claimgraph.x import y`` counts y when it is a module).

    A package's ``__init__.pyi`` stub counts as its ``__init__``: the lazy loader imports what it lists.
    """
    name = module_name(path)
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in modules}
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, package)
            if module in modules:
                found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names} & modules
    return found


def import_graph() -> nx.DiGraph:
    """Module -> imported module, for every module of the package (a package's ``__init__`` is its name)."""
    sources = sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("__init__.pyi")])
    names = {module_name(path) for path in sources}
    graph = nx.DiGraph()
    graph.add_nodes_from(names)
    for path in sources:
        name = module_name(path)
        for target in imports(path, names):
            if target != name:
                graph.add_edge(name, target)
    return graph


def problems() -> list[str]:
    """Import cycles and oversized modules, one line each."""
    found = []
    for cycle in sorted(nx.simple_cycles(import_graph())):
        start = cycle.index(min(cycle))  # the same cycle always reads from the same module
        ordered = cycle[start:] + cycle[:start]
        found.append(f"import cycle: {' -> '.join([*ordered, ordered[0]])}")
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found.append(f"{path.relative_to(PACKAGE.parent)}: {lines} lines (limit {MAX_LINES})")
    return found


def main() -> int:
    """Print the problems; exit 1 if there are any."""
    found = problems()
    print("\n".join(found) if found else "layout ok: no import cycle, no module over 400 lines")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
