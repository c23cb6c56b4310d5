"""New drafts from templates: standard parts filled from the office, the meeting and the people."""

from __future__ import annotations

import pytest

from ketluan_desktop.core.documents import templates
from ketluan_desktop.core.errors import ValidationError


def test_every_template_gives_a_draft_with_header_recipients_and_signer(db, office, now):
    with db.session() as s:
        for info in templates.list_templates():
            d = templates.new_draft(s, info.type_code, today=now.date())
            assert d.issuer == "Đảng ủy Khối các cơ quan tỉnh"
            assert d.parent_issuer == "Đảng bộ tỉnh Thái Nguyên"
            assert d.place == "Thái Nguyên"
            assert d.recipients[-1] == "Lưu Văn phòng ĐUK"
            assert d.signer_authority and d.signer_name and d.signer_title
            assert d.sections[0].heading is None  # the opening part comes first
            content = d.to_content()
            assert content.is_draft and content.type_code == info.type_code
    assert [t.type_code for t in templates.list_templates()] == ["KL", "TB", "NQ", "BC", "KH", "CV"]


def test_conclusion_of_a_meeting_opens_with_the_sample_sentence(demo_db, now):
    with demo_db.session() as s:
        d = templates.new_draft(s, "KL", today=now.date(), meeting_id=1)
    assert d.subject == (
        "Hội nghị Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh lần thứ 19 (mở rộng)"
    )
    opening = d.sections[0].blocks[0].text
    assert opening.startswith(
        "Ngày 10 tháng 7 năm 2024, Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh, khóa VIII, "
        "đã họp kỳ thứ 19 (mở rộng). Hội nghị đã thông qua các dự thảo Báo cáo sơ kết công tác "
        "6 tháng đầu năm"
    )
    assert opening.endswith(
        "Qua thảo luận của các đại biểu dự họp, Đảng ủy Khối các cơ quan tỉnh kết luận:"
    )
    headings = [s.heading for s in d.sections]
    assert headings[1] == "Đánh giá tình hình công tác 6 tháng đầu năm 2024"
    assert headings[2] == "Một số nhiệm vụ trọng tâm trong 6 tháng cuối năm 2024"
    assert (d.signer_authority, d.signer_title, d.signer_name) == (
        "T/M BAN CHẤP HÀNH",
        "BÍ THƯ",
        "Hoàng Thanh Hải",
    )
    assert d.meeting_id == 1


def test_notice_and_letter_are_signed_by_the_office_by_leave(db, office, now):
    with db.session() as s:
        tb = templates.new_draft(s, "TB", today=now.date())
        cv = templates.new_draft(s, "CV", today=now.date())
        nq = templates.new_draft(s, "NQ", today=now.date())
    assert tb.title == "THÔNG BÁO KẾT LUẬN"
    assert (tb.signer_authority, tb.signer_title, tb.signer_name) == (
        "T/L BAN THƯỜNG VỤ",
        "CHÁNH VĂN PHÒNG",
        "Bùi Thị Lụa",
    )
    assert cv.recipients == ["Như trên", "Lưu Văn phòng ĐUK"]
    assert cv.greeting == ""
    assert nq.numbering == "roman"
    assert nq.to_content().sections[0].number is None
    assert [s.number for s in nq.to_content().sections[1:]] == ["I", "II", "III"]
    assert "khóa IX" in nq.sections[0].blocks[1].text  # the term of 29/11/2026


def test_unknown_type_is_refused_in_vietnamese(db, office, now):
    with db.session() as s, pytest.raises(ValidationError, match="Loại văn bản «ZZ» không có"):
        templates.new_draft(s, "ZZ", today=now.date())


def test_file_copy_stays_last_and_once():
    out = templates.with_file_copy_last(["Lưu VP", "A", "B"], "Lưu Văn phòng ĐUK")
    assert out == ["A", "B", "Lưu VP"]
    assert templates.with_file_copy_last(["A"], "Lưu Văn phòng ĐUK") == ["A", "Lưu Văn phòng ĐUK"]
