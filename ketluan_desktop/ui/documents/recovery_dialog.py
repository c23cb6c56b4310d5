"""The one question after a crash: which drafts get their autosaved text back.

Enter restores (the checked drafts; all are checked). «Để sau» (Escape) changes nothing: each
draft asks again when opened. «Không khôi phục» keeps the autosaves in each document's history.
No answer deletes anything. ``ask_recovery`` is its door (like ``ui/dialogs.py``: tests replace it,
or open the real dialog through ``dialogs.exec_dialog``); ``offer_recovery`` is the start-up flow
(list in the background, ask, restore or keep, open what was restored).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.clock import VN_TZ
from ketluan_desktop.core.documents.recovery import RecoverableDraft
from ketluan_desktop.core.text.dates import format_moment
from ketluan_desktop.ui import dialogs


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Recovery", text)


@dataclass
class RecoveryChoice:
    """Document ids: restore the autosave, keep it in the history, or leave it for later."""

    restore: list[int] = field(default_factory=list)
    keep: list[int] = field(default_factory=list)
    later: list[int] = field(default_factory=list)


def _when(moment) -> str:
    return format_moment(moment.astimezone(VN_TZ), seconds=True, time_first=True) if moment else "—"


class RecoveryDialog(QDialog):
    def __init__(
        self,
        drafts: list[RecoverableDraft],
        parent: QWidget | None = None,
        *,
        at_startup: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Khôi phục văn bản chưa lưu"))
        self.drafts = drafts
        ids = [d.doc_id for d in drafts]
        # Closed without an answer: at start-up nothing changes (each draft asks again when
        # opened); when opening a draft, it opens as saved and the autosave goes to its history.
        self.choice = RecoveryChoice(later=ids) if at_startup else RecoveryChoice(keep=ids)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _t(
                "Lần trước KếtLuận không được đóng bình thường (máy tắt đột ngột hoặc chương trình "
                "bị dừng). Các dự thảo dưới đây có phần đang soạn đã được tự động lưu nhưng chưa "
                "lưu chính thức. Nhấn Enter để khôi phục các văn bản được đánh dấu."
            )
            if at_startup
            else _t(
                "Dự thảo này có phần đang soạn đã được tự động lưu nhưng chưa lưu chính thức (có "
                "thể do chương trình bị đóng đột ngột). Nhấn Enter để khôi phục."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = self._make_list(drafts)
        layout.addWidget(self.list, 1)
        note = QLabel(
            _t(
                "Không mất gì: bản đã lưu trước đó, hoặc bản tự động lưu nếu bạn không khôi phục, "
                "vẫn được giữ trong «Văn bản → Lịch sử / Khôi phục bản tự lưu» cho đến khi bạn "
                "tự xóa."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        layout.addWidget(note)
        layout.addWidget(self._make_buttons(at_startup))
        room = self.screen().availableGeometry().width() * 9 // 10  # small screens at 150 %
        self.resize(min(1040, room), self.sizeHint().height())

    def _make_list(self, drafts: list[RecoverableDraft]) -> QTreeWidget:
        view = QTreeWidget()
        view.setAccessibleName(_t("Văn bản có thể khôi phục"))
        view.setHeaderLabels(
            [_t("Văn bản"), _t("Tự động lưu lúc"), _t("Lưu chính thức lúc"), _t("Thay đổi")]
        )
        view.setRootIsDecorated(False)
        view.setWordWrap(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for d in drafts:
            item = QTreeWidgetItem(  # the kind and number above the subject; reasons one a line
                [
                    d.label.replace(" — ", "\n", 1),
                    _when(d.autosaved_at),
                    _when(d.saved_at),
                    d.change.describe().replace("; ", ";\n"),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, d.doc_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(0, d.label)
            view.addTopLevelItem(item)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(3, 250)
        view.setCurrentItem(view.topLevelItem(0))
        view.setMinimumSize(720, 70 + 44 * min(len(drafts), 6))
        return view

    def _make_buttons(self, at_startup: bool) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(_t("Khôi phục"))
        self.restore_button.setDefault(True)
        self.keep_button = QPushButton(_t("Không khôi phục (giữ trong lịch sử)"))
        self.keep_button.setAutoDefault(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.restore_button.clicked.connect(self._restore)
        self.keep_button.clicked.connect(self._keep)
        if at_startup:
            later = buttons.addButton(_t("Để sau"), QDialogButtonBox.ButtonRole.RejectRole)
            later.setAutoDefault(False)
            later.setToolTip(_t("Không thay đổi gì; mỗi dự thảo sẽ hỏi lại khi được mở."))
            later.clicked.connect(self.reject)
        return buttons

    def _checked(self) -> tuple[list[int], list[int]]:
        on, off = [], []
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            doc_id = item.data(0, Qt.ItemDataRole.UserRole)
            (on if item.checkState(0) == Qt.CheckState.Checked else off).append(doc_id)
        return on, off

    def _restore(self) -> None:
        on, off = self._checked()
        self.choice = RecoveryChoice(restore=on, later=off)
        self.accept()

    def _keep(self) -> None:
        self.choice = RecoveryChoice(keep=[d.doc_id for d in self.drafts])
        self.accept()


def ask_recovery(
    parent: QWidget | None, drafts: list[RecoverableDraft], *, at_startup: bool = True
) -> RecoveryChoice:
    """Which drafts get their autosaved text back."""
    dialog = RecoveryDialog(drafts, parent, at_startup=at_startup)
    dialogs.exec_dialog(dialog)
    return dialog.choice


def offer_recovery(parent: QWidget, ctx, open_document) -> None:
    """After an unclean exit: list this workstation's recoverable drafts (off the GUI thread),
    ask once, apply the answer in one transaction, then ``open_document(id)`` each restored one."""
    from ketluan_desktop.core.documents import recovery
    from ketluan_desktop.core.session_marker import workstation

    me, db = workstation(), ctx.db

    def listing() -> list[RecoverableDraft]:
        with db.session() as s:
            return recovery.recoverable_drafts(s, workstation=me)

    def apply(choice: RecoveryChoice, now) -> list[recovery.RestoreResult]:
        with db.write_session() as s:
            results = [recovery.restore_autosave(s, i, now=now) for i in choice.restore]
            for doc_id in choice.keep:
                recovery.keep_autosave(s, doc_id, now=now)
            return results

    def applied(results: list[recovery.RestoreResult]) -> None:
        ctx.notify("documents", "tasks")
        notes = [r.note for r in results if r.note]
        if notes:
            dialogs.show_info(parent, "\n\n".join(notes), _t("Khôi phục văn bản"))
        for r in results:
            if r.restored:
                open_document(r.doc_id)

    def listed(drafts: list[RecoverableDraft]) -> None:
        if not drafts:
            return
        choice = ask_recovery(parent, drafts)
        if choice.restore or choice.keep:
            ctx.runner.run(lambda: apply(choice, ctx.now()), applied)

    ctx.runner.run(listing, listed)
