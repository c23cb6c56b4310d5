"""Công cụ → «Nhật ký thao tác»: who did what, when, on which record, with the before/after values
(personal ones masked for roles that may not see them); filters, the chain check, Excel export."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ketluan_desktop.core.text.dates import format_moment
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.style import bold_header
from ketluan_desktop.ui.widgets.date_field import DateField
from ketluan_desktop.ui.workers import answer_to, run_from

ALL = "— Tất cả —"
COLUMNS = ("Thời điểm", "Người thực hiện", "Thao tác", "Lĩnh vực", "Nội dung", "Trước → sau")


class AuditDialog(QDialog):
    def __init__(self, ctx, parent=None) -> None:
        from ketluan_desktop.core.audit.listing import AREAS

        super().__init__(parent)
        self.ctx = ctx
        self.rows: list = []
        self.setWindowTitle(self.tr("Nhật ký thao tác"))
        self.resize(1180, 640)
        self.person = QComboBox()
        self.person.setObjectName("auditPerson")
        self.person.addItem(ALL)
        self.area = QComboBox()
        self.area.setObjectName("auditArea")
        self.area.addItems([ALL, *AREAS])
        self.since = DateField(what="Từ ngày")
        self.until = DateField(what="Đến ngày")
        self.apply_button = QPushButton(self.tr("Lọc"))
        self.apply_button.setDefault(True)
        filters = QHBoxLayout()
        for label, w in (
            (self.tr("Người"), self.person),
            (self.tr("Lĩnh vực"), self.area),
            (self.tr("Từ ngày"), self.since),
            (self.tr("đến"), self.until),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(w, 1 if w in (self.person, self.area) else 0)
        filters.addWidget(self.apply_button)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for i, w in enumerate((130, 130, 110, 130, 360)):
            self.table.setColumnWidth(i, w)
        bold_header(self.table)
        self.status = QLabel()
        self.chain_label = QLabel()
        self.chain_label.setObjectName("chainStatus")
        self.verify_button = QPushButton(self.tr("Kiểm tra chuỗi mã băm"))
        self.export_button = QPushButton(self.tr("Xuất Excel…"))
        close = QPushButton(self.tr("Đóng"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.chain_label)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        self.apply_button.clicked.connect(self.reload)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.export)
        close.clicked.connect(self.accept)
        self._load_people()
        self.reload()

    # -- reading ------------------------------------------------------------------------------
    def filters(self) -> dict:
        person, area = self.person.currentText(), self.area.currentText()
        return {
            "person": None if person == ALL else person,
            "area": None if area == ALL else area,
            "since": self.since.value(),
            "until": self.until.value(),
        }

    def _load_people(self) -> None:
        from ketluan_desktop.core.audit import listing

        db = self.ctx.db

        def work():
            with db.session() as s:
                return listing.people(s)

        self.ctx.runner.query(
            ("audit-people", id(self)),
            work,
            answer_to(self, self._people_arrived),
            answer_to(self, self._failed),
        )

    def _people_arrived(self, names: list[str]) -> None:
        current = self.person.currentText()
        self.person.clear()
        self.person.addItems([ALL, *names])
        self.person.setCurrentText(current)

    def reload(self) -> None:
        from ketluan_desktop.core.audit import listing
        from ketluan_desktop.core.errors import KetLuanError

        try:
            f = self.filters()
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return
        db = self.ctx.db
        self.status.setText(self.tr("Đang đọc…"))

        def work():
            with db.reading(), db.session() as s:
                return listing.count(s, **f), listing.entries(s, **f)

        self.ctx.runner.query(
            ("audit", id(self)), work, answer_to(self, self._arrived), answer_to(self, self._failed)
        )

    def _arrived(self, answer) -> None:
        from ketluan_desktop.core.clock import VN_TZ

        total, rows = answer
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = (
                format_moment(r.at.astimezone(VN_TZ)),
                r.username or "",
                r.action_label,
                r.area,
                r.summary or "",
                r.changes_text,
            )
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                if j >= 4:
                    item.setToolTip(v)
                self.table.setItem(i, j, item)
        shown = self.tr("{n} mục").format(n=thousands(total))
        if total > len(rows):
            shown += self.tr(" (hiện {k} mục mới nhất; hãy lọc thêm)").format(k=len(rows))
        self.status.setText(shown)

    # -- actions ------------------------------------------------------------------------------
    def verify(self) -> None:
        from ketluan_desktop.core.audit import chain

        db = self.ctx.db

        def work():
            with db.session() as s:
                return chain.verify(s)

        self.chain_label.setText(self.tr("Đang kiểm tra…"))
        run_from(
            self.ctx.runner,
            [self.verify_button],
            work,
            answer_to(self, self._verified),
            answer_to(self, self._failed),
        )

    def _verified(self, report) -> None:
        if report.ok:
            self.chain_label.setText(
                self.tr("Chuỗi mã băm nguyên vẹn ({n} mục)").format(n=thousands(report.checked))
            )
        else:
            self.chain_label.setText(self.tr("Chuỗi mã băm bị phá"))
            dialogs.show_error(self, report.reason, self.tr("Nhật ký thao tác bị can thiệp"))

    def export(self) -> None:
        from ketluan_desktop.core.audit import listing
        from ketluan_desktop.core.errors import KetLuanError

        try:
            f = self.filters()
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return
        path = dialogs.save_file(
            self,
            self.tr("Xuất nhật ký thao tác"),
            "audit",
            "nhat-ky-thao-tac.xlsx",
            self.tr("Tệp Excel (*.xlsx)"),
            ".xlsx",
        )
        if not path:
            return
        db, now = self.ctx.db, self.ctx.now()

        def work():
            with db.write_session() as s:
                return listing.export_xlsx(s, path, now=now, **f)

        def done(n: int) -> None:
            self.status.setText(self.tr("Đã xuất {n} mục ra {p}").format(n=thousands(n), p=path))
            self.reload()

        run_from(
            self.ctx.runner,
            [self.export_button],
            work,
            answer_to(self, done),
            answer_to(self, self._failed),
        )

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.core.errors import KetLuanError

        self.status.setText("")
        if isinstance(exc, KetLuanError):
            dialogs.show_error(self, exc.message)
            return
        from ketluan_desktop.ui.errors import report_exception

        report_exception(exc, tb, self)
