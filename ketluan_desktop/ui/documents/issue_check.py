"""«Ban hành» with key tasks that lack a lead unit or a deadline: the list, a way to go and fix
one, or issuing anyway. ``ask_issue_with_gaps`` is its door (like ``ui/dialogs.py``: tests replace
it, or open the real dialog through ``dialogs.exec_dialog``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents.issue_checks import IncompleteTask
from ketluan_desktop.ui import dialogs


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("IssueCheck", text)


def _short(text: str, n: int = 110) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class IssueCheckDialog(QDialog):
    """``choice`` after it closes: ("fix", block key), ("issue", None) or ("cancel", None).

    Enter goes to the task (the safe answer); issuing anyway takes a deliberate click."""

    def __init__(self, message: str, tasks: list[IncompleteTask], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_t("Ban hành văn bản"))
        self.choice: tuple[str, str | None] = ("cancel", None)
        self.tasks = tasks
        layout = QVBoxLayout(self)
        intro = QLabel(
            _t(
                "{n} nhiệm vụ trọng tâm chưa giao đủ: chưa có đơn vị chủ trì hoặc thời hạn thì "
                "không ai được giao báo cáo tiến độ. Hãy sửa trước khi ban hành, hoặc vẫn ban "
                "hành nếu đó là chủ ý."
            ).format(n=len(tasks))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QTreeWidget()
        self.list.setAccessibleName(_t("Nhiệm vụ chưa giao đủ"))
        self.list.setHeaderLabels([_t("Nhiệm vụ"), _t("Còn thiếu")])
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        self.list.setUniformRowHeights(False)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for task in tasks:
            item = QTreeWidgetItem([f"{task.section}\n– {_short(task.text)}", task.missing])
            item.setData(0, Qt.ItemDataRole.UserRole, task.key)
            item.setToolTip(0, task.text)
            self.list.addTopLevelItem(item)
        self.list.setColumnWidth(0, 470)
        self.list.setCurrentItem(self.list.topLevelItem(0))
        self.list.itemDoubleClicked.connect(self._fix)
        self.list.setMinimumSize(680, 180)
        layout.addWidget(self.list, 1)
        question = QLabel(message)
        question.setWordWrap(True)
        layout.addWidget(question)
        buttons = QDialogButtonBox()
        self.fix_button = QPushButton(_t("Sửa nhiệm vụ đã chọn"))
        self.issue_button = QPushButton(_t("Vẫn ban hành"))
        self.fix_button.setDefault(True)
        self.issue_button.setAutoDefault(False)
        buttons.addButton(self.fix_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.issue_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.fix_button.clicked.connect(self._fix)
        self.issue_button.clicked.connect(self._issue)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fix(self, *_args) -> None:
        item = self.list.currentItem() or self.list.topLevelItem(0)
        self.choice = ("fix", item.data(0, Qt.ItemDataRole.UserRole))
        self.accept()

    def _issue(self) -> None:
        self.choice = ("issue", None)
        self.accept()


def ask_issue_with_gaps(
    parent: QWidget | None, message: str, tasks: list[IncompleteTask]
) -> tuple[str, str | None]:
    """("fix", block key) | ("issue", None) | ("cancel", None)."""
    dialog = IssueCheckDialog(message, tasks, parent)
    dialogs.exec_dialog(dialog)
    return dialog.choice
