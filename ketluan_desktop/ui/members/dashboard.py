"""Tổng quan: what falls due, one tile per rule with its count; the selected rule's list below."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members import reminders as member_rules
from ketluan_desktop.core.members.reminders import Reminder
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.members.widgets import CountCard
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.style import set_text_role
from ketluan_desktop.ui.widgets.common import heading, setup_table
from ketluan_desktop.ui.workers import run_from

RED = QBrush(QColor("#b3261e"))
ALERT_RULES = {
    member_rules.PROBATION_OVERDUE,
    member_rules.RETURN_REPORT,
    member_rules.CEREMONY_OVERDUE,
    member_rules.LOST_CARD,
}


def _fmt(d) -> str:
    return member_service.fmt_date(d)


class DashboardPage(QWidget):
    open_member = Signal(int)
    open_procedure = Signal(int)
    # Every member, counted with the tiles: the workspace's empty state needs no read of its own.
    members_counted = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lists: dict[str, list[Reminder]] = {}
        self.counts: dict[str, int] = {}
        self.labels: dict[str, str] = {}
        self.selected = member_rules.PROBATION_ENDING
        self._generation = 0
        self._loading: str | None = None
        self._refreshing: str | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = heading(self.tr("Việc đến hạn"))
        top.addWidget(self.title)
        top.addStretch(1)
        self.totals = QLabel()
        self.totals.setStyleSheet("color: #5b6370;")
        self.settings_button = QPushButton(self.tr("Quy định…"))
        self.settings_button.setToolTip(self.tr("Các mốc thời gian dùng để nhắc việc"))
        self.settings_button.clicked.connect(self.open_settings)
        top.addWidget(self.settings_button)
        v.addLayout(top)
        v.addWidget(self.totals)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.cards: dict[str, CountCard] = {}
        for i, rule in enumerate(member_rules.RULES):
            card = CountCard(rule, member_rules.rule_label(rule))
            card.clicked.connect(self.select_rule)
            self.cards[rule] = card
            grid.addWidget(card, i // 3, i % 3)
        v.addLayout(grid)
        self.list_title = QLabel()
        set_text_role(self.list_title, "heading")
        v.addWidget(self.list_title)
        self.model = RowsModel(
            [
                Column(self.tr("Họ và tên"), lambda r: r.member_name),
                Column(self.tr("Tổ chức cơ sở đảng"), lambda r: r.organisation or ""),
                Column(self.tr("Ngày"), lambda r: _fmt(r.date), Qt.AlignmentFlag.AlignCenter),
                Column(
                    self.tr("Hạn"),
                    lambda r: _fmt(r.due),
                    Qt.AlignmentFlag.AlignCenter,
                    foreground=lambda r: RED if r.overdue else None,
                ),
                Column(self.tr("Nội dung"), lambda r: r.text, tooltip=lambda r: r.text),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table, stretch_column=4)
        self.table.setColumnWidth(0, 190)
        self.table.setColumnWidth(1, 230)
        self.table.doubleClicked.connect(lambda _i: self._open_member())
        v.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.member_button = QPushButton(self.tr("Mở hồ sơ đảng viên"))
        self.member_button.clicked.connect(self._open_member)
        self.procedure_button = QPushButton(self.tr("Mở thủ tục"))
        self.procedure_button.clicked.connect(self._open_procedure)
        self.export_button = QPushButton(self.tr("Xuất danh sách ra Excel…"))
        self.export_button.clicked.connect(self.export)
        for b in (self.member_button, self.procedure_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        v.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.cards[self.selected].set_selected(True)  # its list comes with the first refresh
        self._update_buttons()

    # -- data ---------------------------------------------------------------------------------
    # The tiles are SQL counts; a rule's list is read when it is shown (the refresh reads the
    # shown one with the counts), kept until the next refresh. ``lists`` holds the lists read
    # since the last refresh; ``_loading`` is the rule whose list is being read on its own.
    def refresh(self) -> None:
        """Recount every rule and re-read the shown rule's list in the background, with the
        totals (``core.members.reminder_board``: two round trips to a server); a newer refresh
        supersedes an older one, and drops a list being read for the data before it."""
        today = self.ctx.today()
        db = self.ctx.db
        rule = self.selected

        def work():
            # Imported here, on the runner's thread: the totals' modules were a third of the
            # first switch's UI-thread time (their row classes built at import).
            from ketluan_desktop.core.members import reminder_board

            with db.read_session() as s:  # on a server: no BEGIN/COMMIT round trips
                return reminder_board.board(s, today, rule)

        def done(board) -> None:
            self._refreshing = None
            self.lists.setdefault(rule, board.items)
            totals = {"probationary": board.probationary, "full": board.full}
            totals["open"] = board.open_procedures
            self._show(board.config, board.counts, totals, today)
            self.members_counted.emit(board.members)

        self._generation += 1
        self.lists = {}
        self.ctx.runner.cancel(("reminder-list", id(self)))
        self._loading = None
        self._refreshing = rule
        for card in self.cards.values():
            card.set_pending()
        self.ctx.runner.query(("reminders", id(self)), work, done, self._failed, slow=True)

    def _load_list(self, rule: str) -> None:
        """Read one rule's list on its own (a tile chosen after the refresh read another)."""
        today, db, generation = self.ctx.today(), self.ctx.db, self._generation

        def work() -> list[Reminder]:
            with db.session() as s:
                return member_rules.reminders(s, today, rule)[rule]

        def done(items: list[Reminder]) -> None:
            if self._loading == rule:
                self._loading = None
            if generation != self._generation:
                return
            self.lists[rule] = items
            if self.selected == rule:
                self._show_list()

        self._loading = rule
        self.ctx.runner.query(("reminder-list", id(self)), work, done, self._failed)

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        report_exception(exc, tb, self)

    def _show(self, cfg, counts, totals, today) -> None:
        self.counts = dict(counts)
        self.title.setText(self.tr("Việc đến hạn — tính đến ngày {d}").format(d=_fmt(today)))
        self.totals.setText(
            self.tr("{p} đảng viên dự bị, {f} chính thức; {o} thủ tục đang giải quyết").format(
                p=thousands(totals["probationary"]),
                f=thousands(totals["full"]),
                o=thousands(totals["open"]),
            )
        )
        self.labels = {rule: member_rules.rule_label(rule, cfg) for rule in member_rules.RULES}
        for rule, card in self.cards.items():
            if card.label.text() != self.labels[rule]:
                card.label.setText(self.labels[rule])
            card.set_count(self.counts.get(rule, 0), rule in ALERT_RULES)
        self.select_rule(self.selected)

    def select_rule(self, rule: str) -> None:
        """Show ``rule``'s tile as chosen and its list: at once if read since the last refresh,
        else once read (the refresh reading it, or a read of its own)."""
        self.selected = rule
        for key, card in self.cards.items():
            card.set_selected(key == rule)
        if rule in self.lists:
            self._show_list()
            return
        label = self.labels.get(rule) or member_rules.rule_label(rule)
        self.list_title.setText(self.tr("{label}: đang tải…").format(label=label))
        if self.model.rowCount():
            self.model.set_rows([])
        self._update_buttons()
        if rule not in (self._refreshing, self._loading):
            self._load_list(rule)

    def _show_list(self) -> None:
        rule = self.selected
        items = self.lists[rule]
        label = self.labels.get(rule) or member_rules.rule_label(rule)
        self.list_title.setText(f"{label}: {thousands(len(items))}")
        self.model.set_rows(items)
        # A role without the personal-data permission gets no dates (core/members/reminders.py).
        dateless = bool(items) and all(r.date is None and r.due is None for r in items)
        self.table.setColumnHidden(2, dateless)
        self.table.setColumnHidden(3, dateless)
        if items:
            self.table.selectRow(0)
        self._update_buttons()

    def current(self) -> Reminder | None:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def _update_buttons(self) -> None:
        r = self.current()
        self.member_button.setEnabled(r is not None)
        self.procedure_button.setEnabled(r is not None and r.procedure_id is not None)
        self.export_button.setEnabled(bool(self.lists.get(self.selected)))

    def _open_member(self) -> None:
        r = self.current()
        if r is not None:
            self.open_member.emit(r.member_id)

    def _open_procedure(self) -> None:
        r = self.current()
        if r is not None and r.procedure_id is not None:
            self.open_procedure.emit(r.procedure_id)

    # -- actions ------------------------------------------------------------------------------
    def open_settings(self) -> None:
        from ketluan_desktop.ui.members.rules_dialog import RuleSettingsDialog

        dialogs.exec_dialog(RuleSettingsDialog(self.ctx, self))

    def export(self) -> None:
        from ketluan_desktop.core.members import member_registers as registers

        rule = self.selected
        n = len(self.lists.get(rule, []))
        if not dialogs.ask_yes_no(
            self,
            self.tr(
                "Danh sách gồm {n} đảng viên với họ tên và đơn vị — là dữ liệu cá nhân. Việc xuất "
                "sẽ được ghi vào nhật ký hệ thống. Tiếp tục?"
            ).format(n=thousands(n)),
            self.tr("Xuất dữ liệu cá nhân"),
        ):
            return
        path = dialogs.save_file(
            self,
            self.tr("Lưu danh sách nhắc việc"),
            "member_lists",
            f"Nhắc việc - {member_rules.rule_label(rule)} - {self.ctx.today():%d-%m-%Y}.xlsx",
            self.tr("Bảng tính Excel (*.xlsx)"),
            ".xlsx",
        )
        if not path:
            return
        today, now, db = self.ctx.today(), self.ctx.now(), self.ctx.db

        def work():
            with db.write_session() as s:
                return registers.export_reminders(s, rule, today, path, now=now)

        def done(count) -> None:
            dialogs.show_info(
                self, self.tr("Đã ghi {n} dòng vào {path}.").format(n=thousands(count), path=path)
            )

        run_from(self.ctx.runner, [self.export_button], work, done, self._failed)
