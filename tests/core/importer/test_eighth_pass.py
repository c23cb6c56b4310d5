"""Patterns of the eighth pass over real copies (issue 17): conclusions relayed by newspapers (a
lead run into the conclusions, numbered points after "… kết luận như sau:", the number given in
brackets after the subject), a leader's closing words in a news item, an office's request to the
cells' secretaries, propaganda outlines cited by name. The texts are made up here; the patterns are
those of the copies in ``tests/data/real/corpus``.
"""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.importer import parse_text


def _starts(result) -> list[str]:
    return [t.text for t in result.tasks]


def _same_starts(found: list[str], expected: list[str]) -> bool:
    return len(found) == len(expected) and all(
        f.startswith(e.rstrip()) for f, e in zip(found, expected, strict=True)
    )


def test_a_lead_names_the_issuer_between_the_document_and_its_subject_not_in_the_title() -> None:
    result = parse_text(
        "Thường trực Ban Bí thư vừa ký Chỉ thị số 15 của Ban Bí thư về việc tổ chức Tết Giáp "
        "Ngọ năm 2026.\n\nTheo đó, Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng chăm lo Tết cho "
        "Nhân dân."
    )
    assert result.document.type == "CT"
    assert result.document.title == "Chỉ thị về việc tổ chức Tết Giáp Ngọ năm 2026"


def test_a_number_in_brackets_after_the_subject_and_a_day_dated_by_the_session() -> None:
    result = parse_text(
        "\n\n".join(
            [
                "Kết luận của Bộ Chính trị: Công tác cán bộ được chuẩn bị chu đáo",
                "Ngày 12/11, Thường trực Ban Bí thư ký ban hành Kết luận của Bộ Chính trị, Ban "
                "Bí thư về công tác chuẩn bị nhân sự (Kết luận số Kết luận số 310-KL/TW).",
                "Toàn cảnh hội nghị - Ảnh: TTXVN",
                "Kết luận nêu: Tại phiên họp ngày 12/11/2025, sau khi nghe Báo cáo số 55-BC/BTCTW, "
                "ngày 10/11/2025 của Ban Tổ chức Trung ương, Bộ Chính trị, Ban Bí thư kết luận "
                "như sau:",
                "1. Cơ bản thống nhất với Báo cáo của Ban Tổ chức Trung ương.",
                "2. Yêu cầu các cấp uỷ rà soát quy hoạch cán bộ.",
                "3. Tổ chức tốt việc lấy phiếu tín nhiệm theo quy định.",
            ]
        )
    )
    doc = result.document
    assert (doc.type, doc.number_symbol, doc.date) == ("KL", "310-KL/TW", date(2025, 11, 12))
    assert doc.title == "Kết luận về công tác chuẩn bị nhân sự"
    assert "310-KL/TW" not in {c.number_symbol for c in result.citations}
    # The numbered points after "kết luận như sau:" are the conclusions; the assessment is none.
    assert _same_starts(
        _starts(result),
        [
            "Yêu cầu các cấp uỷ rà soát quy hoạch cán ",
            "Tổ chức tốt việc lấy phiếu tín nhiệm theo",
        ],
    )
    # The photo caption is the page's.
    assert not any("Ảnh" in b.text for s in result.sections for b in s.blocks)
    assert result.meeting is not None and result.meeting.date == date(2025, 11, 12)


def test_a_relayed_conclusion_run_into_its_lead_gives_work_from_the_first_assignment() -> None:
    result = parse_text(
        "Kết luận nêu, tại phiên họp ngày 5-9, sau khi nghe Báo cáo của Văn phòng Trung ương "
        "Đảng về tình hình tổ chức đại hội đảng bộ cấp trên cơ sở tiến tới Đại hội đại biểu toàn "
        "quốc lần thứ XIV của Đảng, Bộ Chính trị, Ban Bí thư kết luận như sau: Cơ bản thống nhất "
        "với Báo cáo của Văn phòng Trung ương Đảng. Yêu cầu các cấp ủy, tổ chức đảng khẩn trương "
        "kiện toàn tổ chức bộ máy; tập trung chỉ đạo triển khai Nghị quyết Đại hội.\n\n"
        "Tổ chức tốt việc lấy ý kiến nhân dân về dự thảo văn kiện; giao Ban Tuyên giáo và Dân vận "
        "Trung ương chỉ đạo công tác tuyên truyền."
    )
    assert result.document.type == "KL"
    assert result.document.number_symbol is None
    assert _same_starts(
        _starts(result),
        [
            "Yêu cầu các cấp ủy, tổ chức đảng khẩn trư",
            "Tổ chức tốt việc lấy ý kiến nhân dân về d",
        ],
    )
    meeting = result.meeting
    assert meeting is not None and meeting.body == "Bộ Chính trị, Ban Bí thư"
    # "… tiến tới Đại hội … lần thứ XIV": the congress ahead gives the session no number.
    assert meeting.session is None
    # "Nghị quyết Đại hội" alone is every body's own congress resolution: no one paper.
    assert not [c for c in result.citations if c.name and c.name.startswith("Nghị quyết")]


