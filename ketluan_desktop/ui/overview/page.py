"""The overview's screen: filters on top, the six reminder counters, four charts and two tables.

Everything is read through the runner (one query for the charts, the reminders in the slow lane)
and painted when it arrives; a click on a chart element asks the window to open the list that
counts the same records (``open_tasks`` / ``open_procedures``), a counter opens its reminders.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.members import reminder_rules as member_rules
from ketluan_desktop.core.members.overview_values import ProcedureOverview
from ketluan_desktop.core.overview import charts as overview_charts
from ketluan_desktop.core.periods import (
    current_half_year,
    period_text,
    report_periods,
    year_earlier,
)
from ketluan_desktop.core.tasks.overview_values import TaskOverview, TaskScope
from ketluan_desktop.core.tasks.task_rows import TaskFilter
from ketluan_desktop.core.tasks.vocabulary import OVERDUE
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.members.widgets import CountCard
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.overview import chart_view
from ketluan_desktop.ui.overview.chart_export import export_button
from ketluan_desktop.ui.overview.chart_view import Card, ChartPanel
from ketluan_desktop.ui.style import set_text_role
from ketluan_desktop.ui.widgets.common import setup_table

ALERT_RULES = {
    member_rules.PROBATION_OVERDUE,
    member_rules.RETURN_REPORT,
    member_rules.CEREMONY_OVERDUE,
    member_rules.LOST_CARD,
}
CHARTS = ("units", "overdue", "months", "kinds")
CARD_WIDTH = 150  # a reminder counter's least width
REMINDERS_LATEST_MS = 1000  # after the charts' data, with or without their paint
FRAME_AFTER_MS = 500  # a first opening whose data is slower than this shows its frame meanwhile
CHARTS_HELD_MS = 1000  # the longest the page waits for its four charts' builds before painting


def _card(title_widget: QWidget, body: QWidget, tools: list[QWidget]) -> QFrame:
    frame = Card()
    if isinstance(title_widget, QLabel):
        title_widget.setWordWrap(True)  # a long title wraps on a narrow screen, never widens it
    v = QVBoxLayout(frame)
    v.setContentsMargins(8, 6, 8, 8)
    top = QHBoxLayout()
    top.addWidget(title_widget, 1)
    for t in tools:
        top.addWidget(t)
    v.addLayout(top)
    v.addWidget(body, 1)
    return frame


def _key(start: date, end: date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


class OverviewPage(QWidget):
    open_tasks = Signal(object)  # TaskFilter
    open_task = Signal(int)
    open_procedures = Signal(object, object, object)  # kind or None, start, end
    open_reminder = Signal(str)
    report_requested = Signal(object, object)  # start, end

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: dict | None = None
        self.reminder_counts: dict[str, int] = {}
        self._reminders_due = False  # recount the reminders once the charts are painted
        self.views: dict[str, ChartPanel] = {}
        self._early: tuple | None = None  # what the load started while the page was built asks
        self._ready_counts: dict[str, int] | None = None  # the reminders', read at start-up
        self._no_warm_up = False
        self._read_when_open = False  # asked for a read before the database was open
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._held = QTimer(self)  # paints held back until then (``_hold_paint``)
        self._held.setSingleShot(True)
        self._held.timeout.connect(self._paint_now)
        outer.addLayout(self._filters())
        self._load_early()
        if self._early is not None:
            # The first opening is painted once, with its data and charts, not first as an
            # empty frame: meanwhile the window keeps what it showed. Data slower than
            # ``FRAME_AFTER_MS`` (a distant server) lets the frame show meanwhile.
            self._hold_paint(FRAME_AFTER_MS)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.grid = QGridLayout(body)
        self.grid.setContentsMargins(0, 4, 4, 4)
        self.grid.setSpacing(10)
        self.grid.addLayout(self._reminders(), 0, 0, 1, 2)
        for i, key in enumerate(CHARTS):
            panel = ChartPanel()
            panel.view.clicked.connect(
                lambda series, index, k=key: self._chart_clicked(k, series, index)
            )
            panel.view.painted.connect(self._chart_painted)
            panel.view.ready.connect(self._chart_ready)
            self.views[key] = panel
            panel.tools.addWidget(
                export_button(panel, self, lambda path, k=key: self.export_excel(k, path)),
                0,
                Qt.AlignmentFlag.AlignBottom,
            )
            self.grid.addWidget(panel, 1 + i // 2, i % 2)
        self.grid.addWidget(self._oldest_table(), 3, 0)
        self.grid.addWidget(self._kind_table(), 3, 1)
        for row in (1, 2):
            self.grid.setRowMinimumHeight(row, 300)
        self._legends_ahead()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    # -- building -----------------------------------------------------------------------------
    def _filters(self) -> QVBoxLayout:
        # The heading has a line of its own: beside the filters it was squeezed to
        # "Tổng quan — tí…" at 150 % scaling (the filters' widths do not give way).
        rows = QVBoxLayout()
        rows.setSpacing(4)
        heading = QHBoxLayout()
        rows.addLayout(heading)
        self.as_of = QLabel()
        set_text_role(self.as_of, "heading")
        heading.addWidget(self.as_of, 1)
        row = QHBoxLayout()
        rows.addLayout(row)
        row.addWidget(QLabel(self.tr("Kỳ:")))
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Kỳ báo cáo"))
        for p in report_periods(self.ctx.today()):
            self.period.addItem(p.label, _key(p.start, p.end))
        row.addWidget(self.period)
        self.in_period = QCheckBox(self.tr("Chỉ nhiệm vụ có hạn trong kỳ"))
        row.addWidget(self.in_period)
        row.addWidget(QLabel(self.tr("Văn bản:")))
        self.document = QComboBox()
        self.document.setAccessibleName(self.tr("Lọc nhiệm vụ theo văn bản"))
        self.document.addItem(self.tr("Mọi văn bản"))
        self._document_ids: list[int | None] = [None]  # of the choices, in order
        self.document.setMinimumContentsLength(22)
        self.document.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        row.addWidget(self.document)
        row.addStretch(1)
        self.report_button = QPushButton(self.tr("Báo cáo sáu tháng…"))
        self.report_button.clicked.connect(lambda: self.report_requested.emit(*self.period_dates()))
        heading.addWidget(self.report_button)
        self.period.currentIndexChanged.connect(self.reload)
        self.in_period.toggled.connect(self.reload)
        self.document.currentIndexChanged.connect(self.reload)
        return rows

    def _reminders(self) -> QGridLayout:
        self.card_grid = QGridLayout()
        self.card_grid.setSpacing(8)
        self.cards: dict[str, CountCard] = {}
        for rule in member_rules.RULES:
            card = CountCard(rule, member_rules.rule_label(rule))
            card.setMinimumWidth(CARD_WIDTH)
            card.clicked.connect(self.open_reminder)
            self.cards[rule] = card
        self._card_columns = 0
        self._flow_cards(len(self.cards))
        return self.card_grid

    def _flow_cards(self, columns: int) -> None:
        """Six counters in a row where there is room, two rows of three on a narrow or scaled
        screen (at 150 % six in a row needed a sideways scroll bar)."""
        if columns == self._card_columns:
            return
        self._card_columns = columns
        for i, card in enumerate(self.cards.values()):
            self.card_grid.removeWidget(card)
            self.card_grid.addWidget(card, i // columns, i % columns)
        for c in range(len(self.cards)):
            self.card_grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event) -> None:  # Qt API name
        super().resizeEvent(event)
        n = len(self.cards)
        room = event.size().width() - 24  # the scroll bar and the margins
        self._flow_cards(n if room >= n * (CARD_WIDTH + 8) else (n + 1) // 2)

    def _oldest_table(self) -> QFrame:
        self.oldest = RowsModel(
            [
                Column(self.tr("Nhiệm vụ"), lambda r: r.text, tooltip=lambda r: r.text),
                Column(self.tr("Đơn vị chủ trì"), lambda r: r.lead_unit or ""),
                Column(
                    self.tr("Hạn"), lambda r: format_date(r.deadline), Qt.AlignmentFlag.AlignCenter
                ),
                Column(
                    self.tr("Quá hạn"),
                    lambda r: self.tr("{n} ngày").format(
                        n=thousands((self.ctx.today() - r.deadline).days)
                    ),
                    Qt.AlignmentFlag.AlignRight,
                ),
            ],
            self,
        )
        self.oldest_view = QTableView()
        self.oldest_view.setModel(self.oldest)
        setup_table(self.oldest_view, stretch_column=0)
        self.oldest_view.setColumnWidth(1, 170)
        self.oldest_view.doubleClicked.connect(
            lambda i: self.open_task.emit(self.oldest.row_at(i.row()).id)
        )
        title = QLabel(self.tr("10 nhiệm vụ quá hạn lâu nhất (nhấp đúp để mở)"))
        set_text_role(title, "heading")
        return _card(title, self.oldest_view, [])

    def _kind_table(self) -> QFrame:
        def change(k) -> str:
            sign = "+" if k.change > 0 else ("−" if k.change < 0 else "")
            pct = "" if k.percent is None else f" ({sign}{abs(k.percent):.0f}%)".replace(".", ",")
            return f"{sign}{thousands(abs(k.change))}{pct}" if k.change else "0"

        right = Qt.AlignmentFlag.AlignRight
        self.kinds = RowsModel(
            [
                Column(self.tr("Loại thủ tục"), lambda k: k.label),
                Column(self.tr("Kỳ này"), lambda k: thousands(k.current), right),
                Column(self.tr("Cùng kỳ năm trước"), lambda k: thousands(k.previous), right),
                Column(self.tr("Tăng, giảm"), change, right),
            ],
            self,
        )
        self.kinds_view = QTableView()
        self.kinds_view.setModel(self.kinds)
        setup_table(self.kinds_view, stretch_column=0)
        self.kinds_view.doubleClicked.connect(self._kind_row_opened)
        self.kinds_title = QLabel(self.tr("Thủ tục theo loại"))
        set_text_role(self.kinds_title, "heading")
        return _card(self.kinds_title, self.kinds_view, [])

    def _legends_ahead(self) -> None:
        """The legends' rows: the series are known before any number, so they are built with the
        page, while its data is read; the data's arrival then changes no layout."""
        start, end = self.period_dates()
        t = TaskOverview(self.ctx.today(), TaskScope())
        p = ProcedureOverview(start, end, start, end)
        specs = {
            "units": overview_charts.unit_chart(t),
            "overdue": overview_charts.overdue_chart(t),
            "months": overview_charts.procedure_month_chart(p),
            "kinds": overview_charts.kind_chart(p),
        }
        for key, spec in specs.items():
            self.views[key].legend.set_spec(spec)

    # -- data ---------------------------------------------------------------------------------
    def period_dates(self) -> tuple[date, date]:
        a, b = self.period.currentData().split("/")
        return date.fromisoformat(a), date.fromisoformat(b)

    def scope(self) -> TaskScope:
        start, end = self.period_dates()
        if self.in_period.isChecked():
            return TaskScope(start, end, self.document_id())
        return TaskScope(document_id=self.document_id())

    def document_id(self) -> int | None:
        """The conclusion chosen (None: every one)."""
        return self._document_ids[max(self.document.currentIndex(), 0)]

    def set_period(self, start: date, end: date) -> None:
        i = self.period.findData(_key(start, end))
        if i < 0:
            self.period.addItem(period_text(start, end), _key(start, end))
            i = self.period.count() - 1
        self.period.setCurrentIndex(i)

    def _asked(self) -> tuple:
        return (self.ctx.today(), *self.period_dates(), self.scope())

    def _load_early(self) -> None:
        """The data's reading starts as soon as the filters say what to read: the charts, cards
        and tables are built while it runs (the first opening's wait). Not with the tests'
        synchronous runner: its answer would arrive before there is anything to show it in."""
        if not self.ctx.runner.synchronous:
            self._early = self._asked()
            ready = self._prefetched(self._early)
            if ready is None:
                self._load(*self._early)
            else:  # read at start-up: shown once the page is built (its views exist)
                self._show_as_of(self._early[0])
                self._no_warm_up = True  # the real charts are built at once: nothing to hide
                QTimer.singleShot(0, self, lambda: self._show(ready))

    def _prefetched(self, asked: tuple) -> dict | None:
        """What start-up read before the database layer was loaded (``startup.FirstScreen``),
        when it is what this page asks: today, the current half-year, every task."""
        entry = self.ctx.prefetched.pop("overview", None)
        if entry is None:
            return None
        today, data, counts = entry
        if asked != (today, *current_half_year(today), TaskScope()):
            return None
        self._ready_counts = counts  # shown by the first ``reload_all``
        return data

    def _show_as_of(self, today: date) -> None:
        self.as_of.setText(self.tr("Tổng quan — tính đến ngày {d}").format(d=format_date(today)))

    def _hold_paint(self, at_most_ms: int) -> None:
        """No paint of the page until its four charts are built (``_chart_ready``), or
        ``at_most_ms`` from now: the page is painted once with its data, not as an empty frame
        then chart by chart as each is built (those paints were a third of the UI thread's work
        on the first opening's path)."""
        self.setUpdatesEnabled(False)
        self._held.start(at_most_ms)

    def _paint_now(self) -> None:
        self._held.stop()
        if not self.updatesEnabled():
            self.setUpdatesEnabled(True)

    def _chart_ready(self) -> None:
        if all(p.view.built for p in self.views.values()):
            self._paint_now()

    def reload(self) -> None:
        asked, early = self._asked(), self._early
        self._early = None
        if asked != early:  # else the load started while the page was built is this one
            self._load(*asked)

    def database_opened(self) -> None:
        """Start-up attached the database to a page shown before it: what was asked meanwhile
        (another period, one conclusion) is read now."""
        if self._read_when_open:
            self._read_when_open = False
            self.reload()

    def _load(self, today: date, start: date, end: date, scope: TaskScope) -> None:
        db = self.ctx.db
        if db is None:  # shown with start-up's values, the database layer still loading
            self._read_when_open = True
            return
        self._show_as_of(today)

        def work() -> dict:  # on the runner's thread: the database layer is open by then
            from ketluan_desktop.core.overview import screen as overview_screen

            return overview_screen.load_overview(db, today=today, start=start, end=end, scope=scope)

        self.ctx.runner.query(("overview", id(self)), work, self._show, self._failed)

    def reload_reminders(self) -> None:
        today, db = self.ctx.today(), self.ctx.db

        def work():
            from ketluan_desktop.core.members.overview import reminder_counts

            with db.session() as s:
                return reminder_counts(s, today)

        for card in self.cards.values():
            card.set_pending()
        self.ctx.runner.query(("overview-reminders", id(self)), work, self._show_reminders,
                              self._failed, slow=True)  # fmt: skip

    def _failed(self, exc: BaseException, tb: str) -> None:
        self._early = None
        self._paint_now()
        from ketluan_desktop.ui.errors import report_exception

        report_exception(exc, tb, self)

    def _show_reminders(self, counts: dict[str, int]) -> None:
        self.reminder_counts = counts
        for rule, card in self.cards.items():
            card.set_count(counts.get(rule, 0), rule in ALERT_RULES)

    def reload_all(self) -> None:
        """Charts first; the reminders once the charts are painted (``_chart_painted``), or at
        once when start-up has counted them with the charts' data."""
        counts, self._ready_counts = self._ready_counts, None
        if counts is not None:
            self._show_reminders(counts)
        else:
            for card in self.cards.values():
                card.set_pending()
            self._reminders_due = True
        self.reload()
        if not self._no_warm_up:  # QtCharts' first cost, paid while the data is read
            QTimer.singleShot(0, self, lambda: chart_view.warm_up(self.font()))

    def _show(self, data: dict) -> None:
        self._early = None  # arrived: a reload asked from now on reads again
        self.data = data
        self._hold_paint(CHARTS_HELD_MS)  # painted once its four charts are built
        self._fill_documents(data["documents"])
        t, p = data["tasks"], data["procedures"]
        self.views["units"].set_spec(overview_charts.unit_chart(t))
        left_out = []
        if t.without_unit:
            left_out.append(
                self.tr("{n} chưa giao đơn vị chủ trì").format(n=thousands(t.without_unit))
            )
        if t.paused:
            left_out.append(self.tr("{n} tạm dừng").format(n=thousands(t.paused)))
        more = len(t.units) - len(self.views["units"].spec.categories)
        if more > 0:
            left_out.append(
                self.tr("{n} đơn vị khác (có trong tệp Excel)").format(n=thousands(more))
            )
        self.views["units"].set_note(
            self.tr("Không vẽ: {x}.").format(x="; ".join(left_out)) if left_out else ""
        )
        self.views["overdue"].set_spec(overview_charts.overdue_chart(t))
        self.views["months"].set_spec(overview_charts.procedure_month_chart(p))
        self.views["kinds"].set_spec(overview_charts.kind_chart(p))
        self.oldest.set_rows(t.oldest)
        self.kinds.set_rows(p.kinds)
        self.kinds_title.setText(
            self.tr("Thủ tục theo loại: {n} trong kỳ, {m} cùng kỳ năm trước").format(
                n=thousands(p.total), m=thousands(p.prev_total)
            )
        )

        if self._reminders_due:  # a page out of sight paints nothing: the counters come anyway
            QTimer.singleShot(REMINDERS_LATEST_MS, self, lambda: self._chart_painted(force=True))

    def _chart_painted(self, *, force: bool = False) -> None:
        """The reminders' counters (seconds of Python on a big office, holding the interpreter
        the UI needs to paint) are read once the charts in sight are on screen."""
        views = [p.view for p in self.views.values()]
        if self._reminders_due and (
            force or all(v.shown or v.visibleRegion().isEmpty() for v in views)
        ):
            self._reminders_due = False
            QTimer.singleShot(0, self, self.reload_reminders)  # after this paint, not inside it

    def _fill_documents(self, docs: list[tuple[int, str]]) -> None:
        if docs == getattr(self, "_documents", None):
            return
        self._documents = docs
        current = self.document_id()
        # The ids beside the combo, the labels added in one call: a big office has a thousand
        # conclusions with tasks, and an item's data set one by one cost the first data's paint.
        self._document_ids = [None, *(did for did, _label in docs)]
        self.document.blockSignals(True)
        self.document.clear()
        self.document.addItems([self.tr("Mọi văn bản"), *(label for _did, label in docs)])
        index = self._document_ids.index(current) if current in self._document_ids else 0
        self.document.setCurrentIndex(index)
        self.document.blockSignals(False)

    def spec(self, key: str):
        return self.views[key].spec

    # -- clicks ---------------------------------------------------------------------------------
    def _chart_clicked(self, chart: str, series: str, index: int) -> None:
        if self.data is None:
            return
        scope, spec = self.scope(), self.views[chart].spec
        key = spec.category_keys[index]
        if chart == "units":
            self.open_tasks.emit(scope.task_filter(unit_id=key, state=series))
        elif chart == "overdue":
            # Overdue at that day: deadline before it; opened as the tasks overdue now.
            self.open_tasks.emit(
                TaskFilter(state=OVERDUE, due_to=key - timedelta(days=1),
                           document_id=scope.document_id)
            )  # fmt: skip
        elif chart == "months":
            p = self.data["procedures"]
            start, end = p.month_span(key)
            if series == overview_charts.PREVIOUS:
                start, end = year_earlier(start), year_earlier(end)
                self.open_procedures.emit(None, start, end)
            else:
                self.open_procedures.emit(series, start, end)
        else:
            p = self.data["procedures"]
            if series == overview_charts.PREVIOUS:
                self.open_procedures.emit(key, p.prev_start, p.prev_end)
            else:
                self.open_procedures.emit(key, p.start, p.end)

    def _kind_row_opened(self, index) -> None:
        if self.data is not None:
            p = self.data["procedures"]
            self.open_procedures.emit(self.kinds.row_at(index.row()).kind, p.start, p.end)

    def export_excel(self, chart: str, path: str) -> None:
        from ketluan_desktop.core.overview.chart_xlsx import write_chart_xlsx

        spec = self.views[chart].spec
        if spec is None:
            return
        if chart == "units" and self.data is not None:  # every unit, not only the bars drawn
            t = self.data["tasks"]
            spec = overview_charts.unit_chart(t, limit=len(t.units))
        start, end = self.period_dates()
        note = self.tr("Kỳ: {p}; số liệu tính đến ngày {d}").format(
            p=period_text(start, end), d=format_date(self.ctx.today())
        )
        self.ctx.runner.run(lambda: write_chart_xlsx(spec, path, note=note), lambda _p: None,
                            self._failed)  # fmt: skip
