"""Backups in the window: Công cụ → «Sao lưu & khôi phục», the status bar, automatic copies."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from ketluan_desktop.ui import dialogs


def _tools_menu(window):
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and window.act_settings in menu.actions():
            return menu
    return None


def install(window):
    """Called by ``MainWindow.attach``: returns the scheduler (``on_close`` at closing time)."""
    from ketluan_desktop.ui.backup.scheduler import BackupScheduler

    scheduler = BackupScheduler(window.ctx, window)
    label = QLabel()
    label.setObjectName("backupStatus")
    window.statusBar().addPermanentWidget(label)
    scheduler.status_changed.connect(label.setText)
    scheduler.status_changed.connect(lambda text: label.setToolTip(text))
    window.backup_label = label
    action = QAction(window.tr("&Sao lưu && khôi phục…"), window)
    action.triggered.connect(lambda: open_dialog(window, scheduler))
    menu = _tools_menu(window)
    if menu is not None:
        menu.insertAction(window.act_settings, action)
    window.act_backup = action
    scheduler.start()
    return scheduler


def open_dialog(window, scheduler) -> None:
    from ketluan_desktop.ui.backup.dialog import BackupDialog

    dialogs.exec_dialog(BackupDialog(window.ctx, scheduler, window))
