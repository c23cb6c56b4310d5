"""Settings → «Cơ sở dữ liệu» with real typing and clicks: check the server, switch to it (the
password only in the credential store), and back to a file."""

from __future__ import annotations

import json

import engines
import pytest
from memory_keyring import MemoryKeyring
from PySide6.QtCore import QPoint, Qt

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _choose(qtbot, radio) -> None:
    """Click the radio button's circle."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


@pytest.fixture
def keyring_store():
    import keyring

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend.store
    keyring.set_keyring(previous)


@pytest.fixture
def settings_for(qtbot, now):
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.settings_dialog import SettingsDialog

    create_application()

    def make(database):
        ctx = AppContext(database, clock=lambda: now)
        dlg = SettingsDialog(ctx)
        qtbot.addWidget(dlg)
        dlg.tabs.setCurrentWidget(dlg.database_tab)
        dlg.show()
        made.append(dlg)  # the dialog lives as long as the test
        return ctx, dlg.database_tab

    made: list = []
    yield make


@pytest.mark.sqlite_only
@pytest.mark.pg_only
def test_switch_from_the_file_to_the_shared_server_and_back(
    settings_for, db, keyring_store, qtbot, _isolated_data_dir, tmp_path
):
    ctx, tab = settings_for(db)
    assert tab.local.isChecked() and tab.path.text() == str(db.path)
    assert not tab.check_button.isEnabled()
    server = engines.server()
    name, _url = engines.new_database_url(None)
    _choose(qtbot, tab.server)
    assert tab.server.isChecked() and tab.check_button.isEnabled()
    tab.host.clear()
    qtbot.keyClicks(tab.host, server.host)
    tab.port.setValue(server.port)
    tab.database.clear()
    qtbot.keyClicks(tab.database, name)
    qtbot.keyClicks(tab.user, server.user)
    qtbot.keyClicks(tab.password, "mat-khau-cua-van-thu")
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    assert tab.status.text().startswith("Kết nối được: PostgreSQL 1")
    assert "cơ sở dữ liệu trống" in tab.status.text()
    qtbot.mouseClick(tab.apply_button, Qt.MouseButton.LeftButton)
    assert ctx.db.is_server and ctx.db.location.url.database == name
    assert tab.status.text().startswith("Đang dùng postgresql+psycopg://")
    assert "mat-khau" not in tab.status.text() and tab.password.text() == ""
    saved = (_isolated_data_dir / "connection.json").read_text(encoding="utf-8")
    assert json.loads(saved)["database"] == name and "mat-khau" not in saved
    assert list(keyring_store.values()) == ["mat-khau-cua-van-thu"]

    back = tmp_path / "Tệp mới" / "ketluan.db"
    _choose(qtbot, tab.local)
    tab.path.setText(str(back))
    qtbot.mouseClick(tab.apply_button, Qt.MouseButton.LeftButton)
    assert ctx.db.path == back and back.exists()
    assert json.loads((_isolated_data_dir / "connection.json").read_text())["mode"] == "local"
    ctx.db.dispose()


def test_a_server_that_refuses_is_explained_in_the_tab(settings_for, db, keyring_store, qtbot):
    from pg_cluster import free_port

    ctx, tab = settings_for(db)
    _choose(qtbot, tab.server)
    for field in (tab.host, tab.user):
        field.clear()
    qtbot.keyClicks(tab.host, "127.0.0.1")
    tab.port.setValue(free_port())
    qtbot.keyClicks(tab.user, "vanthu")
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    assert tab.status.text().startswith("Không kết nối được máy chủ 127.0.0.1:")
    qtbot.mouseClick(tab.apply_button, Qt.MouseButton.LeftButton)
    assert ctx.db is db and keyring_store == {}
