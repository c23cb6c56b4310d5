"""Issue 13 item 10: file dialogs speak Vietnamese (Qt's own dialog on Linux said "Look in",
"File name", "Files of type"), start where that kind of file was last used, offer the natural file
name; "Mở tệp sau khi xuất" says so when the system cannot open the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QTreeView

from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.preferences import last_folder, remember_folder

ENGLISH = ("Look in", "File name", "Files of type", "Computer", "Folder", "Cancel", "Save")


@pytest.fixture(autouse=True)
def _app():
    from ketluan_desktop.ui.application import create_application

    return create_application()


@pytest.mark.parametrize(
    "mode", [QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen]
)
def test_qts_own_file_dialog_speaks_vietnamese(qtbot, tmp_path, mode):
    from ketluan_desktop.ui import file_dialogs

    (tmp_path / "thư mục").mkdir()
    # The dialog every picker shows (Qt's own on Linux, with the icon provider that never opens
    # the files it lists: ui/file_dialogs.py).
    save = mode == QFileDialog.AcceptMode.AcceptSave
    dlg = file_dialogs.file_dialog(None, "Lưu báo cáo", str(tmp_path), "PDF (*.pdf)", save=save)
    assert dlg.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dlg.acceptMode() == mode
    qtbot.addWidget(dlg)
    texts = [w.text() for w in dlg.findChildren(QLabel) + dlg.findChildren(QAbstractButton)]
    texts = [t.replace("&", "") for t in texts if t]
    assert {"Tìm trong:", "Tên tệp:", "Loại tệp:"} <= set(texts)
    assert not [t for t in texts if any(t.startswith(e) for e in ENGLISH)], texts
    model = dlg.findChild(QTreeView, "treeView").model()
    titles = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
    assert titles == ["Tên", "Cỡ", "Loại", "Ngày sửa"]


def test_save_offers_the_natural_name_in_the_last_folder_and_remembers(monkeypatch, tmp_path):
    reports = tmp_path / "Báo cáo"
    reports.mkdir()
    remember_folder("reports", reports / "cũ.pdf")
    offered = []
    chosen = tmp_path / "Nơi khác" / "Báo cáo thực hiện"
    chosen.parent.mkdir()
    monkeypatch.setattr(
        dialogs, "get_save_file", lambda p, c, path, f: offered.append(path) or str(chosen)
    )
    path = dialogs.save_file(None, "Lưu", "reports", "Báo cáo thực hiện.pdf", "PDF (*.pdf)", ".pdf")
    assert offered == [str(reports / "Báo cáo thực hiện.pdf")]
    assert path == str(chosen) + ".pdf"  # the extension the user did not type
    assert last_folder("reports") == str(chosen.parent)
    assert last_folder("units") == str(Path.home())  # another kind of file: its own folder


def test_open_starts_where_that_kind_was_last_taken(monkeypatch, tmp_path):
    remember_folder("units", tmp_path / "don-vi.xlsx")
    started = []
    monkeypatch.setattr(
        dialogs, "get_open_file", lambda p, c, folder, f: started.append(folder) or None
    )
    assert dialogs.open_file(None, "Nhập", "units", "Excel (*.xlsx)") is None
    assert started == [str(tmp_path)]


def test_no_picker_bypasses_the_dialogs_module():
    """Every file picker goes through ui/dialogs.py (Vietnamese, remembered folders, tests)."""
    ui = Path(__file__).resolve().parents[2] / "ketluan_desktop" / "ui"
    offenders = [
        str(p.relative_to(ui))
        for p in ui.rglob("*.py")
        # dialogs.py is the door; file_dialogs.py builds the dialog it shows (no file sniffing)
        if p.name not in ("dialogs.py", "file_dialogs.py", "qt_vi.py")
        and "QFileDialog" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
    home_starts = [
        str(p.relative_to(ui))
        for p in ui.rglob("*.py")
        if "get_open_file(" in p.read_text(encoding="utf-8")
        and "Path.home()" in p.read_text(encoding="utf-8")
    ]
    assert home_starts == []
