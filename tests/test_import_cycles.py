"""No import circle between the app's modules (issue 19).

Every import counts, also one written inside a function to dodge a circle at load time: such a
circle still means two rooms that cannot be understood (or moved) one without the other. Imports
under ``if TYPE_CHECKING:`` are for the type checker only and do not count.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ketluan_desktop"


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            ids.update(id(inner) for inner in ast.walk(node))
    return ids


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    files = {
        _module_name(f, package.parent): f
        for f in package.rglob("*.py")
        if "migrations" not in f.parts
    }
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_nodes(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets.append(node.module)
                targets += [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                targets += [alias.name for alias in node.names]
            for target in targets:
                # a module importing its own package's __init__ is not a circle between rooms
                if target in files and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as exc:
        return list(exc.args[1])
    return None


@pytest.mark.parametrize("room", ["core", "ui", "cli", ""])
def test_no_import_circle(room: str) -> None:
    graph = import_graph()
    prefix = f"ketluan_desktop.{room}" if room else "ketluan_desktop"
    sub = {
        m: {t for t in targets if t.startswith(prefix)}
        for m, targets in graph.items()
        if m.startswith(prefix)
    }
    cycle = _cycle(sub)
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_the_check_finds_a_circle(tmp_path: Path) -> None:
    pkg = tmp_path / "ketluan_desktop"
    (pkg / "core").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "core" / "__init__.py").write_text("")
    (pkg / "core" / "a.py").write_text("def f():\n    from ketluan_desktop.core import b\n")
    (pkg / "core" / "b.py").write_text("from ketluan_desktop.core.a import f\n")
    cycle = _cycle(import_graph(pkg))
    assert cycle is not None and set(cycle) == {"ketluan_desktop.core.a", "ketluan_desktop.core.b"}