def test_a_session_that_agrees_with_a_report_is_the_meeting_of_the_bodies_named() -> None:
    result = parse_text(
        "Kết luận nêu, tại phiên họp ngày 3/10, Bộ Chính trị, Ban Bí thư cơ bản thống nhất với "
        "nội dung báo cáo của Ban Tổ chức Trung ương về tình hình hoạt động của tổ chức cơ sở "
        "đảng quý 3.\n\nBộ Chính trị, Ban Bí thư yêu cầu khẩn trương tổ chức quán triệt nghị "
        "quyết đại hội đảng các cấp."
    )
    assert result.document.type == "KL"
    assert result.meeting is not None and result.meeting.body == "Bộ Chính trị, Ban Bí thư"


def test_a_leaders_closing_words_name_the_work_ahead() -> None:
    result = parse_text(
        "\n\n".join(
            [
                "Khẩn trương chuẩn bị Đại hội Đảng bộ tỉnh",
                "Phát biểu bế mạc hội nghị, đồng chí Bí thư Tỉnh ủy nhấn mạnh, Thường trực Tỉnh ủy "
                "sẽ tiếp thu các ý kiến đóng góp của các đồng chí Ủy viên Ban Thường vụ.",
                "Đồng chí Bí thư Tỉnh ủy cũng nêu rõ: Nhiệm vụ trọng tâm trong tháng 9 là tổ chức "
                "thành công Đại hội; các Tiểu ban khẩn trương rà soát các nội dung phục vụ đại hội.",
                "Về kinh tế, đồng chí Bí thư Tỉnh ủy yêu cầu: Cấp ủy, chính quyền các cấp tập trung "
                "chỉ đạo đẩy nhanh giải ngân vốn đầu tư công.",
            ]
        )
    )
    assert _same_starts(
        _starts(result),
        [
            "Đồng chí Bí thư Tỉnh ủy cũng nêu rõ: Nhiệ",
            "Về kinh tế, đồng chí Bí thư Tỉnh ủy yêu c",
        ],
    )


def test_work_given_to_the_cells_secretaries_and_an_outline_cited_by_name() -> None:
    result = parse_text(
        "\n\n".join(
            [
                "Kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh(10/5/2025)",
                "Thực hiện Công văn số 45-CV/BTG ngày 02/5/2025 của Ban Tuyên giáo Đảng uỷ Khối "
                "về việc tuyên truyền kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh và Đề cương "
                "tuyên truyền của Ban Tuyên giáo Trung ương,",
                "Văn phòng Đảng uỷ đề nghị Bí thư các Chi bộ tổ chức tuyên truyền trong buổi sinh "
                "hoạt chi bộ định kỳ.",
                "(Đề cương tuyên truyền gửi kèm)",
            ]
        )
    )
    assert _same_starts(_starts(result), ["Văn phòng Đảng uỷ đề nghị Bí thư các Chi "])
    named = {c.name for c in result.citations if c.name}
    assert named == {"Đề cương tuyên truyền"}
    # In lower case it is a word of the sentence, not a name.
    plain = parse_text(
        "Đảng ủy đề nghị các chi bộ tuyên truyền kỷ niệm Quốc khánh (có đề cương tuyên truyền "
        "cụ thể sau)."
    )
    assert not [c for c in plain.citations if c.name]


def test_a_title_block_printing_the_issuer_with_the_kind_keeps_it_in_title_case() -> None:
    result = parse_text(
        "\n\n".join(
            [
                "Ban biên tập giới thiệu toàn văn Nghị quyết số 07-NQ/TU, ngày 02/3/2022 của Ban "
                "Thường vụ Tỉnh ủy về phát triển nông nghiệp xanh.",
                "NGHỊ QUYẾT CỦA BAN THƯỜNG VỤ TỈNH ỦY",
                "về phát triển nông nghiệp xanh đến năm 2030",
                "Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII, Ban Thường vụ "
                "Tỉnh ủy ban hành Nghị quyết như sau:",
            ]
        )
    )
    assert result.document.title == (
        "Nghị quyết của Ban Thường vụ Tỉnh ủy về phát triển nông nghiệp xanh đến năm 2030"
    )


