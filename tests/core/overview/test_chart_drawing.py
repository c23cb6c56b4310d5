"""Charts as data, drawn by ReportLab for the PDF and rasterised for Word; their numbers to Excel."""

from __future__ import annotations

import io

import openpyxl
from PIL import Image

from ketluan_desktop.core.overview.chart_xlsx import write_chart_xlsx
from ketluan_desktop.core.render import fonts
from ketluan_desktop.core.render.charts import ChartSpec, Series, nice_axis, pdf_bytes, png
from ketluan_desktop.core.render.metrics import metrics_for

SPEC = ChartSpec(
    "Thủ tục đảng viên theo tháng",
    ("07/2024", "08/2024", "09/2024"),
    bars=(
        Series("Kết nạp đảng viên", (3, 0, 12_500), "#7a1015", "admission"),
        Series("Đi nước ngoài", (1, 2, 0), "#2e7d4f", "travel_abroad"),
    ),
    lines=(Series("Cùng kỳ năm trước (tổng)", (2, 9, 4), "#1d1f23", "previous"),),
)


def _font() -> str:
    return fonts.register_reportlab(metrics_for(None).family)


def test_the_value_axis_takes_round_steps():
    assert nice_axis(0) == (5, 1)
    assert nice_axis(8) == (10, 2)
    assert nice_axis(12_501) == (15_000, 5_000)
    assert SPEC.max_value() == 12_500


def test_the_pdf_drawing_is_vector_text_with_vietnamese_labels(tmp_path):
    import pypdf

    data = pdf_bytes(SPEC, 450, 250, _font())
    path = tmp_path / "chart.pdf"
    path.write_bytes(data)
    text = pypdf.PdfReader(str(path)).pages[0].extract_text()
    for label in ("Thủ tục đảng viên theo tháng", "Kết nạp đảng viên", "09/2024", "15.000"):
        assert label in text, label


def test_the_word_picture_is_the_same_drawing_as_png():
    image = Image.open(io.BytesIO(png(SPEC, 450, 250, _font(), dpi=144)))
    assert image.format == "PNG" and image.size == (900, 500)
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 20  # drawn, not blank


def test_the_chart_numbers_go_to_excel_as_numbers(tmp_path):
    path = write_chart_xlsx(SPEC, tmp_path / "số liệu.xlsx", note="Kỳ: 6 tháng cuối năm 2024")
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0] == SPEC.title and rows[1][0] == "Kỳ: 6 tháng cuối năm 2024"
    assert rows[3] == (None, "Kết nạp đảng viên", "Đi nước ngoài", "Cùng kỳ năm trước (tổng)")
    assert rows[6] == ("09/2024", 12_500, 0, 4)
