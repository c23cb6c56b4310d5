"""«Nhật ký thao tác» and «Tài khoản và vai trò» with real widgets: filters, masked personal
values, the chain check, the Excel export; a new account made from the screen."""

from __future__ import annotations

import os
import stat

import openpyxl
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, text

from ketluan_desktop.core.access import accounts, demo_accounts
from ketluan_desktop.core.access.models import Account
from ketluan_desktop.core.access.personal import MASK
from ketluan_desktop.core.audit import trail

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def office(db, now):
    with db.write_session() as s:
        demo_accounts.create(s, now=now)
        trail.record(
            s,
            now=now,
            action="update",
            entity="procedure",
            entity_id=7,
            summary="Sửa thủ tục mã 7",
            username="tochuc",
            changes={
                "before": {"travel_from": "2026-01-02", "status": "received"},
                "after": {"travel_from": "2026-01-05", "status": "processing"},
            },
        )
        trail.record(
            s,
            now=now,
            action="update",
            entity="task",
            entity_id=3,
            summary="Sửa nhiệm vụ 3",
            username="chuyenvien",
            changes={"progress": "Đã xong 50%"},
        )
    return db


def _ctx(db, now):
    from ketluan_desktop.ui.context import AppContext

    return AppContext(db, clock=lambda: now)


def _texts(table, column):
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_the_audit_screen_masks_personal_values_for_inspection(qtbot, office, now):
    from ketluan_desktop.ui.access.audit_screen import AuditDialog

    accounts.sign_in(office, "kiemtra", "demo", now=now)
    dlg = AuditDialog(_ctx(office, now))
    qtbot.addWidget(dlg)
    dlg.show()
    changes = " ".join(_texts(dlg.table, 5))
    assert "Trạng thái: Tiếp nhận → Đang xử lý" in changes and "Đã xong 50%" in changes
    assert MASK in changes and "05/01/2026" not in changes and "2026-01-05" not in changes
    dlg.area.setCurrentText("Nhiệm vụ")
    qtbot.mouseClick(dlg.apply_button, Qt.MouseButton.LeftButton)
    assert _texts(dlg.table, 3) == ["Nhiệm vụ"] and _texts(dlg.table, 1) == ["chuyenvien"]
    dlg.area.setCurrentIndex(0)
    dlg.person.setCurrentText("tochuc")
    qtbot.mouseClick(dlg.apply_button, Qt.MouseButton.LeftButton)
    assert _texts(dlg.table, 4) == ["Sửa thủ tục mã 7"]


def test_the_organisation_role_sees_the_values(qtbot, office, now):
    from ketluan_desktop.ui.access.audit_screen import AuditDialog

    # Tổ chức has no audit permission: a workstation account (all permissions) reads instead.
    dlg = AuditDialog(_ctx(office, now))
    qtbot.addWidget(dlg)
    assert "02/01/2026 → 05/01/2026" in " ".join(_texts(dlg.table, 5))


def test_the_chain_check_and_the_export(qtbot, office, now, tmp_path, monkeypatch, shown_dialogs):
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.access.audit_screen import AuditDialog

    dlg = AuditDialog(_ctx(office, now))
    qtbot.addWidget(dlg)
    qtbot.mouseClick(dlg.verify_button, Qt.MouseButton.LeftButton)
    assert dlg.chain_label.text().startswith("Chuỗi mã băm nguyên vẹn")
    out = tmp_path / "nhật ký.xlsx"
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(out))
    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    ws = openpyxl.load_workbook(out).active
    assert ws.cell(1, 3).value == "Người thực hiện" and ws.max_row == 1 + 2
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Xuất 2 mục nhật ký" in _texts(dlg.table, 4)[0]  # the export itself is audited
    with office.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET summary = 'khác' WHERE entity = 'task'"))
    qtbot.mouseClick(dlg.verify_button, Qt.MouseButton.LeftButton)
    assert dlg.chain_label.text() == "Chuỗi mã băm bị phá"
    assert any(kind == "error" and "bị sửa" in m for kind, m in shown_dialogs)


