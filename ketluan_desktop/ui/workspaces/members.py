"""Đảng viên & thủ tục: the member list, and the figures of a reporting period."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.models.members import (
    MEMBER_STATUS_LABELS,
    PROCEDURE_KIND_LABELS,
    ProcedureKind,
)
from ketluan_desktop.core.services import members as member_service
from ketluan_desktop.core.services import stats
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.widgets.common import EmptyState, heading, setup_table
from ketluan_desktop.ui.workspaces.base import Workspace

PAGE = 500  # rows shown at once; the search narrows the list


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class MembersWorkspace(Workspace):
    key = "members"
    areas = ("members", "procedures")

    def title(self) -> str:
        return self.tr("Đảng viên & thủ tục")

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.stack = QStackedWidget()
        self.stack.addWidget(
            EmptyState(
                self.tr("Chưa có đảng viên"),
                self.tr("Hãy nhập danh sách đảng viên từ Excel hoặc nạp dữ liệu mẫu."),
            )
        )
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(heading(self.tr("Đảng viên")))
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm theo họ tên (không cần dấu)…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._reload)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Lọc theo tình trạng"))
        self.status_filter.addItem(self.tr("Mọi tình trạng"), None)
        for st, label in MEMBER_STATUS_LABELS.items():
            self.status_filter.addItem(label, st.value)
        self.status_filter.currentIndexChanged.connect(self._reload)
        row.addWidget(self.search, 1)
        row.addWidget(self.status_filter)
        lv.addLayout(row)
        self.model = RowsModel(
            [
                Column(self.tr("Họ và tên"), lambda r: r.full_name),
                Column(self.tr("Giới tính"), lambda r: r.gender or "", Qt.AlignmentFlag.AlignCenter),
                Column(self.tr("Ngày sinh"), lambda r: r.birth_date.strftime("%d/%m/%Y") if r.birth_date else ""),
                Column(self.tr("Tổ chức cơ sở đảng"), lambda r: r.organisation or ""),
                Column(self.tr("Tình trạng"), lambda r: r.status_label),
                Column(self.tr("Số thẻ"), lambda r: r.card_number or ""),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view, stretch_column=3)
        self.view.setColumnWidth(0, 200)
        self.count_label = QLabel()
        lv.addWidget(self.view)
        lv.addWidget(self.count_label)
        split.addWidget(left)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(self.tr("Số liệu thủ tục đảng viên trong kỳ"))
        form = QFormLayout(box)
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Kỳ báo cáo"))
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd/MM/yyyy")
            w.dateChanged.connect(self._reload_figures)
        form.addRow(self.tr("Kỳ báo cáo:"), self.period)
        form.addRow(self.tr("Từ ngày:"), self.start)
        form.addRow(self.tr("Đến ngày:"), self.end)
        self.figures_label = QLabel()
        self.figures_label.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(self.figures_label)
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sentence.setStyleSheet("font-family: 'Times New Roman', Tinos, serif; font-size: 12pt;")
        form.addRow(self.sentence)
        rv.addWidget(box)
        rv.addStretch(1)
        split.addWidget(right)
        split.setSizes([760, 440])
        self.stack.addWidget(split)
        QVBoxLayout(self).addWidget(self.stack)

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            total = member_service.count(s)
        self.stack.setCurrentIndex(1 if total else 0)
        self._fill_periods()
        self._reload()

    def _fill_periods(self) -> None:
        today = self.ctx.today()
        self.period.blockSignals(True)
        self.period.clear()
        for year in range(today.year, today.year - 4, -1):
            for half in (2, 1):
                start = date(year, 1 if half == 1 else 7, 1)
                if start > today:
                    continue
                end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
                label = (
                    self.tr("6 tháng đầu năm {y}") if half == 1 else self.tr("6 tháng cuối năm {y}")
                ).format(y=year)
                self.period.addItem(label, (start, end))
            self.period.addItem(self.tr("Năm {y}").format(y=year), (date(year, 1, 1), date(year, 12, 31)))
        self.period.blockSignals(False)
        self.period.setCurrentIndex(0)
        self._period_chosen()

    def _period_chosen(self) -> None:
        data = self.period.currentData()
        if not data:
            return
        start, end = data
        for w, d in ((self.start, start), (self.end, end)):
            w.blockSignals(True)
            w.setDate(_qdate(d))
            w.blockSignals(False)
        self._reload_figures()

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))
        self._reload_figures()

    def _reload_figures(self) -> None:
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        if end < start:
            self.figures_label.setText(self.tr("Ngày kết thúc phải sau ngày bắt đầu."))
            self.sentence.clear()
            return
        with self.ctx.db.session() as s:
            f = stats.figures(s, start, end)
        lines = []
        for kind in ProcedureKind:
            if kind is ProcedureKind.BADGE:
                for years, n in f.badges():
                    lines.append(self.tr("Huy hiệu {y} năm tuổi Đảng: <b>{n}</b>").format(y=years, n=n))
                continue
            n = f.get(kind.value)
            if n:
                lines.append(f"{PROCEDURE_KIND_LABELS[kind]}: <b>{n}</b>")
        self.figures_label.setText("<br/>".join(lines) or self.tr("Không có thủ tục nào trong kỳ."))
        self.sentence.setText(stats.sentence(f))

    def _reload(self) -> None:
        filters = {"text": self.search.text() or None, "status": self.status_filter.currentData()}
        with self.ctx.db.session() as s:
            rows = member_service.list_members(s, limit=PAGE, **filters)
            n = member_service.count(s, **filters)
        self.model.set_rows(rows)
        shown = len(rows)
        self.count_label.setText(
            self.tr("{n} đảng viên").format(n=n)
            if shown == n
            else self.tr("Hiển thị {shown}/{n} đảng viên — hãy tìm theo tên để thu hẹp").format(
                shown=shown, n=n
            )
        )
