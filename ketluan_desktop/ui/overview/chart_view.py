"""A ``ChartSpec`` drawn with QtCharts: bars (stacked or side by side, upright or lying), lines,
the app's colours, Vietnamese numbers (QLocale); a click on a bar or a point says which."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QEvent,
    QLocale,
    QMargins,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QGraphicsScene,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.render.charts import ChartSpec, nice_axis

_warm = False


def warm_up(font: QFont) -> None:
    """QtCharts' first chart costs several times a later one (its theme, fonts, axis layout): draw
    a small one once, off screen, while the overview's data is still being read, so the real
    charts are built at their later cost when the data arrives."""
    global _warm
    if _warm:
        return
    _warm = True
    chart = QChart()
    chart.setLocalizeNumbers(True)
    chart.setLocale(vi_locale())
    chart.setTitle("Tổng quan")
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    categories, values = QBarCategoryAxis(), QValueAxis()
    categories.append(["Văn phòng", "Ban Tổ chức"])
    categories.setLabelsFont(font)
    values.setLabelsFont(font)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    bars, line = QStackedBarSeries(), QLineSeries()
    bar = QBarSet("Đúng hạn")
    bar.append([1.0, 2.0])
    bars.append(bar)
    line.append(QPointF(0, 1))
    for series in (bars, line):
        chart.addSeries(series)
        series.attachAxis(categories)
        series.attachAxis(values)
    chart.resize(320, 200)
    image = QImage(320, 200, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    scene = QGraphicsScene()
    scene.addItem(chart)  # the scene owns the chart and deletes it with itself
    painter = QPainter(image)
    scene.render(painter)
    painter.end()


def vi_locale() -> QLocale:
    """Vietnamese numbers: "12.345"."""
    return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def _bar_series(spec: ChartSpec):
    if spec.horizontal:
        return QHorizontalStackedBarSeries() if spec.stacked else QHorizontalBarSeries()
    return QStackedBarSeries() if spec.stacked else QBarSeries()


class ChartView(QChartView):
    """Emits ``clicked(series_key, category_index)``; ``ready`` once the QChart shows its spec,
    ``painted`` once that chart has been painted (``shown`` then says so until the next spec)."""

    clicked = Signal(str, int)
    ready = Signal()
    painted = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.spec: ChartSpec | None = None
        self.built = False  # the QChart shows ``spec``
        self.shown = False  # and has been painted
        self._queued = False
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(QColor("white"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_spec(self, spec: ChartSpec) -> None:
        """Show ``spec``: the QChart is built on the next turn of the event loop, so the four
        charts of a screen are four short events, never one long one on the UI thread."""
        self.spec = spec
        self.built = self.shown = False
        if not self._queued:
            self._queued = True
            QTimer.singleShot(0, self, self._build)

    def _build(self) -> None:
        self._queued = False
        spec = self.spec
        if spec is None or self.built:
            return
        chart = QChart()
        chart.setLocalizeNumbers(True)
        chart.setLocale(vi_locale())
        chart.setTitle(spec.title)
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(self.font().pointSizeF() + 0.5)
        chart.setTitleFont(title_font)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.setBackgroundBrush(QColor("white"))  # the card's white, no grey frame inside it
        chart.legend().setVisible(False)  # ChartPanel's legend wraps instead of eliding
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        categories = QBarCategoryAxis()
        categories.append(list(spec.categories) if not spec.horizontal else spec.categories[::-1])
        categories.setLabelsFont(self.font())
        categories.setTruncateLabels(False)
        if not spec.horizontal and len(spec.categories) > 8:
            # Upright, not slanted: at -45° QtCharts drops the first and last month's label
            # (they reach past the axis), leaving twelve points with ten labels.
            categories.setLabelsAngle(-90)
        values = QValueAxis()
        top, step = nice_axis(spec.max_value())
        values.setRange(0, top)
        values.setTickCount(top // step + 1)
        values.setLabelFormat("%.0f")
        values.setLabelsFont(self.font())
        values.setGridLineColor(QColor("#d9dde3"))
        x_axis, y_axis = (values, categories) if spec.horizontal else (categories, values)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        if spec.bars:
            self._add_bars(chart, spec, x_axis, y_axis)
        for s in spec.lines:
            line = QLineSeries()
            line.setName(s.label)
            pen = QPen(QColor(s.color))
            pen.setWidthF(2.4)
            line.setPen(pen)
            line.setPointsVisible(True)
            for i, v in enumerate(s.values):
                line.append(QPointF(i, v))
            chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
            line.clicked.connect(lambda p, key=s.key: self._line_clicked(key, p))
            line.hovered.connect(lambda p, on, lbl=s.label: self._line_hover(lbl, p, on))
        self.setChart(chart)
        self.built = True
        self.ready.emit()

    def viewportEvent(self, event) -> bool:  # Qt API name
        # QGraphicsView deactivates its scene when the view is hidden (and activates it when
        # shown): every item of the chart then updates for the inactive palette, 40–50 ms of the
        # UI thread on a switch away from the overview, for a chart nobody sees. The chart has
        # no focus or active-window look, so its scene stays as it is; a real deactivation of
        # the window still reaches it (WindowDeactivate).
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide) and not event.spontaneous():
            return QAbstractScrollArea.viewportEvent(self, event)
        return super().viewportEvent(event)

    def paintEvent(self, event) -> None:  # Qt API name
        super().paintEvent(event)
        if self.built and not self.shown:
            self.shown = True
            self.painted.emit()

    def _add_bars(self, chart: QChart, spec: ChartSpec, x_axis, y_axis) -> None:
        series = _bar_series(spec)
        n = len(spec.categories)
        for s in spec.bars:
            bar = QBarSet(s.label)
            bar.setColor(QColor(s.color))
            bar.setBorderColor(QColor(s.color))
            values = s.values if not spec.horizontal else s.values[::-1]
            bar.append([float(v) for v in values])
            shown = (lambda i: n - 1 - i) if spec.horizontal else (lambda i: i)
            bar.clicked.connect(lambda i, key=s.key, f=shown: self.clicked.emit(key, f(i)))
            bar.hovered.connect(lambda on, i, b=bar, f=shown: self._bar_hover(b, f(i), i, on))
            series.append(bar)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)

    # Hovering sets the view's tooltip (what Qt shows when the pointer rests): the element's
    # category, series and count, with Vietnamese thousands.
    def _bar_hover(self, bar: QBarSet, category: int, index: int, on: bool) -> None:
        if not on or self.spec is None:
            self.setToolTip("")
            return
        value = int(bar.at(index))
        self.setToolTip(
            f"{self.spec.categories[category]}\n{bar.label()}: {vi_locale().toString(value)}"
        )

    def _line_hover(self, label: str, p: QPointF, on: bool) -> None:
        if not on or self.spec is None:
            self.setToolTip("")
            return
        i = min(max(round(p.x()), 0), len(self.spec.categories) - 1)
        value = next(s.values[i] for s in self.spec.lines if s.label == label)
        self.setToolTip(f"{self.spec.categories[i]}\n{label}: {vi_locale().toString(value)}")

    def _line_clicked(self, key: str, p: QPointF) -> None:
        if self.spec is not None and self.spec.categories:
            self.clicked.emit(key, min(max(round(p.x()), 0), len(self.spec.categories) - 1))


class Card(QFrame):
    """A white card with a thin grey border and rounded corners, painted: a style sheet on a
    container makes Qt polish each of its children through the style-sheet style (a third of
    the overview page's building time)."""

    BORDER, RADIUS = QColor("#dadde3"), 6.0

    def paintEvent(self, event) -> None:  # Qt API name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(self.BORDER, 1))
        p.setBrush(QColor("white"))
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), self.RADIUS,
                          self.RADIUS)  # fmt: skip
        p.end()