def test_work_given_to_members_and_to_bodies_written_short() -> None:
    letter = parse_text(
        "Công văn nêu rõ, để phòng dịch, BTV Tỉnh ủy yêu cầu BTV Thành ủy; các huyện ủy tạm dừng "
        "tổ chức hội nghị đông người.\n\nBTV Tỉnh ủy giao Văn phòng Tỉnh ủy đôn đốc, kiểm tra việc "
        "thực hiện Công văn này./.\n\nĐắc Phương"
    )
    assert letter.document.type == "CV"
    assert _same_starts(
        _starts(letter),
        ["Công văn nêu rõ, để phòng dịch, BTV Tỉnh", "BTV Tỉnh ủy giao Văn phòng Tỉnh ủy đôn đ"],
    )
    news = parse_text(
        "Lãnh đạo tỉnh dự sinh hoạt Chi bộ xóm Đồng\n\nChi bộ hiện có 21 đảng viên, sinh hoạt đều "
        "đặn hằng tháng.\n\nPhát biểu tại buổi sinh hoạt, đồng chí Trưởng ban đánh giá cao chất "
        "lượng sinh hoạt. Đồng chí đề nghị các đảng viên tiếp tục phát huy tinh thần gương mẫu."
    )
    assert _same_starts(_starts(news), ["Phát biểu tại buổi sinh hoạt, đồng chí Tr"])


def test_a_rule_under_a_relayed_title_block_is_no_part_of_the_title() -> None:
    result = parse_text(
        "Ban biên tập giới thiệu toàn văn Nghị quyết số 11-NQ/TU, ngày 18/8/2021 của Ban Thường "
        "vụ Tỉnh ủy về phát triển đô thị.\n\nNGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề phát triển "
        "đô thị đến năm 2025\n—–\n\nThực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ "
        "XVII, Ban Thường vụ Tỉnh ủy ban hành Nghị quyết như sau:"
    )
    assert result.document.title is not None
    assert result.document.title.endswith("phát triển đô thị đến năm 2025")


def test_a_page_lead_before_the_header_cites_what_the_document_replaces() -> None:
    text = "\n".join(
        [
            "Quy định số 45-QĐ/TW của Bộ Chính trị: điểm mới về đảng đoàn",
            "",
            "(Mặt trận) - Tại Quy định số 45-QĐ/TW ngày 7/3/2024 của Bộ Chính trị về chức năng, "
            "nhiệm vụ của đảng đoàn đã đề cập đến một điểm mới (trong Quy định số 12-QĐ/TW, thành "
            "viên do Ban Bí thư quyết định). Ban Biên tập trân trọng đăng toàn văn Quy định này.",
            "",
            "Đoàn khảo sát về Nghị quyết số 23-NQ/TW làm việc với Đảng đoàn ngày 1/12/2022",
            "",
            "BAN CHẤP HÀNH TRUNG ƯƠNG",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số: 45-QĐ/TW",
            "Hà Nội, ngày 07 tháng 3 năm 2024",
            "",
            "QUY ĐỊNH",
            "về chức năng, nhiệm vụ của đảng đoàn",
            "",
            "Căn cứ Điều lệ Đảng, Bộ Chính trị quy định như sau:",
            "Điều 1. Đảng đoàn do Bộ Chính trị quyết định thành lập.",
        ]
    )
    result = parse_text(text)
    assert result.document.number_symbol == "45-QĐ/TW"
    numbers = {c.number_symbol for c in result.citations if c.number_symbol}
    # The lead's sentence cites the regulation replaced; a link headline to another article does
    # not cite for this document, and the document's own number is no citation.
    assert numbers == {"12-QĐ/TW"}


def test_a_name_broken_off_by_the_end_of_a_cut_copy_is_not_cited() -> None:
    result = parse_text(
        "Trong nhiệm kỳ, Ban Chấp hành Đảng bộ huyện tổ chức thực hiện Nghị quyết Đại hội đại biểu "
        "Đảng bộ huyện lần thứ XI.\n\nTrên cơ sở đó, Ban Chấp hành kiểm điểm việc thực hiện Nghị "
        "quyết Đại hội đại biểu Đảng bộ huyện nhiệm kỳ 2015 -"
    )
    named = [c.name for c in result.citations if c.name]
    assert named == ["Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XI"]


