"""Sổ văn bản đến: the documents received from other bodies, filtered by year and searched
without accents; the one selected shows its tracked tasks and its file can be saved again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents import incoming_register as register
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.widgets.common import setup_table


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("IncomingView", text)


def _d(value) -> str:
    from ketluan_desktop.core.text.dates import format_date

    return format_date(value)


@dataclass(frozen=True)
class IncomingRow:
    id: int
    label: str
    received: date
    number_symbol: str
    doc_date: date | None
    issuer: str
    subject: str
    file_name: str
    tasks: list[str]


class IncomingView(QWidget):
    importRequested = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.year = QComboBox()
        self.year.setAccessibleName(_t("Lọc theo năm"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_t("Tìm số, cơ quan ban hành, trích yếu (không cần dấu)…"))
        self.search.setClearButtonEnabled(True)
        self.add = QPushButton(_t("Vào sổ văn bản đến…"))
        self.add.setToolTip(_t("Chọn tệp .docx, .pdf hoặc .txt của văn bản nhận được"))
        self.save_file = QPushButton(_t("Lưu bản gốc…"))
        year_label = QLabel(_t("Năm:"))
        year_label.setBuddy(self.year)
        filters.addWidget(year_label)
        filters.addWidget(self.year)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.add)
        filters.addWidget(self.save_file)
        layout.addLayout(filters)
        self.model = RowsModel(
            [
                Column(_t("Số đến"), lambda r: r.label, Qt.AlignmentFlag.AlignCenter),
                Column(_t("Ngày nhận"), lambda r: _d(r.received), Qt.AlignmentFlag.AlignCenter),
                Column(_t("Số, ký hiệu"), lambda r: r.number_symbol),
                Column(_t("Ngày văn bản"), lambda r: _d(r.doc_date), Qt.AlignmentFlag.AlignCenter),
                Column(_t("Cơ quan ban hành"), lambda r: r.issuer),
                Column(_t("Trích yếu"), lambda r: r.subject, tooltip=lambda r: r.subject),
                Column(_t("Nhiệm vụ"), lambda r: len(r.tasks), Qt.AlignmentFlag.AlignCenter),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_t("Sổ văn bản đến"))
        setup_table(self.view, stretch_column=5)
        for col, width in ((0, 70), (1, 90), (2, 120), (3, 96), (4, 200), (6, 70)):
            self.view.setColumnWidth(col, width)
        self.tasks = QListWidget()
        self.tasks.setWordWrap(True)
        self.tasks.setAccessibleName(_t("Nhiệm vụ theo dõi từ văn bản đến đang chọn"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        box = QWidget()
        bv = QVBoxLayout(box)
        bv.setContentsMargins(0, 0, 0, 0)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        bv.addWidget(self.detail)
        bv.addWidget(self.tasks, 1)
        split.addWidget(box)
        split.setSizes([420, 200])
        layout.addWidget(split, 1)
        self.year.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.add.clicked.connect(self.importRequested.emit)
        self.save_file.clicked.connect(self.save_current_file)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            years = register.years(s)
        self._loading = True
        try:
            current = self.year.currentData()
            self.year.clear()
            self.year.addItem(_t("Mọi năm"), None)
            for y in years:
                self.year.addItem(str(y), y)
            self.year.setCurrentIndex(max(0, self.year.findData(current)))
        finally:
            self._loading = False
        self.reload()

    def reload(self) -> None:
        if self._loading:
            return
        selected = self.current_id()
        with self.ctx.db.session() as s:
            rows = [
                IncomingRow(
                    r.id,
                    r.register_label,
                    r.received_date,
                    r.number_symbol or "",
                    r.doc_date,
                    r.issuer or "",
                    r.subject or "",
                    r.file_name or "",
                    [t.text for t in r.tasks],
                )
                for r in register.listing(
                    s, year=self.year.currentData(), text=self.search.text().strip() or None
                )
            ]
        self.model.set_rows(rows)
        self.select(selected)
        self._selected()

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def select(self, incoming_id: int | None) -> None:
        for i, row in enumerate(self.model.rows()):
            if row.id == incoming_id:
                self.view.selectRow(i)
                return

    def _selected(self, *_args) -> None:
        index = self.view.currentIndex()
        self.tasks.clear()
        self.save_file.setEnabled(index.isValid())
        if not index.isValid():
            self.detail.setText(_t("Chọn một văn bản đến để xem các nhiệm vụ theo dõi."))
            return
        row = self.model.row_at(index.row())
        self.detail.setText(
            _t("Số đến {label} — {symbol}: {n} nhiệm vụ được theo dõi. Tệp gốc: {file}").format(
                label=row.label,
                symbol=row.number_symbol or "—",
                n=len(row.tasks),
                file=row.file_name or "—",
            )
        )
        for text in row.tasks:
            self.tasks.addItem(text)

    def save_current_file(self) -> None:
        incoming_id = self.current_id()
        if incoming_id is None:
            return
        with self.ctx.db.session() as s:
            row = register.get(s, incoming_id)
            name, data = row.file_name or f"van-ban-den-{row.number}.bin", row.file_data
        if data is None:
            dialogs.show_error(self, _t("Văn bản đến này không có tệp gốc được lưu."))
            return
        target = dialogs.save_file(self, _t("Lưu bản gốc"), "incoming", name, _t("Mọi tệp (*)"))
        if not target:
            return
        from ketluan_desktop.core.fsutil import write_bytes_atomic

        try:
            write_bytes_atomic(Path(target), data)
        except (KetLuanError, OSError) as exc:
            dialogs.show_error(self, str(exc))
