"""Patterns of the third batch of real copies (issue 17): notices and conclusions whose work is
given in unnumbered paragraphs, tasks in both a tasks part and "Tổ chức thực hiện", OCR'd symbols
("KL/TƯ"), bodies known only from "Nghị quyết này", leads that name the document without "số".
The texts are made up here; the patterns are those of the copies in ``tests/data/real/corpus``.
"""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.importer import parse_text


def _tasks(result) -> list[str]:
    return [t.text for t in result.tasks]


def _numbers(result) -> list[str]:
    return [c.number_symbol for c in result.citations if c.number_symbol]


def test_an_ocr_hooked_letter_in_a_symbol_is_read_as_the_plain_one() -> None:
    text = "\n".join(
        [
            "TỈNH ỦY QUẢNG TRỊ          ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 45-KL/TƯ                Quảng Trị, ngày 13 tháng 5 năm 2022",
            "KẾT LUẬN",
            "của Ban Thường vụ Tỉnh ủy về phát triển du lịch",
            "Sau 5 năm thực hiện Nghị quyết 13-NQ/TƯ của Tỉnh ủy, du lịch có bước phát triển.",
        ]
    )
    result = parse_text(text)
    assert result.document.number_symbol == "45-KL/TU"
    assert _numbers(result) == ["13-NQ/TU"]


def test_a_conclusion_without_numbers_gives_its_work_in_paragraphs() -> None:
    text = "\n\n".join(
        [
            "Thay mặt Bộ Chính trị, đồng chí Thường trực Ban Bí thư đã ký Kết luận số 12-KL/TW "
            "ngày 14/2/2025 của Bộ Chính trị về sắp xếp bộ máy.",
            "Bộ Chính trị đánh giá cao kết quả đạt được trong năm 2024.",
            "Về sắp xếp bộ máy, Kết luận nêu rõ, giao Đảng ủy Chính phủ nghiên cứu, đề xuất "
            "sửa đổi các quy định có liên quan.",
            "Xây dựng phương án sắp xếp cấp xã phù hợp với mô hình tổ chức mới;",
            "Báo cáo Bộ Chính trị trong quý II/2025.",
            "Giao Ban Tuyên giáo và Dân vận Trung ương chủ trì định hướng công tác tuyên truyền.",
            "Điều 2, Nghị định 178/2024/NĐ-CP quy định đối tượng áp dụng như sau:",
            "Cán bộ, công chức cấp xã giữ chức vụ theo nhiệm kỳ.",
        ]
    )
    result = parse_text(text)
    tasks = _tasks(result)
    assert [t[:20] for t in tasks] == [
        "Về sắp xếp bộ máy, K",
        "Xây dựng phương án s",
        "Báo cáo Bộ Chính trị",
        "Giao Ban Tuyên giáo ",
    ]


def test_a_meeting_day_without_a_year_takes_the_documents_year() -> None:
    text = "\n\n".join(
        [
            "Thay mặt Bộ Chính trị, đồng chí Thường trực Ban Bí thư đã ký Thông báo kết luận "
            "số 75-TB/TW ngày 7/3/2025 của Bộ Chính trị.",
            "Theo đó, tại phiên họp ngày 20/2, sau khi nghe báo cáo về Nghị định số "
            "178/2024/NĐ-CP, ngày 31/12/2024 của Chính phủ, Bộ Chính trị kết luận như sau:",
            "Giao Đảng ủy Chính phủ chỉ đạo rà soát các quy định.",
        ]
    )
    result = parse_text(text)
    assert result.document.date == date(2025, 3, 7)
    assert result.meeting is not None and result.meeting.date == date(2025, 2, 20)


