"""Danh sách đảng viên: the lazy list (sorted the Vietnamese way, accent-free search, filters), a
member's record and procedures beside it, import and export with Excel."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import NotFoundError
from ketluan_desktop.core.members import member_detail, member_list
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.models import MEMBER_STATUS_LABELS
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.models.lazy_table import LazyTableModel
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.widgets.common import (
    heading,
    loose_width,
    setup_table,
)
from ketluan_desktop.ui.widgets.list_page import FilteredListPage
from ketluan_desktop.ui.workers import run_from

_fmt = member_service.fmt_date


class MemberPage(FilteredListPage):
    open_procedure = Signal(int)
    procedure_requested = Signal(int)  # "Thêm thủ tục" for this member

    _detail = None

    def _filter_combos(self) -> tuple[QComboBox, ...]:
        return (self.org_filter, self.status_filter)

    def _build_bars(self, v: QVBoxLayout) -> None:
        bar = QHBoxLayout()
        self.search = self._search_field(self.tr("Tìm theo họ tên (không cần dấu) hoặc số thẻ…"))
        self.search.setAccessibleName(self.tr("Tìm đảng viên"))
        self.org_filter = QComboBox()
        self.org_filter.setAccessibleName(self.tr("Lọc theo tổ chức cơ sở đảng"))
        self.org_filter.setMinimumWidth(240)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Lọc theo tình trạng"))
        self.status_filter.addItem(self.tr("Mọi tình trạng"), None)
        for st, label in MEMBER_STATUS_LABELS.items():
            self.status_filter.addItem(label, st.value)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.org_filter, 1)
        bar.addWidget(self.status_filter)
        v.addLayout(bar)
        actions = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Thêm đảng viên…"))
        self.add_button.clicked.connect(self.add_member)
        self.import_button = QPushButton(self.tr("Nhập từ Excel…"))
        self.import_button.clicked.connect(self.import_excel)
        self.export_button = QPushButton(self.tr("Xuất Excel…"))
        self.export_button.clicked.connect(self.export_excel)
        self.template_button = QPushButton(self.tr("Tạo tệp mẫu…"))
        self.template_button.clicked.connect(self.write_template)
        for b in (self.add_button, self.import_button, self.export_button, self.template_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.count_label = QLabel()
        actions.addWidget(self.count_label)
        v.addLayout(actions)

    def _build_table(self, ctx: AppContext) -> None:
        self.model = LazyTableModel(
            [
                Column(self.tr("Họ và tên"), lambda r: r.full_name),
                Column(
                    self.tr("Giới tính"), lambda r: r.gender or "", Qt.AlignmentFlag.AlignCenter
                ),
                Column(
                    self.tr("Ngày sinh"), lambda r: _fmt(r.birth_date), Qt.AlignmentFlag.AlignCenter
                ),
                Column(
                    self.tr("Tổ chức cơ sở đảng"),
                    lambda r: r.organisation or "",
                    tooltip=lambda r: r.organisation,
                ),
                Column(self.tr("Tình trạng"), lambda r: r.status_label),
                Column(self.tr("Số thẻ"), lambda r: r.card_number or ""),
            ],
            self._source,
            ctx.runner,
            parent=self,
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view, stretch_column=3)
        for col, width in ((0, 190), (1, 72), (2, 90), (4, 110), (5, 90)):
            self.view.setColumnWidth(col, width)
        self.view.horizontalHeader().setMinimumSectionSize(50)
        self.view.doubleClicked.connect(lambda _i: self.edit_member())

    def _build_detail_pane(self) -> QWidget:
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(8, 0, 0, 0)
        self.detail_title = heading(self.tr("Hồ sơ"))
        loose_width(self.detail_title)
        rv.addWidget(self.detail_title)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        rv.addWidget(self.detail, 3)
        row = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Sửa hồ sơ…"))
        self.edit_button.clicked.connect(self.edit_member)
        self.new_procedure_button = QPushButton(self.tr("Thêm thủ tục…"))
        self.new_procedure_button.clicked.connect(
            lambda: self.current_id and self.procedure_requested.emit(self.current_id)
        )
        self.delete_button = QPushButton(self.tr("Xóa"))
        self.delete_button.clicked.connect(self.delete_member)
        for b in (self.edit_button, self.new_procedure_button, self.delete_button):
            row.addWidget(b)
        row.addStretch(1)
        rv.addLayout(row)
        rv.addWidget(QLabel(self.tr("Thủ tục đã ghi:")))
        self.procedures = RowsModel(
            [
                Column(self.tr("Loại"), lambda p: p.kind_label),
                Column(self.tr("Nội dung"), lambda p: p.summary, tooltip=lambda p: p.summary),
                Column(self.tr("Bước"), lambda p: p.status_label),
            ],
            self,
        )
        self.procedure_view = QTableView()
        self.procedure_view.setModel(self.procedures)
        setup_table(self.procedure_view, stretch_column=1)
        self.procedure_view.doubleClicked.connect(
            lambda i: self.open_procedure.emit(self.procedures.row_at(i.row()).id)
        )
        rv.addWidget(self.procedure_view, 2)
        return right

    # -- the list ------------------------------------------------------------------------------
    def filters(self) -> dict:
        return {
            "text": self.search.text().strip() or None,
            "organisation_id": self.org_filter.currentData(),
            "status": self.status_filter.currentData(),
        }

    def _source(self):
        return member_list.MemberList(self.ctx.db.session, **self.filters())

    def fill_organisations(self) -> None:
        db = self.ctx.db

        def work():
            with db.session() as s:
                return member_service.grassroots_organisations(s)

        self.ctx.runner.query(("orgs", id(self)), work, self._fill_organisations)

    def _fill_organisations(self, orgs) -> None:
        self.refill(
            self.org_filter, self.tr("Mọi tổ chức cơ sở đảng"), [(o.id, o.name) for o in orgs]
        )

    def refresh(self) -> None:
        self.fill_organisations()
        self.reload()

    def _count_text(self, n: int) -> str:
        return self.tr("{n} người").format(n=thousands(n))

    row_of = staticmethod(member_list.row_of)
    select_member = FilteredListPage.select_row

    def _show(self, member_id: int | None) -> None:
        self.current_id = member_id
        for b in (self.edit_button, self.new_procedure_button, self.delete_button):
            b.setEnabled(member_id is not None)
        if member_id is None:
            self.ctx.runner.cancel(("detail", id(self)))
            self._detail = None
            self.detail_title.setText(self.tr("Hồ sơ"))
            self.detail.setHtml(
                "<p style='color:#5b6370'>"
                + html.escape(
                    self.tr("Chọn một người trong danh sách để xem hồ sơ và các thủ tục.")
                )
                + "</p>"
            )
            self.procedures.set_rows([])
            return
        db, today = self.ctx.db, self.ctx.today()

        def work():
            with db.session() as s:
                try:
                    return member_detail.detail(s, member_id, today)
                except NotFoundError:  # deleted meanwhile on another workstation
                    return None

        self.ctx.runner.query(("detail", id(self)), work, self._detail_arrived)

    def _detail_arrived(self, d) -> None:
        if d is None:
            self._show(None)
            return
        if d.id != self.current_id:
            return
        self._detail = d
        self.detail_title.setText(d.data.full_name)
        self.detail.setHtml(self._html(d))
        self.procedures.set_rows(d.procedures)

    def _html(self, d) -> str:
        m = d.data
        rows = [
            (self.tr("Giới tính"), m.gender),
            (self.tr("Ngày sinh"), _fmt(m.birth_date)),
            (self.tr("Quê quán"), m.place_of_origin),
            (self.tr("Dân tộc"), m.ethnicity),
            (self.tr("Tổ chức cơ sở đảng"), d.organisation),
            (self.tr("Chi bộ"), d.cell),
            (self.tr("Chức vụ, cơ quan"), ", ".join(x for x in (m.position, m.agency) if x)),
            (self.tr("Tình trạng"), member_service.status_label(m.status)),
            (self.tr("Số thẻ đảng viên"), m.card_number),
            (self.tr("Ngày vào Đảng"), _fmt(m.admission_date)),
            (self.tr("Vào Đảng lần đầu"), _fmt(m.first_admission_date)),
            (self.tr("Lễ kết nạp"), _fmt(m.ceremony_date)),
            (self.tr("Ngày chính thức"), _fmt(m.full_member_date)),
            (self.tr("Hết 12 tháng dự bị"), _fmt(d.probation_end)),
            (self.tr("Tuổi Đảng"), d.party_age.text() if d.party_age else None),
            (
                self.tr("Ra khỏi Đảng"),
                "; ".join(f"{_fmt(a)} – {_fmt(b) or self.tr('nay')}" for a, b in d.absences),
            ),
            (self.tr("Sức khỏe"), self.tr("Ốm đau nặng") if m.seriously_ill else None),
            (self.tr("Ghi chú"), m.notes),
        ]
        body = "".join(
            f"<tr><td style='color:#5b6370;padding-right:12px'>{html.escape(k)}</td>"
            f"<td>{html.escape(str(val))}</td></tr>"
            for k, val in rows
            if val
        )
        return f"<table cellspacing='2'>{body}</table>"

    # -- actions ------------------------------------------------------------------------------
    def add_member(self) -> None:
        from ketluan_desktop.ui.members.member_dialog import MemberDialog

        dlg = MemberDialog(self.ctx, None, self)
        if dialogs.exec_dialog(dlg) and dlg.saved_id is not None:
            self.select_member(dlg.saved_id)

    def edit_member(self) -> None:
        from ketluan_desktop.ui.members.member_dialog import MemberDialog

        if self.current_id is None:
            return
        dlg = MemberDialog(self.ctx, self.current_id, self)
        if dialogs.exec_dialog(dlg) and dlg.saved_id is not None:
            self.select_member(dlg.saved_id)

    def delete_member(self) -> None:
        d = self._detail
        if self.current_id is None or d is None or d.id != self.current_id:
            return
        if not dialogs.ask_yes_no(
            self,
            self.tr("Xóa hồ sơ của {name}? Việc này không hoàn tác được.").format(
                name=d.data.full_name
            ),
        ):
            return
        db, now = self.ctx.db, self.ctx.now()
        self.delete_button.setEnabled(False)  # one deletion per click, however many clicks

        def work() -> None:
            with db.write_session() as s:
                member_service.delete(s, d.id, expected_version=d.version, now=now)

        def done(_result) -> None:
            self.current_id = None
            self.ctx.notify("members")

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.core.errors import KetLuanError

            self.delete_button.setEnabled(self.current_id is not None)
            if isinstance(exc, KetLuanError):
                dialogs.show_error(self, exc.message)
            else:
                self._failed(exc, tb)

        self.ctx.runner.run(work, done, failed)

    def import_excel(self) -> None:
        from ketluan_desktop.core.members import member_import
        from ketluan_desktop.ui.members.import_dialog import ImportPreviewDialog

        path = dialogs.open_file(
            self,
            self.tr("Nhập đảng viên từ Excel"),
            "member_lists",
            self.tr("Bảng tính Excel (*.xlsx *.xlsm);;Tất cả tệp (*)"),
        )
        if not path:
            return
        db, today, now = self.ctx.db, self.ctx.today(), self.ctx.now()

        def read():
            with db.session() as s:
                return member_import.read_sheet(s, path, today=today)

        def store(preview):
            with db.write_session() as s:
                return member_import.import_members(s, preview, now=now)

        def imported(n: int) -> None:
            self.ctx.notify("members")
            dialogs.show_info(self, self.tr("Đã nhập {n} đảng viên.").format(n=thousands(n)))

        def previewed(preview) -> None:
            dlg = ImportPreviewDialog(preview, self)
            if dialogs.exec_dialog(dlg) and preview.can_import:
                # The button stays off until the members are stored: one import per click.
                run_from(self.ctx.runner, [self.import_button], lambda: store(preview),
                         imported, self._failed)  # fmt: skip

        run_from(self.ctx.runner, [self.import_button], read, previewed, self._failed)

    def export_excel(self) -> None:
        from ketluan_desktop.core.members import member_export

        filters = self.filters()
        n = self.model.rowCount()
        if not n:
            dialogs.show_info(self, self.tr("Danh sách đang trống: không có gì để xuất."))
            return
        if not dialogs.ask_yes_no(
            self,
            self.tr(
                "Sẽ xuất {n} hồ sơ đảng viên (họ tên, ngày sinh, quê quán, số thẻ…) — đây là dữ liệu "
                "cá nhân, cần được bảo vệ. Việc xuất sẽ được ghi vào nhật ký hệ thống. Tiếp tục?"
            ).format(n=thousands(n)),
            self.tr("Xuất dữ liệu cá nhân"),
        ):
            return
        ask = (
            self.tr("Xuất danh sách đảng viên"),
            "member_lists",
            f"Danh sách đảng viên {self.ctx.today():%d-%m-%Y}.xlsx",
            self.tr("Bảng tính Excel (*.xlsx)"),
            ".xlsx",
        )
        db, now = self.ctx.db, self.ctx.now()

        def work(path: Path) -> int:
            with db.write_session() as s:
                return member_export.export_members(s, path, filters=filters, now=now)

        def done(path: Path, count: int) -> None:
            dialogs.show_info(
                self,
                self.tr("Đã xuất {n} đảng viên ra {path}.").format(n=thousands(count), path=path),
            )

        self.export_to([self.export_button], ask, work, done)

    def write_template(self) -> None:
        from ketluan_desktop.core.members import member_export

        path = dialogs.save_file(
            self,
            self.tr("Tạo tệp Excel mẫu"),
            "member_lists",
            "Mẫu nhập đảng viên.xlsx",
            self.tr("Bảng tính Excel (*.xlsx)"),
            ".xlsx",
        )
        if not path:
            return
        from ketluan_desktop.ui.workers import answer_to, said_to

        db = self.ctx.db

        def work() -> None:
            with db.session() as s:
                member_export.write_template(s, path)

        def done(_result) -> None:
            dialogs.show_info(self, self.tr("Đã tạo tệp mẫu {path}.").format(path=path))

        # written on the runner, the button off meanwhile; a refusal is said
        run_from(
            self.ctx.runner, [self.template_button], work, answer_to(self, done), said_to(self)
        )