class Swatch(QWidget):
    """A series' colour in the legend: a small rounded square."""

    def __init__(self, color: str, parent=None) -> None:
        super().__init__(parent)
        self.color = QColor(color)
        self.setFixedSize(12, 12)

    def paintEvent(self, event) -> None:  # Qt API name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.color)
        p.drawRoundedRect(QRectF(self.rect()), 2.0, 2.0)
        p.end()


class Legend(QWidget):
    """The series' colours and names in rows of three, wrapping instead of eliding."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(6, 0, 6, 2)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(2)

    def set_spec(self, spec: ChartSpec) -> None:
        shown = [(s.label, s.color) for s in (*spec.bars, *spec.lines)]
        if shown == getattr(self, "_shown", None):
            return  # a reload changes the numbers, not the series
        self._shown = shown
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for i, s in enumerate((*spec.bars, *spec.lines)):
            swatch = Swatch(s.color)
            label = QLabel(s.label)
            label.setWordWrap(True)
            self.grid.addWidget(swatch, i // 3, 2 * (i % 3))
            self.grid.addWidget(label, i // 3, 2 * (i % 3) + 1)
        for c in range(3):
            self.grid.setColumnStretch(2 * c + 1, 1)


class ChartPanel(Card):
    """A chart, its legend and its «Xuất» button, in a white card."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.view = ChartView()
        self.legend = Legend()
        self.note = QLabel()  # what the chart leaves out, when something is
        self.note.setWordWrap(True)
        palette = self.note.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#5b6370"))
        self.note.setPalette(palette)
        self.note.setVisible(False)
        self.tools = QHBoxLayout()
        self.tools.setContentsMargins(0, 0, 0, 0)
        self.tools.addWidget(self.legend, 1)
        v = QVBoxLayout(self)
        v.setContentsMargins(6, 6, 6, 6)
        v.setSpacing(2)
        v.addWidget(self.view, 1)
        v.addWidget(self.note)
        v.addLayout(self.tools)

    @property
    def spec(self) -> ChartSpec | None:
        return self.view.spec

    def set_spec(self, spec: ChartSpec) -> None:
        self.view.set_spec(spec)
        self.legend.set_spec(spec)

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def picture_size(self) -> QSize:
        return QSize(self.view.width(), self.view.height() + self.legend.height())

    def paint(self, painter: QPainter) -> None:
        """The chart and its legend (not the button) onto ``painter`` (PNG, SVG)."""
        w, h = self.view.width(), self.view.height()
        self.view.render(painter, QRectF(0, 0, w, h), self.view.viewport().rect())
        painter.fillRect(0, h, w, self.legend.height(), QColor("white"))
        # Its children only: the legend's own (grey) window background is not the card's white.
        self.legend.render(painter, QPoint(0, h), renderFlags=QWidget.RenderFlag.DrawChildren)
