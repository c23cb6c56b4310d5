"""«Lưu vào sổ» of the outgoing register writes on the runner's thread (issue 19: the UI thread
only paints): the button is off until the entry is written, so a double click saves once, and the
register is read again after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from ketluan_desktop.core.audit.models import AuditEntry


def _updates(db) -> int:
    with db.session() as s:
        return s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.entity == "document", AuditEntry.action == "update")
        )


def _type(widget, text: str) -> None:
    """Vietnamese typed as key events carrying their text (QTest.keyClicks knows ASCII only)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def test_a_double_click_on_save_writes_the_entry_once(
    real_runner, allow_ui_stall, make_window, demo_db, qtbot
):
    """(The stall budget of real deliveries is bench_gui_scale's, as in test_real_runner.py.)"""
    w = make_window(demo_db)
    runner = w.ctx.runner
    ws = w.meetings
    bar = ws.tabs.tabBar()
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(ws.tabs.indexOf(ws.register)).center()
    )
    reg = ws.register
    qtbot.waitUntil(lambda: reg.model.rowCount() == 1 and not runner.busy)
    rect = reg.view.visualRect(reg.model.index(0, 0))
    qtbot.mouseClick(reg.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: reg.save_entry.isEnabled() and not runner.busy)

    reg.copies.setFocus()
    qtbot.keyClick(reg.copies, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(reg.copies, "12")
    reg.notes.setFocus()
    qtbot.keyClick(reg.notes, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _type(reg.notes, "Lưu tại văn phòng")
    before = _updates(demo_db)

    qtbot.mouseClick(reg.save_entry, Qt.MouseButton.LeftButton)
    assert not reg.save_entry.isEnabled()  # until the entry is written
    qtbot.mouseClick(reg.save_entry, Qt.MouseButton.LeftButton)  # the double click's second
    qtbot.waitUntil(lambda: reg.save_entry.isEnabled() and not runner.busy)
    assert _updates(demo_db) == before + 1
    row = reg.model.row_at(0)  # the register read again, the entry still chosen
    assert (row.copies, row.notes) == (12, "Lưu tại văn phòng")
    assert reg.selected_id() == 1 and reg.copies.value() == 12
    assert reg.notes.text() == "Lưu tại văn phòng"
    runner.wait(10_000)