def test_the_admin_creates_an_account_and_resets_a_password(qtbot, office, now, monkeypatch):
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.access.accounts_screen import AccountsDialog

    accounts.sign_in(office, "quantri", "demo", now=now)
    dlg = AccountsDialog(_ctx(office, now))
    qtbot.addWidget(dlg)
    dlg.show()
    assert "vanthu" in _texts(dlg.table, 0) and "Quản trị" in _texts(dlg.table, 2)

    def fill(d):
        qtbot.keyClicks(d.username, "vanthu2")
        d.full_name.setText("Ngô Thị Hà")
        d.role.setCurrentIndex(d.role.findData("van_thu"))
        qtbot.keyClicks(d.password, "tam-thoi")
        return 1

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    assert "vanthu2" in _texts(dlg.table, 0)
    with office.session() as s:
        acc = s.scalars(select(Account).where(Account.username == "vanthu2")).one()
        assert acc.must_change_password and acc.full_name == "Ngô Thị Hà"
    dlg.table.selectRow(_texts(dlg.table, 0).index("vanthu2"))
    monkeypatch.setattr(dialogs, "get_secret", lambda *a: "mat-khau-moi")
    qtbot.mouseClick(dlg.reset_button, Qt.MouseButton.LeftButton)
    assert accounts.sign_in(office, "vanthu2", "mat-khau-moi", now=now).actor is not None


def test_the_admin_sets_a_specialists_unit_from_the_screen(qtbot, office, now, monkeypatch):
    """The unit picked from the organisation's units (real row click, keys in the box, button
    click) is saved through the service, shown in the list, audited and used at the next sign-in."""
    from ketluan_desktop.core.access.actor import actor_of
    from ketluan_desktop.core.audit.models import AuditEntry
    from ketluan_desktop.core.org import units
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.access.accounts_screen import EVERY_UNIT, AccountsDialog

    with office.write_session() as s:
        units.create(s, units.UnitInput(name="Ban Tuyên giáo"), now=now)
        units.create(s, units.UnitInput(name="Văn phòng Đảng ủy"), now=now)
        choices = units.choices(s)
    accounts.sign_in(office, "quantri", "demo", now=now)
    dlg = AccountsDialog(_ctx(office, now))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    box = dlg.unit_box
    assert [box.itemText(i) for i in range(box.count())] == [EVERY_UNIT] + [c[1] for c in choices]
    row = _texts(dlg.table, 0).index("chuyenvien")
    rect = dlg.table.visualRect(dlg.table.model().index(row, 0))
    qtbot.mouseClick(dlg.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dlg.table.currentRow() == row and box.currentIndex() == 0  # no unit yet
    target = next(i for i in range(box.count()) if box.itemText(i).strip() == "Ban Tuyên giáo")
    box.setFocus()
    for _ in range(target):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText().strip() == "Ban Tuyên giáo"
    qtbot.mouseClick(dlg.unit_button, Qt.MouseButton.LeftButton)
    assert _texts(dlg.table, 3)[_texts(dlg.table, 0).index("chuyenvien")] == "Ban Tuyên giáo"
    with office.session() as s:
        acc = s.scalars(select(Account).where(Account.username == "chuyenvien")).one()
        unit_id = acc.unit_id
        assert unit_id == box.itemData(target)
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry.entity == "account" and entry.changes == {"unit": [None, "Ban Tuyên giáo"]}
    accounts.sign_in(office, "chuyenvien", "demo", now=now)
    assert actor_of(office).unit_id == unit_id

    accounts.sign_in(office, "quantri", "demo", now=now)
    dlg.reload()

    def fill(d):
        qtbot.keyClicks(d.username, "cv2")
        d.full_name.setText("Lê Văn Nam")  # keyClicks types ASCII only
        d.role.setCurrentIndex(d.role.findData("chuyen_vien"))
        d.unit.setFocus()
        for _ in range(d.unit.findText("Văn phòng Đảng ủy", Qt.MatchFlag.MatchContains)):
            qtbot.keyClick(d.unit, Qt.Key.Key_Down)
        qtbot.keyClicks(d.password, "tam-thoi")
        return 1

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    assert _texts(dlg.table, 3)[_texts(dlg.table, 0).index("cv2")] == "Văn phòng Đảng ủy"
