"""The one table-report writer (issue 19): a report is a description of its columns and rows, laid
out in the active layout profile — its font, margins, header and date line, page numbers — and
the outgoing register, the member registers and the task appendix all go through it."""

from __future__ import annotations

import ctypes
import dataclasses
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone

import pytest

from ketluan_desktop.core.render.profile import HD36
from ketluan_desktop.core.render.table_report import (
    PartyHeading,
    ReportTable,
    TableColumn,
    TableReport,
    TableRow,
    render_table_report,
)

MM = 72 / 25.4
VN = timezone(timedelta(hours=7))
HEAD = PartyHeading("Đảng ủy Khối các cơ quan tỉnh", "Đảng bộ tỉnh Thái Nguyên", "Thái Nguyên",
                    date(2026, 2, 5))  # fmt: skip


def _report(rows: int = 3) -> TableReport:
    cols = (TableColumn("STT", 1, "center"), TableColumn("Họ và tên", 4), TableColumn("Ghi chú", 3))
    body = tuple(TableRow((str(i), f"Nguyễn Văn Ấn {i}", "Ủy viên")) for i in range(1, rows + 1))
    return TableReport(
        title="DANH SÁCH THỬ",
        subtitle="(Từ ngày 01/01/2026 đến ngày 31/03/2026)",
        heading=HEAD,
        tables=(ReportTable(cols, body),),
        below=("Tổng cộng: 03 đồng chí.",),
    )


def _chars(pdf: bytes, page: int = 0) -> list[tuple[str, float, float, float]]:
    """(character, x, baseline from the top, font size) for every character on the page."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(pdf)
    try:
        p = doc[page]
        height = p.get_height()
        tp = p.get_textpage()
        out = []
        for i in range(tp.count_chars()):
            x, y = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharOrigin(tp.raw, i, x, y)
            ch = chr(raw.FPDFText_GetUnicode(tp.raw, i))
            out.append((ch, x.value, height - y.value, raw.FPDFText_GetFontSize(tp.raw, i)))
        return out
    finally:
        doc.close()


def _left_edge(pdf: bytes) -> float:
    """Where the table's grid starts: the leftmost line drawn on page 1."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(pdf)
    try:
        lines = doc[0].get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=4)
        return min(obj.get_bounds()[0] for obj in lines)
    finally:
        doc.close()


def _find(chars, text: str) -> tuple[float, float, float]:
    line = "".join(c for c, *_ in chars)
    at = line.find(text)
    assert at >= 0, (text, line[:400])
    _c, x, y, size = chars[at]
    return x, y, size


def test_the_profile_sets_font_margins_header_date_line_and_page_numbers():
    pdf = render_table_report(_report(), HD36, created=datetime(2026, 2, 5, 9, 0, tzinfo=VN))
    assert pdf.startswith(b"%PDF-1.4")
    chars = _chars(pdf)
    _x, _y, size = _find(chars, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert size == pytest.approx(HD36.party_name_size)
    _x, _y, size = _find(chars, "Thái Nguyên, ngày 05 tháng 02 năm 2026")  # the profile's zeros
    assert size == pytest.approx(HD36.place_date_size)
    _x, _y, size = _find(chars, "Nguyễn Văn Ấn 1")
    assert size == pytest.approx(HD36.recipient_size)  # cells: the profile's small print
    # The header starts the profile's outdent left of the margin, the table at the margin.
    assert _left_edge(pdf) == pytest.approx(HD36.margin_left_mm * MM, abs=1)
    x_issuer, _y, _s = _find(chars, "ĐẢNG BỘ TỈNH THÁI NGUYÊN")
    assert (HD36.margin_left_mm - 10) * MM < x_issuer < HD36.margin_left_mm * MM + 20

    wide = dataclasses.replace(HD36, margin_left_mm=40.0, recipient_size=11.0,
                               date_zero_pad_month_upto=0)  # fmt: skip
    moved_pdf = render_table_report(_report(), wide)
    moved = _chars(moved_pdf)
    assert _left_edge(moved_pdf) == pytest.approx(40 * MM, abs=1)
    assert _find(moved, "Tổng cộng")[0] == pytest.approx(40 * MM, abs=1)
    assert _find(moved, "Nguyễn Văn Ấn 1")[2] == pytest.approx(11.0)
    _find(moved, "Thái Nguyên, ngày 05 tháng 2 năm 2026")


def test_page_numbers_from_page_two_and_the_same_bytes_twice():
    report = _report(rows=80)
    pdf = render_table_report(report, HD36)
    assert pdf == render_table_report(report, HD36)  # no clock, no random id
    first, second = _chars(pdf, 0), _chars(pdf, 1)
    top_first = [c for c, _x, y, _s in first if y < HD36.margin_top_mm * MM]
    assert not any(ch.isdigit() for ch in top_first)  # none on page 1
    number = [(c, y, s) for c, _x, y, s in second if y < HD36.margin_top_mm * MM and c.strip()]
    assert [c for c, *_ in number] == ["2"] and number[0][2] == HD36.page_number_size
    # the header row of the table repeats on every page
    assert "Họ và tên" in "".join(c for c, *_ in second)


def test_a_missing_glyph_is_refused_before_anything_is_drawn(tmp_path):
    from ketluan_desktop.core.errors import RenderError
    from ketluan_desktop.core.render.table_report import write_table_report

    report = dataclasses.replace(_report(), title="DANH SÁCH \U0001f600")
    with pytest.raises(RenderError):
        write_table_report(report, HD36, tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def _pdftotext(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


def test_the_three_reports_follow_the_office_profile(demo_db, tmp_path, now):
    """The outgoing register used to ignore the profile; now all three move with it."""
    from ketluan_desktop.core.documents import outgoing_register as register
    from ketluan_desktop.core.members import member_registers
    from ketluan_desktop.core.tasks import report as task_report
    from ketluan_desktop.core.tasks.report_pdf import render_appendix

    profile = dataclasses.replace(HD36, margin_left_mm=40.0, date_zero_pad_month_upto=12)
    with demo_db.session() as s:
        rows = register.rows(s, register.RegisterFilter())
        reg = member_registers.build(s, "cards", date(2024, 1, 1), date(2024, 12, 31))
        report = task_report.document_report(s, 1, today=now.date())
    on = date(2026, 11, 5)
    out = tmp_path / "so-di.pdf"
    register.export_pdf(rows, out, issuer=HEAD.issuer, parent_issuer=HEAD.parent,
                        place=HEAD.place, scope="Tất cả", now=datetime(2026, 11, 5, tzinfo=VN),
                        profile=profile)  # fmt: skip
    member_out = tmp_path / "so-the.pdf"
    member_registers.write_pdf(
        reg, member_out, member_registers.Heading(HEAD.parent, HEAD.issuer, HEAD.place, on), profile
    )
    appendix = render_appendix(report, profile)
    pages = {
        "register": out.read_bytes(),
        "cards": member_out.read_bytes(),
        "tasks": appendix,
    }
    for name, pdf in pages.items():
        assert pdf.startswith(b"%PDF-1.4"), name
        assert _left_edge(pdf) == pytest.approx(40 * MM, abs=1), name  # at the margin
    for path in (out, member_out):
        text = _pdftotext(path)
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "ngày 05 tháng 11 năm 2026" in text
