"""Patterns of the ninth pass over real copies (issue 17): a whole resolution or conclusion copied
as Markdown with escaped marks ("\\- ", "1\\.") and its signer in a flattened table row, a copy's
own title line naming the document in full, raw HTML with entities in a web copy, a news agency's
dateline and "thay mặt …" in a lead. The texts are made up here; the patterns are those of the
copies in ``tests/data/real/corpus``.
"""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.importer import parse_text


def _starts(result) -> list[str]:
    return [t.text for t in result.tasks]


def test_markdown_escapes_are_the_marks_they_escape() -> None:
    result = parse_text(
        "\n\n".join(
            [
                "# Nghị quyết số 91-NQ/TW",
                "**Thay mặt Bộ Chính trị, Tổng Bí thư đã ký ban hành Nghị quyết số 91-NQ/TW "
                "(ngày 05/3/2026) của Bộ Chính trị về phát triển kinh tế biển.**",
                "**I- QUAN ĐIỂM**",
                "1\\. Kinh tế biển là động lực phát triển của đất nước.",
                "**II- NHIỆM VỤ, GIẢI PHÁP**",
                "**1\\. Hoàn thiện thể chế về biển**",
                "\\- Khẩn trương sửa đổi các quy định pháp luật về biển và hải đảo.",
                "\\- Có cơ chế thu hút đầu tư vào hạ tầng cảng biển (R\\&D, logistics).",
                "**III- TỔ CHỨC THỰC HIỆN**",
                "1\\. Thành lập Ban Chỉ đạo Trung ương về kinh tế biển do Thủ tướng làm Trưởng ban.",
                "2\\. Ban cán sự đảng Chính phủ chỉ đạo xây dựng chương trình hành động.",
            ]
        )
    )
    tasks = _starts(result)
    assert tasks[:2] == [
        "Khẩn trương sửa đổi các quy định pháp luật về biển và hải đảo.",
        "Có cơ chế thu hút đầu tư vào hạ tầng cảng biển (R&D, logistics).",
    ]
    # "Thành lập …" in the implementation part assigns work as "Giao …" does.
    assert tasks[2].startswith("Thành lập Ban Chỉ đạo Trung ương")
    assert tasks[3].startswith("Ban cán sự đảng Chính phủ chỉ đạo")
    assert not any("\\" in t for t in tasks)
    doc = result.document
    # The headline gives kind and number only; the lead the date in brackets, issuer and subject.
    assert (doc.type, doc.number_symbol, doc.date) == ("NQ", "91-NQ/TW", date(2026, 3, 5))
    assert doc.issuer == "Bộ Chính trị"
    assert doc.title == "Nghị quyết về phát triển kinh tế biển"


def test_a_title_line_in_full_and_a_signer_in_a_flattened_table_row() -> None:
    result = parse_text(
        "\n\n".join(
            [
                "# Kết luận số 88-KL/TW",
                "Kết luận số 88-KL/TW ngày 15/02/2026 của Bộ Chính trị về tiếp tục thực hiện "
                "Nghị quyết số 36-NQ/TW, ngày 01/7/2014 của Bộ Chính trị khoá XI về công nghệ "
                "thông tin",
                "Để tiếp tục thực hiện tốt Nghị quyết, Bộ Chính trị yêu cầu tập trung thực hiện "
                "tốt một số nhiệm vụ trọng tâm sau:",
                "**1\\. Tăng cường sự lãnh đạo của Đảng đối với công nghệ thông tin**",
                "Nâng cao nhận thức của các cấp uỷ về vai trò của công nghệ thông tin.",
                "**2\\. Tổ chức thực hiện**",
                "\\- Các tỉnh uỷ, thành uỷ nghiên cứu, quán triệt Kết luận này.",
                "\\- Ban Tuyên giáo Trung ương chủ trì hướng dẫn, theo dõi việc thực hiện.",
                "|   | T/M BỘ CHÍNH TRỊ *(Đã ký)* Trần Văn Bình |",
                "| :---- | :---- |",
            ]
        )
    )
    doc = result.document
    assert (doc.type, doc.number_symbol, doc.date) == ("KL", "88-KL/TW", date(2026, 2, 15))
    assert doc.issuer == "Bộ Chính trị"
    assert doc.title == (
        "Kết luận về tiếp tục thực hiện Nghị quyết số 36-NQ/TW, ngày 01/7/2014 của Bộ Chính trị "
        "khoá XI về công nghệ thông tin"
    )
    signer = result.signer
    assert signer is not None
    assert (signer.authority, signer.name) == ("T/M BỘ CHÍNH TRỊ", "Trần Văn Bình")
    assert _starts(result)[-2:] == [
        "Các tỉnh uỷ, thành uỷ nghiên cứu, quán triệt Kết luận này.",
        "Ban Tuyên giáo Trung ương chủ trì hướng dẫn, theo dõi việc thực hiện.",
    ]


