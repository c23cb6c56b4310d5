"""Party documents as the office gets them from the web and from PDFs (issue 17): a newspaper's
copy with a headline and a lead instead of a header, Markdown marks, a page's own lines above the
header, headings that lost their bold, congress resolutions. The texts are made up here; the
patterns are those of the real copies in ``tests/data/real``.
"""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.importer import parse_text


def _names(result) -> list[str]:
    return [c.name for c in result.citations if c.name]


def _numbers(result) -> list[str]:
    return [c.number_symbol for c in result.citations if c.number_symbol]


def test_markdown_marks_are_layout_not_words() -> None:
    text = "\n\n".join(
        [
            "Tại phiên họp ngày 28/2/2025, Bộ Chính trị, Ban Bí thư có ý kiến như sau:",
            "## I- MỤC TIÊU, YÊU CẦU",
            "1. Bảo đảm các nguyên tắc, mục tiêu, yêu cầu theo các kết luận của Trung ương.",
            "2. Xác định quyết tâm chính trị cao nhất, triển khai thực hiện đồng bộ.",
            "## II- NHIỆM VỤ, GIẢI PHÁP",
            "### 1. Xây dựng đề án sắp xếp đơn vị hành chính",
            "- Giao Đảng uỷ Chính phủ chủ trì xây dựng đề án, báo cáo trước ngày 09/3/2025.",
            "#### - Đảng uỷ Quốc hội khẩn trương triển khai, bảo đảm tiến độ như sau:",
            "+ Báo cáo Bộ Chính trị chậm nhất ngày 12/3/2025.",
            "## III- TỔ CHỨC THỰC HIỆN",
            "**1. Giao Ban Tổ chức Trung ương:** theo dõi, đôn đốc việc thực hiện Kết luận này.",
        ]
    )
    result = parse_text(text)
    headings = [s.heading for s in result.sections if s.heading]
    assert "MỤC TIÊU, YÊU CẦU" in headings and "NHIỆM VỤ, GIẢI PHÁP" in headings
    assert not any("#" in h or "*" in h for h in headings)
    tasks = [t.text for t in result.tasks]
    assert tasks[:2] == [
        "Giao Đảng uỷ Chính phủ chủ trì xây dựng đề án, báo cáo trước ngày 09/3/2025.",
        "Đảng uỷ Quốc hội khẩn trương triển khai, bảo đảm tiến độ như sau: Báo cáo Bộ Chính trị "
        "chậm nhất ngày 12/3/2025.",
    ]
    assert not any("*" in t or "#" in t for t in tasks)


def test_a_single_star_under_a_header_is_not_markdown() -> None:
    text = "TỈNH ỦY THÁI NGUYÊN\n*\nSố 12-KL/TU\n\nKẾT LUẬN\n\n1. Giao **Ban Tuyên giáo** làm A.\n"
    result = parse_text(text)
    assert result.document.number_symbol == "12-KL/TU"
    assert any("**" in s.text() for s in result.sections)  # one pair is not enough to drop marks


def test_the_pages_own_lines_before_the_party_header_are_dropped() -> None:
    text = (
        "Thứ Năm, 24/1/2019\n"
        "Hướng dẫn một số điểm về chế độ chi hoạt động công tác đảng của tổ chức cơ sở đảng\n"
        "1/8/2016 17:17' Gửi bài này In bài này\n"
        "BAN CHẤP HÀNH TRUNG ƯƠNG                          ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "          *\n"
        "                                       Hà Nội, ngày 04 tháng 03 năm 2013\n"
        "      VĂN PHÒNG\n"
        "     Số: 21-HD/VPTW\n\n"
        "HƯỚNG DẪN\n"
        "một số điểm về chế độ chi hoạt động công tác đảng\n"
        "-----------\n\n"
        "- Căn cứ Quyết định số 99-QĐ/TW ngày 30-5-2012 của Ban Bí thư;\n\n"
        "Văn phòng Trung ương Đảng hướng dẫn như sau:\n"
    )
    doc = parse_text(text).document
    assert (doc.type, doc.number_symbol, doc.date, doc.place) == (
        "HD",
        "21-HD/VPTW",
        date(2013, 3, 4),
        "Hà Nội",
    )
    assert (doc.issuer, doc.parent_issuer) == (
        "Văn phòng Trung ương Đảng",
        "Ban Chấp hành Trung ương",
    )
    assert doc.title == "Hướng dẫn một số điểm về chế độ chi hoạt động công tác đảng"


