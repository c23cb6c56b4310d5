"""Charts as plain data, drawn as vector graphics for PDF (ReportLab graphics) and as PNG for Word.

A ``ChartSpec`` says what a chart shows — categories, stacked or side-by-side bars, lines over
them, colours — and nothing about how it is painted: the screens draw the same spec with QtCharts,
the reports with ReportLab (``drawing``), and Word gets a PNG of that same drawing rasterised by
PDFium (``png``), so a printed report and its Word copy show the same picture.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from ketluan_desktop.core.text.numbers import thousands


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int, ...]
    color: str  # "#rrggbb"
    key: str = ""  # what a click on it means to the screen (a state, a kind, "previous"…)


@dataclass(frozen=True)
class ChartSpec:
    title: str
    categories: tuple[str, ...]
    bars: tuple[Series, ...] = ()
    lines: tuple[Series, ...] = ()
    stacked: bool = True
    horizontal: bool = False  # categories down the side (long names: units)
    value_label: str = ""
    category_keys: tuple[object, ...] = ()  # per category, for clicks (unit id, (year, month)…)

    def max_value(self) -> int:
        highest = 0
        for i in range(len(self.categories)):
            bar = [s.values[i] for s in self.bars]
            highest = max(highest, sum(bar) if self.stacked else max(bar, default=0))
            highest = max(highest, *(s.values[i] for s in self.lines), 0)
        return highest

    def rows(self) -> list[list[str | int]]:
        """The data as a table (header first): what «Xuất Excel» writes."""
        series = [*self.bars, *self.lines]
        out: list[list[str | int]] = [["", *(s.label for s in series)]]
        for i, cat in enumerate(self.categories):
            out.append([cat, *(s.values[i] for s in series)])
        return out


def nice_axis(highest: float, ticks: int = 5) -> tuple[int, int]:
    """(top, step): whole-number steps of 1, 2 or 5 × 10ⁿ; the top above the highest value, so a
    point on it is never cut by the frame."""
    if highest <= 0:
        return ticks, 1
    raw = highest / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(int(step), 1)
    top = int(math.ceil(highest / step) * step)
    return (top + step if top == highest else top), step


def _color(hex_color: str):
    from reportlab.lib.colors import HexColor

    return HexColor(hex_color)


def _style_axis_labels(axis, font: str, size: float) -> None:
    axis.labels.fontName = font
    axis.labels.fontSize = size


def drawing(spec: ChartSpec, width: float, height: float, font: str, *, size: float = 9):
    """A ReportLab ``Drawing`` of the chart (points), with its title and legend; ``font`` a
    registered TrueType name with Vietnamese glyphs."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String

    d = Drawing(width, height)
    d.add(String(width / 2, height - size - 2, spec.title, fontName=font,
                 fontSize=size + 1.5, textAnchor="middle"))  # fmt: skip
    series = [*spec.bars, *spec.lines]
    legend_rows = math.ceil(len(series) / 3) if series else 0
    legend_h = legend_rows * (size + 4) + 4
    label_w = _label_width(spec, font, size) if spec.horizontal else 0
    x0, y0 = 8 + (label_w if spec.horizontal else 34), legend_h + size + 16
    w, h = width - x0 - 12, height - y0 - size - 14
    top, step = nice_axis(spec.max_value())
    chart = HorizontalBarChart() if spec.horizontal else VerticalBarChart()
    # ReportLab's widgets take validated properties (the type stubs know no attributes on them)
    chart.setProperties({"x": x0, "y": y0, "width": w, "height": h})
    order = list(range(len(spec.categories)))
    if spec.horizontal:
        order.reverse()  # ReportLab puts the first category at the bottom
    data = [[s.values[i] for i in order] for s in spec.bars] or [[0] * len(order)]
    chart.data = data
    chart.categoryAxis.categoryNames = [spec.categories[i] for i in order]
    if spec.stacked:
        chart.categoryAxis.style = "stacked"
    for i, s in enumerate(spec.bars):
        chart.bars[i].fillColor = _color(s.color)
        chart.bars[i].strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labelTextFormat = lambda v: thousands(int(v))
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = _color("#d9dde3")
    chart.valueAxis.gridStrokeWidth = 0.4
    _style_axis_labels(chart.valueAxis, font, size)
    _style_axis_labels(chart.categoryAxis, font, size)
    if not spec.horizontal and len(spec.categories) > 8:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    d.add(chart)
    if spec.lines and not spec.horizontal:
        d.add(_lines(spec, chart, top))
    if series:
        legend = Legend()
        legend.fontName, legend.fontSize = font, size
        legend.setProperties(
            {
                "x": 10,
                "y": legend_h - 4,
                "deltay": size + 4,  # rows as ``legend_h`` reserves them
                "alignment": "right",
                "columnMaximum": legend_rows,
                "deltax": (width - 20) / 3,
                "dx": size * 0.8,
                "dy": size * 0.8,
            }
        )
        legend.colorNamePairs = [(_color(s.color), s.label) for s in series]
        d.add(legend)
    return d


def _label_width(spec: ChartSpec, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widest = max((stringWidth(c, font, size) for c in spec.categories), default=0)
    return min(widest + 8, 170)


def _lines(spec: ChartSpec, chart, top: int):
    """Lines over vertical bars: one point at the middle of each category, on the bars' scale."""
    from reportlab.graphics.shapes import Circle, Group, PolyLine

    g = Group()
    n = len(spec.categories)
    slot = chart.width / max(n, 1)
    for s in spec.lines:
        pts = []
        for i, v in enumerate(s.values):
            pts += [chart.x + slot * (i + 0.5), chart.y + chart.height * v / top]
        g.add(PolyLine(pts, strokeColor=_color(s.color), strokeWidth=1.6))
        for i in range(0, len(pts), 2):
            g.add(Circle(pts[i], pts[i + 1], 2.2, fillColor=_color(s.color), strokeColor=None))
    return g


def pdf_bytes(spec: ChartSpec, width: float, height: float, font: str) -> bytes:
    from reportlab.graphics import renderPDF

    out = renderPDF.drawToString(drawing(spec, width, height, font))
    return out if isinstance(out, bytes) else out.encode("latin-1")  # stubs say str; it is bytes


def png(spec: ChartSpec, width: float, height: float, font: str, *, dpi: int = 200) -> bytes:
    """The same drawing as PNG (for Word): drawn to PDF, rasterised by PDFium."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes(spec, width, height, font))
    try:
        # PDFium takes a float scale (the stubs say int)
        image = pdf[0].render(scale=dpi / 72).to_pil()  # pyright: ignore[reportArgumentType]
    finally:
        pdf.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(dpi, dpi))
    return buf.getvalue()
