"""Patterns of the fifth pass over real copies (issue 17): the former ``heldout5`` (commune and
district reviews, a relayed letter, a provincial resolution) and a commune resolution. A page that
publishes a document's full text names it in its lead; a report records no meeting; a session
number alone is no meeting; a procedure named after two counts is the second one's; a request to
"các địa phương, đơn vị" gives work; a page's link line is no task. The texts are made up here;
the patterns are those of the copies in ``tests/data/real/corpus``.
"""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.importer import parse_text


def test_a_page_that_publishes_the_full_text_names_the_document_in_its_lead() -> None:
    text = "\n\n".join(
        [
            "Ban biên tập giới thiệu toàn văn Nghị quyết số 12-NQ/TU, ngày 20/9/2022 của Ban "
            "Thường vụ Tỉnh ủy về phát triển du lịch biển đến năm 2030.",
            "NGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề phát triển du lịch biển đến năm 2030",
            "Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII, Ban Thường vụ Tỉnh "
            "ủy ban hành Nghị quyết về phát triển du lịch biển như sau:",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "NQ"
    assert result.document.number_symbol == "12-NQ/TU"
    assert result.document.date == date(2022, 9, 20)
    assert result.document.title == (
        "Nghị quyết của Ban Thường vụ Tỉnh ủy về phát triển du lịch biển đến năm 2030"
    )
    # The document's own number is not a citation of it.
    assert "12-NQ/TU" not in {c.number_symbol for c in result.citations}


def test_a_report_records_no_meeting_even_when_it_tells_of_one() -> None:
    text = "\n\n".join(
        [
            "Báo cáo kiểm điểm của Ban Chấp hành lâm thời Đảng bộ Quận 5 năm 1998",
            "Sau khi có quyết định chỉ định, Ban Chấp hành Lâm thời Đảng bộ đã tiến hành phiên "
            "họp đầu tiên vào ngày 17/3/1998 để xác định nhiệm vụ.",
            "Ban Chấp hành đã tập trung lãnh đạo mọi hoạt động sớm đi vào ổn định.",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "BC"
    assert result.meeting is None


def test_a_session_number_alone_is_no_meeting() -> None:
    text = "\n\n".join(
        [
            "Đại hội đại biểu Đảng bộ huyện lần thứ XI, nhiệm kỳ 2015-2020 đã bầu Ban Chấp hành "
            "Đảng bộ huyện là 43 đồng chí; trong Hội nghị Ban Chấp hành lần thứ 1 đã bầu Ban "
            "Thường vụ 12 đồng chí.",
            "Trong nhiệm kỳ, Ban Chấp hành Đảng bộ huyện luôn giữ gìn sự đoàn kết thống nhất.",
        ]
    )
    assert parse_text(text).meeting is None


def test_a_commune_committee_written_in_lower_case_with_its_term_is_the_meeting() -> None:
    text = "\n\n".join(
        [
            "NGHỊ QUYẾT CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ AN HÒA VỀ NHIỆM VỤ NĂM 2024",
            "Ngày 05/01/2024, Ban chấp hành Đảng bộ xã An Hòa khoá XXI, đã tổ chức hội nghị "
            "thảo luận các mục tiêu năm 2024 và đã thống nhất quyết nghị:",
            "I. ĐÁNH GIÁ CHUNG",
            "Trong năm 2023 tình hình kinh tế - xã hội của xã phát triển khá.",
        ]
    )
    meeting = parse_text(text).meeting
    assert meeting is not None
    assert meeting.body == "Ban chấp hành Đảng bộ xã An Hòa"
    assert meeting.term == "XXI"
    assert meeting.date == date(2024, 1, 5)


def test_a_procedure_named_after_two_counts_is_the_second_ones() -> None:
    text = "\n\n".join(
        [
            "Báo cáo kiểm điểm của Ban Chấp hành Đảng bộ huyện nhiệm kỳ 2015-2020",
            "Trong nhiệm kỳ có 02 đồng chí xin thôi không tham gia, 01 đồng chí bị cách chức.",
        ]
    )
    figures = [(f.kind, f.count) for f in parse_text(text).figures]
    assert figures == [("discipline", 1)]


def test_a_request_to_the_localities_is_a_task_and_the_page_link_is_not() -> None:
    text = "\n\n".join(
        [
            "Tuyên truyền",
            "Kỷ niệm 100 năm Ngày sinh đồng chí Lê Văn A",
            "Thực hiện Hướng dẫn số 90-HD/BTGTW ngày 20/02/2024 của Ban Tuyên giáo Trung ương.",
            "Ban Tuyên giáo Tỉnh ủy đề nghị các địa phương, đơn vị quan tâm tuyên truyền về sự "
            "kiện theo các nội dung nêu trong Hướng dẫn số 50-HD/BTGTU, ngày 12/02/2024.",
            "Nội dung công văn Ban Tuyên giáo Tỉnh ủy: click xem tại đây",
            "Nội dung đề cương hướng dẫn tuyên truyền: click xem tại đây.",
        ]
    )
    tasks = [t.text for t in parse_text(text).tasks]
    assert len(tasks) == 1
    assert tasks[0].startswith("Ban Tuyên giáo Tỉnh ủy đề nghị các địa phương")


def test_a_decision_cited_by_number_alone_with_what_it_does_is_a_citation() -> None:
    text = "\n\n".join(
        [
            "Báo cáo kiểm điểm của Ban Chấp hành lâm thời Đảng bộ Quận 9 năm 1998",
            "Ban Chấp hành Lâm thời Đảng bộ Quận 9 được Thành ủy ra Quyết định chỉ định số 315 "
            "ngày 06/3/1997 gồm 21 đồng chí.",
        ]
    )
    cited = [(c.kind, c.number_symbol, c.date) for c in parse_text(text).citations]
    assert ("Quyết định", "315", date(1997, 3, 6)) in cited


def test_a_blank_day_gives_no_date_but_keeps_the_place_and_a_split_subject_is_whole() -> None:
    text = "\n".join(
        [
            "ĐẢNG BỘ HUYỆN THỌ XUÂN",
            "",
            "ĐẢNG ỦY XÃ XUÂN LẬP",
            "",
            "*",
            "",
            "Số       - BC/ĐU",
            "",
            "                     ĐẢNG CỘNG SẢN VIỆT NAM",
            "",
            "                            Xuân Lập, ngày       tháng 7 năm 2024",
            "",
            "                   BÁO CÁO                ",
            "",
            "Tình hình, kết quả thực hiện công tác 6 tháng đầu năm",
            "",
            "nhiệm vụ trọng tâm 6 tháng cuối năm 2024",
            "",
            "-----------------",
            "",
            "I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC",
            "",
            "Quá trình tổ chức thực hiện nhiệm vụ 6 tháng đầu năm có nhiều thuận lợi.",
        ]
    )
    doc = parse_text(text).document
    assert doc.place == "Xuân Lập"
    assert doc.date is None
    assert doc.number_symbol is None
    assert (doc.title or "").casefold() == (
        "báo cáo tình hình, kết quả thực hiện công tác 6 tháng đầu năm nhiệm vụ trọng tâm "
        "6 tháng cuối năm 2024"
    )


def test_a_posts_headline_gives_way_to_the_documents_own_title_block() -> None:
    text = "\n".join(
        [
            "NGHỊ QUYẾT CỦA ĐẢNG ỦY XÃ AN HÒA VỀ MỤC TIÊU, PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2024",
            "",
            "Ngày 13/03/2024 14:51:27",
            "",
            "NGHỊ QUYẾT.",
            "",
            "CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ AN HÒA",
            "",
            "Về mục tiêu, phương hướng, nhiệm vụ năm 2024",
            "",
            "Ngày 07/01/2024, Ban chấp hành Đảng bộ xã An Hòa khoá XXI, đã tổ chức hội nghị "
            "thảo luận các mục tiêu năm 2024 và đã thống nhất quyết nghị:",
            "",
            "I. ĐÁNH GIÁ CHUNG.",
            "",
            "Trong năm 2023 tình hình kinh tế - xã hội của xã phát triển khá.",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "NQ"
    assert (result.document.title or "").casefold() == (
        "nghị quyết của ban chấp hành đảng bộ xã an hòa về mục tiêu, phương hướng, nhiệm vụ "
        "năm 2024"
    )
    assert result.document.date is None  # the post's time stamp is not the document's date
    assert result.meeting is not None and result.meeting.date == date(2024, 1, 7)


def test_a_lead_on_its_own_line_dates_the_directive_written_day_tháng_month_slash_year() -> None:
    text = "\n\n".join(
        [
            "Chỉ thị của Ban Thường vụ Tỉnh ủy Gia Lai về việc tổ chức đón Tết Nguyên đán 2022",
            "Cập nhật lúc: 11:02 02/01/2022",
            "Ảnh minh họa",
            "Ngày 29 tháng 12/2021  Ban Thường vụ Tỉnh ủy Gia Lai đã ban hành Chỉ thị số 06 -CT/TU "
            "về việc tổ chức đón Tết Nguyên đán 2022. Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy "
            "đảng, chính quyền triển khai tổ chức thực hiện Chỉ thị.",
        ]
    )
    doc = parse_text(text).document
    assert doc.type == "CT"
    assert doc.number_symbol == "06-CT/TU"
    assert doc.date == date(2021, 12, 29)


def test_a_request_after_yêu_cầu_and_a_comma_is_a_task() -> None:
    text = "\n\n".join(
        [
            "Thường trực Ban Bí thư vừa ký Chỉ thị số 12 của Ban Bí thư về việc tổ chức Tết Quý "
            "Mão năm 2023.",
            "Theo đó, để chuẩn bị tốt các điều kiện đón Tết, Ban Bí thư yêu cầu, các cấp ủy, tổ "
            "chức đảng, chính quyền tập trung lãnh đạo công tác phòng, chống dịch.",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "CT"
    assert result.document.number_symbol is None  # a number without its symbol is none
    # "yêu cầu, các cấp ủy": the comma does not hide the body that is given the work.
    assert [t.text[:22] for t in result.tasks] == ["Theo đó, để chuẩn bị t"]


def test_the_congresses_of_every_level_name_no_document() -> None:
    text = "\n\n".join(
        [
            "Ngày 07/12/2023, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 35-CT/TU về việc tổ "
            "chức Tết Giáp Thìn năm 2024; theo đó, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy tạo "
            "khí thế thực hiện thắng lợi Nghị quyết Đại hội các cấp.",
        ]
    )
    assert parse_text(text).citations == []


def _names(text: str) -> list[str]:
    return [c.name or "" for c in parse_text(text).citations if not c.number_symbol]


def test_an_ordinance_is_cited_by_its_name_and_year() -> None:
    text = (
        "Kết luận về công tác dân số.\n\nKhông xem xét xử lý đối với hành vi sinh con thứ ba "
        "theo Điều 10 của Pháp lệnh dân số năm 2003 đã được sửa đổi."
    )
    assert "Pháp lệnh dân số năm 2003" in _names(text)


def test_the_constitution_without_its_year_is_cited_only_where_its_rules_are_meant() -> None:
    amended = (
        "Kết luận về sắp xếp bộ máy.\n\nGiao Đảng ủy Quốc hội nghiên cứu việc sửa đổi, bổ sung "
        "một số điều của Hiến pháp với phạm vi là tổ chức bộ máy."
    )
    assert _names(amended) == ["Hiến pháp"]
    principle = (
        "Nghị quyết về thi hành pháp luật.\n\nCác cấp ủy bảo đảm thượng tôn Hiến pháp và pháp "
        "luật trong mọi hoạt động."
    )
    assert _names(principle) == []
    with_year = (
        "Nghị quyết về sửa đổi Hiến pháp.\n\nSửa đổi, bổ sung một số điều của Hiến pháp năm "
        "2013. Thống nhất chủ trương sửa đổi, bổ sung Hiến pháp, pháp luật."
    )
    assert _names(with_year) == ["Hiến pháp năm 2013"]
