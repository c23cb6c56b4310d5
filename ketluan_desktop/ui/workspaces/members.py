"""Đảng viên & thủ tục: what falls due, the members, their procedures, the period's figures."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QStackedWidget, QTabWidget, QVBoxLayout

from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.ui.members.dashboard import DashboardPage
from ketluan_desktop.ui.members.figures_page import FiguresPage
from ketluan_desktop.ui.members.member_page import MemberPage
from ketluan_desktop.ui.members.procedure_page import ProcedurePage
from ketluan_desktop.ui.widgets.common import EmptyState
from ketluan_desktop.ui.workspaces.base import Workspace

TAB_DASHBOARD, TAB_MEMBERS, TAB_PROCEDURES, TAB_FIGURES = range(4)


class MembersWorkspace(Workspace):
    key = "members"
    areas = ("members", "procedures")

    def title(self) -> str:
        return self.tr("Đảng viên & thủ tục")

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.stack = QStackedWidget()
        self.empty = EmptyState(
            self.tr("Chưa có đảng viên"),
            self.tr(
                "Hãy nhập danh sách đảng viên từ tệp Excel (có tệp mẫu để điền), thêm từng người, "
                "hoặc nạp dữ liệu mẫu từ menu Tệp."
            ),
            [
                (self.tr("Tạo tệp mẫu Excel…"), lambda: self.member_page.write_template()),
                (self.tr("Nhập từ Excel…"), lambda: self.member_page.import_excel()),
                (self.tr("Thêm đảng viên…"), lambda: self.member_page.add_member()),
            ],
        )
        self.stack.addWidget(self.empty)
        self.tabs = QTabWidget()
        self.dashboard = DashboardPage(ctx)
        self.member_page = MemberPage(ctx)
        self.procedure_page = ProcedurePage(ctx)
        self.figures_page = FiguresPage(ctx)
        self.tabs.addTab(self.dashboard, self.tr("Việc đến hạn"))
        self.tabs.addTab(self.member_page, self.tr("Danh sách đảng viên"))
        self.tabs.addTab(self.procedure_page, self.tr("Thủ tục"))
        self.tabs.addTab(self.figures_page, self.tr("Số liệu && sổ"))
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.dashboard.open_member.connect(self.show_member)
        self.dashboard.open_procedure.connect(self.show_procedure)
        self.member_page.open_procedure.connect(self.show_procedure)
        self.member_page.procedure_requested.connect(self.new_procedure_for)
        self.procedure_page.open_member.connect(self.show_member)

    # What other code and the tests reach directly.
    @property
    def model(self):
        return self.member_page.model

    @property
    def search(self):
        return self.member_page.search

    @property
    def sentence(self):
        return self.figures_page.sentence

    def set_period(self, start: date, end: date) -> None:
        self.tabs.setCurrentIndex(TAB_FIGURES)
        self.figures_page.set_period(start, end)

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            total = member_service.count(s)
        self.stack.setCurrentIndex(1 if total else 0)
        self.dashboard.refresh(total)
        self.member_page.refresh()
        self.procedure_page.refresh()
        self.figures_page.refresh()

    def show_member(self, member_id: int) -> None:
        self.stack.setCurrentIndex(1)
        self.tabs.setCurrentIndex(TAB_MEMBERS)
        self.member_page.select_member(member_id)

    def show_procedure(self, procedure_id: int) -> None:
        self.stack.setCurrentIndex(1)
        self.tabs.setCurrentIndex(TAB_PROCEDURES)
        self.procedure_page.select_procedure(procedure_id)

    def new_procedure_for(self, member_id: int) -> None:
        self.tabs.setCurrentIndex(TAB_PROCEDURES)
        self.procedure_page.new_procedure(member_id=member_id)
