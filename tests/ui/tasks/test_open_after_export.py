"""Issue 13 item 11: «Mở tệp sau khi xuất» failed silently when the system had no program for the
file; now the clerk is told, in Vietnamese, where the file is."""

from __future__ import annotations

from ketluan_desktop.ui.tasks import common
from ketluan_desktop.ui.tasks.report_dialog import ReportDialog

from .conftest import AFTER


def test_a_report_the_system_cannot_open_is_said(
    window_at, demo_db, monkeypatch, shown_dialogs, tmp_path
):
    from ketluan_desktop.ui import dialogs

    monkeypatch.setattr(common, "open_path", lambda p: False)  # no PDF reader on this machine
    w = window_at(demo_db, AFTER)
    dlg = ReportDialog(w.ctx, w)
    assert dlg.open_after.isChecked()
    target = tmp_path / "Báo cáo.pdf"
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: str(target))
    dlg.choose_file()
    w.tasks.run_report(dlg.request)
    assert target.exists()
    kind, message = shown_dialogs[-1]
    assert kind == "error"
    assert message.startswith(
        "Không mở được tệp «Báo cáo.pdf»: máy này chưa có chương trình mở tệp PDF"
    )
    assert str(tmp_path) in message
