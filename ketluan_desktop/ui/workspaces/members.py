"""Đảng viên & thủ tục: what falls due, the members, their procedures, the period's figures."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from ketluan_desktop.ui.members.dashboard import DashboardPage
from ketluan_desktop.ui.widgets.common import EmptyState
from ketluan_desktop.ui.workspaces.base import Workspace

if TYPE_CHECKING:
    from ketluan_desktop.ui.members.figures_page import FiguresPage
    from ketluan_desktop.ui.members.member_page import MemberPage
    from ketluan_desktop.ui.members.procedure_page import ProcedurePage

TAB_DASHBOARD, TAB_MEMBERS, TAB_PROCEDURES, TAB_FIGURES = range(4)


class MembersWorkspace(Workspace):
    key = "members"
    areas = ("members", "procedures")

    def title(self) -> str:
        return self.tr("Đảng viên & thủ tục")

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.stack = QStackedWidget()
        self.empty: EmptyState | None = None  # built if the office has no member
        self.tabs = QTabWidget()
        self.dashboard = DashboardPage(ctx)
        self.dashboard.open_member.connect(self.show_member)
        self.dashboard.open_procedure.connect(self.show_procedure)
        self.dashboard.members_counted.connect(self._counted)
        self.tabs.addTab(self.dashboard, self.tr("Việc đến hạn"))
        # The other pages are built when first shown or asked for: switching to the workspace
        # pays for the dashboard only.
        self._built: dict[int, QWidget] = {TAB_DASHBOARD: self.dashboard}
        for title in (
            self.tr("Danh sách đảng viên"),
            self.tr("Thủ tục"),
            self.tr("Số liệu && sổ"),
        ):
            self.tabs.addTab(QWidget(), title)
        self.stack.addWidget(self.tabs)
        # The tabs from the start (their cards say «…» until counted): an office has members, so
        # showing the empty state first laid out and painted a page only to replace it.
        self.stack.setCurrentWidget(self.tabs)
        self._stale: set[int] = set()  # pages to reload when next shown
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _page(self, index: int) -> QWidget:
        page = self._built.get(index)
        if page is not None:
            return page
        # Each page's modules load with it: the first switch to the workspace imports the
        # dashboard's only (the others' imports and compiling were half of its UI-thread time).
        if index == TAB_MEMBERS:
            from ketluan_desktop.ui.members.member_page import MemberPage

            page = MemberPage(self.ctx)
            page.open_procedure.connect(self.show_procedure)
            page.procedure_requested.connect(self.new_procedure_for)
        elif index == TAB_PROCEDURES:
            from ketluan_desktop.ui.members.procedure_page import ProcedurePage

            page = ProcedurePage(self.ctx)
            page.open_member.connect(self.show_member)
        else:
            from ketluan_desktop.ui.members.figures_page import FiguresPage

            page = FiguresPage(self.ctx)
        self._built[index] = page
        current = self.tabs.currentIndex()
        title = self.tabs.tabText(index)
        self.tabs.blockSignals(True)
        placeholder = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        return page

    @property
    def member_page(self) -> MemberPage:
        return self._page(TAB_MEMBERS)  # type: ignore[return-value]

    @property
    def procedure_page(self) -> ProcedurePage:
        return self._page(TAB_PROCEDURES)  # type: ignore[return-value]

    @property
    def figures_page(self) -> FiguresPage:
        return self._page(TAB_FIGURES)  # type: ignore[return-value]

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
        """The page on screen reloads now (in the background); the others when next shown. The
        dashboard counts every member with its tiles (one job, two round trips to a server); with
        another page on screen the count is a job of its own (one statement, no transaction)."""
        self._stale = set(range(self.tabs.count()))
        current = self.tabs.currentIndex()
        if current != TAB_DASHBOARD:
            db = self.ctx.db

            def work() -> int:
                from ketluan_desktop.core.members import member_list  # on the runner's thread

                with db.read_session() as s:  # one statement: no BEGIN/COMMIT on a server
                    return member_list.count(s)

            self.ctx.runner.query(("members-count", id(self)), work, self._counted)
        self._tab_shown(current)

    def _counted(self, total: int) -> None:
        self.stack.setCurrentWidget(self.tabs if total else self._empty_state())

    def _empty_state(self) -> EmptyState:
        if self.empty is None:
            self.empty = EmptyState(
                self.tr("Chưa có đảng viên"),
                self.tr(
                    "Hãy nhập danh sách đảng viên từ tệp Excel (có tệp mẫu để điền), thêm từng "
                    "người, hoặc nạp dữ liệu mẫu từ menu Tệp."
                ),
                [
                    (self.tr("Tạo tệp mẫu Excel…"), lambda: self.member_page.write_template()),
                    (self.tr("Nhập từ Excel…"), lambda: self.member_page.import_excel()),
                    (self.tr("Thêm đảng viên…"), lambda: self.member_page.add_member()),
                ],
            )
            self.stack.addWidget(self.empty)
        return self.empty

    def ahead_steps(self) -> list:
        """The members' and procedures' lists (and the figures), each built in one step and
        read in the next, as its first click would."""
        steps = []
        for index in (TAB_MEMBERS, TAB_PROCEDURES, TAB_FIGURES):
            steps += [lambda i=index: self._page(i), lambda i=index: self._read_ahead(i)]
        return steps

    def _read_ahead(self, index: int) -> None:
        """The page's data read now, in the background, if it would be read when next shown."""
        if index in self._stale and index != self.tabs.currentIndex():
            self._stale.discard(index)
            self._page(index).refresh()

    def _tab_shown(self, index: int) -> None:
        page = self._page(index)
        if index in self._stale:
            self._stale.discard(index)
            page.refresh()

    def show_member(self, member_id: int) -> None:
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(TAB_MEMBERS)
        self.member_page.select_member(member_id)

    def show_procedure(self, procedure_id: int) -> None:
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(TAB_PROCEDURES)
        self.procedure_page.select_procedure(procedure_id)

    def show_counted_procedures(self, kind: str | None, start: date, end: date) -> None:
        """The procedures list showing what the period's figures count (the overview's bars)."""
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(TAB_PROCEDURES)
        self.procedure_page.show_counted(kind, start, end)

    def show_reminders(self, rule: str) -> None:
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(TAB_DASHBOARD)
        self.dashboard.select_rule(rule)

    def new_procedure_for(self, member_id: int) -> None:
        self.tabs.setCurrentIndex(TAB_PROCEDURES)
        self.procedure_page.new_procedure(member_id=member_id)
