"""Sign-in, the idle lock and the role's controls, with real widgets and real key presses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QGraphicsBlurEffect

from ketluan_desktop.core.access import accounts, demo_accounts
from ketluan_desktop.core.access.actor import actor_of

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints"
)  # offscreen


@pytest.fixture
def office(demo_db, now):
    with demo_db.write_session() as s:
        demo_accounts.create(s, now=now)
    return demo_db


def _type(qtbot, widget, text):
    widget.setFocus()
    widget.clear()
    qtbot.keyClicks(widget, text)


@pytest.mark.parametrize("threaded", [False, True])
# Argon2id checks the password by design slowly (~50 ms of CPU); with the synchronous test
# runner parts of it land on the UI thread's clock: allowed here, the app runs it in the background.
def test_the_sign_in_dialog_refuses_a_wrong_password_then_signs_in(
    qtbot, office, now, monkeypatch, threaded, allow_ui_stall
):
    from ketluan_desktop.ui.access.sign_in_dialog import SignInDialog
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.workers import TaskRunner

    if threaded:  # the real runner's thread: the dialog stays live while Argon2 works
        monkeypatch.setattr(TaskRunner, "synchronous", False)
    ctx = AppContext(office, clock=lambda: now)
    dlg = SignInDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    _type(qtbot, dlg.username, "vanthu")
    _type(qtbot, dlg.password, "sai-mat-khau")  # QTest types ASCII only
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.message.isVisible(), timeout=10_000)
    assert "Sai tên đăng nhập" in dlg.message.text() and dlg.password.text() == ""
    assert actor_of(office).local
    _type(qtbot, dlg.password, "demo")
    qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    me = actor_of(office)
    assert (me.username, me.role_name) == ("vanthu", "Văn thư")
    ctx.runner.wait(5000)


def test_the_idle_lock_blurs_the_window_until_the_password_is_given(
    qtbot,
    office,
    now,
    make_window,
    allow_ui_stall,  # the password check, as above
):
    from ketluan_desktop.ui.access import start_idle_lock

    accounts.sign_in(office, "vanthu", "demo", now=now)
    w = make_window(office)
    assert w.actor_label.text().startswith("Nguyễn Thị Thu (Văn thư)")
    lock = start_idle_lock(w, minutes=0.002)  # 120 ms without a key or a click
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    assert isinstance(w.centralWidget().graphicsEffect(), QGraphicsBlurEffect)
    assert not w.menuBar().isEnabled()
    dlg = lock.dialog
    qtbot.waitExposed(dlg)
    assert dlg.username.text() == "vanthu" and dlg.username.isReadOnly()
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)  # not dismissed without the password
    assert dlg.isVisible() and lock.locked
    _type(qtbot, dlg.password, "sai")
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert lock.locked and "Sai" in dlg.message.text()
    _type(qtbot, dlg.password, "demo")
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not lock.locked, timeout=5000)
    assert w.centralWidget().graphicsEffect() is None and w.menuBar().isEnabled()
    lock.stop()


def test_controls_the_role_may_not_use_stay_disabled_and_say_why(qtbot, office, now, make_window):
    accounts.sign_in(office, "kiemtra", "demo", now=now)
    w = make_window(office)
    assert w.act_audit.isEnabled()
    assert not w.act_accounts.isEnabled() and "Kiểm tra" in w.act_accounts.toolTip()
    assert not w.act_import.isEnabled()
    tasks = w.show_workspace("tasks")
    assert not tasks.add_btn.isEnabled()
    assert tasks.add_btn.toolTip().startswith("Không được phép: vai trò «Kiểm tra»")
    tasks.add_btn.setEnabled(True)  # a screen re-enabling it on a selection
    assert not tasks.add_btn.isEnabled()


def test_the_workstation_account_sees_every_control(qtbot, office, make_window):
    w = make_window(office)
    assert w.act_accounts.isEnabled() and w.act_import.isEnabled()
    assert not w.act_lock.isVisible() and w.actor_label.text() == ""


def test_start_up_asks_a_shared_database_to_sign_in_first(qtbot, office, now, monkeypatch):
    """The window is filled only after the sign-in; a workstation's own file never asks."""
    from ketluan_desktop.ui import dialogs, startup
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.main_window import MainWindow

    assert startup._needs_sign_in(office) is office.is_server
    window = MainWindow()
    qtbot.addWidget(window)
    ctx = AppContext(office, clock=lambda: now)

    def sign_in_by_keys(dlg):
        qtbot.addWidget(dlg)
        dlg.show()
        _type(qtbot, dlg.username, "tochuc")
        _type(qtbot, dlg.password, "demo")
        qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
        return dlg.result()

    monkeypatch.setattr(dialogs, "exec_dialog", sign_in_by_keys)
    assert startup.sign_in(window, ctx)
    assert actor_of(office).role == "to_chuc"
    monkeypatch.setattr(dialogs, "exec_dialog", lambda dlg: 0)  # «Thoát»
    assert not startup.sign_in(window, ctx)


