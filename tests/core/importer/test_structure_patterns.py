"""Structure that generalises (issue 17): every heading, numbering and closing form seen in real
Party documents, each on a small made-up snippet (not a copy of the corpus)."""

from __future__ import annotations

import pytest

from ketluan_desktop.core.importer import ImportResult, parse_text

HEAD = "TỈNH ỦY BẮC KẠN\nSố 07-NQ/TU\nNGHỊ QUYẾT\nvề phát triển du lịch cộng đồng\n\n"
BODY = "1. Giao Ban Tuyên giáo Tỉnh ủy hướng dẫn tuyên truyền trong quý I.\n\n"


def parse(text: str) -> ImportResult:
    return parse_text(HEAD + text)


def headings(result: ImportResult) -> list[tuple[str | None, str | None]]:
    return [(s.number, s.heading) for s in result.sections if s.level != "opening"]


def starts(result: ImportResult, n: int = 25) -> list[str]:
    return [t.text[:n] for t in result.tasks]


@pytest.mark.parametrize("mark", ["{r}-", "{r}.", "{r} –", "{r} -", "Phần {r}", "PHẦN {r}:"])
def test_part_headings_with_roman_numbers(mark: str) -> None:
    parts = ["ĐÁNH GIÁ KẾT QUẢ", "MỤC TIÊU ĐẾN NĂM 2030", "NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU"]
    text = "Lời mở đầu của nghị quyết.\n\n"
    for roman, title in zip(("I", "II", "III"), parts, strict=True):
        text += f"{mark.format(r=roman)} {title}\n\nNội dung của phần {roman.lower()}.\n\n"
    text += "1. Xây dựng sản phẩm du lịch đặc trưng.\n\n2. Đào tạo người làm du lịch.\n\n"
    result = parse(text)
    assert [h for _, h in headings(result)] == parts
    assert starts(result) == ["Xây dựng sản phẩm du lịch", "Đào tạo người làm du lịch"]


def test_part_headings_in_words() -> None:
    result = parse(
        "PHẦN THỨ NHẤT\nKẾT QUẢ NĂM 2025\n\nNăm qua đạt nhiều kết quả.\n\n"
        "PHẦN THỨ HAI\nPHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026\n\n"
        "1. Tập trung phát triển hạ tầng giao thông.\n\n2. Giữ vững an ninh chính trị.\n\n"
    )
    assert [s.number for s in result.sections] == ["I", "II"]
    assert len(result.tasks) == 2


def test_part_headings_in_capitals_without_numbers() -> None:
    result = parse(
        "ĐÁNH GIÁ TÌNH HÌNH\n\nNăm qua đạt nhiều kết quả trên các lĩnh vực.\n\n"
        "NHIỆM VỤ TRỌNG TÂM NĂM 2026\n\n(1) Tập trung lãnh đạo phát triển kinh tế.\n\n"
        "(2) Chăm lo công tác xây dựng Đảng.\n\n"
    )
    assert [h for _, h in headings(result)] == ["ĐÁNH GIÁ TÌNH HÌNH", "NHIỆM VỤ TRỌNG TÂM NĂM 2026"]
    assert starts(result, 20) == ["Tập trung lãnh đạo p", "Chăm lo công tác xây"]


def test_one_line_in_capitals_is_a_caption_not_a_part() -> None:
    result = parse(
        "Hội nghị thống nhất.\n\nQUYẾT NGHỊ:\n\n1. Thông qua đề án.\n\n2. Giao thực hiện.\n\n"
    )
    assert all(s.heading != "QUYẾT NGHỊ" for s in result.sections)


@pytest.mark.parametrize(
    ("marks", "kind"),
    [(["1.", "2."], "arabic"), (["1)", "2)"], "item"), (["(1)", "(2)"], "item"),
     (["a)", "b)"], "item"), (["4.1.", "4.2."], "item")],
)  # fmt: skip
def test_numbered_items_of_every_form(marks: list[str], kind: str) -> None:
    text = "I. NHIỆM VỤ TRỌNG TÂM\n\n"
    if marks[0].startswith("4."):
        text = "I. ĐÁNH GIÁ\n\nTốt.\n\nII. NHIỆM VỤ\n\n4. Nhóm nhiệm vụ về du lịch\n\n"
    for mark, what in zip(
        marks, ("Phát triển du lịch xanh.", "Bảo tồn bản sắc văn hóa."), strict=True
    ):
        text += f"{mark} {what}\n\n"
    result = parse(text)
    assert [t.text[:18] for t in result.tasks] == ["Phát triển du lịch", "Bảo tồn bản sắc vă"]


def test_run_in_heading() -> None:
    result = parse(
        "I. NHIỆM VỤ, GIẢI PHÁP\n\n"
        "1. Giảm thủ tục hành chính: Đây là nhiệm vụ hàng đầu, các sở phải làm ngay trong năm.\n\n"
        "2. Tăng đầu tư công: Đây là giải pháp then chốt, giao Ủy ban nhân dân tỉnh chủ trì.\n\n"
    )
    assert [h for _, h in headings(result)][1:] == ["Giảm thủ tục hành chính", "Tăng đầu tư công"]
    assert starts(result, 24) == ["Giảm thủ tục hành chính:", "Tăng đầu tư công: Đây là"]


