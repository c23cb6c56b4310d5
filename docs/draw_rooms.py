"""Draw the rooms of the code and the imports between them, from the code itself.

    python docs/draw_rooms.py            # print the Mermaid drawing
    python docs/draw_rooms.py --write    # refresh it inside docs/architecture.md

A room is a folder of ``core/`` (documents, tasks, db…), of ``ui/``, or ``cli``; the loose modules
of ``core/`` (errors, paths, clock…) are the room "core (shared)". An arrow A → B means some
module of A imports some module of B (inside functions too). tests/test_architecture_doc.py fails
when the drawing in the document no longer matches the code.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ketluan_desktop"
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- rooms:begin -->", "<!-- rooms:end -->"

# Rooms drawn in this order; the shared engines below the domains.
DOMAINS = ["documents", "meetings", "tasks", "members", "org", "signing", "audit"]
# Loose core modules that read across domains (not basics every room may use).
CROSS_DOMAIN = {"search", "info", "overview"}
# The schema registry imports every domain's models so that the database knows all tables; its
# arrows say nothing about the design and are left out.
REGISTRY = "ketluan_desktop.core.db.schema"
# Rooms any core room may import (drawn, but without the arrows from every other room).
EVERYONE = {"core", "core.db", "core.text", "core.audit", "core.access"}


def room_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "ketluan_desktop" or len(parts) < 2:
        return None
    if parts[1] == "core":
        if len(parts) == 2:
            return "core"
        sub = parts[2]
        if sub in CROSS_DOMAIN:
            return "core.cross"
        folder = PACKAGE / "core" / sub
        return f"core.{sub}" if folder.is_dir() else "core"
    if parts[1] == "ui":
        return (
            "ui"
            if len(parts) == 2 or not (PACKAGE / "ui" / parts[2]).is_dir()
            else "ui." + parts[2]
        )
    if parts[1] == "cli":
        return "cli"
    return "app"  # __main__, selftest


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = module_name(path)
        here = room_of(name)
        if here is None or name == REGISTRY:
            continue
        edges.setdefault(here, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets.append(node.module)
            elif isinstance(node, ast.Import):
                targets += [a.name for a in node.names]
            for target in targets:
                there = room_of(target)
                if there and there != here:
                    edges[here].add(there)
    return edges


def _node_id(room: str) -> str:
    return room.replace(".", "_")


def _label(room: str) -> str:
    labels = {
        "core": "core basics: errors, paths, clock, files",
        "core.cross": "across domains: search, info",
        "app": "app entry: __main__, selftest",
        "core.access": "access: accounts, roles, permissions",
    }
    return labels.get(room, room.split(".", 1)[-1])


def mermaid() -> str:
    edges = room_edges()
    rooms = sorted(edges, key=lambda r: (r.split(".")[0], r))
    core_domains = [f"core.{d}" for d in DOMAINS if f"core.{d}" in edges]
    core_engines = [r for r in rooms if r.startswith("core.") and r not in core_domains]
    ui_rooms = [r for r in rooms if r == "ui" or r.startswith("ui.")]
    lines = ["```mermaid", "flowchart TB"]

    def group(name: str, title: str, members: list[str]) -> None:
        lines.append(f'  subgraph {name}["{title}"]')
        lines.extend(f'    {_node_id(r)}["{_label(r)}"]' for r in members)
        lines.append("  end")

    for r in ("app", "cli"):
        if r in edges:
            lines.append(f'  {_node_id(r)}["{_label(r)}"]')
    group("UI", "ui/ — Qt, one folder per workspace", ui_rooms)
    group("DOMAINS", "core/ — one room per domain (no Qt)", core_domains)
    group("ENGINES", "core/ — shared engines (no Qt)", [*core_engines, "core"])
    for src in rooms:
        for dst in sorted(edges[src]):
            if dst in EVERYONE and not src.startswith(("ui", "cli", "app")):
                continue  # rooms every core room may use: arrows into them say nothing
            # Inside the UI and from the UI into core, only the arrows that tell where a screen
            # gets its data: into the domains.
            if src.startswith("ui") and (dst.startswith("ui") or dst not in core_domains):
                continue
            if src in ("ui", "cli", "app") and dst in EVERYONE:
                continue
            lines.append(f"  {_node_id(src)} --> {_node_id(dst)}")
    lines.append("```")
    return "\n".join(lines)


def refreshed(doc_text: str) -> str:
    start, end = doc_text.index(BEGIN) + len(BEGIN), doc_text.index(END)
    return doc_text[:start] + "\n" + mermaid() + "\n" + doc_text[end:]


def main(argv: list[str]) -> int:
    if "--write" in argv:
        DOC.write_text(refreshed(DOC.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"wrote {DOC}")
    else:
        print(mermaid())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
