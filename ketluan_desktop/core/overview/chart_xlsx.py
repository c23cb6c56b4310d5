"""A chart's data as an Excel sheet (what «Xuất dữ liệu ra Excel» under each chart writes)."""

from __future__ import annotations

import os
from pathlib import Path

from ketluan_desktop.core.render.charts import ChartSpec


def write_chart_xlsx(spec: ChartSpec, path: str | os.PathLike[str], *, note: str = "") -> Path:
    """The title, an optional note (period, filters), then the table: categories down, series
    across, counts as numbers; written atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from ketluan_desktop.core.fsutil import atomic_writer
    from ketluan_desktop.core.xlsx_text import active_sheet, save_workbook  # guards text cells

    wb = Workbook()
    ws = active_sheet(wb)
    ws.title = "Số liệu"
    ws.cell(row=1, column=1, value=spec.title).font = Font(bold=True, size=13)
    row = 2
    if note:
        ws.cell(row=2, column=1, value=note).font = Font(italic=True)
        row = 3
    header_row = row + 1
    for r, values in enumerate(spec.rows(), start=header_row):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, int):
                cell.number_format = "#,##0"
            if r == header_row:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, horizontal="center")
    ws.column_dimensions["A"].width = 36
    for c in range(2, len(spec.bars) + len(spec.lines) + 2):
        ws.column_dimensions[get_column_letter(c)].width = 16
    ws.freeze_panes = f"B{header_row + 1}"
    with atomic_writer(path) as fh:
        save_workbook(wb, fh)
    return Path(path)
