"""The importer's parts on short inputs: casing, list marks, citations, figures, meetings."""

from __future__ import annotations

from datetime import date

import pytest

from ketluan_desktop.core.importer import parse_text
from ketluan_desktop.core.importer.casing import body_case, sentence_case
from ketluan_desktop.core.importer.citations import find_citations
from ketluan_desktop.core.importer.dates import words_to_int
from ketluan_desktop.core.importer.figures import find_figures
from ketluan_desktop.core.importer.markers import parse_marker
from ketluan_desktop.core.importer.meeting import find_meeting
from ketluan_desktop.core.importer.syllables import is_syllable


@pytest.mark.parametrize(
    ("capitals", "expected"),
    [
        ("HỘI NGHỊ LẦN THỨ BẢY BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XVI)",
         "Hội nghị lần thứ bảy Ban Chấp hành Đảng bộ tỉnh (khóa XVI)"),
        ("VỀ CÔNG TÁC XÂY DỰNG ĐẢNG VÀ CÁC TỔ CHỨC ĐẢNG", "Về công tác xây dựng Đảng và các tổ chức đảng"),
        ("CÁC ĐẢNG ỦY TRỰC THUỘC VÀ ĐẢNG ỦY KHỐI", "Các đảng ủy trực thuộc và Đảng ủy Khối"),
        ("THỰC HIỆN CHỈ THỊ SỐ 35-CT/TW CỦA BỘ CHÍNH TRỊ", "Thực hiện chỉ thị số 35-CT/TW của Bộ Chính trị"),
    ],
)  # fmt: skip
def test_sentence_case(capitals: str, expected: str) -> None:
    assert sentence_case(capitals) == expected


@pytest.mark.parametrize(
    ("capitals", "expected"),
    [
        ("ĐẢNG BỘ TỈNH THÁI NGUYÊN", "Đảng bộ tỉnh Thái Nguyên"),
        ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "Đảng ủy Khối các cơ quan tỉnh"),
        ("TỈNH ỦY BẮC KẠN", "Tỉnh ủy Bắc Kạn"),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG", "Ban Chấp hành Trung ương"),
        ("Đảng ủy Khối các cơ quan tỉnh", "Đảng ủy Khối các cơ quan tỉnh"),  # already cased: kept
    ],
)
def test_body_case(capitals: str, expected: str) -> None:
    assert body_case(capitals) == expected


@pytest.mark.parametrize(
    ("text", "kind", "label", "number", "rest"),
    [
        ("I. ĐÁNH GIÁ", "roman", "I.", 1, "ĐÁNH GIÁ"),
        ("IV- Tổ chức thực hiện", "roman", "IV-", 4, "Tổ chức thực hiện"),
        ("Phần II: Phương hướng", "roman", "Phần II:", 2, "Phương hướng"),
        ("PHẦN THỨ HAI", "roman", "PHẦN THỨ HAI", 2, ""),
        ("12. Thi hành kỷ luật", "arabic", "12.", 12, "Thi hành kỷ luật"),
        ("3/ Về nhân sự", "arabic", "3/", 3, "Về nhân sự"),
        ("4.1. Giao Đảng ủy", "sub", "4.1.", 1, "Giao Đảng ủy"),
        ("(2) Duy trì nền nếp", "item", "(2)", 2, "Duy trì nền nếp"),
        ("b) Về tổ chức", "item", "b)", 2, "Về tổ chức"),
        ("(ii) Chỉ đạo", "item", "(ii)", 2, "Chỉ đạo"),
        ("c. Về kiểm tra", "item", "c.", 3, "Về kiểm tra"),
        ("– Tăng cường", "bullet", "–", None, "Tăng cường"),
        ("+ Ý con", "bullet", "+", None, "Ý con"),
    ],
)
def test_marks(text: str, kind: str, label: str, number: int | None, rest: str) -> None:
    marker = parse_marker(text)
    assert marker is not None
    assert (marker.kind, marker.label, marker.number, marker.rest) == (kind, label, number, rest)


