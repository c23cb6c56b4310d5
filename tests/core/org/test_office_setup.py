"""Issue 13 item 12: a new office's first setup (one transaction), after which the first conclusion
is drafted, issued and numbered without visiting Settings."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.documents import draft_saving, records, templates
from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.org import office_setup, settings
from ketluan_desktop.core.org.models import Organisation, Person, Term
from ketluan_desktop.core.org.office_setup import OfficeSetup, SignerInput


def _setup(**kw) -> OfficeSetup:
    values = dict(
        issuer_name="Đảng ủy Khối các cơ quan tỉnh",
        symbol_code="ĐUK",
        parent_name="Đảng bộ tỉnh Thái Nguyên",
        place_name="Thái Nguyên",
        office_name="Văn phòng Đảng ủy Khối",
        term_label="IX",
        term_start=date(2025, 7, 1),
        term_end=date(2030, 6, 30),
        signers=[
            SignerInput("Hoàng Thanh Hải", "Bí thư Đảng ủy Khối"),
            SignerInput("Nguyễn Thị Thu Hương", "Phó Bí thư Thường trực Đảng ủy Khối"),
        ],
        default_signer=1,
        units=["Văn phòng Đảng ủy Khối", "Ban Tổ chức", "Ủy ban Kiểm tra", "Đảng bộ Sở Y tế", ""],
    )
    values.update(kw)
    return OfficeSetup(**values)


def test_a_new_office_needs_setup_until_done_or_skipped(db):
    with db.session() as s:
        assert office_setup.needs_setup(s)
    with db.write_session() as s:
        office_setup.skip(s)
    with db.session() as s:
        assert not office_setup.needs_setup(s)


def test_after_setup_the_first_conclusion_is_drafted_issued_and_numbered(db, now):
    with db.write_session() as s:
        office_setup.apply(s, _setup(), now=now)
    with db.write_session() as s:
        draft = templates.new_draft(s, "KL", today=now.date())
        assert draft.issuer == "Đảng ủy Khối các cơ quan tỉnh"
        assert draft.parent_issuer == "Đảng bộ tỉnh Thái Nguyên" and draft.place == "Thái Nguyên"
        # A conclusion is signed by the Secretary (the template's role); the title from the position.
        assert draft.signer_name == "Hoàng Thanh Hải" and draft.signer_title == "BÍ THƯ"
        default = s.get(Person, settings.get(s, "office.default_signer_id"))
        assert (
            default.full_name == "Nguyễn Thị Thu Hương" and default.signature_title == "PHÓ BÍ THƯ"
        )
        draft.subject = "Hội nghị Ban Thường vụ lần thứ nhất"
        draft.sections[0].blocks[0].text = "Nội dung kết luận."
        draft_saving.save_draft(s, draft, now=now)
        doc_id = draft.doc_id
    with db.write_session() as s:
        doc = records.issue(s, doc_id, now=now, username="vanthu")
        assert doc.number_symbol == "01-KL/ĐUK"
    with db.session() as s:
        assert sorted(office_setup.current(s, today=now.date()).units) == [
            "Ban Tổ chức",
            "Văn phòng Đảng ủy Khối",
            "Đảng bộ Sở Y tế",
            "Ủy ban Kiểm tra",
        ]
        assert not office_setup.needs_setup(s)
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "setup")) == 1  # fmt: skip


def test_reopening_changes_without_duplicating(db, now):
    with db.write_session() as s:
        office_setup.apply(s, _setup(), now=now)
    with db.session() as s:
        again = office_setup.current(s, today=now.date())
    assert again.symbol_code == "ĐUK" and again.term_label == "IX"
    assert [x.full_name for x in again.signers] == ["Hoàng Thanh Hải", "Nguyễn Thị Thu Hương"]
    again.place_name = "TP. Thái Nguyên"
    again.signers.append(
        SignerInput("Lê Văn Ba", "Chánh Văn phòng Đảng ủy Khối", "CHÁNH VĂN PHÒNG")
    )
    with db.write_session() as s:
        office_setup.apply(s, again, now=now)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Term)) == 1
        assert s.scalar(select(func.count()).select_from(Person)) == 3
        units = s.scalar(select(func.count()).select_from(Organisation)) - 1  # the issuing body
        assert units == 4
        assert settings.get(s, "office.default_place") == "TP. Thái Nguyên"


def test_nothing_is_written_when_something_is_missing(db, now):
    with pytest.raises(ValidationError) as err, db.write_session() as s:
        office_setup.apply(s, _setup(term_label="", signers=[]), now=now)
    assert "nhiệm kỳ hiện tại" in err.value.message and "người ký" in err.value.message
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Organisation)) == 0


def test_a_bad_units_file_rolls_the_whole_setup_back(db, now, tmp_path):
    path = tmp_path / "đơn vị.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Tên đơn vị", "Loại"])
    wb.active.append(["Ban Tổ chức", "loại không có"])
    wb.save(path)
    with pytest.raises(Exception), db.write_session() as s:  # noqa: B017 (the import's own error)
        office_setup.apply(s, _setup(units=[], units_file=str(path)), now=now)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Organisation)) == 0
        assert s.scalar(select(func.count()).select_from(Term)) == 0


def test_units_from_an_excel_file(db, now, tmp_path):
    path = tmp_path / "đơn vị.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Tên đơn vị", "Tên viết tắt", "Loại"])
    wb.active.append(["Ban Tuyên giáo và Dân vận Đảng ủy Khối", "Ban Tuyên giáo", "Ban"])
    wb.active.append(["Đảng bộ Sở Tài chính", None, None])
    wb.save(path)
    with db.write_session() as s:
        office_setup.apply(s, _setup(units=["Văn phòng"], units_file=str(path)), now=now)
    with db.session() as s:
        names = set(s.scalars(select(Organisation.name)))
    assert {"Văn phòng", "Ban Tuyên giáo và Dân vận Đảng ủy Khối", "Đảng bộ Sở Tài chính"} <= names


def test_suggestions():
    assert office_setup.suggest_symbol("Đảng ủy Khối các cơ quan tỉnh") == "ĐUK"
    assert office_setup.suggest_title("Phó Bí thư Thường trực Đảng ủy Khối") == "PHÓ BÍ THƯ"
    assert office_setup.suggest_title("Bí thư Đảng ủy Khối") == "BÍ THƯ"
