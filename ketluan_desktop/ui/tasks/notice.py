"""The start-up notice: overdue tasks and those due this week, in a bar that never blocks."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from ketluan_desktop.core.tasks.notice_values import TaskNotice
from ketluan_desktop.core.text.dates import format_date


class TaskNoticeBar(QFrame):
    show_overdue = Signal()
    show_due_soon = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notice: TaskNotice | None = None
        self.dismissed = False
        self.setObjectName("taskNotice")
        self.setStyleSheet(
            "QFrame#taskNotice { background: #fff4d6; border: 1px solid #f2c14e; border-radius: 4px; }"
            "QFrame#taskNotice QLabel { color: #4a3b00; }"
        )
        h = QHBoxLayout(self)
        h.setContentsMargins(10, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.overdue_btn = QPushButton(self.tr("Xem nhiệm vụ quá hạn"))
        self.overdue_btn.clicked.connect(self.show_overdue.emit)
        self.soon_btn = QPushButton(self.tr("Xem việc sắp đến hạn"))
        self.soon_btn.clicked.connect(self.show_due_soon.emit)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Ẩn thông báo"))
        close.setAutoRaise(True)
        close.clicked.connect(self.dismiss)
        h.addWidget(self.label, 1)
        h.addWidget(self.overdue_btn)
        h.addWidget(self.soon_btn)
        h.addWidget(close)
        self.hide()

    def check(self) -> None:
        """Count in the background; show the bar when something needs attention."""
        ctx = self.ctx
        today = ctx.today()

        def work() -> TaskNotice:
            from ketluan_desktop.core.tasks import due_notice  # the ORM: not before the first paint

            with ctx.db.session() as s:
                return due_notice.notice(s, today=today)

        ctx.runner.run(work, self.show_notice, lambda exc, tb: None)  # never interrupts

    def show_notice(self, notice: TaskNotice) -> None:
        if not shiboken6.isValid(self):
            return
        self.notice = notice
        if notice.empty or self.dismissed:
            self.hide()
            return
        text = notice.message()
        if notice.nearest:
            first = notice.nearest[0]
            text += " " + self.tr("Gần nhất: {unit}, hạn {day}.").format(
                unit=first.lead_unit or self.tr("chưa giao"),
                day=format_date(first.deadline),
            )
        self.label.setText(text)
        self.overdue_btn.setVisible(notice.overdue > 0)
        self.soon_btn.setVisible(notice.due_soon > 0)
        self.show()

    def dismiss(self) -> None:
        self.dismissed = True
        self.hide()
