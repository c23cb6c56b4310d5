"""Reports on how a conclusion was carried out: PDF (Party format + appendix) and Excel, read back."""

from __future__ import annotations

import re
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.tasks import editing as te
from ketluan_desktop.core.tasks import report as tr
from ketluan_desktop.core.tasks.report_export import export_report, format_of
from ketluan_desktop.core.tasks.report_xlsx import DETAIL_HEADERS, DETAIL_SHEET, SUMMARY_SHEET
from ketluan_desktop.core.tasks.task_states import OVERDUE

LATE = date(2025, 1, 15)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def report(office_db, now):
    db, office = office_db
    with db.write_session() as s:  # one task done on time, one late
        te.set_status(
            s,
            office.task_ids[6],
            "done",
            expected_version=None,
            now=now,
            completed_on=date(2024, 12, 30),
        )
        te.set_status(
            s,
            office.task_ids[0],
            "done",
            expected_version=None,
            now=now,
            completed_on=date(2025, 1, 10),
        )
    with db.session() as s:
        return tr.document_report(s, office.document_id, today=LATE)


def test_document_report_has_every_task_with_unit_deadline_state_and_latest_update(report):
    assert report.subject == (
        "tình hình thực hiện Kết luận số 105-KL/ĐUK, ngày 10/7/2024 của Hội nghị Ban Chấp hành "
        "Đảng bộ Khối lần thứ 19 (mở rộng)"
    )
    rows = report.rows
    assert [r.number for r in rows] == list(range(1, 9))
    assert [r.lead_unit for r in rows] == [
        "Văn phòng",
        "Ban Tuyên giáo và Dân vận",
        "Ban Tuyên giáo và Dân vận",
        "Ban Tổ chức",
        "Ban Tổ chức",
        "Ban Tổ chức",
        "Ủy ban Kiểm tra",
        "Ban Tuyên giáo và Dân vận",
    ]
    assert [r.state for r in rows] == ["done_late"] + [OVERDUE] * 5 + ["done", OVERDUE]
    assert (
        rows[3].latest_display == "05/11/2024: 78/96 tổ chức cơ sở đảng đã xây dựng kế hoạch. (70%)"
    )
    assert report.totals == {
        "overdue": 6,
        "not_started": 0,
        "in_progress": 0,
        "done": 1,
        "done_late": 1,
        "paused": 0,
    }
    assert {u.unit: u.total for u in report.by_unit} == {
        "Văn phòng": 1,
        "Ban Tuyên giáo và Dân vận": 3,
        "Ban Tổ chức": 3,
        "Ủy ban Kiểm tra": 1,
    }
    assert report.issuer == "Đảng ủy Khối các cơ quan tỉnh" and report.symbol_code == "ĐUK"
    assert tr.summary_sentence(report) == (
        "Tính đến ngày 15/01/2025: hoàn thành đúng hạn 01 nhiệm vụ; hoàn thành quá hạn 01 nhiệm vụ; "
        "quá hạn chưa hoàn thành 06 nhiệm vụ. Tỷ lệ hoàn thành đạt 25% (02/08 nhiệm vụ)."
    )


def test_the_pdf_is_a_party_report_with_the_table_appended(report, tmp_path, now):
    path = export_report(report, tmp_path / "Báo cáo KL 105.pdf", now=now)
    reader = PdfReader(path)
    pages = [_flat(p.extract_text()) for p in reader.pages]
    text = " ".join(pages)
    first = pages[0]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first and "BÁO CÁO" in first
    assert "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH" in first and "DỰ THẢO" in first
    assert "tình hình thực hiện Kết luận số 105-KL/ĐUK" in first
    assert "Ban Tổ chức: chủ trì 03 nhiệm vụ (quá hạn chưa hoàn thành 03)" in text
    # The appendix: landscape pages after the text, one row per task, and the totals.
    appendix = [i for i, p in enumerate(pages) if "PHỤ LỤC" in p]
    assert appendix and appendix[0] > 0
    page = reader.pages[appendix[0]]
    assert page.mediabox.width > page.mediabox.height
    tail = " ".join(pages[appendix[0] :])
    for r in report.rows:
        assert _flat(r.text[:40]) in tail
    assert tail.count("Quá hạn") >= 6 and "Hoàn thành quá hạn" in tail
    assert "78/96 tổ chức cơ sở đảng đã xây dựng kế hoạch" in tail
    assert "TỔNG HỢP THEO ĐƠN VỊ CHỦ TRÌ" in tail and "Cộng" in tail
    meta = reader.metadata
    assert meta.title.startswith("Báo cáo tình hình thực hiện Kết luận số 105-KL/ĐUK")
    assert meta.author == "Đảng ủy Khối các cơ quan tỉnh"
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_numbered_report_carries_its_number_and_date(report, tmp_path, now):
    report.number = 45
    path = export_report(report, tmp_path / "bc45.pdf", now=now)
    text = _flat(" ".join(p.extract_text() for p in PdfReader(path).pages))
    assert "Số 45-BC/ĐUK" in text and "DỰ THẢO" not in text
    assert "Kèm theo Báo cáo số 45-BC/ĐUK, ngày 15/01/2025" in text


