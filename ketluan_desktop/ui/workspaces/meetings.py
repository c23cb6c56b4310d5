"""Hội nghị & văn bản: meetings on the left, their documents on the right, a reading pane below."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core import domain
from ketluan_desktop.core.services import documents as doc_service
from ketluan_desktop.core.services import meetings as meeting_service
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.widgets.common import EmptyState, heading, setup_table
from ketluan_desktop.ui.workspaces.base import Workspace


def _d(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class MeetingsWorkspace(Workspace):
    key = "meetings"
    areas = ("meetings", "documents")
    load_demo_requested = Signal()
    import_requested = Signal()

    def title(self) -> str:
        return self.tr("Hội nghị & văn bản")

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.stack = QStackedWidget()
        self.empty = EmptyState(
            self.tr("Chưa có dữ liệu"),
            self.tr(
                "Chưa có hội nghị hay văn bản nào. Hãy nhập một văn bản kết luận có sẵn "
                "(Word hoặc văn bản thuần), hoặc nạp văn phòng mẫu để làm quen."
            ),
            [
                (self.tr("Nhập văn bản…"), self.import_requested.emit),
                (self.tr("Nạp dữ liệu mẫu"), self.load_demo_requested.emit),
            ],
        )
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        QVBoxLayout(self).addWidget(self.stack)

    def _build_content(self) -> QWidget:
        self.meeting_model = RowsModel(
            [
                Column(self.tr("Ngày"), lambda r: _d(r.meeting_date)),
                Column(self.tr("Hội nghị"), lambda r: r.name),
                Column(self.tr("Khóa"), lambda r: r.term_label or "", Qt.AlignmentFlag.AlignCenter),
                Column(
                    self.tr("Văn bản"), lambda r: r.document_count, Qt.AlignmentFlag.AlignCenter
                ),
            ],
            self,
        )
        self.meeting_view = QTableView()
        self.meeting_view.setModel(self.meeting_model)
        setup_table(self.meeting_view, stretch_column=1)
        self.meeting_view.setColumnWidth(0, 90)
        self.meeting_view.selectionModel().selectionChanged.connect(self._meeting_selected)

        self.year_filter = QComboBox()
        self.year_filter.setAccessibleName(self.tr("Lọc theo năm"))
        self.year_filter.currentIndexChanged.connect(self._reload_meetings)
        self.meeting_search = QLineEdit()
        self.meeting_search.setPlaceholderText(self.tr("Tìm hội nghị (không cần dấu)…"))
        self.meeting_search.setClearButtonEnabled(True)
        self.meeting_search.textChanged.connect(self._reload_meetings)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(heading(self.tr("Hội nghị")))
        row = QHBoxLayout()
        row.addWidget(self.meeting_search, 1)
        row.addWidget(self.year_filter)
        lv.addLayout(row)
        lv.addWidget(self.meeting_view)

        self.doc_model = RowsModel(
            [
                Column(self.tr("Loại"), lambda r: r.type_name),
                Column(self.tr("Số, ký hiệu"), lambda r: r.number_symbol or self.tr("(dự thảo)")),
                Column(self.tr("Ngày"), lambda r: _d(r.doc_date)),
                Column(self.tr("Trích yếu"), lambda r: r.subject or ""),
                Column(self.tr("Trạng thái"), lambda r: r.status_label),
            ],
            self,
        )
        self.doc_view = QTableView()
        self.doc_view.setModel(self.doc_model)
        setup_table(self.doc_view, stretch_column=3)
        self.doc_view.setColumnWidth(1, 120)
        self.doc_view.selectionModel().selectionChanged.connect(self._document_selected)
        self.reader = QTextBrowser()
        self.reader.setOpenLinks(False)

        right = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(heading(self.tr("Văn bản")))
        tv.addWidget(self.doc_view)
        right.addWidget(top)
        right.addWidget(self.reader)
        right.setSizes([260, 420])

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([430, 760])
        return split

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            total = doc_service.count(s)
            years = meeting_service.years(s)
        has_data = bool(total or years)
        self.stack.setCurrentIndex(1 if has_data else 0)
        current = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(self.tr("Mọi năm"), None)
        for y in years:
            self.year_filter.addItem(str(y), y)
        idx = self.year_filter.findData(current)
        self.year_filter.setCurrentIndex(max(idx, 0))
        self.year_filter.blockSignals(False)
        self._reload_meetings()

    def _reload_meetings(self) -> None:
        with self.ctx.db.session() as s:
            rows = meeting_service.list_meetings(
                s, year=self.year_filter.currentData(), text=self.meeting_search.text() or None
            )
        self.meeting_model.set_rows(rows)
        if rows:
            self.meeting_view.selectRow(0)
        else:
            self._load_documents(None)

    def _meeting_selected(self) -> None:
        idx = self.meeting_view.selectionModel().selectedRows()
        meeting_id = self.meeting_model.row_at(idx[0].row()).id if idx else None
        self._load_documents(meeting_id)

    def _load_documents(self, meeting_id: int | None) -> None:
        with self.ctx.db.session() as s:
            rows = (
                doc_service.list_documents(s, meeting_id=meeting_id)
                if meeting_id
                else (doc_service.list_documents(s))
            )
        self.doc_model.set_rows(rows)
        if rows:
            self.doc_view.selectRow(0)
        else:
            self.reader.clear()

    def selected_document_id(self) -> int | None:
        idx = self.doc_view.selectionModel().selectedRows()
        return self.doc_model.row_at(idx[0].row()).id if idx else None

    def _document_selected(self) -> None:
        doc_id = self.selected_document_id()
        if doc_id is None:
            self.reader.clear()
            return
        with self.ctx.db.session() as s:
            content = doc_service.content_of(doc_service.get(s, doc_id, full=True))
        self.reader.setHtml(document_html(content))


def document_html(c: domain.DocumentContent) -> str:
    """A reading view of the document (the exact page layout is the PDF's job)."""
    e = html.escape
    parts = [
        "<div style='font-family: \"Times New Roman\", Tinos, serif; font-size: 12.5pt;'>",
        f"<p align='center'><b>{e(c.title or c.type.title)}</b><br/><b>{e(c.subject or '')}</b></p>",
    ]
    meta = " · ".join(
        x
        for x in (
            f"Số {c.number_symbol}" if c.number_symbol else "Dự thảo",
            f"{c.place}, ngày {c.doc_date.day:02d}/{c.doc_date.month:02d}/{c.doc_date.year}"
            if c.doc_date and c.place
            else "",
        )
        if x
    )
    parts.append(f"<p align='center' style='color:#555'><i>{e(meta)}</i></p>")
    for s in c.sections:
        if s.heading:
            parts.append(f"<p><b>{e((s.number + '. ') if s.number else '')}{e(s.heading)}</b></p>")
        for b in s.blocks:
            prefix = "- " if b.kind is domain.BlockKind.BULLET else ""
            parts.append(
                f"<p style='text-indent: 24px; text-align: justify'>{e(prefix + b.text)}</p>"
            )
    if c.recipients or c.signer:
        parts.append("<table width='100%'><tr><td valign='top' width='50%'>")
        if c.recipients:
            parts.append("<u>Nơi nhận:</u><br/>" + "<br/>".join(e("- " + r) for r in c.recipients))
        parts.append("</td><td align='center' valign='top'>")
        if c.signer:
            parts.append(
                f"<b>{e(c.signer.authority or '')}</b><br/>{e(c.signer.title or '')}<br/><br/><br/>"
                f"<b>{e(c.signer.name or '')}</b>"
            )
        parts.append("</td></tr></table>")
    parts.append("</div>")
    return "".join(parts)
