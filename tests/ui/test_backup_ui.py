"""Backups as the clerk meets them: a copy after the day's first change and on closing, the
status bar when the second place is absent, Công cụ → «Sao lưu & khôi phục» with real clicks,
and Cài đặt → «Sao lưu» showing both places and the last good copy in each."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ketluan_desktop.core.backup import config, container, naming
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.ui.backup.scheduler import BackupScheduler

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints"
)  # offscreen


@pytest.fixture
def automatic(monkeypatch):
    monkeypatch.setattr(BackupScheduler, "automatic", True)


def _copies(folder: Path | None = None) -> list:
    return naming.copies_in(folder or config.primary_folder())


def _add_task(ctx, text: str) -> None:
    with ctx.db.write_session() as s:
        s.add(Task(text=text))


def test_the_days_first_change_makes_a_copy_and_closing_makes_the_last(
    automatic, demo_db, make_window, qtbot, now
):
    w = make_window(demo_db)
    assert _copies() == []  # opening changes nothing the clerk did
    _add_task(w.ctx, "Việc đầu tiên trong ngày")
    qtbot.waitUntil(lambda: len(_copies()) == 1)
    assert "Đã sao lưu lúc" in w.backup_label.text()
    assert "chưa chọn nơi sao lưu thứ hai" in w.backup_label.text()
    _add_task(w.ctx, "Việc thứ hai trong ngày")  # not the first change today: no new copy
    assert len(_copies()) == 1
    assert container.read_header(_copies()[0].path).counts["task"] == 9
    w.close()  # this session changed something since the copy: one more on closing
    assert len(_copies()) == 2
    assert container.read_header(_copies()[-1].path).counts["task"] == 10


def test_an_absent_second_place_is_said_on_the_status_bar_and_caught_up(
    automatic, demo_db, make_window, qtbot, tmp_path
):
    usb = tmp_path / "USB"
    config.save_config(config.BackupConfig(second_place=str(usb)))
    w = make_window(demo_db)
    _add_task(w.ctx, "Việc khi chưa cắm USB")
    qtbot.waitUntil(lambda: len(_copies()) == 1)
    assert "nơi thứ hai" in w.backup_label.text() and "vắng mặt" in w.backup_label.text()
    assert "chép bù" in w.backup_label.text()
    usb.mkdir()
    w.backups.catch_up()  # what the ten-minute timer does
    qtbot.waitUntil(lambda: len(_copies(usb)) == 1)
    assert "Đã chép bù" in w.backup_label.text()
    assert _copies(usb)[0].path.read_bytes() == _copies()[0].path.read_bytes()


def test_backup_now_and_restore_with_real_clicks(demo_db, make_window, qtbot, monkeypatch, now):
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.backup.confirm import RestoreConfirmDialog
    from ketluan_desktop.ui.backup.dialog import BackupDialog

    w = make_window(demo_db)
    assert w.act_backup in w.act_settings.parent().findChildren(type(w.act_backup))
    dialog = BackupDialog(w.ctx, w.backups, w)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.tree.topLevelItemCount() == 0
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1)
    assert dialog.tree.topLevelItem(0).text(5) == "8"  # tasks in the copy
    _add_task(w.ctx, "Việc làm sau khi sao lưu")
    asked: list = []

    def answer(d):
        asked.append(d)
        if isinstance(d, RestoreConfirmDialog):
            assert d.table.item(1, 0).text() == "8" and d.table.item(1, 1).text() == "9"
            return QDialog.DialogCode.Rejected if len(asked) == 1 else QDialog.DialogCode.Accepted
        return 0

    monkeypatch.setattr(dialogs, "exec_dialog", answer)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)  # «Hủy»: nothing changes
    assert _count_tasks(w) == 9 and "Đã hủy" in dialog.status.text()
    old_db = w.ctx.db
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.ctx.db is not old_db)
    assert _count_tasks(w) == 8
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 2)  # the kept pre-restore copy


def _count_tasks(w) -> int:
    from sqlalchemy import func, select

    with w.ctx.db.session() as s:
        return s.scalar(select(func.count()).select_from(Task))


def test_enter_in_the_restore_question_cancels(qtbot, demo_db, now):
    from ketluan_desktop.core.backup import service
    from ketluan_desktop.ui.backup.confirm import RestoreConfirmDialog

    copy = service.make_backup(demo_db, now=now).result(config.PRIMARY).path
    d = RestoreConfirmDialog(copy, container.read_header(copy), {"task": 3}, None)
    qtbot.addWidget(d)
    d.show()
    qtbot.keyClick(d, Qt.Key.Key_Return)
    assert d.result() == QDialog.DialogCode.Rejected


def test_settings_show_both_places_and_the_last_good_copy_in_each(
    demo_db, make_window, qtbot, monkeypatch, tmp_path, now
):
    from ketluan_desktop.core.backup import service
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.settings_dialog import SettingsDialog

    usb = tmp_path / "Ổ USB"
    usb.mkdir()
    w = make_window(demo_db)
    service.make_backup(w.ctx.db, now=now - timedelta(days=1))
    d = SettingsDialog(w.ctx, w)
    qtbot.addWidget(d)
    tab = d.backup_tab
    assert d.tabs.tabText(d.tabs.indexOf(tab)) == "Sao lưu"
    assert str(config.primary_folder()) in tab.primary.text()
    assert "28/11/2026 09:30" in tab.primary_state.text()
    assert "Chưa chọn" in tab.second_state.text()
    monkeypatch.setattr(dialogs, "get_folder", lambda *_a: str(usb))
    qtbot.mouseClick(tab.choose, Qt.MouseButton.LeftButton)
    assert config.load_config().second_place == str(usb) and tab.second.text() == str(usb)
    service.make_backup(w.ctx.db, now=now)
    tab._load()
    assert "29/11/2026 09:30" in tab.second_state.text()
    secrets = iter(["cụm mật khẩu dài", "cụm mật khẩu dài"])
    monkeypatch.setattr(dialogs, "get_secret", lambda *_a: next(secrets))
    qtbot.mouseClick(tab.encrypt, Qt.MouseButton.LeftButton)
    assert config.load_config().encrypted and tab.encrypt.isChecked()