@pytest.mark.parametrize(
    "title",
    ["NHIỆM VỤ TRỌNG TÂM", "NHIỆM VỤ VÀ GIẢI PHÁP", "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
     "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026", "Giải pháp thực hiện"],
)  # fmt: skip
def test_the_tasks_part_under_any_of_its_names(title: str) -> None:
    result = parse(
        f"I. KẾT QUẢ\n\nĐạt nhiều kết quả.\n\nII. {title}\n\n- Làm việc A.\n\n- Làm việc B.\n\n"
    )
    assert starts(result) == ["Làm việc A.", "Làm việc B."]


def test_implementation_part_is_the_tasks_part_when_it_assigns_work() -> None:
    result = parse(
        "I. KẾT QUẢ\n\nĐạt nhiều kết quả.\n\nII. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Ban Tuyên giáo Tỉnh ủy chủ trì quán triệt nghị quyết.\n\n"
        "2. Giao Ban cán sự đảng Ủy ban nhân dân tỉnh xây dựng kế hoạch.\n\n"
        "3. Nghị quyết này được phổ biến đến chi bộ.\n\n"
    )
    assert starts(result, 12) == ["Ban Tuyên gi", "Giao Ban cán"]


def test_ocr_text_that_lost_its_bullets_gives_the_numbered_items() -> None:
    result = parse(
        "I. ĐÁNH GIÁ\n\nKết quả tốt.\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n"
        "1. Về công tác tuyên truyền\n\nTăng cường tuyên truyền trên báo chí.\n\n"
        "Đưa nội dung vào sinh hoạt chi bộ định kỳ.\n\n"
        "2. Về hạ tầng số\n\nĐầu tư hạ tầng viễn thông.\n\nPhát triển trung tâm dữ liệu.\n\n"
    )
    assert starts(result) == ["Về công tác tuyên truyền:", "Về hạ tầng số: Đầu tư hạ "]


@pytest.mark.parametrize(
    "noise", ["18.KLTW75.DOC 5", "nq07-tu.docx - Trang 3", "- 4 -", "Trang 2/5", "'", "|"]
)
def test_print_file_names_page_numbers_and_specks_are_not_text(noise: str) -> None:
    result = parse(
        "I. NHIỆM VỤ\n\n- Phát triển du lịch xanh gắn với bảo tồn\n\n"
        f"{noise}\n\nbản sắc văn hóa các dân tộc.\n\n- Đào tạo hướng dẫn viên.\n\n"
    )
    assert [t.text for t in result.tasks] == [
        "Phát triển du lịch xanh gắn với bảo tồn bản sắc văn hóa các dân tộc.",
        "Đào tạo hướng dẫn viên.",
    ]


CLOSINGS = {
    "side by side": (
        "Nơi nhận:                                     T/M BAN THƯỜNG VỤ\n"
        "- Các đảng ủy trực thuộc,                        PHÓ BÍ THƯ\n"
        "- Lưu Văn phòng Tỉnh ủy.\n"
        "                                               Hà Văn Bình\n",
        ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Hà Văn Bình"),
    ),
    "garbled T/M": (
        "Nơi nhân:\n- Các đảng ủy trực thuộc,\n- Lưu Văn phòng Tỉnh ủy.\n\nTỊM BAN THƯỜNG VỤ\n"
        "BÍ THƯ\n\nHà Văn Bình\n",
        ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Hà Văn Bình"),
    ),
    "KT.": (
        "Nơi nhận:\n- Các đảng ủy trực thuộc,\n- Lưu Văn phòng Tỉnh ủy.\nKT. BÍ THƯ\nPHÓ BÍ THƯ\n"
        "Hà Văn Bình\n",
        ("KT. BÍ THƯ", "PHÓ BÍ THƯ", "Hà Văn Bình"),
    ),
    "garbled T/L in columns": (
        "Noi nhận:                                     TIL BAN THƯỜNG VỤ\n"
        "- Các đảng ủy trực thuộc,                     CHÁNH VĂN PHÒNG\n"
        "- Lưu Văn phòng Tỉnh ủy.\n"
        "                                               Hà Văn Bình\n",
        ("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Hà Văn Bình"),
    ),
    "one shared line, the name alone on the right": (
        "Nơi nhận:                                     T/M BAN THƯỜNG VỤ\n\n"
        "- Các đảng ủy trực thuộc,\n"
        "                                               Hà Văn Bình\n"
        "- Lưu Văn phòng Tỉnh ủy.\n",
        ("T/M BAN THƯỜNG VỤ", None, "Hà Văn Bình"),
    ),
    "no label beside the signer": (
        "- Các đảng ủy trực thuộc,                     T/M BAN THƯỜNG VỤ\n"
        "- Lưu Văn phòng Tỉnh ủy.                      BÍ THƯ\n"
        "                                               Hà Văn Bình\n",
        ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Hà Văn Bình"),
    ),
}


@pytest.mark.parametrize("case", list(CLOSINGS))
def test_recipients_and_signer(case: str) -> None:
    closing, signer = CLOSINGS[case]
    result = parse(BODY + closing)
    assert result.recipients == ["Các đảng ủy trực thuộc", "Lưu Văn phòng Tỉnh ủy"]
    assert result.signer is not None
    assert (result.signer.authority, result.signer.title, result.signer.name) == signer
    low_confidence = case in ("garbled T/M", "garbled T/L in columns", "no label beside the signer")
    assert any("kiểm tra lại" in w for w in result.warnings) == low_confidence


def test_an_unreadable_signer_is_a_warning_not_a_guess() -> None:
    result = parse(BODY + "Nơi nhận:\n- Lưu VP.\n\nX%# ¿¿ ~~\n")
    assert result.signer is None
    assert any("chữ ký" in w for w in result.warnings)