def test_a_newspapers_copy_takes_its_name_from_the_headline_and_its_number_from_the_lead() -> None:
    text = (
        "Nghị quyết của Ban Chấp hành Đảng bộ tỉnh khóa XIII về phát triển hạ tầng giai đoạn "
        "2016-2020\n\n"
        "LTS: Ngày 14-11-2016, Ban Chấp hành Đảng bộ tỉnh khóa XIII đã ban hành Nghị quyết số "
        "10-NQ/TU về phát triển hạ tầng. Báo trân trọng giới thiệu toàn văn Nghị quyết.\n\n"
        "I- Khái quát tình hình\n\n"
        "Những năm qua, thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, tỉnh đã đạt kết quả.\n"
    )
    result = parse_text(text)
    doc = result.document
    assert (doc.type, doc.number_symbol, doc.date) == ("NQ", "10-NQ/TU", date(2016, 11, 14))
    assert doc.title == (
        "Nghị quyết của Ban Chấp hành Đảng bộ tỉnh khóa XIII về phát triển hạ tầng giai đoạn "
        "2016-2020"
    )
    assert _numbers(result) == ["05-CT/TW"]  # its own number is no citation
    assert any("không có phần đầu" in w for w in result.warnings)
    assert not any("Nghị quyết của Ban" in (s.text() or "") for s in result.sections)


def test_a_lead_without_a_symbol_gives_the_type_and_the_subject_but_no_number() -> None:
    text = (
        "CTTĐT - Ngày 6/8, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 17 về việc tăng cường sự "
        "lãnh đạo đối với công tác dư luận xã hội trong tình hình mới.\n"
        "Nội dung Chỉ thị như sau:\n"
        "Trong những năm qua, quán triệt Kết luận số 100 - KL/TW ngày 18/8/2014 của Ban Bí thư, "
        "công tác dư luận xã hội đạt nhiều kết quả.\n"
    )
    result = parse_text(text)
    doc = result.document
    assert (doc.type, doc.number_symbol, doc.date) == ("CT", None, None)
    assert doc.title == (
        "Chỉ thị về việc tăng cường sự lãnh đạo đối với công tác dư luận xã hội trong tình hình mới"
    )
    assert _numbers(result) == ["100-KL/TW"]


def test_a_lead_with_its_date_after_the_number() -> None:
    text = (
        "Thay mặt Bộ Chính trị, đồng chí Thường trực Ban Bí thư đã ký Thông báo kết luận số "
        "75-TB/TW ngày 7/3/2025 của Bộ Chính trị về điều chỉnh chính sách.\n\n"
        "Giao Đảng ủy Chính phủ chỉ đạo rà soát các quy định.\n"
    )
    doc = parse_text(text).document
    assert (doc.type, doc.number_symbol, doc.date) == ("TB", "75-TB/TW", date(2025, 3, 7))


def test_a_text_with_a_header_ignores_what_its_first_paragraph_says_it_issued() -> None:
    text = (
        "ĐẢNG BỘ TỈNH THÁI NGUYÊN\nĐẢNG ỦY KHỐI\n*\nSố 5-KL/ĐUK\n\nKẾT LUẬN\n\n"
        "Ngày 2/1/2025, Ban Thường vụ đã ban hành Kế hoạch số 3-KH/ĐUK về kiểm tra.\n"
    )
    doc = parse_text(text).document
    assert (doc.type, doc.number_symbol) == ("KL", "5-KL/ĐUK")


def test_names_of_cited_documents_end_at_their_ordinal_or_verb() -> None:
    text = (
        "KẾT LUẬN\n\n"
        "1. Lãnh đạo thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ X đạt nhiều thành "
        "quả quan trọng.\n"
        "2. Việc triển khai Kế hoạch bảo đảm bám sát sự lãnh đạo của Tỉnh ủy.\n"
    )
    assert _names(parse_text(text)) == ["Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ X"]


