"""The overview's charts as data (``ChartSpec``), built from the tasks' and members' aggregates:
the screens draw them with QtCharts, the six-month report with ReportLab."""

from __future__ import annotations

from ketluan_desktop.core.members.overview_values import KIND_LABELS, KINDS, ProcedureOverview
from ketluan_desktop.core.render.charts import ChartSpec, Series
from ketluan_desktop.core.tasks.overview_values import BUCKET_LABELS, BUCKETS, TaskOverview

# The app's palette: the Party red for what needs attention, calm colours for the rest.
BUCKET_COLORS = {
    "done": "#2e7d4f",
    "done_late": "#8fb573",
    "in_progress": "#2f6fb0",
    "overdue": "#b3261e",
    "not_started": "#9aa3ae",
}
KIND_COLORS = {
    "admission": "#7a1015",
    "official_membership": "#c0392b",
    "badge": "#f2c14e",
    "card_new": "#2f6fb0",
    "card_reissue": "#a9c4e4",
    "travel_abroad": "#2e7d4f",
    "transfer": "#8e6bb8",
    "political_standard": "#6d8fb3",
}
CURRENT_COLOR, PREVIOUS_COLOR, LINE_COLOR = "#7a1015", "#b9bec6", "#b3261e"
UNITS_SHOWN = 12  # the chart's bars; the table and the Excel file have every unit
PREVIOUS = "previous"


def unit_chart(o: TaskOverview, limit: int = UNITS_SHOWN) -> ChartSpec:
    units = o.units[:limit]
    more = len(o.units) - len(units)
    title = "Nhiệm vụ trọng tâm theo đơn vị chủ trì"
    if more > 0:
        title += f" ({len(units)} đơn vị có nhiều việc quá hạn nhất)"
    return ChartSpec(
        title=title,
        categories=tuple(u.unit for u in units),
        bars=tuple(
            Series(BUCKET_LABELS[b], tuple(u.counts[b] for u in units), BUCKET_COLORS[b], b)
            for b in BUCKETS
        ),
        horizontal=True,
        value_label="Nhiệm vụ",
        category_keys=tuple(u.unit_id for u in units),
    )


def overdue_chart(o: TaskOverview) -> ChartSpec:
    points = o.months
    return ChartSpec(
        title="Số nhiệm vụ quá hạn cuối mỗi tháng (12 tháng gần nhất)",
        categories=tuple(p.label for p in points),
        lines=(Series("Quá hạn", tuple(p.overdue for p in points), LINE_COLOR, "overdue"),),
        value_label="Nhiệm vụ",
        category_keys=tuple(p.as_of for p in points),
    )


def procedure_month_chart(p: ProcedureOverview) -> ChartSpec:
    """Per month of the period: stacked by kind, with the same months a year earlier as a line."""
    labels = tuple(f"{m:02d}/{y}" for y, m in p.months)
    bars = tuple(
        Series(
            KIND_LABELS[k],
            tuple(p.monthly.get(ym, {}).get(k, 0) for ym in p.months),
            KIND_COLORS[k],
            k,
        )
        for k in KINDS
    )
    previous = Series(
        "Cùng kỳ năm trước (tổng)",
        tuple(p.month_total(ym, previous=True) for ym in p.months),
        "#1d1f23",
        PREVIOUS,
    )
    return ChartSpec(
        title="Thủ tục đảng viên theo tháng",
        categories=labels,
        bars=bars,
        lines=(previous,),
        value_label="Thủ tục",
        category_keys=tuple(p.months),
    )


def kind_chart(p: ProcedureOverview) -> ChartSpec:
    return ChartSpec(
        title="Thủ tục theo loại: kỳ này và cùng kỳ năm trước",
        categories=tuple(k.label for k in p.kinds),
        bars=(
            Series("Kỳ này", tuple(k.current for k in p.kinds), CURRENT_COLOR, "current"),
            Series(
                "Cùng kỳ năm trước", tuple(k.previous for k in p.kinds), PREVIOUS_COLOR, PREVIOUS
            ),
        ),
        stacked=False,
        horizontal=True,
        value_label="Thủ tục",
        category_keys=tuple(k.kind for k in p.kinds),
    )
