"""File dialogs that never open the files they list.

Qt's own file dialog asks its icon provider for each file's icon and type; the default provider
asks ``QMimeDatabase``, which opens ``ketluan.db`` (and its -wal and -shm) to read their first bytes
and closes them again. On Linux that close drops every POSIX lock SQLite holds on the database in
this process, and the next process to open and close the database deletes the WAL we are still
writing into: committed work is lost at the next crash (issue 13 item 9, reproduced in
``tests/ui/test_posix_lock_trap.py``). Here icons come from the file's kind (folder or file) and
the type column from its extension, so listing a folder reads no file. On Linux the dialog is
always Qt's own (a GTK dialog in this process would sniff the same way); Windows keeps its native
dialog, whose locks belong to handles and cannot be dropped by another handle.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QFileIconProvider, QStyle, QWidget


def _t(text: str) -> str:
    return QCoreApplication.translate("FileDialogs", text)


class NoSniffIconProvider(QFileIconProvider):
    """Icons by kind, types by extension: never ``QMimeDatabase`` (which reads file contents)."""

    def __init__(self) -> None:
        super().__init__()
        style = QApplication.style()  # made here, on the GUI thread; only copied elsewhere
        self._folder = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self._file = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self._drive = style.standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon)

    def icon(self, what) -> QIcon:  # both of Qt's overloads land here
        if isinstance(what, QFileInfo):
            if what.isRoot():
                return self._drive
            return self._folder if what.isDir() else self._file
        if what == QAbstractFileIconProvider.IconType.Folder:
            return self._folder
        if what == QAbstractFileIconProvider.IconType.Drive:
            return self._drive
        return self._file

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return _t("Thư mục")
        suffix = info.suffix()
        return _t("Tệp {ext}").format(ext=suffix.upper()) if suffix else _t("Tệp")


def use_native_dialog() -> bool:
    return sys.platform == "win32"


def file_dialog(
    parent: QWidget | None,
    caption: str,
    folder: str,
    filters: str = "",
    *,
    save: bool = False,
    directory_only: bool = False,
) -> QFileDialog:
    """A configured, not yet shown, dialog (``dialogs`` executes it; tests may show it)."""
    dialog = QFileDialog(parent, caption, folder, filters)
    if not use_native_dialog():
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        provider = NoSniffIconProvider()
        dialog.setIconProvider(provider)
        dialog._no_sniff_provider = provider  # type: ignore[attr-defined] # the dialog keeps a raw pointer
    if directory_only:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    elif save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        suggested = Path(folder)
        if folder and not suggested.is_dir():  # a natural file name offered in its folder
            dialog.setDirectory(str(suggested.parent))
            dialog.selectFile(suggested.name)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return dialog


def run(dialog: QFileDialog) -> str | None:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return None
    chosen = dialog.selectedFiles()
    return chosen[0] if chosen else None