def test_a_congress_resolution_names_its_congress_and_its_days() -> None:
    text = (
        "Thứ Năm, 15/10/2020, 16:21 (GMT+7)\n.\n\n"
        "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Tiền Giang lần thứ XI\n\n"
        "Báo trân trọng đăng toàn văn Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Tiền Giang lần thứ "
        "XI, nhiệm kỳ 2020 - 2025.\n\n"
        "Đại hội đại biểu Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2020 - 2025 diễn ra từ ngày 12 đến "
        "ngày 15 tháng 10 năm 2020, với tinh thần dân chủ, đoàn kết.\n\n"
        "QUYẾT NGHỊ\n\n"
        "I- Tán thành những nội dung về đánh giá kết quả nhiệm kỳ.\n"
    )
    result = parse_text(text)
    assert result.document.type == "NQ"
    assert result.document.number_symbol is None
    meeting = result.meeting
    assert meeting is not None
    assert (meeting.body, meeting.session) == ("Đại hội đại biểu Đảng bộ tỉnh Tiền Giang", 11)
    assert (meeting.date, meeting.date_to) == (date(2020, 10, 12), date(2020, 10, 15))
    assert not _names(result)  # the document's own name is not a citation


def test_headings_that_lost_their_bold_in_a_pdf() -> None:
    """Lines wrapped at a print width; the part names stand on short lines of their own."""
    text = (
        "Ban Chỉ đạo ban hành Kế hoạch thực hiện sắp xếp đơn vị hành chính cấp tỉnh, cấp\n"
        "xã và tổ chức hệ thống chính quyền địa phương 02 cấp như sau:\n"
        "Mục đích, yêu cầu\n"
        "Tổ chức quán triệt nghiêm nguyên tắc, yêu cầu và thực hiện hiệu quả các nhiệm\n"
        "vụ, giải pháp về xây dựng tổ chức bộ máy.\n"
        "Phân công nhiệm vụ các cơ quan, đơn vị ở Trung ương và tỉnh ủy, thành ủy, đảng\n"
        "ủy trực thuộc Trung ương\n"
        "Phụ lục kèm theo Kế hoạch nêu rõ nội dung, nhiệm vụ thực hiện sắp xếp đơn vị hành\n"
        "chính cấp tỉnh, cấp xã.\n"
        "Tổ chức thực hiện\n"
        "1. Các cấp ủy, tổ chức đảng, cơ quan, đơn vị và người đứng đầu trong hệ thống\n"
        "(1) Bám sát nghị quyết, kết luận của Ban Chấp hành Trung ương, Bộ Chính trị, Ban\n"
        "Bí thư; làm tốt công tác quán triệt, tuyên truyền, vận động.\n"
        "(2) Tập trung chỉ đạo, khẩn trương cụ thể hóa kế hoạch theo chức năng, nhiệm vụ.\n"
        "2. Ban Tổ chức Trung ương chủ trì, phối hợp giúp Ban Chỉ đạo:\n"
        "(1) Thường xuyên theo dõi, nắm chắc tình hình triển khai các bước thực hiện.\n"
    )
    result = parse_text(text)
    headings = [s.heading for s in result.sections]
    assert "Mục đích, yêu cầu" in headings and "Tổ chức thực hiện" in headings
    assert [t.text[:20] for t in result.tasks] == [
        "Bám sát nghị quyết, ",
        "Tập trung chỉ đạo, k",
        "Thường xuyên theo dõ",
    ]


def test_a_paragraph_pointing_to_the_appendix_is_not_a_task() -> None:
    text = (
        "KẾT LUẬN\nCỦA BAN THƯỜNG VỤ\n-----\n\n"
        "I. NHIỆM VỤ TRỌNG TÂM\n\n"
        "Phụ lục kèm theo Kết luận nêu rõ nhiệm vụ của từng cơ quan.\n\n"
        "Tiếp tục nâng cao chất lượng công tác tham mưu, tổng hợp.\n"
    )
    assert [t.text for t in parse_text(text).tasks] == [
        "Tiếp tục nâng cao chất lượng công tác tham mưu, tổng hợp."
    ]