def test_raw_html_with_entities_in_a_web_copy_is_read_as_its_text() -> None:
    result = parse_text(
        "Ban Tuyên giáo Trung ương: Hướng dẫn tuyên truyền năm 2026\n\n"
        '<html><head><meta http-equiv="Content-Type" content="text/html"</head><body> '
        "<p><span>Ng&agrave;y 8/1/2026, Ban Tuy&ecirc;n gi&aacute;o Trung ương "
        "đ&atilde; ban h&agrave;nh hướng dẫn Số 30- HD/BTGTW, hướng dẫn&nbsp;tuy&ecirc;n "
        "truyền c&aacute;c ng&agrave;y lễ lớn.<br /> <br /> <strong>I. MỤC Đ&Iacute;CH, "
        "Y&Ecirc;U CẦU</strong><br /> <br /> 1. Tuy&ecirc;n truyền truyền thống lịch sử."
        "</span></p></body></html>"
    )
    doc = result.document
    assert (doc.type, doc.number_symbol, doc.date) == ("HD", "30-HD/BTGTW", date(2026, 1, 8))
    assert doc.issuer == "Ban Tuyên giáo Trung ương"
    texts = [b.text for s in result.sections for b in s.blocks] + [
        s.heading or "" for s in result.sections
    ]
    assert not any("&" in t or "<" in t for t in texts)


def test_a_lone_ampersand_or_angle_bracket_is_no_html() -> None:
    text = "KẾT LUẬN\n\n1. Giao Văn phòng Tỉnh ủy theo dõi (mục <a> & <b>) việc thực hiện."
    assert "<a> & <b>" in _starts(parse_text(text))[0]


def test_a_news_agency_dateline_and_the_body_signed_for() -> None:
    result = parse_text(
        "Hà Nội yêu cầu tăng cường phòng, chống dịch\n\n"
        "Hà Nội (TTXVN 12/8) Ngày 12/8/2021, thay mặt BTV Thành ủy Hà Nội, đồng chí Nguyễn "
        "Văn An, Bí thư Thành ủy đã ký ban hành Chỉ thị số 07-CT/TU về tăng cường phòng, "
        "chống dịch.\n\nXuất bản: Thứ năm, 12/08/2021 20:10"
    )
    doc = result.document
    assert (doc.type, doc.number_symbol, doc.date) == ("CT", "07-CT/TU", date(2021, 8, 12))
    assert doc.issuer == "Ban Thường vụ Thành ủy Hà Nội"


def test_a_lead_that_opens_on_its_issuer() -> None:
    result = parse_text(
        "Hướng dẫn tuyên truyền kỷ niệm ngày sinh\n\n"
        "Ban Tuyên giáo Trung ương ban hành Hướng dẫn số 60-HD/BTGTW về tuyên truyền kỷ niệm "
        "ngày sinh. Trang thông tin trân trọng giới thiệu toàn văn.\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Tôn vinh công lao của đồng chí."
    )
    assert result.document.number_symbol == "60-HD/BTGTW"
    assert result.document.issuer == "Ban Tuyên giáo Trung ương"


def test_a_news_items_byline_is_no_task() -> None:
    result = parse_text(
        "BTV Huyện ủy duyệt đại hội Đảng bộ xã Hòa Bình\n\n"
        "Sáng ngày 12/3/2025, BTV Huyện ủy đã duyệt nội dung Đại hội Đảng bộ xã Hòa Bình nhiệm "
        "kỳ 2025 - 2030. Đồng chí Bí thư Huyện ủy đã chủ trì hội nghị, lãnh đạo các ban, ngành "
        "dự.\n"
        "Kết luận hội nghị đồng chí Bí thư Huyện ủy yêu cầu cấp ủy xã tiếp thu ý kiến góp ý của "
        "các đại biểu, hoàn thiện báo cáo chính trị ngắn gọn, xúc tích và chính xác về số liệu.\n"
        "Minh Châu."
    )
    tasks = _starts(result)
    assert len(tasks) == 1
    assert tasks[0].startswith("Kết luận hội nghị đồng chí Bí thư Huyện ủy yêu cầu cấp ủy xã")


def test_a_name_said_again_short_is_the_paper_named_in_full() -> None:
    result = parse_text(
        "Đảng ủy phường An Bình quán triệt Nghị quyết Đại hội Đảng bộ phường An Bình lần thứ XX\n\n"
        "Ngày 30/7/2025, Đảng ủy phường An Bình tổ chức hội nghị quán triệt Nghị quyết Đại hội "
        "Đảng bộ phường An Bình lần thứ XX, nhiệm kỳ 2025-2030. Trong Nghị quyết Đại hội Đảng bộ "
        "phường đã đề ra phương hướng, nhiệm vụ của nhiệm kỳ."
    )
    names = [c.name for c in result.citations if c.name]
    assert names == ["Nghị quyết Đại hội Đảng bộ phường An Bình lần thứ XX"]


