"""Panels beside the page: the key task of the current bullet, and the documents the text cites."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents.citations import CitationInfo
from ketluan_desktop.core.documents.draft import DraftBlock, TaskInfo
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui.widgets.date_field import DateField


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("SidePanels", text)


class TaskPanel(QWidget):
    """Marks the current bullet as a key task and edits its lead unit, helpers and deadline."""

    taskEdited = Signal(str, object, str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key: str | None = None
        self._updating = False
        self._read_only = False
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("hint")
        layout.addWidget(self.intro)
        self.is_task = QCheckBox(_t("Đây là &nhiệm vụ trọng tâm"))
        layout.addWidget(self.is_task)
        form = QFormLayout()
        self.lead = QComboBox()
        self.lead.setAccessibleName(_t("Đơn vị chủ trì"))
        self.co_units = QListWidget()
        self.co_units.setAccessibleName(_t("Đơn vị phối hợp"))
        self.co_units.setMinimumHeight(150)
        self.has_deadline = QCheckBox(_t("Có thời hạn"))
        self.deadline = DateField(what=_t("Thời hạn"))
        self.deadline_text = QLineEdit()
        self.deadline_text.setPlaceholderText(_t("Ví dụ: 6 tháng cuối năm 2024, thường xuyên"))
        self.deadline_text.setAccessibleName(_t("Thời hạn ghi bằng chữ"))
        row = QHBoxLayout()
        row.addWidget(self.has_deadline)
        row.addWidget(self.deadline, 1)
        form.addRow(_t("Chủ trì:"), self.lead)
        form.addRow(_t("Phối hợp:"), self.co_units)
        form.addRow(_t("Thời hạn:"), row)
        form.addRow(_t("Ghi bằng chữ:"), self.deadline_text)
        layout.addLayout(form)
        self.tracker = QLabel()
        self.tracker.setWordWrap(True)
        self.tracker.setObjectName("hint")
        layout.addWidget(self.tracker)
        layout.addStretch(1)
        self.is_task.toggled.connect(self._toggled)
        self.lead.activated.connect(lambda _i: self._changed(_t("Đổi đơn vị chủ trì")))
        self.co_units.itemChanged.connect(lambda _i: self._changed(_t("Đổi đơn vị phối hợp")))
        self.has_deadline.toggled.connect(self._fill_deadline)
        self.has_deadline.toggled.connect(lambda _b: self._changed(_t("Đổi thời hạn")))
        self.deadline.valueChanged.connect(lambda _d: self._changed(_t("Đổi thời hạn"), True))
        self.deadline_text.textEdited.connect(lambda _s: self._changed(_t("Đổi thời hạn"), True))
        self.show_block(None)

    def set_units(self, units: list[tuple[int, str]]) -> None:
        self._updating = True
        try:
            self.lead.clear()
            self.lead.addItem(_t("(chưa giao)"), None)
            self.co_units.clear()
            for uid, name in units:
                self.lead.addItem(name, uid)
                item = QListWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, uid)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.co_units.addItem(item)
        finally:
            self._updating = False

    def current_info(self) -> TaskInfo | None:
        if not self.is_task.isChecked():
            return None
        co = [
            self.co_units.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.co_units.count())
            if self.co_units.item(i).checkState() == Qt.CheckState.Checked
        ]
        deadline = None
        if self.has_deadline.isChecked():
            deadline = self.deadline.understood()
        return TaskInfo(
            lead_unit_id=self.lead.currentData(),
            co_unit_ids=co,
            deadline=deadline,
            deadline_text=self.deadline_text.text().strip() or None,
        )

    def _fill_deadline(self, on: bool) -> None:
        """Ticking «Có thời hạn» on an empty date proposes the natural one (31/12 this year)."""
        if on and not self._updating and not self.deadline.text().strip():
            self.deadline.blockSignals(True)
            self.deadline.set_value(self.deadline.natural)
            self.deadline.blockSignals(False)

    def _toggled(self, on: bool) -> None:
        self._enable(on)
        if self._updating or self.key is None:
            return
        label = _t("Đánh dấu nhiệm vụ trọng tâm") if on else _t("Bỏ dấu nhiệm vụ trọng tâm")
        self.taskEdited.emit(self.key, self.current_info(), label, False)

    def _changed(self, label: str, merge: bool = False) -> None:
        self.deadline.setEnabled(self.has_deadline.isChecked() and not self._read_only)
        if self._updating or self.key is None or not self.is_task.isChecked():
            return
        self.taskEdited.emit(self.key, self.current_info(), label, merge)

    def _enable(self, on: bool) -> None:
        for w in (self.lead, self.co_units, self.has_deadline, self.deadline_text):
            w.setEnabled(on and not self._read_only)
        self.deadline.setEnabled(on and self.has_deadline.isChecked() and not self._read_only)

    def show_block(self, block: DraftBlock | None, tracker_note: str | None = None) -> None:
        self._updating = True
        try:
            # The same block again (its task changed, often by this pane): fields that already say
            # what is stored keep their text and caret. Rewriting them mid-typing turned 31/3/2027
            # into 31/03/2020 (what "31/3/20" means) and sent the caret to the end.
            same = block is not None and block.key == self.key
            self.key = block.key if block is not None else None
            bullet = block is not None and block.is_bullet
            self.is_task.setEnabled(bullet and not self._read_only)
            task = block.task if block is not None else None
            self.is_task.setChecked(task is not None)
            if block is None:
                self.intro.setText(_t("Đặt con trỏ vào một gạch đầu dòng để giao nhiệm vụ."))
            elif not bullet:
                self.intro.setText(
                    _t(
                        "Chỉ gạch đầu dòng mới là nhiệm vụ trọng tâm. Nhấn Tab để chuyển đoạn này "
                        "thành gạch đầu dòng."
                    )
                )
            else:
                text = block.text if len(block.text) < 140 else block.text[:139] + "…"
                self.intro.setText(text or _t("(gạch đầu dòng chưa có nội dung)"))
            info = task or TaskInfo()
            self.lead.setCurrentIndex(max(0, self.lead.findData(info.lead_unit_id)))
            chosen = set(info.co_unit_ids)
            for i in range(self.co_units.count()):
                item = self.co_units.item(i)
                checked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.has_deadline.setChecked(info.deadline is not None)
            if not (same and self.deadline.understood() == info.deadline):
                self.deadline.set_value(info.deadline)
            self.deadline.natural = date.today().replace(month=12, day=31)
            if not (same and self.deadline_text.text().strip() == (info.deadline_text or "")):
                self.deadline_text.setText(info.deadline_text or "")
            self.tracker.setText(tracker_note or "")
            self._enable(task is not None)
        finally:
            self._updating = False

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.is_task.setEnabled(not read_only and self.key is not None)
        self._enable(self.is_task.isChecked())


class CitationsPanel(QWidget):
    """The documents the text cites, found as it is typed; double-click opens or looks one up."""

    openDocument = Signal(int)
    lookUp = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("hint")
        self.list = QListWidget()
        self.list.setAccessibleName(_t("Văn bản được viện dẫn"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.itemActivated.connect(self._activated)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.items: list[CitationInfo] = []

    def show_citations(self, items: list[CitationInfo]) -> None:
        self.items = items
        self.list.clear()
        for c in items:
            details = []
            if c.doc_date:
                details.append(f"ngày {format_date(c.doc_date)}")
            if c.issuer:
                details.append(f"của {c.issuer}")
            where = (
                _t("có trong cơ sở dữ liệu")
                if c.document_id
                else _t("đã có trong danh mục")
                if c.cited_id
                else _t("mới, vào danh mục khi lưu")
            )
            times = _t("nhắc {n} lần").format(n=c.mentions)
            text = f"{c.label}\n{', '.join(details) + ' · ' if details else ''}{times} · {where}"
            item = QListWidgetItem(text)
            item.setToolTip(
                _t("Nhấn đúp để mở văn bản") if c.document_id else _t("Nhấn đúp để tra cứu")
            )
            if not c.cited_id:
                item.setForeground(QBrush(QColor("#5b6370")))
            self.list.addItem(item)
        if items:
            self.summary.setText(
                _t("Nội dung viện dẫn {n} văn bản. Các viện dẫn được gạch chân trong bài.").format(
                    n=len(items)
                )
            )
        else:
            self.summary.setText(_t("Chưa có văn bản nào được viện dẫn."))

    def _activated(self, item: QListWidgetItem) -> None:
        c = self.items[self.list.row(item)]
        if c.document_id:
            self.openDocument.emit(c.document_id)
        else:
            self.lookUp.emit(c.number_symbol or c.name or "")
