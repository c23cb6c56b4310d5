"""Accounts in the window: who is signed in (status bar), Công cụ → «Nhật ký thao tác», «Tài khoản
và vai trò», «Đổi mật khẩu», «Khóa màn hình»; the idle lock; controls gated by the role."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel

from ketluan_desktop.ui import dialogs


def _tools_menu(window):
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and window.act_settings in menu.actions():
            return menu
    return None


def install(window):
    """Called by ``MainWindow.attach`` (after the other menus exist). Returns the idle lock, or
    None when nobody signed in (a workstation's own file)."""
    from ketluan_desktop.core.access.actor import actor_of
    from ketluan_desktop.ui.access import gating

    ctx = window.ctx
    actor = actor_of(ctx.db)
    label = QLabel(actor.display if not actor.local else "")
    label.setObjectName("actorLabel")
    window.statusBar().addPermanentWidget(label)
    window.actor_label = label
    menu = _tools_menu(window)
    window.act_audit = _action(
        window, menu, window.tr("&Nhật ký thao tác…"), lambda: open_audit(window)
    )
    window.act_accounts = _action(
        window, menu, window.tr("&Tài khoản và vai trò…"), lambda: open_accounts(window)
    )
    window.act_password = _action(
        window, menu, window.tr("Đổi &mật khẩu…"), lambda: change_password(window)
    )
    window.act_lock = _action(window, menu, window.tr("&Khóa màn hình"), lambda: lock_now(window))
    window.act_lock.setShortcut(QKeySequence("Ctrl+L"))
    if menu is not None:
        menu.setToolTipsVisible(True)  # the reason a greyed entry gives on hover
        menu.insertSeparator(window.act_settings)
    ctx.database_replaced.connect(lambda: _after_replace(window))
    signed_in = actor.account_id is not None
    window.act_password.setVisible(signed_in)
    window.act_lock.setVisible(signed_in)
    if not actor.local:
        gating.gate_all(window, ctx.db, gating.WINDOW_GATES)
        window.workspace_created.connect(lambda key: gating.gate_workspace(window, key, ctx.db))
        for key in list(window._built):
            gating.gate_workspace(window, key, ctx.db)
    if not signed_in:
        return None
    return start_idle_lock(window)


def _after_replace(window) -> None:
    """Another database (Cài đặt → Cơ sở dữ liệu, a restore): a shared one with accounts asks
    who is working; until then its services refuse everything (core/access/actor.py)."""
    from ketluan_desktop.core.access.actor import actor_of
    from ketluan_desktop.ui.access.sign_in_dialog import SignInDialog

    db = window.ctx.db
    actor = actor_of(db)
    window.actor_label.setText(actor.display if actor.account_id is not None else "")
    if getattr(db, "sign_in_required", False) and db.actor is None:
        dlg = SignInDialog(window.ctx, window)
        dlg.accepted.connect(lambda: window.actor_label.setText(actor_of(db).display))
        dlg.open()


def start_idle_lock(window, minutes: float | None = None):
    from ketluan_desktop.core.access import accounts
    from ketluan_desktop.ui.access.idle_lock import IdleLock

    if minutes is not None:
        window.idle_lock = IdleLock(window, minutes)
        return window.idle_lock
    db = window.ctx.db
    window.idle_lock = None

    def work():
        with db.session() as s:
            return accounts.idle_lock_minutes(s)

    def done(m) -> None:
        window.idle_lock = IdleLock(window, m)

    window.ctx.runner.query(("idle-lock", id(window)), work, done)
    return None


def _action(window, menu, text, slot) -> QAction:
    act = QAction(text, window)
    act.triggered.connect(slot)
    if menu is not None:
        menu.insertAction(window.act_settings, act)
    return act


def open_audit(window) -> None:
    from ketluan_desktop.ui.access.audit_screen import AuditDialog

    dialogs.exec_dialog(AuditDialog(window.ctx, window))


def open_accounts(window) -> None:
    from ketluan_desktop.ui.access.accounts_screen import AccountsDialog

    dialogs.exec_dialog(AccountsDialog(window.ctx, window))


def lock_now(window) -> None:
    lock = getattr(window, "idle_lock", None)
    if lock is not None:
        lock.lock()


def change_password(window) -> None:
    from ketluan_desktop.core.access import accounts
    from ketluan_desktop.core.access.actor import actor_of

    me = actor_of(window.ctx.db)
    old = dialogs.get_secret(window, window.tr("Đổi mật khẩu"), window.tr("Mật khẩu hiện tại:"))
    if not old:
        return
    new = dialogs.get_secret(window, window.tr("Đổi mật khẩu"), window.tr("Mật khẩu mới:"))
    if not new:
        return
    again = dialogs.get_secret(
        window, window.tr("Đổi mật khẩu"), window.tr("Nhập lại mật khẩu mới:")
    )
    if again != new:
        dialogs.show_error(window, window.tr("Hai lần nhập mật khẩu mới không giống nhau."))
        return
    db, now = window.ctx.db, window.ctx.now()

    def work():
        with db.write_session() as s:
            accounts.change_own_password(s, me.username, old, new, now=now)

    from ketluan_desktop.ui.workers import answer_to, run_from

    run_from(  # the menu entry off until it is over: asked twice, changed once
        window.ctx.runner,
        [window.act_password],
        work,
        answer_to(
            window,
            lambda _=None: window.statusBar().showMessage(window.tr("Đã đổi mật khẩu."), 8000),
        ),
        answer_to(window, window._failed),
    )
