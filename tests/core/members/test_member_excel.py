"""Members from and to Excel: a preview listing every row's problems, all-or-nothing import,
10,000 rows in seconds, an export that imports back, audited."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import openpyxl
import pytest
from sqlalchemy import select

from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.errors import ImportError_, ValidationError
from ketluan_desktop.core.members import member_export, member_import, member_list, member_sheet
from ketluan_desktop.core.members import records as ms
from ketluan_desktop.core.members.member_checks import MemberData

NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone(timedelta(hours=7)))
TODAY = NOW.date()
HEADER = [
    "TT",
    "Ho va ten",
    "Gioi tinh",
    "Ngày sinh",
    "Quê quán",
    "Dân tộc",
    "Tổ chức cơ sở đảng",
    "Chi bộ",
    "Chức vụ",
    "Số thẻ đảng viên",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Tình trạng",
    "Cột lạ",
]


def _sheet(path, rows, *, title_rows=2, header=HEADER):
    wb = openpyxl.Workbook()
    ws = wb.active
    for _ in range(title_rows):
        ws.append(["DANH SÁCH ĐẢNG VIÊN ĐẢNG BỘ KHỐI"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _row(
    i,
    name,
    birth,
    org,
    *,
    cell=None,
    card=None,
    adm="10/3/2010",
    full="20/3/2011",
    status="Chính thức",
    gender="Nam",
):
    return [
        i,
        name,
        gender,
        birth,
        "Đại Từ, Thái Nguyên",
        "Kinh",
        org,
        cell,
        "Chuyên viên",
        card,
        adm,
        full,
        status,
        "bỏ qua",
    ]


def test_a_sheet_with_errors_is_refused_and_every_row_problem_listed(office_db, tmp_path):
    with office_db.write_session() as s:
        org = ms.grassroots_organisations(s)[0].id
        ms.create(
            s,
            MemberData(
                full_name="Đã Có Thẻ",
                organisation_id=org,
                admission_date=date(2001, 1, 1),
                card_number="48000001",
            ),
            now=NOW,
        )
    path = _sheet(
        tmp_path / "dang-vien.xlsx",
        [
            _row(
                1,
                "Nguyễn Văn Tuấn",
                datetime(1985, 2, 5),
                "Đảng bộ Sở Tài chính",
                cell="Chi bộ Văn phòng Sở",
                card="48010001",
            ),
            _row(2, None, "05/02/1985", "Đảng bộ Sở Tài chính"),
            _row(3, "Trần Thị Lan", "31/02/1980", "Sở Tài chính", gender="Nữ"),
            _row(4, "Lê Văn Bình", "1985", "Đảng bộ Sở Y tế"),
            _row(5, "Phạm Văn Cường", "1/1/1980", "Đảng bộ Sở Tài chính", card="48010001"),
            _row(6, "Hoàng Văn Dũng", "1/1/1980", "Đảng bộ Sở Tài chính", card="48000001"),
            _row(7, "Vũ Văn Đức", "1/1/1980", "Đảng bộ Sở Không Có"),
            _row(8, "Đỗ Văn Hải", "1/1/1980", "Đảng bộ Sở Y tế", cell="Chi bộ Không Có"),
            _row(9, "Bùi Văn Hùng", "1/1/1980", "Đảng bộ Sở Y tế", status="đang công tác"),
            _row(
                10,
                "Ngô Văn Khánh",
                "1/1/1980",
                "Đảng bộ Sở Y tế",
                status="Dự bị",
                card="48019999",
                full=None,
            ),
            _row(11, "Dương Văn Long", "1/1/2010", "Đảng bộ Sở Y tế"),
            [None] * 14,  # blank rows are skipped
            _row(12, "Nguyễn Văn Tuấn", datetime(1985, 2, 5), "dang bo so y te"),
        ],
    )
    with office_db.session() as s:
        preview = member_import.read_sheet(s, path, today=TODAY)
    assert preview.header_row == 3 and preview.ignored_columns == ["Cột lạ"]
    assert len(preview.rows) == 12 and not preview.can_import
    by_row = {
        row: [f"{p.column}: {p.message}" for p in probs]
        for row, probs in preview.problems_by_row().items()
    }
    assert 4 not in by_row  # row 1 of the data is fine
    assert by_row[5] == ["Họ và tên: Thiếu họ và tên."]
    assert by_row[6] == [
        "Ngày sinh: Ngày sinh «31/02/1980» không có thật: tháng 2/1980 không có ngày 31."
    ]
    assert by_row[7] == ["Ngày sinh: Ngày sinh chỉ có năm (1985); cần đủ ngày, tháng, năm."]
    assert by_row[8] == ["Số thẻ đảng viên: Số thẻ 48010001 trùng với dòng 4."]
    assert by_row[9] == [
        "Số thẻ đảng viên: Số thẻ 48000001 đã có trong cơ sở dữ liệu (hồ sơ mã 1)."
    ]
    assert by_row[10] == [
        "Tổ chức cơ sở đảng: Tổ chức cơ sở đảng «Đảng bộ Sở Không Có» không có trong danh sách tổ "
        "chức của Đảng bộ Khối."
    ]
    assert by_row[11] == [
        "Chi bộ: Chi bộ «Chi bộ Không Có» không có trong tổ chức cơ sở đảng đã ghi."
    ]
    assert by_row[12][0].startswith("Tình trạng: Tình trạng «đang công tác» không hiểu được")
    assert by_row[13] == [
        "Ngày chính thức: Đảng viên dự bị chưa có ngày chính thức.",
        "Số thẻ đảng viên: Đảng viên dự bị chưa được cấp thẻ đảng viên.",
    ] or "Đảng viên dự bị chưa được cấp thẻ đảng viên." in " ".join(by_row[13])
    assert any("chưa đủ 18 tuổi" in m for m in by_row[14])
    assert any(
        p.row == 16 and "Trùng họ tên và ngày sinh với dòng 4" in p.message
        for p in preview.warnings
    )
    assert "11 dòng có lỗi" not in preview.summary() and "Chưa nhập gì" in preview.summary()
    with office_db.write_session() as s, pytest.raises(ValidationError) as err:
        member_import.import_members(s, preview, now=NOW)
    assert "chưa nhập gì" in str(err.value)
    with office_db.session() as s:
        assert member_list.count(s) == 1


def test_a_correct_sheet_of_10000_members_imports_whole(office_db, tmp_path):
    # The time it takes is measured by bench/bench_member_excel.py (target: under 10 s).
    with office_db.session() as s:
        orgs = ms.grassroots_organisations(s)
    from ketluan_desktop.core.demo.members import FAMILY, GIVEN_M, MIDDLE_M

    rows = []
    for i in range(10_000):
        org = orgs[i % len(orgs)]
        cell = org.cells[i % len(org.cells)][1] if org.cells else None
        name = (
            f"{FAMILY[i % len(FAMILY)]} {MIDDLE_M[(i // 7) % len(MIDDLE_M)]} "
            f"{GIVEN_M[(i // 3) % len(GIVEN_M)]}"
        )
        rows.append(
            _row(
                i + 1,
                name,
                date(1960 + i % 30, 1 + i % 12, 1 + i % 28),
                org.name,
                cell=cell,
                card=str(50_000_000 + i),
            )
        )
    path = _sheet(tmp_path / "muoi-nghin.xlsx", rows, title_rows=0)
    with office_db.session() as s:
        preview = member_import.read_sheet(s, path, today=TODAY)
    assert preview.errors == [] and len(preview.rows) == 10_000
    with office_db.write_session() as s:
        n = member_import.import_members(s, preview, now=NOW)
    assert n == 10_000
    with office_db.session() as s:
        assert member_list.count(s) == 10_000
        expected = sum(1 for r in rows if r[1].startswith("Nguyễn Văn"))
        assert member_list.count(s, text="nguyen van") == expected > 0
        assert member_list.list_members(s, limit=1)[0].full_name.endswith(
            " Bình"
        )  # the first given name
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert entry.changes == {"file": "muoi-nghin.xlsx", "rows": 10_000}


def test_an_export_imports_back_and_is_audited(mdb, office_db, tmp_path):
    out = tmp_path / "xuat.xlsx"
    with mdb.session() as s:
        org = ms.grassroots_organisations(s)[0]
        expected = member_list.list_members(s, organisation_id=org.id)
    with mdb.write_session() as s:
        n = member_export.export_members(
            s, out, filters={"organisation_id": org.id}, now=NOW, username="vanthu"
        )
    assert n == len(expected) > 10
    with mdb.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert entry.username == "vanthu" and entry.changes["rows"] == n
    assert entry.changes["filters"] == {"organisation_id": org.id}
    assert all(r.full_name not in (entry.summary or "") for r in expected)
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "DANH SÁCH ĐẢNG VIÊN"
    assert [c.value for c in ws[3]][:4] == ["STT", "Họ và tên", "Giới tính", "Ngày sinh"]
    assert ws.cell(row=4, column=2).value == expected[0].full_name
    # The exported sheet goes into another office database with the same organisations.
    with office_db.session() as s:
        preview = member_import.read_sheet(s, out, today=TODAY)
    assert preview.errors == [], preview.errors[:3]
    with office_db.write_session() as s:
        assert member_import.import_members(s, preview, now=NOW) == n
    with office_db.session() as s:
        again = member_list.list_members(s)
    assert [(r.full_name, r.birth_date, r.card_number, r.status) for r in again] == [
        (r.full_name, r.birth_date, r.card_number, r.status) for r in expected
    ]


def test_the_template_lists_the_organisations_and_reads_as_empty(office_db, tmp_path):
    path = tmp_path / "mau.xlsx"
    with office_db.session() as s:
        member_export.write_template(s, path)
        preview = member_import.read_sheet(s, path, today=TODAY)
    assert preview.rows == [] and not preview.can_import
    assert preview.summary() == "Bảng tính không có dòng đảng viên nào dưới dòng tiêu đề."
    wb = openpyxl.load_workbook(path)
    guide = [r[0] for r in wb["Hướng dẫn"].iter_rows(values_only=True)]
    assert "Đảng bộ Sở Tài chính" in guide


def test_files_that_are_not_member_sheets_get_clear_messages(office_db, tmp_path):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a zip")
    other = tmp_path / "cu.xls"
    other.write_bytes(b"\xd0\xcf\x11\xe0")
    headerless = _sheet(tmp_path / "khac.xlsx", [["a", "b"]], header=["Cột 1", "Cột 2"])
    with office_db.session() as s:
        with pytest.raises(ImportError_) as err:
            member_import.read_sheet(s, bad, today=TODAY)
        assert "tệp hỏng hoặc không phải bảng tính Excel" in str(err.value)
        with pytest.raises(ImportError_) as err:
            member_import.read_sheet(s, other, today=TODAY)
        assert "lưu lại dạng .xlsx" in str(err.value)
        with pytest.raises(ImportError_) as err:
            member_import.read_sheet(s, headerless, today=TODAY)
        assert "Không tìm thấy dòng tiêu đề có cột «Họ và tên»" in str(err.value)
        with pytest.raises(ImportError_):
            member_import.read_sheet(s, tmp_path / "khong-co.xlsx", today=TODAY)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05/02/1980", date(1980, 2, 5)),
        ("5/2/1980", date(1980, 2, 5)),
        ("5-2-1980", date(1980, 2, 5)),
        ("05.02.1980", date(1980, 2, 5)),
        ("1980-02-05", date(1980, 2, 5)),
        (datetime(1980, 2, 5), date(1980, 2, 5)),
        (29256, date(1980, 2, 5)),
        (None, None),
        ("  ", None),
    ],
)
def test_dates_as_offices_write_them(value, expected):
    assert member_sheet.parse_date(value, "Ngày sinh") == expected


@pytest.mark.parametrize("value", ["30/2/1980", "1980", "hôm qua", "12/13/1980"])
def test_impossible_dates_are_refused(value):
    with pytest.raises(ValueError):
        member_sheet.parse_date(value, "Ngày sinh")
