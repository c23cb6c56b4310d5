"""Settings → Đơn vị with the runner's real thread (issue 14, «the UI thread only paints»): the
tree, a unit's uses, its saving and the export run on the runner's thread — no SQL on the UI
thread — the editing buttons off while a change is written (a double click on «Lưu đơn vị»
creates one unit), a conflict said and the tree reloaded, the chosen unit kept."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from ketluan_desktop.core.org import units
from ketluan_desktop.core.org.models import Organisation

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Organisation)) or 0


def _rename_elsewhere(db, unit_id: int, now) -> None:
    with db.write_session() as s:
        u = units.get(s, unit_id)
        units.update(
            s,
            u.id,
            units.UnitInput("Ban Tổ chức Đảng ủy Khối các cơ quan tỉnh", u.kind, u.short_name),
            expected_version=u.version,
            now=now,
        )


def _top(tab, prefix: str):
    return next(
        tab.tree.topLevelItem(i)
        for i in range(tab.tree.topLevelItemCount())
        if tab.tree.topLevelItem(i).text(0).startswith(prefix)
    )


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_the_units_tab_reads_and_writes_off_the_ui_thread(
    real_runner, allow_ui_stall, make_window, demo_db, now, qtbot, shown_dialogs, tmp_path,
    monkeypatch, ui_thread_reads, unwatched,
):  # fmt: skip
    """allow_ui_stall: the stall budget of real deliveries is bench_gui_scale's (as in
    tests/ui/test_real_runner.py); what this test checks is where the SQL runs."""
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.settings_dialog import SettingsDialog

    seen, watching = ui_thread_reads
    w = make_window(demo_db)
    runner = w.ctx.runner
    dlg = SettingsDialog(w.ctx, w)  # its other tabs are not this change's
    tab = dlg.units_tab
    qtbot.waitUntil(lambda: not runner.busy and tab.tree.topLevelItemCount() > 0)
    watching["on"] = True

    tab.reload()
    qtbot.waitUntil(lambda: not runner.busy)
    tab.tree.setCurrentItem(_top(tab, "Ban Tổ chức"))
    qtbot.waitUntil(lambda: "nhiệm vụ chủ trì 3" in tab.uses.text() and not runner.busy)
    assert seen == []  # the tree and the unit's uses: read on the runner's thread

    before = unwatched(_count, demo_db)
    tab.new_btn.click()
    tab.name.setText("Ban Dân vận Đảng ủy Khối")
    tab.short.setText("Ban Dân vận")
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)
    assert not tab.save_btn.isEnabled() and not tab.new_btn.isEnabled()  # until it is written
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)  # the second click: ignored
    qtbot.waitUntil(lambda: tab.save_btn.isEnabled() and not runner.busy)
    assert unwatched(_count, demo_db) == before + 1
    # the new unit chosen in the reloaded tree
    assert tab.current is not None and tab.current.name == "Ban Dân vận Đảng ủy Khối"
    assert tab.mode.text() == "Sửa đơn vị" and tab.delete_btn.isEnabled()

    btc = _top(tab, "Ban Tổ chức")
    tab.tree.setCurrentItem(btc)
    qtbot.waitUntil(lambda: "nhiệm vụ chủ trì 3" in tab.uses.text() and not runner.busy)
    chosen = tab.current.id
    unwatched(_rename_elsewhere, demo_db, chosen, now)
    tab.short.setText("BTC")
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.save_btn.isEnabled() and not runner.busy)
    assert "vừa được sửa ở máy khác" in shown_dialogs[-1][1]
    assert tab.current.id == chosen  # kept, as it now is
    assert tab.current.name == "Ban Tổ chức Đảng ủy Khối các cơ quan tỉnh"

    out = tmp_path / "đơn vị.xlsx"
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: str(out))
    qtbot.mouseClick(tab.export_btn, Qt.MouseButton.LeftButton)
    assert not tab.export_btn.isEnabled()  # until the file is written: one export per click
    qtbot.waitUntil(lambda: tab.export_btn.isEnabled() and not runner.busy)
    assert shown_dialogs[-1] == ("info", f"Đã xuất danh sách đơn vị ra tệp {out}.")
    watching["on"] = False
    assert seen == []
    assert load_workbook(out).active["A1"].value == "Tên đơn vị"
    runner.wait(10_000)
