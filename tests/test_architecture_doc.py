"""docs/architecture.md's drawing of the rooms is made from the code and must stay true."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _drawer():
    spec = importlib.util.spec_from_file_location("draw_rooms", DOCS / "draw_rooms.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_drawing_matches_the_code() -> None:
    drawer = _drawer()
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    assert drawer.refreshed(text) == text, "run: python docs/draw_rooms.py --write"


def test_the_drawing_shows_the_domain_rooms() -> None:
    drawing = _drawer().mermaid()
    for room in ("core_documents", "core_tasks", "core_members", "core_signing"):
        assert f'{room}["' in drawing
    assert "core_tasks --> core_documents" in drawing  # a task belongs to a document