def test_a_lead_names_the_document_without_so_and_the_list_ends_at_the_pages_text() -> None:
    text = "\n\n".join(
        [
            "Ngày 26/11/2025, Ban Chấp hành Trung ương đã ban hành Kết luận 219-KL/TW về nông "
            "nghiệp, nông dân, nông thôn.",
            "Đồng thời, tập trung thực hiện tốt một số nhiệm vụ trọng tâm được xác định tại "
            "Kết luận 219-KL/TW năm 2025 như sau:",
            "- Tiếp tục xác định nông nghiệp có vị trí chiến lược lâu dài.",
            "- Trong năm 2026, cơ bản hoàn thành việc rà soát, thể chế hoá các chủ trương.",
            "Xem chi tiết tại Kết luận 219-KL/TW năm 2025.",
            "Mục tiêu cụ thể đến năm 2030 theo Nghị quyết 19 ra sao?",
            "- Tốc độ tăng trưởng GDP ngành Nông nghiệp đạt bình quân khoảng 3%/năm.",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "KL"
    assert result.document.number_symbol == "219-KL/TW"
    assert result.document.date == date(2025, 11, 26)
    assert [t[:20] for t in _tasks(result)] == ["Tiếp tục xác định nô", "Trong năm 2026, cơ b"]


def test_a_leads_date_after_its_source() -> None:
    text = "\n\n".join(
        [
            "Theo Cổng TTĐT Đảng Cộng sản Việt Nam, ngày 22/10/2025, đồng chí Thường trực Ban "
            "Bí thư đã ký ban hành Quy định số 379-QĐ/TW của Ban Bí thư về giao dịch điện tử.",
            "Quy định này có hiệu lực kể từ ngày ký.",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "QĐi"
    assert result.document.number_symbol == "379-QĐ/TW"
    assert result.document.date == date(2025, 10, 22)


def test_tasks_spread_over_the_tasks_part_and_tổ_chức_thực_hiện() -> None:
    text = "\n\n".join(
        [
            "Giáo dục và đào tạo có vai trò quyết định tương lai của dân tộc.",
            "**I- NHIỆM VỤ, GIẢI PHÁP**",
            "**1. Đổi mới mạnh mẽ tư duy về phát triển giáo dục và đào tạo**",
            "- Quán triệt sâu sắc quan điểm giáo dục là quốc sách hàng đầu.",
            "- Tập trung xây dựng đội ngũ nhà giáo đủ về số lượng.",
            "**II- TỔ CHỨC THỰC HIỆN**",
            "- Đảng ủy Quốc hội lãnh đạo, chỉ đạo rà soát, hoàn thiện pháp luật về giáo dục.",
            "- Các tỉnh ủy, thành ủy lãnh đạo, chỉ đạo quán triệt, triển khai Nghị quyết này.",
            "- Nghị quyết này được phổ biến đến chi bộ.",
        ]
    )
    starts = [t[:20] for t in _tasks(parse_text(text))]
    assert starts == [
        "Quán triệt sâu sắc q",
        "Tập trung xây dựng đ",
        "Đảng ủy Quốc hội lãn",
        "Các tỉnh ủy, thành ủ",
    ]


def test_a_body_without_header_or_lead_is_known_from_nghị_quyết_này() -> None:
    text = "\n\n".join(
        [
            "Giáo dục và đào tạo có vai trò quyết định tương lai của dân tộc.",
            "Bộ Chính trị yêu cầu các cấp ủy quán triệt và thực hiện tốt các nhiệm vụ sau.",
            "Nghị quyết này được phổ biến đến chi bộ; Nghị quyết này có hiệu lực kể từ ngày ký.",
        ]
    )
    assert parse_text(text).document.type == "NQ"


def test_a_programme_still_to_be_drawn_up_is_not_cited() -> None:
    text = "\n\n".join(
        [
            "I. NHIỆM VỤ, GIẢI PHÁP",
            "- Xây dựng và triển khai Đề án đào tạo tài năng, ưu tiên các ngành khoa học cơ bản.",
            "- Tiếp tục triển khai Chương trình phát triển du lịch bền vững của tỉnh.",
        ]
    )
    names = [c.name for c in parse_text(text).citations if c.name]
    assert not any(n.startswith("Đề án") for n in names)
    assert any(n.startswith("Chương trình phát triển du lịch") for n in names)


def test_a_part_named_nội_dung_tiến_độ_thực_hiện_holds_tasks() -> None:
    text = "\n\n".join(
        [
            "Tại phiên họp ngày 28/2/2025, Bộ Chính trị, Ban Bí thư có ý kiến như sau:",
            "## I- MỤC TIÊU, YÊU CẦU",
            "1. Bảo đảm các nguyên tắc, mục tiêu, yêu cầu theo các kết luận của Trung ương.",
            "## II- NỘI DUNG, TIẾN ĐỘ THỰC HIỆN",
            "- Giao Đảng uỷ Chính phủ chủ trì xây dựng đề án, báo cáo trước ngày 09/3/2025.",
            "- Giao Đảng uỷ Quốc hội chủ trì rà soát các luật có liên quan.",
        ]
    )
    starts = [t[:20] for t in _tasks(parse_text(text))]
    assert starts == ["Giao Đảng uỷ Chính p", "Giao Đảng uỷ Quốc hộ"]


def test_tổ_chức_thực_hiện_parts_headed_by_the_body_they_task() -> None:
    text = "\n\n".join(
        [
            "Tại phiên họp ngày 28/2/2025, Bộ Chính trị, Ban Bí thư có ý kiến như sau:",
            "## I- NHIỆM VỤ, GIẢI PHÁP",
            "- Giao Đảng uỷ Chính phủ chủ trì xây dựng đề án, báo cáo trước ngày 09/3/2025.",
            "## II- TỔ CHỨC THỰC HIỆN",
            "**1. Giao Ban Tuyên giáo và Dân vận Trung ương **xây dựng kế hoạch tuyên truyền.",
            "**2. Giao các đoàn kiểm tra của Bộ Chính trị** chủ động nắm tình hình.",
        ]
    )
    tasks = _tasks(parse_text(text))
    assert tasks[1:] == [
        "Giao Ban Tuyên giáo và Dân vận Trung ương xây dựng kế hoạch tuyên truyền.",
        "Giao các đoàn kiểm tra của Bộ Chính trị chủ động nắm tình hình.",
    ]
