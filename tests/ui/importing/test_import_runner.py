"""File → Nhập văn bản… with the runner's real thread (issue 14, «the UI thread only paints»): the
file read, the units offered and the document stored on the runner's thread — no SQL on the UI
thread — File → Nhập văn bản… off from the first click until the import is over, so a second
click meanwhile does not import it twice; the document stored in one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from ketluan_desktop.core.documents.incoming_models import IncomingDocument
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.ui import dialogs

SAMPLE = (
    Path(__file__).resolve().parents[3] / "resources" / "samples" / "ket-luan-hoi-nghi-lan-19.txt"
)


def _stored(db) -> int:
    with db.session() as s:
        docs = s.scalar(select(func.count()).select_from(Document)) or 0
        return docs + (s.scalar(select(func.count()).select_from(IncomingDocument)) or 0)


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_an_import_runs_off_the_ui_thread_and_once(
    real_runner, allow_ui_stall, make_window, demo_db, qtbot, shown_dialogs, monkeypatch, tmp_path,
    ui_thread_reads, unwatched,
):  # fmt: skip
    """allow_ui_stall: the stall budget of real deliveries is bench_gui_scale's (as in
    tests/ui/test_real_runner.py); what this test checks is where the SQL runs."""
    seen, watching = ui_thread_reads
    w = make_window(demo_db)
    runner = w.ctx.runner
    qtbot.waitUntil(lambda: not runner.busy)
    copy = tmp_path / "Kết luận hội nghị lần 19.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    asked = []
    monkeypatch.setattr(dialogs, "open_file", lambda *a: asked.append(a) or str(copy))
    reviewed = []

    def review(dialog):
        reviewed.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "exec_dialog", review)
    before = _stored(demo_db)
    watching["on"] = True

    w.act_import.trigger()
    assert not w.act_import.isEnabled()  # off while the file is read
    w.act_import.trigger()  # the second click: ignored
    qtbot.waitUntil(lambda: w.act_import.isEnabled() and not runner.busy, timeout=15_000)
    assert len(asked) == 1 and len(reviewed) == 1
    assert unwatched(_stored, demo_db) == before + 1
    assert "nhiệm vụ" in w.statusBar().currentMessage()
    watching["on"] = False
    assert seen == []
    assert [m for kind, m in shown_dialogs if kind == "error"] == []
    runner.wait(10_000)
