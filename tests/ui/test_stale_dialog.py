"""The stale-save dialog with real clicks: who and when, the two versions compared, the choice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from ketluan_desktop.core.db.versioning import LastChange, StaleEditError


def _error() -> StaleEditError:
    when = datetime(2026, 11, 29, 2, 41, tzinfo=UTC)
    last = LastChange(4, "Trần Thị Bình", when)
    return StaleEditError(f"Văn bản này vừa được lưu từ nơi khác ({last.describe()}).", last=last)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_compare_shows_both_versions_and_keep_is_chosen_with_a_click(qtbot):
    from ketluan_desktop.ui.stale_dialog import KEEP, StaleSaveDialog

    dlg = StaleSaveDialog(
        _error(),
        theirs=["Kết luận", "Đoạn chị Bình viết."],
        mine=["Kết luận", "Đoạn anh An viết."],
    )
    qtbot.addWidget(dlg)
    dlg.show()
    assert "«Trần Thị Bình» lúc 09:41 ngày 29/11/2026" in dlg.message.text()
    assert not dlg.compare_pane.isVisible()
    qtbot.mouseClick(dlg.compare_button, Qt.MouseButton.LeftButton)
    assert dlg.compare_pane.isVisible()
    assert "Đoạn chị Bình viết." in dlg.theirs_view.toPlainText()
    assert "Đoạn anh An viết." in dlg.mine_view.toPlainText()
    assert "#dff6dd" in dlg.mine_view.toHtml().lower()  # the line that differs is marked
    qtbot.mouseClick(dlg.keep_button, Qt.MouseButton.LeftButton)
    assert dlg.choice == KEEP and dlg.result() == 1


def test_closing_the_dialog_goes_back_to_editing(qtbot, monkeypatch):
    from ketluan_desktop.ui import dialogs, stale_dialog

    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: 0)
    choice = stale_dialog.ask_stale_choice(None, _error(), theirs=None, mine=["Bản của tôi"])
    assert choice == stale_dialog.BACK
