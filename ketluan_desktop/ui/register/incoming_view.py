"""Sổ văn bản đến: the documents received from other bodies, filtered by year and searched
without accents; the one selected shows its tracked tasks and its file can be saved again.

A list page like the documents and the outgoing register (``FilteredListPage`` over a
``LoadedRowsModel``): read in the background, the search followed once typing pauses, the chosen
entry kept over a reload, an entry found by its id (the filters cleared when they hide it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents import incoming_register as register
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui.models.rows_model import Column, LoadedRowsModel
from ketluan_desktop.ui.widgets.common import setup_table
from ketluan_desktop.ui.widgets.list_page import FilteredListPage


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("IncomingView", text)


def _d(value) -> str:
    return format_date(value)


class IncomingView(FilteredListPage):
    importRequested = Signal()
    model: LoadedRowsModel

    split = (Qt.Orientation.Vertical, (420, 200), None)  # the tracked tasks below the list
    follows_selection = True

    def _build_bars(self, layout: QVBoxLayout) -> None:
        filters = QHBoxLayout()
        self.year = QComboBox()
        self.year.setAccessibleName(_t("Lọc theo năm"))
        self.search = self._search_field(_t("Tìm số, cơ quan ban hành, trích yếu (không cần dấu)…"))
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
        self.add.clicked.connect(self.importRequested.emit)
        self.save_file.clicked.connect(self.save_current_file)

    def _build_table(self, ctx) -> None:
        self.model = LoadedRowsModel(
            [
                Column(_t("Số đến"), lambda r: r.label, Qt.AlignmentFlag.AlignCenter),
                Column(_t("Ngày nhận"), lambda r: _d(r.received), Qt.AlignmentFlag.AlignCenter),
                Column(_t("Số, ký hiệu"), lambda r: r.number_symbol),
                Column(_t("Ngày văn bản"), lambda r: _d(r.doc_date), Qt.AlignmentFlag.AlignCenter),
                Column(_t("Cơ quan ban hành"), lambda r: r.issuer),
                Column(_t("Trích yếu"), lambda r: r.subject, tooltip=lambda r: r.subject),
                Column(_t("Nhiệm vụ"), lambda r: len(r.tasks), Qt.AlignmentFlag.AlignCenter),
            ],
            self._read,
            ctx.runner,
            parent=self,
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_t("Sổ văn bản đến"))
        setup_table(self.view, stretch_column=5)
        for col, width in ((0, 70), (1, 90), (2, 120), (3, 96), (4, 200), (6, 70)):
            self.view.setColumnWidth(col, width)

    def _build_detail_pane(self) -> QWidget:
        box = QWidget()
        bv = QVBoxLayout(box)
        bv.setContentsMargins(0, 0, 0, 0)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.tasks = QListWidget()
        self.tasks.setWordWrap(True)
        self.tasks.setAccessibleName(_t("Nhiệm vụ theo dõi từ văn bản đến đang chọn"))
        self.summary = self.count_label = QLabel()
        self.summary.setObjectName("hint")
        bv.addWidget(self.detail)
        bv.addWidget(self.tasks, 1)
        bv.addWidget(self.summary)
        return box

    def _filter_combos(self) -> tuple[QComboBox, ...]:
        return (self.year,)

    def _count_text(self, n: int) -> str:
        return _t("{n} văn bản đến theo bộ lọc hiện tại.").format(n=thousands(n))

    # ------------------------------------------------------------------ data
    def refresh(self, choose: int | None = None) -> None:
        """The years offered, then the list, read in the background; ``choose``: that entry
        chosen once it is listed (the filters cleared if they hide it)."""
        db = self.ctx.db

        def work() -> list[int]:
            with db.session() as s:
                return register.years(s)

        self.ctx.runner.query(
            ("incoming-choices", id(self)), work, lambda years: self._fill(years, choose)
        )

    def _fill(self, years: list[int], choose: int | None) -> None:
        self.refill(self.year, _t("Mọi năm"), [(y, str(y)) for y in years])
        if choose is None:
            self.reload()
        else:
            self.reload_choosing(choose)

    def show_entry(self, incoming_id: int) -> None:
        """The register read afresh with ``incoming_id`` chosen (from the search box, or just
        entered)."""
        self.refresh(choose=incoming_id)

    def filters(self) -> dict:
        return {"year": self.year.currentData(), "text": self.search.text().strip() or None}

    def _read(self):
        db, filters = self.ctx.db, self.filters()

        def work() -> list[register.IncomingRow]:
            with db.session() as s:
                return register.rows(s, **filters)

        return work

    def _current(self) -> register.IncomingRow | None:
        return None if self.current_id is None else self.model.first(
            lambda r: r.id == self.current_id)  # fmt: skip

    def _show(self, incoming_id: int | None) -> None:
        """The entry's tracked tasks below the list (None: a hint to choose one)."""
        self.current_id = incoming_id
        row = self._current()
        self.tasks.clear()
        self.save_file.setEnabled(row is not None and row.has_file)
        if row is None:
            self.detail.setText(_t("Chọn một văn bản đến để xem các nhiệm vụ theo dõi."))
            return
        self.detail.setText(
            _t("Số đến {label} — {symbol}: {n} nhiệm vụ được theo dõi. Tệp gốc: {file}").format(
                label=row.label,
                symbol=row.number_symbol or "—",
                n=len(row.tasks),
                file=row.file_name or "—",
            )
        )
        self.tasks.addItems(list(row.tasks))

    # ------------------------------------------------------------------ export
    def save_current_file(self) -> None:
        """The chosen entry's file as it came, written where the clerk chooses (read and written
        in the background, the button off meanwhile)."""
        row = self._current()
        if row is None:
            return
        name = row.file_name or f"van-ban-den-{row.label.replace('/', '-')}.bin"
        ask = (_t("Lưu bản gốc"), "incoming", name, _t("Mọi tệp (*)"), Path(name).suffix)
        db, incoming_id = self.ctx.db, row.id

        def work(path: Path) -> Path:
            from ketluan_desktop.core.fsutil import write_bytes_atomic

            with db.session() as s:
                data = register.original_file(s, incoming_id)
            return write_bytes_atomic(path, data)

        def started(path: Path) -> None:
            self.summary.setText(_t("Đang lưu {name}…").format(name=path.name))

        def done(_path: Path, out: Path) -> None:
            self.summary.setText(_t("Đã lưu bản gốc: {path}").format(path=out))
            self._show(self.current_id)  # the button as the entry now chosen allows

        self.export_to([self.save_file], ask, work, done, started)
