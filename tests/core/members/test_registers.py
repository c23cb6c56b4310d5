"""Registers of a period: exactly what the figures count, as Excel and as a Party-format PDF."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.members import figures as stats
from ketluan_desktop.core.members import member_registers as registers
from ketluan_desktop.core.members import reminders as member_rules

NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone(timedelta(hours=7)))
H1 = (date(2024, 1, 1), date(2024, 6, 30))


@pytest.mark.parametrize(
    ("key", "kinds"),
    [
        ("cards", ("card_new", "card_reissue")),
        ("travel", ("travel_abroad",)),
        ("badges", ("badge",)),
    ],
)
def test_a_register_lists_what_the_figures_count(mdb, key, kinds):
    with mdb.session() as s:
        reg = registers.build(s, key, *H1)
        f = stats.figures(s, *H1)
    assert len(reg.rows) == sum(f.get(k) for k in kinds)
    assert [r[0] for r in reg.rows] == [str(i) for i in range(1, len(reg.rows) + 1)]
    assert all(len(r) == len(reg.kind.columns) for r in reg.rows)


def test_the_cards_register_names_new_and_lost_cards(mdb):
    with mdb.session() as s:
        reg = registers.build(s, "cards", *H1)
    forms = [r[4] for r in reg.rows]
    assert forms.count("Cấp mới") == 69 and forms.count("Cấp lại (mất thẻ)") == 4
    assert reg.total_line == "Tổng cộng: 73 đồng chí."
    assert reg.subtitle == "(Từ ngày 01/01/2024 đến ngày 30/06/2024)"


def test_badges_list_the_most_years_first(mdb):
    with mdb.session() as s:
        reg = registers.build(s, "badges", *H1)
    assert [r[5] for r in reg.rows] == ["40 năm"] + ["30 năm"] * 7
    assert reg.total_line == "Tổng cộng: 08 đồng chí."


def test_pdf_in_party_format_with_vietnamese_text(mdb, tmp_path):
    out = tmp_path / "Sổ thẻ.pdf"
    with mdb.write_session() as s:
        reg = registers.export(s, "travel", *H1, out, now=NOW, username="vanthu")
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 3
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert width > height  # A4 landscape
    assert round(width / 72 * 25.4) == 297
    text = page.extract_text()
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
        "Thái Nguyên, ngày 29 tháng 11 năm 2026",
        "DANH SÁCH ĐẢNG VIÊN ĐƯỢC ĐỒNG Ý ĐI NƯỚC NGOÀI",
        reg.rows[0][1],
    ):
        assert expected in text, expected
    assert "2" in reader.pages[1].extract_text().split("\n")[0]  # page numbers from page 2
    with mdb.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert entry.username == "vanthu" and entry.changes["rows"] == 85
    assert reg.rows[0][1] not in entry.summary


def test_excel_register(mdb, tmp_path):
    out = tmp_path / "the.xlsx"
    with mdb.write_session() as s:
        reg = registers.export(s, "cards", *H1, out, now=NOW)
    ws = openpyxl.load_workbook(out).active
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    flat = [v for row in values for v in row if v is not None]
    assert "DANH SÁCH ĐẢNG VIÊN ĐƯỢC CẤP MỚI, CẤP LẠI THẺ ĐẢNG VIÊN" in flat
    assert "Tổng cộng: 73 đồng chí." in flat
    header = next(row for row in values if row[0] == "STT")
    assert header[1] == "Họ và tên"
    assert ws.page_setup.orientation == "landscape"
    assert len(reg.rows) == 73


def test_an_empty_period_still_writes_a_register(mdb, tmp_path):
    out = tmp_path / "rong.pdf"
    with mdb.write_session() as s:
        reg = registers.export(s, "badges", date(2010, 1, 1), date(2010, 12, 31), out, now=NOW)
    assert reg.rows == []
    assert "Không có trường hợp nào" in PdfReader(str(out)).pages[0].extract_text()


def test_bad_requests_are_refused(mdb, tmp_path):
    out = tmp_path / "ra"
    out.mkdir()
    with mdb.write_session() as s:
        with pytest.raises(ValidationError):
            registers.export(s, "cards", *H1, out / "x.docx", now=NOW)
        with pytest.raises(ValidationError):
            registers.build(s, "nope", *H1)
        with pytest.raises(ValidationError):
            registers.build(s, "cards", H1[1], H1[0])
    assert not list(out.iterdir())


def test_a_reminder_list_exports_to_excel(mdb, tmp_path):
    out = tmp_path / "nhac.xlsx"
    with mdb.write_session() as s:
        n = registers.export_reminders(s, member_rules.RETURN_REPORT, NOW.date(), out, now=NOW)
    assert n == 3
    flat = [
        v
        for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True)
        for v in row
        if v
    ]
    assert "(Tính đến ngày 29/11/2026)" in flat