def test_the_excel_workbook_reads_back_row_by_row(report, tmp_path, now):
    path = export_report(report, tmp_path / "Báo cáo KL 105.xlsx", now=now)
    wb = load_workbook(path)
    ws = wb[DETAIL_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert tuple(rows[head][: len(DETAIL_HEADERS)]) == DETAIL_HEADERS
    data = [r for r in rows[head + 1 :] if isinstance(r[0], int)]
    assert len(data) == 8
    by_id = {r[12]: r for r in data}
    for row in report.rows:
        x = by_id[row.task_id]
        assert (x[0], x[1], x[2], x[3], x[7]) == (
            row.number,
            row.text,
            "105-KL/ĐUK",
            row.lead_unit,
            row.state_label,
        )
        assert x[5].date() == date(2024, 12, 31)
        assert x[6] == "31/12/2024 (6 tháng cuối năm 2024)"
    assert by_id[report.rows[0].task_id][8].date() == date(2025, 1, 10)
    assert by_id[report.rows[3].task_id][9].date() == date(2024, 11, 5)
    assert by_id[report.rows[3].task_id][11] == 70
    totals = {r[0]: r[3] for r in rows if r[0] in ("Tổng số nhiệm vụ", "Quá hạn", "Hoàn thành")}
    assert totals == {"Tổng số nhiệm vụ": 8, "Quá hạn": 6, "Hoàn thành": 1}
    sm = list(wb[SUMMARY_SHEET].iter_rows(values_only=True))
    assert ("Cộng", 8, 1, 1, 0, 0, 0, 6) in sm
    assert ("Ban Tổ chức", 3, 0, 0, 0, 0, 0, 3) in sm


def test_period_report_takes_the_state_as_it_stood_at_the_end_of_the_period(office_db, now):
    db, office = office_db
    with db.write_session() as s:
        te.set_status(
            s,
            office.task_ids[1],
            "done",
            expected_version=None,
            now=now,
            completed_on=date(2025, 2, 1),
        )
    with db.session() as s:
        h2 = tr.period_report(s, date(2024, 7, 1), date(2024, 12, 31), today=now.date())
        q1 = tr.period_report(s, date(2025, 1, 1), date(2025, 3, 31), today=now.date())
    assert (
        h2.subject == "tình hình thực hiện nhiệm vụ theo các văn bản kết luận 6 tháng cuối năm 2024"
    )
    assert len(h2.rows) == 8 and h2.as_of == date(2024, 12, 31)
    assert h2.rows[1].state == "in_progress"  # completed only in February 2025
    assert h2.rows[1].completed_on is None
    assert [s.title for s in h2.sections] == [
        "Kết luận số 105-KL/ĐUK, ngày 10/7/2024 của Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 "
        "(mở rộng)"
    ]
    # Q1 2025: the tasks carried over unfinished; the one done in February shows as done late.
    assert q1.subject.endswith("quý I/2025") and len(q1.rows) == 8
    assert q1.rows[1].state == "done_late" and q1.totals[OVERDUE] == 7


def test_period_labels():
    assert tr.period_label(date(2025, 1, 1), date(2025, 12, 31)) == "năm 2025"
    assert tr.period_label(date(2025, 1, 1), date(2025, 6, 30)) == "6 tháng đầu năm 2025"
    assert tr.period_label(date(2025, 4, 1), date(2025, 6, 30)) == "quý II/2025"
    assert tr.period_label(date(2025, 5, 1), date(2025, 5, 31)) == "tháng 5/2025"
    assert tr.period_label(date(2025, 5, 2), date(2025, 5, 31)) == (
        "từ ngày 02/05/2025 đến ngày 31/05/2025"
    )


def test_reports_refuse_what_cannot_be_reported(office_db, now, tmp_path):
    db, office = office_db
    with db.session() as s:
        with pytest.raises(ValidationError) as err:
            tr.period_report(s, date(2025, 1, 1), date(2024, 1, 1), today=now.date())
        assert "ngày kết thúc" in err.value.message
        with pytest.raises(ValidationError) as err:
            tr.period_report(s, date(2020, 1, 1), date(2020, 12, 31), today=now.date())
        assert "Không có nhiệm vụ nào thuộc kỳ báo cáo năm 2020" in err.value.message
        rep = tr.document_report(s, office.document_id, today=now.date())
    with pytest.raises(ValidationError) as err:
        format_of(tmp_path / "bao-cao.docx")
    assert ".pdf" in err.value.message and ".xlsx" in err.value.message
    with pytest.raises(Exception) as err:
        export_report(rep, tmp_path / "không có" / "x.pdf", now=now)
    assert "Thư mục không tồn tại" in str(err.value)
