"""Settings → Đơn vị: the tree, editing, refusals, and Excel in and out."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from ketluan_desktop.core.org import unit_sheet, units

from .conftest import BEFORE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _tab(window_at, demo_db):
    from ketluan_desktop.ui.settings_dialog import SettingsDialog

    w = window_at(demo_db, BEFORE)
    dlg = SettingsDialog(w.ctx, w)
    tabs = [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())]
    assert "Đơn vị" in tabs and tabs[0] == "Cơ quan"
    return w, dlg.units_tab


def test_the_tree_and_a_new_department(window_at, demo_db):
    w, tab = _tab(window_at, demo_db)
    top = [tab.tree.topLevelItem(i).text(0) for i in range(tab.tree.topLevelItemCount())]
    assert top[0] == "Văn phòng Đảng ủy Khối (Văn phòng)"
    tc = next(
        tab.tree.topLevelItem(i)
        for i in range(tab.tree.topLevelItemCount())
        if tab.tree.topLevelItem(i).text(0) == "Đảng bộ Sở Tài chính"
    )
    assert tc.childCount() == 3
    tab.new_btn.click()
    tab.name.setText("Ban Dân vận Đảng ủy Khối")
    tab.short.setText("Ban Dân vận")
    tab.save_btn.click()
    assert tab.current is not None and tab.current.name == "Ban Dân vận Đảng ủy Khối"
    assert tab.mode.text() == "Sửa đơn vị"
    # The new unit is offered at once in the task screen's filter.
    assert w.tasks.unit_filter.findText("Ban Dân vận") > 0


def test_a_cell_under_a_grassroots_organisation_and_moving(window_at, demo_db):
    _w, tab = _tab(window_at, demo_db)
    tc = next(
        tab.tree.topLevelItem(i)
        for i in range(tab.tree.topLevelItemCount())
        if tab.tree.topLevelItem(i).text(0) == "Đảng bộ Sở Tài chính"
    )
    tab.tree.setCurrentItem(tc)
    assert tab.child_btn.isEnabled()
    tab.child_btn.click()
    assert (
        tab.kind.currentData() == "cell" and tab.parent_unit.currentText() == "Đảng bộ Sở Tài chính"
    )
    tab.name.setText("Chi bộ Phòng Quản lý công sản")
    tab.save_btn.click()
    tc = tab.item_for(tab.current.parent_id)
    assert tc.childCount() == 4
    tab.up_btn.click()  # the tree is rebuilt with the new order
    tc = tab.item_for(tab.current.parent_id)
    assert tc.child(2).text(0) == "Chi bộ Phòng Quản lý công sản"


def test_refusals_are_explained(window_at, demo_db, shown_dialogs):
    _w, tab = _tab(window_at, demo_db)
    btc = next(
        tab.tree.topLevelItem(i)
        for i in range(tab.tree.topLevelItemCount())
        if tab.tree.topLevelItem(i).text(0).startswith("Ban Tổ chức")
    )
    tab.tree.setCurrentItem(btc)
    assert "nhiệm vụ chủ trì 3" in tab.uses.text()
    tab.delete_btn.click()
    assert shown_dialogs[-1][0] == "error" and "đang được dùng" in shown_dialogs[-1][1]
    # Another workstation renames it while this form is open.
    with demo_db.write_session() as s:
        u = units.get(s, tab.current.id)
        units.update(
            s,
            u.id,
            units.UnitInput("Ban Tổ chức Đảng ủy Khối các cơ quan tỉnh", u.kind, u.short_name),
            expected_version=u.version,
            now=BEFORE,
        )
    tab.short.setText("BTC")
    tab.save_btn.click()
    assert "vừa được sửa ở máy khác" in shown_dialogs[-1][1]
    assert tab.current.name == "Ban Tổ chức Đảng ủy Khối các cơ quan tỉnh"  # reloaded
    tab.new_btn.click()
    tab.kind.setCurrentIndex(tab.kind.findData("cell"))
    tab.name.setText("Chi bộ không nơi trực thuộc")
    tab.save_btn.click()
    assert "phải thuộc một tổ chức cơ sở đảng" in shown_dialogs[-1][1]


def test_import_and_export_excel(window_at, demo_db, monkeypatch, shown_dialogs, tmp_path):
    from ketluan_desktop.ui import dialogs

    _w, tab = _tab(window_at, demo_db)
    out = tmp_path / "đơn vị.xlsx"
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: str(out))
    tab.export_excel()
    assert out.exists() and shown_dialogs[-1][0] == "info"
    assert load_workbook(out).active["A1"].value == "Tên đơn vị"
    new = tmp_path / "bo-sung.xlsx"
    wb = Workbook()
    wb.active.append(list(unit_sheet.HEADERS))
    wb.active.append(["Đảng bộ Sở Công Thương", "", "", "", ""])
    wb.active.append(["Chi bộ Phòng Quản lý thương mại", "", "", "Đảng bộ Sở Công Thương", ""])
    wb.save(new)
    monkeypatch.setattr(dialogs, "get_open_file", lambda *a: str(new))
    tab.import_excel()
    assert shown_dialogs[-1] == (
        "info",
        "Đã nhập danh sách đơn vị: thêm mới 2, cập nhật 0, giữ nguyên 0.",
    )
    item = next(
        tab.tree.topLevelItem(i)
        for i in range(tab.tree.topLevelItemCount())
        if tab.tree.topLevelItem(i).text(0) == "Đảng bộ Sở Công Thương"
    )
    assert item.child(0).text(0) == "Chi bộ Phòng Quản lý thương mại"
    bad = tmp_path / "sai.xlsx"
    bad.write_text("không phải excel")
    monkeypatch.setattr(dialogs, "get_open_file", lambda *a: str(bad))
    tab.import_excel()
    assert shown_dialogs[-1][0] == "error" and "bảng tính Excel" in shown_dialogs[-1][1]
    assert tab.import_btn.isEnabled()
