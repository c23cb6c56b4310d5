"""The outgoing register: filter by term, year and type; the register's own columns edited in
place; exports to Excel and to a Party-format PDF report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from ketluan_desktop.core.documents import outgoing_register as register_service
from ketluan_desktop.core.documents.content import DOCUMENT_TYPES
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui.models.rows_model import Column, LoadedRowsModel
from ketluan_desktop.ui.widgets.common import setup_table
from ketluan_desktop.ui.widgets.list_page import FilteredListPage


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("RegisterView", text)


def _d(value) -> str:
    return format_date(value)


class RegisterView(FilteredListPage):
    openDocument = Signal(int)
    model: LoadedRowsModel
    follows_selection = True

    def _arrange(self, layout: QVBoxLayout) -> None:
        """The register above the form of the selected entry."""
        layout.addWidget(self.view, 1)
        self._build_entry_form(layout)
        self.save_entry.clicked.connect(self.save_current)
        self.open_doc.clicked.connect(self._open_current)
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.export_pdf.clicked.connect(lambda: self.export("pdf"))

    def _filter_combos(self) -> tuple[QComboBox, ...]:
        return (self.term, self.year, self.type)

    def _id_of(self, row) -> int:
        return row.doc_id

    def _count_text(self, n: int) -> str:
        return _t("{n} văn bản trong sổ theo bộ lọc hiện tại.").format(n=thousands(n))

    def _build_bars(self, layout: QVBoxLayout) -> None:
        filters = QHBoxLayout()
        self.term = QComboBox()
        self.term.setAccessibleName(_t("Lọc theo khóa"))
        self.year = QComboBox()
        self.year.setAccessibleName(_t("Lọc theo năm"))
        self.type = QComboBox()
        self.type.setAccessibleName(_t("Lọc theo loại văn bản"))
        self.type.addItem(_t("Mọi loại"), None)
        for t in DOCUMENT_TYPES.values():
            self.type.addItem(t.name, t.code)
        self.search = self._search_field(_t("Tìm số, trích yếu, người ký (không cần dấu)…"))
        self.export_xlsx = QPushButton(_t("Xuất Excel…"))
        self.export_pdf = QPushButton(_t("Xuất báo cáo PDF…"))
        for label, w in (
            (_t("Khóa:"), self.term),
            (_t("Năm:"), self.year),
            (_t("Loại:"), self.type),
        ):
            lab = QLabel(label)
            lab.setBuddy(w)
            filters.addWidget(lab)
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.export_xlsx)
        filters.addWidget(self.export_pdf)
        layout.addLayout(filters)

    def _build_table(self, ctx) -> None:
        self.model = LoadedRowsModel(
            [
                Column(_t("Số, ký hiệu"), lambda r: r.number_symbol),
                Column(_t("Ngày"), lambda r: _d(r.doc_date), Qt.AlignmentFlag.AlignCenter),
                Column(_t("Loại"), lambda r: r.type_name),
                Column(_t("Trích yếu"), lambda r: r.subject, tooltip=lambda r: r.subject),
                Column(_t("Người ký"), lambda r: r.signer),
                Column(_t("Nơi nhận"), lambda r: r.recipients, tooltip=lambda r: r.recipients),
                Column(_t("Đơn vị lưu"), lambda r: r.file_keeper),
                Column(
                    _t("Số bản"),
                    lambda r: r.copies if r.copies is not None else "",
                    Qt.AlignmentFlag.AlignCenter,
                ),
                Column(
                    _t("Số trang"),
                    lambda r: r.pages if r.pages is not None else "",
                    Qt.AlignmentFlag.AlignCenter,
                ),
                Column(_t("Ghi chú"), lambda r: r.notes, tooltip=lambda r: r.notes or None),
            ],
            self._read,
            ctx.runner,
            parent=self,
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_t("Sổ đăng ký văn bản đi"))
        setup_table(self.view, stretch_column=3)
        for col, width in (
            (0, 100),
            (1, 84),
            (2, 80),
            (4, 150),
            (5, 150),
            (6, 120),
            (7, 56),
            (8, 66),
            (9, 120),
        ):
            self.view.setColumnWidth(col, width)
        self.view.doubleClicked.connect(
            lambda idx: self.openDocument.emit(self.model.row_at(idx.row()).doc_id)
        )

    def _build_entry_form(self, layout: QVBoxLayout) -> None:
        edit = QGroupBox(_t("Thông tin sổ của văn bản đang chọn"))
        form = QFormLayout(edit)
        row = QHBoxLayout()
        self.keeper = QLineEdit()
        self.keeper.setAccessibleName(_t("Đơn vị lưu"))
        self.copies = QSpinBox()
        self.copies.setRange(0, 100_000)
        self.copies.setAccessibleName(_t("Số bản"))
        self.pages = QSpinBox()
        self.pages.setRange(0, 100_000)
        self.pages.setAccessibleName(_t("Số trang"))
        self.notes = QLineEdit()
        self.notes.setAccessibleName(_t("Ghi chú"))
        self.save_entry = QPushButton(_t("Lưu vào sổ"))
        self.open_doc = QPushButton(_t("Mở văn bản"))
        row.addWidget(QLabel(_t("Đơn vị lưu:")))
        row.addWidget(self.keeper, 2)
        row.addWidget(QLabel(_t("Số bản:")))
        row.addWidget(self.copies)
        row.addWidget(QLabel(_t("Số trang:")))
        row.addWidget(self.pages)
        row.addWidget(QLabel(_t("Ghi chú:")))
        row.addWidget(self.notes, 3)
        row.addWidget(self.save_entry)
        row.addWidget(self.open_doc)
        form.addRow(row)
        self.summary = self.count_label = QLabel()
        self.summary.setObjectName("hint")
        form.addRow(self.summary)
        layout.addWidget(edit)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        db = self.ctx.db

        def work():
            from ketluan_desktop.core.org import terms

            with db.session() as s:
                return terms.term_choices(s), register_service.years(s)

        self.ctx.runner.query(("register-choices", id(self)), work, self._fill)

    def _fill(self, found) -> None:
        term_choices, years = found
        terms = [(value, label[:1].upper() + label[1:]) for value, label in term_choices]
        self.refill(self.term, _t("Mọi khóa"), terms)
        self.refill(self.year, _t("Mọi năm"), [(y, str(y)) for y in years])
        self.reload()

    def filters(self) -> dict:
        return {
            "term_id": self.term.currentData(),
            "year": self.year.currentData(),
            "type_code": self.type.currentData(),
            "text": self.search.text().strip() or None,
        }

    def current_filter(self) -> register_service.RegisterFilter:
        return register_service.RegisterFilter(**self.filters())

    def _read(self):
        db, flt = self.ctx.db, self.current_filter()

        def work():
            with db.session() as s:
                return register_service.rows(s, flt)

        return work

    def _current(self):
        return None if self.current_id is None else self.model.first(
            lambda r: r.doc_id == self.current_id)  # fmt: skip

    def _show(self, doc_id: int | None) -> None:
        """The register's own fields of the entry ``doc_id`` in the form (None: the form off)."""
        self.current_id = doc_id
        row = self._current()
        for w in (self.keeper, self.copies, self.pages, self.notes, self.open_doc):
            w.setEnabled(row is not None)
        self._enable_actions()
        if row is None:
            return
        self.keeper.setText(row.file_keeper)
        self.copies.setValue(row.copies or 0)
        self.pages.setValue(row.pages or 0)
        db = self.ctx.db

        def work() -> str:
            with db.session() as s:
                return register_service.entry_notes(s, doc_id)

        def arrived(notes: str) -> None:
            if self.current_id == doc_id:
                self.notes.setText(notes)

        self.ctx.runner.query(("register-notes", id(self)), work, arrived)

    def _enable_actions(self) -> None:
        self.save_entry.setEnabled(self._current() is not None and not self.writing)

    def save_current(self) -> None:
        """The form's fields into the chosen entry, written in the background («Lưu vào sổ» off
        until it is over: a double click saves once); the register read again after."""
        row = self._current()
        if row is None:
            return
        db, doc_id, now = self.ctx.db, row.doc_id, self.ctx.now()
        fields = {
            "file_keeper": self.keeper.text(),
            "copies": self.copies.value() or None,
            "pages": self.pages.value() or None,
            "notes": self.notes.text(),
        }

        def work() -> None:
            with db.write_session() as s:
                register_service.update_entry(s, doc_id, now=now, **fields)

        self.write([self.save_entry], work, lambda _r: self.reload())

    def _open_current(self) -> None:
        row = self._current()
        if row is not None:
            self.openDocument.emit(row.doc_id)

    # ------------------------------------------------------------------ export
    def export(self, fmt: str) -> None:
        suffix = "xlsx" if fmt == "xlsx" else "pdf"
        ask = (
            _t("Xuất sổ văn bản đi"),
            "register",
            f"Sổ văn bản đi {self.ctx.today():%d-%m-%Y}.{suffix}",
            _t("Bảng tính Excel (*.xlsx)") if fmt == "xlsx" else _t("Tệp PDF (*.pdf)"),
            f".{suffix}",
        )
        db, flt, today, now = self.ctx.db, self.current_filter(), self.ctx.today(), self.ctx.now()

        def work(path: Path) -> Path:
            with db.session() as s:
                return register_service.export(s, flt, path, fmt, today=today, now=now)

        def started(path: Path) -> None:
            self.summary.setText(_t("Đang xuất {name}…").format(name=path.name))

        def done(_path: Path, out: Path) -> None:
            self.summary.setText(_t("Đã xuất: {path}").format(path=out))

        self.export_to([self.export_xlsx, self.export_pdf], ask, work, done, started)
