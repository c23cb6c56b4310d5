"""The units tree: edit, refuse what would break records, import and export Excel."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from ketluan_desktop.core.errors import ConflictError, ImportError_, NotFoundError, ValidationError
from ketluan_desktop.core.org import unit_sheet, units
from ketluan_desktop.core.org.models import OrgKind


def _tree(db):
    with db.session() as s:
        return units.flat_tree(s)


def test_the_tree_lists_departments_then_grassroots_with_their_cells(office_db):
    db, _ = office_db
    tree = _tree(db)
    assert [n.display_name for n in tree[:4]] == [
        "Văn phòng",
        "Ban Tổ chức",
        "Ban Tuyên giáo và Dân vận",
        "Ủy ban Kiểm tra",
    ]
    i = next(i for i, n in enumerate(tree) if n.name == "Đảng bộ Sở Tài chính")
    assert [(n.name, n.depth) for n in tree[i : i + 4]] == [
        ("Đảng bộ Sở Tài chính", 0),
        ("Chi bộ Văn phòng Sở", 1),
        ("Chi bộ Phòng Ngân sách", 1),
        ("Chi bộ Phòng Đầu tư", 1),
    ]
    assert tree[-1].kind == OrgKind.MASS.value
    assert all(n.kind != OrgKind.ISSUING_BODY.value for n in tree)
    with db.session() as s:
        labels = dict(units.choices(s))
    assert labels[tree[i + 1].id] == "    Chi bộ Văn phòng Sở"


def test_create_edit_move_and_delete_a_unit(office_db, now):
    db, _office = office_db
    with db.write_session() as s:
        u = units.create(
            s, units.UnitInput("Ban Dân vận Đảng ủy Khối", "department", "Ban Dân vận"), now=now
        )
        uid, v = u.id, u.version
    assert _tree(db)[4].display_name == "Ban Dân vận"  # after the four departments
    with db.write_session() as s:
        units.move(s, uid, -1, now=now)
    assert _tree(db)[3].display_name == "Ban Dân vận"
    v = _tree(db)[3].version  # moving renumbers the siblings: a new version
    with db.write_session() as s:
        u = units.update(
            s,
            uid,
            units.UnitInput(
                "Ban Dân vận Đảng ủy Khối các cơ quan tỉnh", "department", "Ban Dân vận"
            ),
            expected_version=v,
            now=now,
        )
        v2 = u.version
    with pytest.raises(ConflictError) as err, db.write_session() as s:
        units.update(s, uid, units.UnitInput("Tên cũ", "department"), expected_version=v, now=now)
    assert "vừa được sửa ở máy khác" in err.value.message
    with db.write_session() as s:
        units.delete(s, uid, expected_version=v2, now=now)
    with pytest.raises(NotFoundError), db.session() as s:
        units.get(s, uid)


def test_a_unit_in_use_is_not_deleted_but_can_be_made_inactive(office_db, now):
    db, office = office_db
    btc = office.units["Ban Tổ chức"]
    with pytest.raises(ValidationError) as err, db.write_session() as s:
        units.delete(s, btc, expected_version=None, now=now)
    assert "3 nhiệm vụ chủ trì" in err.value.message and "Đang hoạt động" in err.value.message
    with db.write_session() as s:
        u = units.get(s, btc)
        units.update(
            s,
            btc,
            units.UnitInput(u.name, u.kind, u.short_name, None, False),
            expected_version=u.version,
            now=now,
        )
    with db.session() as s:
        assert btc not in dict(units.choices(s))
        assert btc in dict(units.choices(s, include_inactive=True))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (units.UnitInput("", "department"), "không được để trống"),
        (units.UnitInput("Chi bộ lạc", "cell"), "phải thuộc một tổ chức cơ sở đảng"),
        (units.UnitInput("Ban Tổ chức Đảng ủy Khối", "department"), "Đã có đơn vị"),
        (units.UnitInput("Đơn vị lạ", "planet"), "Loại đơn vị"),
    ],
)
def test_bad_units_are_refused(office_db, now, data, words):
    db, _ = office_db
    with pytest.raises((ValidationError, ConflictError)) as err, db.write_session() as s:
        units.create(s, data, now=now)
    assert words in err.value.message


def test_a_unit_cannot_sit_under_its_own_cell(office_db, now):
    db, office = office_db
    tc = office.units["Đảng bộ Sở Tài chính"]
    with db.session() as s:
        cell = next(n for n in units.flat_tree(s) if n.parent_id == tc)
    with pytest.raises(ValidationError) as err, db.write_session() as s:
        units.update(
            s,
            tc,
            units.UnitInput("Đảng bộ Sở Tài chính", "grassroots", None, cell.id),
            expected_version=None,
            now=now,
        )
    assert "Chi bộ trực thuộc không có đơn vị cấp dưới" in err.value.message


def test_find_by_name_short_name_or_unique_part(office_db):
    db, office = office_db
    with db.session() as s:
        assert units.find(s, "ban to chuc").id == office.units["Ban Tổ chức"]
        assert units.find(s, "Ủy ban Kiểm tra").id == office.units["Ủy ban Kiểm tra"]
        assert units.find(s, "Cục Thuế").name == "Đảng bộ Cục Thuế tỉnh"
        with pytest.raises(ValidationError) as err:
            units.find(s, "Chi bộ Văn phòng Sở")  # two cells share the name
        assert "Đảng bộ Sở Tài chính" in err.value.message or "Sở Tài chính" in err.value.message
        with pytest.raises(NotFoundError):
            units.find(s, "Ban Kinh tế")


def _sheet(path, rows, header=unit_sheet.HEADERS):
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐƠN VỊ"])
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def test_import_units_from_excel_adds_updates_and_links_parents(office_db, now, tmp_path):
    db, _ = office_db
    path = _sheet(
        tmp_path / "đơn vị.xlsx",
        [
            (
                "Chi bộ Phòng Quản lý giá",
                "",
                "",
                "Đảng bộ Sở Công Thương",
                "",
            ),  # parent comes later
            ("Đảng bộ Sở Công Thương", "ĐB Công Thương", "Tổ chức cơ sở đảng", "", ""),
            ("Ban Tổ chức Đảng ủy Khối", "Ban Tổ chức", "Ban, Văn phòng", "", "có"),
            (
                "Hội Cựu chiến binh Khối các cơ quan tỉnh",
                "",
                "",
                "Đảng ủy Khối các cơ quan tỉnh",
                "không",
            ),
        ],
    )
    with db.write_session() as s:
        result = unit_sheet.import_xlsx(s, path, now=now)
    assert (result.created, result.updated, result.unchanged) == (2, 1, 1)
    assert "thêm mới 2" in result.message()
    tree = {n.name: n for n in _tree(db)}
    cell = tree["Chi bộ Phòng Quản lý giá"]
    assert cell.kind == "cell" and cell.parent_id == tree["Đảng bộ Sở Công Thương"].id
    assert tree["Hội Cựu chiến binh Khối các cơ quan tỉnh"].active is False


def test_a_wrong_file_changes_nothing_and_names_every_bad_row(office_db, now, tmp_path):
    db, _ = office_db
    before = _tree(db)
    path = _sheet(
        tmp_path / "sai.xlsx",
        [
            ("Tổ công tác đặc biệt", "", "", "", ""),
            ("", "Không tên", "Ban, Văn phòng", "", ""),
            ("Chi bộ Phòng X", "", "Chi bộ trực thuộc", "Đảng bộ không có", ""),
            ("Ban Nội chính", "", "Ban, Văn phòng", "", "có lẽ"),
            ("Ban Dân vận", "", "Ban, Văn phòng", "", ""),
        ],
    )
    with pytest.raises(ImportError_) as err, db.write_session() as s:
        unit_sheet.import_xlsx(s, path, now=now)
    msg = err.value.message
    assert "chưa có thay đổi nào được lưu" in msg
    for row in ("Dòng 3:", "Dòng 4:", "Dòng 5:", "Dòng 6:"):
        assert row in msg
    assert "Dòng 7" not in msg
    assert _tree(db) == before


def test_files_that_are_not_unit_lists_are_refused(office_db, now, tmp_path):
    db, _ = office_db
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a workbook")
    old = tmp_path / "x.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    other = _sheet(tmp_path / "khac.xlsx", [("a", "b")], header=("Họ tên", "Chức vụ"))
    for path, words in (
        (bad, "như một bảng tính Excel"),
        (old, "định dạng Excel cũ"),
        (other, "không có dòng tiêu đề"),
        (tmp_path / "none.xlsx", "Không tìm thấy"),
    ):
        with pytest.raises(ImportError_) as err, db.write_session() as s:
            unit_sheet.import_xlsx(s, path, now=now)
        assert words in err.value.message


def test_export_is_the_import_template_and_round_trips(office_db, now, tmp_path):
    db, _ = office_db
    path = tmp_path / "đơn vị xuất.xlsx"
    with db.session() as s:
        unit_sheet.export_xlsx(s, path)
    ws = load_workbook(path).active
    assert [c.value for c in ws[1]] == list(unit_sheet.HEADERS)
    assert ws.max_row == len(_tree(db)) + 1
    before = _tree(db)
    with db.write_session() as s:
        result = unit_sheet.import_xlsx(s, path, now=now)
    assert result.created == 0 and result.updated == 0 and result.unchanged == len(before)
    assert [(n.name, n.parent_id, n.kind) for n in _tree(db)] == [
        (n.name, n.parent_id, n.kind) for n in before
    ]
