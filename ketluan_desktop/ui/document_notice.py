"""A document open in an editor and changed on another workstation: announced, never merged.

The change watcher calls ``document_changed_elsewhere(ids)``; each open editor of one of those
documents asks the database (in the background) who saved it last. If that is a newer version
than the editor's, a bar at the top of the editor says who changed it and when, and offers to load
the new version or to keep one's own text as a new draft. Nothing changes in the editor by itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QPushButton, QToolBar

from ketluan_desktop.ui import dialogs


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentNotice", text)


def open_editors() -> list[QMainWindow]:
    from ketluan_desktop.ui.documents.editor import DocumentEditor

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentEditor)]


def document_changed_elsewhere(ids: object) -> None:
    wanted = set(ids) if isinstance(ids, tuple) else None
    for editor in open_editors():
        doc_id = editor.model.draft.doc_id
        if doc_id is not None and (wanted is None or doc_id in wanted):
            check_editor(editor)


def check_editor(editor) -> None:
    """Compare the editor's version with the stored one (off the GUI thread)."""
    from ketluan_desktop.core.db import versioning
    from ketluan_desktop.core.documents.models import Document

    doc_id, version = editor.model.draft.doc_id, editor.model.draft.version
    db = editor.ctx.db

    def work():
        with db.session() as s:
            return versioning.last_change(s, Document, doc_id)

    def done(last) -> None:
        if editor.model.draft.doc_id != doc_id:
            return
        if last is None:
            show_notice(editor, _t("Văn bản này vừa bị xóa ở máy khác. Bạn vẫn có thể lưu phần "
                                   "đang sửa thành một dự thảo mới."), deleted=True)  # fmt: skip
        elif version is not None and last.version != editor.model.draft.version:
            said = last.describe()
            show_notice(
                editor,
                _t("Văn bản này vừa được sửa ở máy khác{said}. Bản bạn đang mở chưa gồm thay "
                   "đổi đó; không có gì được gộp tự động.").format(
                    said=f" ({said})" if said else ""
                ),
            )  # fmt: skip

    editor.ctx.runner.run(work, done, lambda exc, tb: None)


def show_notice(editor, message: str, *, deleted: bool = False) -> QToolBar:
    bar: QToolBar | None = editor.findChild(QToolBar, "changedElsewhere")
    if bar is None:
        bar = QToolBar(editor)
        bar.setObjectName("changedElsewhere")
        bar.setMovable(False)
        bar.setStyleSheet("QToolBar#changedElsewhere { background: #fff4ce; }")
        label = QLabel()
        label.setObjectName("changedElsewhereText")
        label.setWordWrap(True)
        bar.addWidget(label)
        reload_btn = QPushButton(_t("Tải bản mới"))
        reload_btn.setObjectName("reloadButton")
        keep_btn = QPushButton(_t("Giữ bản của tôi thành dự thảo mới"))
        keep_btn.setObjectName("keepButton")
        close_btn = QPushButton(_t("Để sau"))
        bar.addWidget(reload_btn)
        bar.addWidget(keep_btn)
        bar.addWidget(close_btn)
        reload_btn.clicked.connect(lambda: _reload(editor, bar))
        keep_btn.clicked.connect(lambda: (bar.hide(), editor.save_as_new_draft()))
        close_btn.clicked.connect(bar.hide)
        editor.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        editor.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    bar.findChild(QLabel, "changedElsewhereText").setText(message)
    bar.findChild(QPushButton, "reloadButton").setVisible(not deleted)
    bar.show()
    return bar


def _reload(editor, bar: QToolBar) -> None:
    if editor.modified and not dialogs.ask_yes_no(
        editor,
        _t(
            "Tải bản mới sẽ bỏ phần bạn vừa sửa trong cửa sổ này. Muốn giữ phần đó, hãy chọn "
            "«Không» rồi bấm «Giữ bản của tôi thành dự thảo mới». Tải bản mới?"
        ),
        _t("Tải bản mới"),
    ):
        return
    bar.hide()
    editor.lifecycle.reload_from_db(editor.model.draft.doc_id)