def test_a_notice_signed_in_ordinary_case_after_its_end_mark() -> None:
    result = parse_text(
        "15/04/2015\n\nThông báo của Bí thư Đảng ủy, Hiệu trưởng\n\nĐể nâng cao trách nhiệm của "
        "trưởng các đơn vị, trưởng các tổ chức đoàn thể trong Nhà trường và nhằm bảo đảm chất "
        "lượng các cuộc họp, Bí thư Đảng ủy, Hiệu trưởng yêu cầu:\nKể từ ngày 20/4/2015, trưởng các đơn vị "
        "có mặt đúng thành phần các cuộc họp Đảng ủy mở rộng, họp thi đua, họp các hội đồng của "
        "trường; nếu không thể đi họp được phải trực tiếp báo cáo để xin phép Bí thư Đảng ủy, "
        "Hiệu trưởng. Yêu cầu các đồng chí nghiêm túc thực hiện./.\n\n"
        "          Bí thư Đảng ủy - Hiệu Trưởng \n  Trần Văn Bình"
    )
    assert result.document.type == "TB"
    assert result.signer is not None
    assert (result.signer.title, result.signer.name) == (
        "Bí thư Đảng ủy - Hiệu Trưởng",
        "Trần Văn Bình",
    )
    assert _same_starts(_starts(result), ["Kể từ ngày 20/4/2015, trưởng các đơn vị"])


def test_a_notice_from_its_greeting_with_escaped_line_breaks_gives_its_plans_items() -> None:
    result = parse_text(
        "\\r\\n Kính gửi:  -         Trưởng các đơn vị;\n\n\\r\\n -         Ban Chấp hành Đoàn "
        "Thanh niên Trường.\n\n\\r\\n Hưởng ứng phong trào “Tết trồng cây”, Đảng uỷ, Ban Giám "
        "hiệu phối hợp tổ chức Tết trồng cây. Kế hoạch cụ thể như sau :\n\n\\r\\n - Lễ ra quân "
        "được tiến hành vào hồi 09 giờ ngày 25/02/2013 tại Giảng đường.\n\n\\r\\n - Các đơn vị "
        "tổ chức cho cán bộ và sinh viên trồng cây tại đơn vị.\n\n\\r\\n Ban Giám hiệu yêu cầu "
        "các đơn vị nghiêm túc thực hiện kế hoạch trên."
    )
    assert not any("\\r\\n" in t.text for t in result.tasks)
    assert _same_starts(
        _starts(result)[:2],
        ["Lễ ra quân được tiến hành vào hồi 09 giờ", "Các đơn vị tổ chức cho cán bộ và sinh v"],
    )


def test_work_asked_of_a_party_organisation() -> None:
    result = parse_text(
        "Đồng chí Bí thư Huyện ủy triển khai Chỉ thị số 35 của Bộ Chính trị.\n\nBan Thường vụ "
        "Huyện ủy đề nghị Đảng bộ xã Trần Hợi chuẩn bị các điều kiện để tổ chức đại hội theo "
        "đúng quy định.\n\nBAN BIÊN TẬP"
    )
    assert _same_starts(_starts(result), ["Ban Thường vụ Huyện ủy đề nghị Đảng bộ x"])


def test_a_body_only_copy_takes_its_number_from_the_pages_caption() -> None:
    text = "\n\n".join(
        [
            "Để thực hiện các nhiệm vụ nêu tại Kết luận số 121-KL/TW, ngày 24/01/2025 của Ban "
            "Chấp hành Trung ương Đảng, Bộ Chính trị, Ban Bí thư yêu cầu các cấp uỷ thực hiện "
            "tốt các nội dung sau:",
            "1. Giao Ban Tổ chức Trung ương chủ trì tổng hợp, báo cáo Bộ Chính trị.",
            "2. Các cấp uỷ tổ chức quán triệt, thực hiện nghiêm Kết luận này.",
            "INFOGRAPHICS: Một số nội dung quan trọng tại Kết luận số 140-KL/TW của Bộ Chính trị",
            "Theo TTXVN",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "KL"
    assert result.document.number_symbol == "140-KL/TW"
    # Its own number is no citation; the conclusion it carries out is one.
    assert {c.number_symbol for c in result.citations if c.number_symbol} == {"121-KL/TW"}
