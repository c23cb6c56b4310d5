"""A save refused because someone else saved first: say who and when, and let the person choose.

«Tải bản mới nhất» (reload theirs), «So sánh» (the two versions side by side, differing lines
marked), «Giữ bản của tôi thành dự thảo mới» (nothing typed is lost) or «Quay lại sửa». The dialog
opens through ``ui.dialogs.exec_dialog`` like every modal dialog, so tests answer it.
"""

from __future__ import annotations

import html

import shiboken6
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.db.versioning import StaleEditError
from ketluan_desktop.core.errors import ConflictError
from ketluan_desktop.ui import dialogs

RELOAD, COMPARE, KEEP, BACK = "reload", "compare", "keep", "back"


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("StaleSaveDialog", text)


def _marked(lines: list[str], others: list[str], colour: str) -> str:
    other = set(others)
    out = []
    for line in lines:
        text = html.escape(line) or "&nbsp;"
        if line not in other:
            text = f'<span style="background:{colour}">{text}</span>'
        out.append(f"<p style='margin:0 0 4px 0'>{text}</p>")
    return "".join(out)


class StaleSaveDialog(QDialog):
    def __init__(
        self,
        error: ConflictError,
        *,
        theirs: list[str] | None,
        mine: list[str],
        keep_label: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Đã có người lưu trước bạn"))
        self.choice: str | None = None
        self.message = QLabel(error.message)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)

        self.compare_pane = QWidget()
        row = QHBoxLayout(self.compare_pane)
        row.setContentsMargins(0, 0, 0, 0)
        last = error.last if isinstance(error, StaleEditError) else None
        who = last.describe() if last is not None else ""
        self.theirs_view = self._column(
            row, _t("Bản đã lưu ({who})").format(who=who) if who else _t("Bản đã lưu")
        )
        self.mine_view = self._column(row, _t("Bản của bạn (chưa lưu)"))
        theirs = theirs or [_t("(Bản ghi đã bị xóa)")]
        self.theirs_view.setHtml(_marked(theirs, mine, "#ffe0e0"))
        self.mine_view.setHtml(_marked(mine, theirs, "#dff6dd"))
        self.compare_pane.hide()
        layout.addWidget(self.compare_pane, 1)

        buttons = QDialogButtonBox()
        self.reload_button = self._button(buttons, _t("Tải bản mới nhất"), RELOAD)
        self.compare_button = QPushButton(_t("So sánh"))
        self.compare_button.setCheckable(True)
        self.compare_button.toggled.connect(self._toggle_compare)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.keep_button = self._button(
            buttons, keep_label or _t("Giữ bản của tôi thành dự thảo mới"), KEEP
        )
        self.back_button = self._button(buttons, _t("Quay lại sửa"), BACK)
        self.keep_button.setDefault(True)
        layout.addWidget(buttons)
        self.resize(720, 220)

    def _column(self, row: QHBoxLayout, title: str) -> QTextBrowser:
        col = QVBoxLayout()
        label = QLabel(title)
        label.setWordWrap(True)
        view = QTextBrowser()
        col.addWidget(label)
        col.addWidget(view, 1)
        row.addLayout(col, 1)
        return view

    def _button(self, box: QDialogButtonBox, text: str, choice: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"{choice}Button")
        button.clicked.connect(lambda: self._choose(choice))
        box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        return button

    def _toggle_compare(self, on: bool) -> None:
        self.compare_pane.setVisible(on)
        if on:
            self.resize(max(self.width(), 900), max(self.height(), 520))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask_stale_choice(
    parent: QWidget | None,
    error: ConflictError,
    *,
    theirs: list[str] | None,
    mine: list[str],
    keep_label: str | None = None,
) -> str:
    """RELOAD, KEEP or BACK (closing the dialog is BACK: nothing is lost)."""
    dlg = StaleSaveDialog(error, theirs=theirs, mine=mine, keep_label=keep_label, parent=parent)
    dialogs.exec_dialog(dlg)
    return dlg.choice or BACK


def resolve_editor_conflict(editor, error: ConflictError) -> None:
    """The document editor's save was refused (``editor``: its DocumentLifecycle): fetch the
    stored text, then let the person choose."""
    from ketluan_desktop.core.documents import draft_saving
    from ketluan_desktop.core.errors import NotFoundError

    doc_id = editor.model.draft.doc_id
    mine = [t for t in editor.model.draft.texts() if t]
    db = editor.ctx.db

    def work():
        try:
            with db.session() as s:
                return [t for t in draft_saving.load_draft(s, doc_id).texts() if t]
        except NotFoundError:
            return None

    def done(theirs) -> None:
        if not shiboken6.isValid(editor.window):
            return  # the editor closed meanwhile: nothing left to choose for
        choice = ask_stale_choice(editor.window, error, theirs=theirs, mine=mine)
        if choice == KEEP:
            editor.save_as_new_draft()
        elif choice == RELOAD and theirs is not None:
            editor.reload_from_db(doc_id)

    editor.ctx.runner.run(work, done, lambda exc, tb: done(None))