@pytest.mark.parametrize(
    "text", ["10/4 đến ngày 12/4/2025", "2025. Đối với", "1.234 người", "Ngày 10", "VI tính", ""]
)
def test_not_marks(text: str) -> None:
    assert parse_marker(text) is None


def test_citation_forms_and_merging() -> None:
    citations = find_citations(
        [
            "Thực hiện Quyết định 1300-QĐ/TU của Ban Thường vụ Tỉnh ủy và Nghị định số "
            "30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ.",
            "Căn cứ Quyết định số 1300-QĐ/TU, ngày 26 tháng 5 năm 2023; theo văn bản số "
            "12-CV/ĐUK và Luật số 10/2022/QH15.",
        ]
    )
    assert [(c.kind, c.number_symbol, c.date, c.issuer) for c in citations] == [
        ("Quyết định", "1300-QĐ/TU", date(2023, 5, 26), "Ban Thường vụ Tỉnh ủy"),
        ("Nghị định", "30/2020/NĐ-CP", date(2020, 3, 5), "Chính phủ"),
        ("Công văn", "12-CV/ĐUK", None, None),  # no kind word: taken from the symbol
        ("Luật", "10/2022/QH15", None, None),
    ]


def test_issuer_shared_by_a_list_of_citations() -> None:
    citations = find_citations(
        ["sửa đổi Quy định số 22-QĐ/TW, ngày 28/7/2021 và Quy định số 262-QĐ/TW, ngày 03/02/2025 "
         "của Ban Chấp hành Trung ương Đảng về công tác kiểm tra"]
    )  # fmt: skip
    assert {c.number_symbol: c.issuer for c in citations} == {
        "22-QĐ/TW": "Ban Chấp hành Trung ương Đảng",
        "262-QĐ/TW": "Ban Chấp hành Trung ương Đảng",
    }


def test_own_number_and_lower_case_issuers_are_skipped() -> None:
    citations = find_citations(
        ["Kèm theo Kết luận số 05-KL/ĐUK; Nghị quyết số 09-NQ/CB của các chi bộ về nhiệm vụ."],
        own_number="05-KL/ĐUK",
    )
    assert [(c.number_symbol, c.issuer) for c in citations] == [("09-NQ/CB", None)]


def test_named_programmes_only_when_carried_out() -> None:
    citations = find_citations(
        [
            "Cơ quan triển khai Chương trình chuyển đổi số trong các cơ quan đảng giai đoạn 2021 - "
            "2025; Hội nghị cơ bản thống nhất Đề án phương hướng bầu cử đại biểu; xây dựng Đề án "
            "theo hướng dẫn; thi hành Hiến pháp năm 2013 và Luật Tổ chức chính quyền địa phương "
            "năm 2025 (sửa đổi) có hiệu lực; chấp hành Hiến pháp, pháp luật."
        ]
    )
    assert [(c.kind, c.name) for c in citations] == [
        (
            "Chương trình",
            "Chương trình chuyển đổi số trong các cơ quan đảng giai đoạn 2021 - 2025",
        ),
        ("Hiến pháp", "Hiến pháp năm 2013"),  # in the order the text cites them
        ("Luật", "Luật Tổ chức chính quyền địa phương năm 2025 (sửa đổi)"),
    ]


def test_figures_kinds_and_fragments() -> None:
    figures = find_figures(
        [
            "Thi hành kỷ luật khiển trách 02 đảng viên, cảnh cáo 01 đồng chí; chuyển sinh hoạt "
            "đảng cho 15 đảng viên. Huy hiệu 50 năm tuổi Đảng cho 1.205 đồng chí. Có 16 tham luận "
            "và 8 đồng chí phát biểu.",
            "Trong năm có 12 trường hợp được kết luận tiêu chuẩn chính trị.",
        ]
    )
    assert [(f.kind, f.count, f.text) for f in figures] == [
        ("discipline", 2, "Thi hành kỷ luật khiển trách 02 đảng viên"),
        ("discipline", 1, "cảnh cáo 01 đồng chí"),
        ("transfer", 15, "chuyển sinh hoạt đảng cho 15 đảng viên"),
        ("badge_50", 1205, "Huy hiệu 50 năm tuổi Đảng cho 1.205 đồng chí"),
        ("political_standard", 12, "Trong năm có 12 trường hợp được kết luận tiêu chuẩn chính trị"),
    ]


