"""«Tài khoản và vai trò» and «Nhật ký thao tác» with the runner's real thread (issue 14, «the UI
thread only paints»): the accounts and the journal read, a change written and the chain checked
on the runner's thread — no SQL on the UI thread — the buttons off while it runs (a double click
writes once: one audit entry), and a dialog closed before its answers dropping them."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from ketluan_desktop.core.access import demo_accounts
from ketluan_desktop.core.access.models import Account
from ketluan_desktop.core.audit.models import AuditEntry

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LEFT = Qt.MouseButton.LeftButton


def _role_of(db, username: str) -> str:
    with db.session() as s:
        return s.scalars(select(Account.role).where(Account.username == username)).one()


def _entries(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def _texts(table, column):
    return [table.item(r, column).text() for r in range(table.rowCount())]


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_accounts_and_journal_off_the_ui_thread(
    real_runner, allow_ui_stall, demo_db, now, qtbot, shown_dialogs, ui_thread_reads, unwatched
):  # fmt: skip
    """allow_ui_stall: the stall budget of real deliveries is bench_gui_scale's (as in
    tests/ui/test_real_runner.py); what this test checks is where the SQL runs."""
    from ketluan_desktop.ui.access.accounts_screen import AccountsDialog
    from ketluan_desktop.ui.access.audit_screen import AuditDialog
    from ketluan_desktop.ui.context import AppContext

    with demo_db.write_session() as s:
        demo_accounts.create(s, now=now)
    seen, watching = ui_thread_reads
    ctx = AppContext(demo_db, clock=lambda: now)
    runner = ctx.runner
    watching["on"] = True

    dlg = AccountsDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.table.rowCount() > 0 and not runner.busy)
    assert "chuyenvien" in _texts(dlg.table, 0)
    assert seen == []  # the accounts, the role names, the units: read on the runner

    row = _texts(dlg.table, 0).index("chuyenvien")
    rect = dlg.table.visualRect(dlg.table.model().index(row, 0))
    qtbot.mouseClick(dlg.table.viewport(), LEFT, pos=rect.center())
    old = unwatched(_role_of, demo_db, "chuyenvien")
    target = next(i for i in range(dlg.role_box.count()) if dlg.role_box.itemData(i) != old)
    dlg.role_box.setCurrentIndex(target)
    new_role = dlg.role_box.itemData(target)
    entries = unwatched(_entries, demo_db)
    qtbot.mouseClick(dlg.role_button, LEFT)
    assert not dlg.role_button.isEnabled() and not dlg.add_button.isEnabled()
    qtbot.mouseClick(dlg.role_button, LEFT)  # the second click: ignored
    qtbot.waitUntil(lambda: dlg.role_button.isEnabled() and not runner.busy)
    qtbot.waitUntil(lambda: dlg.status.text().endswith("tài khoản"))  # read again after
    assert unwatched(_role_of, demo_db, "chuyenvien") == new_role
    assert unwatched(_entries, demo_db) == entries + 1  # one change, one entry

    # an idle time out of range: refused with the reason, nothing written
    dlg.idle.setMinimum(0)  # the box allows 1–240; the service is what refuses
    dlg.idle.setValue(0)
    qtbot.mouseClick(dlg.save_names, LEFT)
    qtbot.waitUntil(lambda: dlg.save_names.isEnabled() and not runner.busy)
    assert shown_dialogs and shown_dialogs[-1][0] == "error"
    assert unwatched(_entries, demo_db) == entries + 1
    dlg.close()

    journal = AuditDialog(ctx)
    qtbot.addWidget(journal)
    journal.show()
    qtbot.waitUntil(lambda: journal.table.rowCount() > 0 and not runner.busy)
    qtbot.mouseClick(journal.verify_button, LEFT)
    assert not journal.verify_button.isEnabled()  # off until the chain is checked
    qtbot.waitUntil(lambda: journal.verify_button.isEnabled() and not runner.busy)
    assert journal.chain_label.text().startswith("Chuỗi mã băm nguyên vẹn")

    closed = AuditDialog(ctx)
    shiboken6.delete(closed)  # closed at once: its reads are still on the runner
    qtbot.waitUntil(lambda: not runner.busy)
    qtbot.wait(50)
    watching["on"] = False
    assert seen == []
    assert len([m for kind, m in shown_dialogs if kind == "error"]) == 1
    runner.wait(10_000)