def test_the_members_workspace_of_a_clerk(qtbot, office, now, make_window, shown_dialogs):
    """No procedures tab, no editing, no export; the list without birth dates; no error shown."""
    from ketluan_desktop.ui.workspaces.members import TAB_MEMBERS, TAB_PROCEDURES

    accounts.sign_in(office, "vanthu", "demo", now=now)
    w = make_window(office)
    ws = w.show_workspace("members")
    assert not ws.tabs.isTabEnabled(TAB_PROCEDURES)
    assert "xem thủ tục đảng viên" in ws.tabs.tabToolTip(TAB_PROCEDURES)
    ws.tabs.setCurrentIndex(TAB_MEMBERS)
    page = ws.member_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    assert not page.add_button.isEnabled() and not page.export_button.isEnabled()
    assert "Văn thư" in page.export_button.toolTip()
    assert [m for kind, m in shown_dialogs if kind == "error"] == []


def test_the_reminders_of_a_clerk_hold_no_personal_data(
    qtbot, office, now, make_window, shown_dialogs, tmp_path, monkeypatch
):
    """The dashboard as the clerk sees it: name, organisation, the procedure's status; no dates
    (their columns hidden); «Mở thủ tục» disabled with why; the Excel export holds the same."""
    import openpyxl

    from ketluan_desktop.core.members import reminders as member_rules
    from ketluan_desktop.ui import dialogs

    accounts.sign_in(office, "vanthu", "demo", now=now)
    w = make_window(office)
    ws = w.show_workspace("members")
    dash = ws.dashboard
    dash.refresh()
    qtbot.waitUntil(lambda: dash.counts.get(member_rules.RETURN_REPORT, 0) > 0, timeout=5000)
    qtbot.mouseClick(dash.cards[member_rules.RETURN_REPORT], Qt.MouseButton.LeftButton)
    assert dash.selected == member_rules.RETURN_REPORT
    qtbot.waitUntil(lambda: member_rules.RETURN_REPORT in dash.lists, timeout=5000)
    model = dash.model
    rows = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    assert rows and all(r[2] == "" and r[3] == "" for r in rows)
    assert all(r[4].startswith("Đi nước ngoài: ") for r in rows)
    assert dash.table.isColumnHidden(2) and dash.table.isColumnHidden(3)
    assert not dash.procedure_button.isEnabled()
    assert "xem thủ tục đảng viên" in dash.procedure_button.toolTip()
    out = tmp_path / "nhắc việc.xlsx"
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(out))
    qtbot.mouseClick(dash.export_button, Qt.MouseButton.LeftButton)
    cells = [
        c for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row
    ]
    assert "Tình trạng thủ tục" in cells and "Hạn" not in cells
    assert rows[0][0] in cells and rows[0][4] in cells
    assert [m for kind, m in shown_dialogs if kind == "error"] == []