def test_meeting_held_over_several_days() -> None:
    meeting = find_meeting(
        "NGHỊ QUYẾT HỘI NGHỊ LẦN THỨ 11",
        "Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng khóa XIII",
        [
            "Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng khóa XIII họp từ ngày 10/4 đến "
            "ngày 12/4/2025 tại Thủ đô Hà Nội."
        ],
    )
    assert meeting is not None
    assert (meeting.body, meeting.term, meeting.session) == (
        "Ban Chấp hành Trung ương Đảng",
        "XIII",
        11,
    )
    assert (meeting.date, meeting.date_to) == (date(2025, 4, 10), date(2025, 4, 12))


def test_no_meeting_in_a_plain_notice() -> None:
    assert (
        find_meeting("THÔNG BÁO", "về lịch tiếp công dân", ["Văn phòng thông báo lịch tiếp."])
        is None
    )
    # "phối hợp" is not "họp"
    assert find_meeting("THÔNG BÁO", None, ["Các đơn vị phối hợp thực hiện."]) is None


@pytest.mark.parametrize(
    ("words", "value"),
    [("bảy", 7), ("mười chín", 19), ("hai mươi mốt", 21), ("ba mươi", 30), ("mười lăm", 15)],
)
def test_numbers_in_words(words: str, value: int) -> None:
    assert words_to_int(words) == value


@pytest.mark.parametrize(
    "word", ["Đảng", "nghiêng", "khuyến", "Nguyễn", "người", "quốc", "gì", "uỷ"]
)
def test_vietnamese_syllables(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["Coọng", "Vieọt", "hoứa", "§¶ng", "Ñaûng", "café"])
def test_not_vietnamese_syllables(word: str) -> None:
    assert not is_syllable(word)


def test_draft_label_greeting_and_letter_subject() -> None:
    text = """ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH
Số 12-CV/ĐUK
V/v chuẩn bị đại hội chi bộ
Dự thảo lần 2
Thái Nguyên, ngày 15 tháng 01 năm 2026
Kính gửi: Các tổ chức cơ sở đảng trực thuộc

Đề nghị các đơn vị chuẩn bị tốt đại hội chi bộ nhiệm kỳ 2025 - 2027.
"""
    result = parse_text(text)
    doc = result.document
    assert (doc.type, doc.type_name, doc.number_symbol) == ("CV", "Công văn", "12-CV/ĐUK")
    assert doc.subject == "chuẩn bị đại hội chi bộ"
    assert doc.draft_label == "Dự thảo lần 2"
    assert doc.greeting == "Các tổ chức cơ sở đảng trực thuộc"
    content = result.content()
    assert (content.type_code, content.is_draft, content.greeting) == (
        "CV",
        True,
        "Các tổ chức cơ sở đảng trực thuộc",
    )


def test_greeting_under_the_title_of_a_submission() -> None:
    text = """TỜ TRÌNH
về việc bổ sung quy hoạch cấp ủy

Kính gửi: Ban Thường vụ Tỉnh ủy

Văn phòng kính trình Ban Thường vụ xem xét, quyết định.
"""
    result = parse_text(text)
    assert result.document.type == "TTr"
    assert result.document.greeting == "Ban Thường vụ Tỉnh ủy"
    assert [b.text for s in result.sections for b in s.blocks] == [
        "Văn phòng kính trình Ban Thường vụ xem xét, quyết định."
    ]
