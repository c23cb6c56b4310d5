"""«Lịch sử / Khôi phục bản tự lưu» of a draft: the texts kept for it (autosaves not restored after
a crash, saved texts a restore replaced), to read, restore or — only when asked — discard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.clock import VN_TZ
from ketluan_desktop.core.documents.recovery import KeptCopy
from ketluan_desktop.core.text.dates import format_moment
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.workers import answer_to


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("History", text)


class HistoryDialog(QDialog):
    """``restored`` is True once a kept text became the draft's saved text."""

    def __init__(self, ctx, doc_id: int, parent: QWidget | None = None, *, read_only: bool = False):
        super().__init__(parent)
        self.setWindowTitle(_t("Lịch sử / Khôi phục bản tự lưu"))
        self.ctx, self.doc_id, self.read_only = ctx, doc_id, read_only
        self.restored = False
        self.copies: list[KeptCopy] = []
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.list = QTreeWidget()
        self.list.setAccessibleName(_t("Các bản được giữ"))
        self.list.setHeaderLabels(
            [_t("Ghi lúc"), _t("Loại"), _t("So với bản đang lưu"), _t("Số từ")]
        )
        self.list.setRootIsDecorated(False)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(self._show_current)
        self.text = QTextBrowser()
        self.text.setAccessibleName(_t("Nội dung bản được chọn"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.text)
        split.setSizes([160, 320])
        layout.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(_t("Khôi phục bản này"))
        self.discard_button = QPushButton(_t("Xóa bản này…"))
        for b in (self.restore_button, self.discard_button):
            b.setAutoDefault(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_current)
        self.discard_button.clicked.connect(self.discard_current)
        layout.addWidget(buttons)
        self.resize(860, 600)
        self.reload()

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        from ketluan_desktop.core.documents import recovery

        db, doc_id = self.ctx.db, self.doc_id

        def work() -> list[KeptCopy]:
            with db.session() as s:
                return recovery.kept_copies(s, doc_id)

        self.ctx.runner.run(work, answer_to(self, self._show), answer_to(self, self._failed))

    def _show(self, copies: list[KeptCopy]) -> None:
        self.copies = copies
        self.list.clear()
        for c in copies:
            item = QTreeWidgetItem(
                [
                    format_moment(c.written_at.astimezone(VN_TZ), seconds=True, time_first=True),
                    c.label,
                    c.change.describe(),
                    str(c.words),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, c.id)
            self.list.addTopLevelItem(item)
        if copies:
            self.intro.setText(
                _t(
                    "Các bản dưới đây được giữ lại để không mất chữ nào. Khôi phục một bản thì bản "
                    "đang lưu cũng được giữ ở đây; chỉ «Xóa bản này» mới bỏ hẳn một bản."
                )
            )
            self.list.setCurrentItem(self.list.topLevelItem(0))
        else:
            self.intro.setText(_t("Văn bản này không có bản tự lưu nào được giữ."))
            self.text.clear()
        self._enable()

    def _enable(self) -> None:
        has = self.current() is not None
        self.restore_button.setEnabled(has and not self.read_only)
        self.discard_button.setEnabled(has)

    def current(self) -> KeptCopy | None:
        item = self.list.currentItem()
        if item is None:
            return None
        copy_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((c for c in self.copies if c.id == copy_id), None)

    def _show_current(self, *_args) -> None:
        from ketluan_desktop.core.documents import recovery
        from ketluan_desktop.ui.documents.reader import draft_html

        self._enable()
        chosen = self.current()
        if chosen is None:
            self.text.clear()
            return
        db, copy_id = self.ctx.db, chosen.id

        def work() -> str:
            with db.session() as s:
                return draft_html(recovery.copy_draft_text(s, copy_id))

        def arrived(html: str) -> None:
            if self.current() is chosen:  # another copy chosen meanwhile: its own text comes
                self.text.setHtml(html)

        self.text.clear()
        self.ctx.runner.query(
            ("history-text", id(self)),
            work,
            answer_to(self, arrived),
            answer_to(self, self._failed),
        )

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        report_exception(exc, tb, self)

    # ------------------------------------------------------------------ actions
    def restore_current(self) -> None:
        from ketluan_desktop.core.documents import recovery

        chosen = self.current()
        if chosen is None or self.read_only:
            return
        if not dialogs.ask_yes_no(
            self,
            _t(
                "Khôi phục bản ghi lúc {when}? Nội dung đang lưu của văn bản được giữ lại trong "
                "lịch sử này, có thể khôi phục lại."
            ).format(when=format_moment(chosen.written_at.astimezone(VN_TZ), time_first=True)),
            _t("Khôi phục bản tự lưu"),
        ):
            return
        db, now = self.ctx.db, self.ctx.now()

        def work() -> None:
            with db.write_session() as s:
                recovery.restore_copy(s, chosen.id, now=now)

        def done(_r) -> None:
            self.restored = True
            self.ctx.notify("documents", "tasks")
            self.accept()

        self._write(work, done)

    def discard_current(self) -> None:
        from ketluan_desktop.core.documents import recovery

        chosen = self.current()
        if chosen is None or not dialogs.ask_yes_no(
            self,
            _t("Xóa hẳn bản ghi lúc {when} ({change})? Không lấy lại được sau khi xóa.").format(
                when=format_moment(chosen.written_at.astimezone(VN_TZ), time_first=True),
                change=chosen.change.describe(),
            ),
            _t("Xóa bản được giữ"),
        ):
            return
        db = self.ctx.db

        def work() -> None:
            with db.write_session() as s:
                recovery.discard_copy(s, chosen.id)

        self._write(work, lambda _r: self.reload())

    def _write(self, work, done) -> None:
        """On the runner, both buttons off until it is over (a double click acts once)."""
        from ketluan_desktop.ui.workers import run_from

        def ok(result) -> None:
            self._enable()
            done(result)

        def failed(exc: BaseException, tb: str) -> None:
            self._enable()
            self._failed(exc, tb)

        buttons = [self.restore_button, self.discard_button]
        run_from(self.ctx.runner, buttons, work, answer_to(self, ok), answer_to(self, failed))