def test_a_strategy_carried_out_is_cited_by_name_but_not_one_a_report_assesses() -> None:
    carried = parse_text(
        "KẾT LUẬN\n\n1. Giao Ban cán sự đảng Chính phủ tổ chức thực hiện tốt Chiến lược phát "
        "triển khoa học và công nghệ đến năm 2030 gắn với Nghị quyết số 29-NQ/TW."
    )
    assert "Chiến lược phát triển khoa học và công nghệ đến năm 2030" in [
        c.name for c in carried.citations
    ]
    assessed = parse_text(
        "KẾT LUẬN\n\n1. Giao Ban Kinh tế Trung ương chuẩn bị Báo cáo đánh giá 5 năm thực hiện "
        "Chiến lược phát triển kinh tế - xã hội 10 năm 2021 - 2030."
    )
    assert not [c for c in assessed.citations if c.name and c.name.startswith("Chiến lược")]


def test_a_wards_own_plan_deployed_and_named_by_its_level_only() -> None:
    result = parse_text(
        "CÔNG TÁC ĐẢNG\n\n"
        "Đảng ủy phường An Bình triển khai Kế hoạch Đại hội các Chi bộ trực thuộc, nhiệm kỳ "
        "2025 - 2027\n"
        "Ngày đăng 06/7/2025 | 09:03  | Lượt xem: 114\n\n"
        "Chiều ngày 05/7/2025, Đảng ủy phường An Bình đã tổ chức hội nghị triển khai Kế hoạch tổ "
        "chức Đại hội các Chi bộ trực thuộc nhiệm kỳ 2025 - 2027. Dự hội nghị có các đồng chí Bí "
        "thư, Phó Bí thư các Chi bộ trực thuộc.\n\n"
        "Hội nghị đã triển khai Kế hoạch số 71-KH/ĐU, ngày 05/7/2025 của Đảng ủy phường về tổ "
        "chức Đại hội chi bộ trực thuộc, nhiệm kỳ 2025 - 2027. Theo đó, Đại hội chi bộ cần thực "
        "hiện tốt 2 nội dung."
    )
    doc = result.document
    assert (doc.type, doc.number_symbol, doc.date) == ("KH", "71-KH/ĐU", date(2025, 7, 5))
    assert doc.issuer == "Đảng ủy phường An Bình"
    # The plan deployed is the document itself, under either wording of its name.
    assert result.citations == []


def test_a_letter_relayed_with_its_work_before_a_list_of_events() -> None:
    result = parse_text(
        "Ngày 07/5, UBND tỉnh ban hành Công văn số 402 - CV/ĐU, hướng dẫn một số nội dung tuyên "
        "truyền tháng 5/2016.\n"
        "Theo đó, Đảng uỷ Văn phòng UBND tỉnh yêu cầu Cấp uỷ các chi bộ trực thuộc lãnh đạo thực "
        "hiện tốt công tác tuyên truyền tháng 5. Tập trung tuyên truyền 06 nội dung theo Hướng "
        "dẫn số 95-HD/ĐUK, ngày 30/4/2016 của Đảng uỷ Khối CCQ tỉnh; cần nhấn mạnh các sự kiện "
        "như:\n"
        "- Kỷ niệm 126 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2016).\n"
        "- Kỷ niệm 62 năm Chiến thắng Điện Biên Phủ (7/5/1954 – 7/5/2016).\n"
        "Hướng dẫn số 95-HD/ĐUK, ngày 30/4/2016 của Đảng uỷ Khối CCQ tỉnh yêu cầu Cấp uỷ các chi "
        "bộ tải về trên Trang thông tin điện tử của Văn phòng."
    )
    doc = result.document
    assert (doc.type, doc.number_symbol, doc.date) == ("CV", "402-CV/ĐU", date(2016, 5, 7))
    assert doc.issuer == "Đảng uỷ Văn phòng UBND tỉnh"
    tasks = _starts(result)
    assert len(tasks) == 2
    assert tasks[0].startswith("Theo đó, Đảng uỷ Văn phòng UBND tỉnh yêu cầu Cấp uỷ")
    assert tasks[1].startswith("Hướng dẫn số 95-HD/ĐUK")


def test_a_paragraph_whose_last_sentence_asks_for_the_listed_work_stays_a_pointer() -> None:
    result = parse_text(
        "Ngày 07/5/2016, Đảng ủy Văn phòng Tỉnh ủy ban hành Công văn số 410-CV/ĐU về công tác "
        "tuyên truyền.\n"
        "Theo đó, hội nghị đã thảo luận kỹ các nội dung của công tác tuyên truyền trong tháng. "
        "Đảng ủy Văn phòng đề nghị các chi bộ trực thuộc:\n"
        "- Tổ chức sinh hoạt chuyên đề về Chủ tịch Hồ Chí Minh.\n"
        "- Tuyên truyền kỷ niệm Chiến thắng Điện Biên Phủ."
    )
    assert not any(t.startswith("Theo đó") for t in _starts(result))


def test_a_law_whose_name_begins_another_laws_is_still_cited() -> None:
    result = parse_text(
        "KẾT LUẬN\n\n1. Giao Ban cán sự đảng Chính phủ chỉ đạo thực hiện Luật Đầu tư và Luật Đầu "
        "tư công trong năm 2026."
    )
    names = {c.name for c in result.citations if c.name}
    assert {"Luật Đầu tư", "Luật Đầu tư công"} <= names
