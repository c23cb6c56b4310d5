"""Every modal interaction goes through these functions, so tests replace them (no blocking exec)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ketluan_desktop.ui import file_dialogs


def _t(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def exec_dialog(dialog: QDialog) -> int:
    return dialog.exec()


def show_error(parent: QWidget | None, message: str, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or _t("Không thực hiện được"), message)


def show_info(parent: QWidget | None, message: str, title: str | None = None) -> None:
    QMessageBox.information(parent, title or _t("Thông báo"), message)


def ask_yes_no(parent: QWidget | None, message: str, title: str | None = None) -> bool:
    answer = QMessageBox.question(
        parent,
        title or _t("Xác nhận"),
        message,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_discard_cancel(parent: QWidget | None, message: str) -> str:
    """'save' | 'discard' | 'cancel'."""
    box = QMessageBox(QMessageBox.Icon.Question, _t("Chưa lưu thay đổi"), message, parent=parent)
    save = box.addButton(_t("Lưu"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_t("Không lưu"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_t("Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def ask_choice(
    parent: QWidget | None,
    message: str,
    title: str,
    choices: list[tuple[str, str]],
    default: str,
) -> str:
    """One of ``choices`` (key, button text); Enter takes ``default``, Esc the last choice."""
    box = QMessageBox(QMessageBox.Icon.Question, title, message, parent=parent)
    buttons = {}
    for key, label in choices:
        buttons[box.addButton(label, QMessageBox.ButtonRole.ActionRole)] = key
    for button, key in buttons.items():
        if key == default:
            box.setDefaultButton(button)
        if key == choices[-1][0]:
            box.setEscapeButton(button)
    box.exec()
    return buttons.get(box.clickedButton(), choices[-1][0])


def get_open_file(parent: QWidget | None, caption: str, folder: str, filters: str) -> str | None:
    # Never QFileDialog's static functions: their icon provider opens the files it lists, which
    # drops SQLite's locks on the database (see ui/file_dialogs.py).
    return file_dialogs.run(file_dialogs.file_dialog(parent, caption, folder, filters))


def get_save_file(parent: QWidget | None, caption: str, path: str, filters: str) -> str | None:
    return file_dialogs.run(file_dialogs.file_dialog(parent, caption, path, filters, save=True))


def get_folder(parent: QWidget | None, caption: str, folder: str) -> str | None:
    dialog = file_dialogs.file_dialog(parent, caption, folder, directory_only=True)
    return file_dialogs.run(dialog)


def open_file(
    parent: QWidget | None, caption: str, kind: str, filters: str, first: str | None = None
) -> str | None:
    """Pick a file to read, starting in the folder files of this ``kind`` ("import", "p12",
    "units"…) were last taken from (``first`` the first time); that folder is remembered."""
    from ketluan_desktop.ui.preferences import last_folder, remember_folder

    path = get_open_file(parent, caption, last_folder(kind, first), filters)
    if path:
        remember_folder(kind, path)
    return path


def save_file(
    parent: QWidget | None,
    caption: str,
    kind: str,
    name: str,
    filters: str,
    suffix: str | None = None,
) -> str | None:
    """Pick where to write a file: ``name`` (the natural file name) offered in the folder files of
    this ``kind`` were last saved to; ``suffix`` (".pdf") is added when the user typed none."""
    from ketluan_desktop.ui.preferences import last_folder, remember_folder

    path = get_save_file(parent, caption, str(Path(last_folder(kind)) / name), filters)
    if not path:
        return None
    if suffix and not path.lower().endswith(suffix.lower()):
        path += suffix
    remember_folder(kind, path)
    return path


def get_secret(parent: QWidget | None, caption: str, label: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(parent, caption, label, QLineEdit.EchoMode.Password)
    return text if ok else None


def get_text(parent: QWidget | None, caption: str, label: str) -> str | None:
    """A few lines typed by the user (a comment); None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getMultiLineText(parent, caption, label)
    return text if ok else None
