"""Patterns of the twelfth pass over real copies (issue 17): news pages that name a plan in their
headline or lead, and a Party cell's header in spaced columns. The texts are made up here; the
patterns are those of the copies in ``tests/data/real/corpus``. Each test fails on the importer of
commit a507d31 (main), but the guards (marked so), which keep near misses as they were.
"""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.importer import parse_text


def _news(first: str, headline: str) -> str:
    return "\n\n".join(
        [
            first,
            headline,
            "(08:57:00 03/04/2021) Ngày 12/3/2021, Thành ủy Hà Nội ban hành Kế hoạch số 20-KH/TU "
            "về việc tổ chức hội thi.",
            "Năm 2021 có ý nghĩa đặc biệt quan trọng đối với công tác xây dựng Đảng của Thành phố.",
        ]
    )


def test_a_headline_under_a_sites_section_is_the_title() -> None:
    result = parse_text(
        _news("Chính trị", "Kế hoạch tổ chức Hội thi tìm hiểu lịch sử Đảng bộ Thành phố năm 2021")
    )
    doc = result.document
    assert doc.type == "KH"
    assert doc.number_symbol == "20-KH/TU"
    assert doc.title == "Kế hoạch tổ chức Hội thi tìm hiểu lịch sử Đảng bộ Thành phố năm 2021"


def test_guard_a_sentence_above_a_headline_is_no_section() -> None:
    """Guard: a page's first line that is more than a section's name keeps the next line from
    being taken as the headline: the lead names the paper."""
    result = parse_text(
        _news(
            "Trang thông tin điện tử tổng hợp của Đảng bộ Thành phố Hà Nội",
            "Kế hoạch tổ chức Hội thi tìm hiểu lịch sử Đảng bộ Thành phố năm 2021",
        )
    )
    assert result.document.title == "Kế hoạch về việc tổ chức hội thi"


def _built(tail: str) -> str:
    return "\n".join(
        [
            "Hoạt động Đảng",
            "09/03/2020 11:09",
            "Thực hiện Chỉ thị số 35 ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ các cấp, "
            "Đảng ủy cơ quan chính quyền Quận 3 đã xây dựng Kế hoạch số 65-KH/ĐU ngày 25 tháng 12 "
            "năm 2019" + tail,
            "Kế hoạch nêu rõ mục đích, yêu cầu của đại hội.",
        ]
    )


def test_a_plans_subject_after_its_number_and_date_is_its_title() -> None:
    result = parse_text(_built(" tổ chức Đại hội Đảng bộ cơ quan lần thứ IV nhiệm kỳ 2020 – 2025."))
    doc = result.document
    assert doc.number_symbol == "65-KH/ĐU"
    assert doc.date == date(2019, 12, 25)
    assert doc.title == "Kế hoạch tổ chức Đại hội Đảng bộ cơ quan lần thứ IV nhiệm kỳ 2020 – 2025"


def test_guard_words_after_the_date_that_do_not_open_a_subject() -> None:
    """Guard: what follows the date is the sentence's own ("nhằm …", after a comma), no title."""
    for tail in (" nhằm tổ chức tốt đại hội.", ", tổ chức đại hội trong tháng 3."):
        doc = parse_text(_built(tail)).document
        assert doc.number_symbol == "65-KH/ĐU"
        assert doc.title is None, tail


_PAD = " " * 60


def _cell_report(place_line: str) -> str:
    return "\n".join(
        [
            "BÁO CÁO CÔNG TÁC NĂM 2015-2016 VÀ PHƯƠNG HƯỚNG HOẠT ĐỘNG NĂM 2016-2017 CỦA CHI BỘ",
            "",
            "      ĐẢNG UỶ XÃ ĐỨC CHÂU" + _PAD + "ĐẢNG CỘNG SẢN VIỆT NAM",
            "       CHI BỘ MẦM NON",
            "",
            "       Số : 03 /BC - CBMN" + _PAD + place_line,
            "",
            "                          BÁO CÁO",
            "                   CÔNG TÁC XÂY DỰNG ĐẢNG NĂM HỌC 2015-2016",
            "",
            "I. ĐẶC ĐIỂM TÌNH HÌNH:",
            "Chi bộ có 11 đồng chí đảng viên, hoạt động đều đặn theo quy định.",
        ]
    )


def test_a_cells_header_in_spaced_columns_keeps_its_type_line() -> None:
    doc = parse_text(_cell_report("Đức Châu, ngày 25 tháng 09 năm 2016")).document
    assert doc.type == "BC"
    assert doc.issuer == "Chi bộ mầm non"
    assert doc.title == "Báo cáo công tác xây dựng Đảng năm học 2015-2016"


def test_guard_running_text_in_a_column_still_ends_the_header_search() -> None:
    """Guard: a piece of twelve words or more in ordinary case is running text, column or not."""
    doc = parse_text(
        _cell_report("ở đây chi bộ đã họp bàn kỹ lưỡng về các việc cần làm trong năm học mới này")
    ).document
    assert doc.type != "BC"


def _cell_resolution(points: list[str]) -> str:
    return "\n".join(
        [
            "ĐẢNG BỘ XÃ MỸ HƯNG",
            "CHI BỘ TRƯỜNG MẦM NON",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Mỹ Hưng, ngày 06 tháng 6 năm 2022",
            "",
            "NGHỊ QUYẾT",
            "Đại hội Chi bộ trường Mầm non",
            "Nhiệm kỳ 2022 - 2025",
            "",
            "Đại hội Chi bộ trường mầm non nhiệm kỳ 2022 - 2025 được tổ chức vào ngày 06/6/2022.",
            "Đại hội đã thống nhất:",
            "1. Đánh giá kết quả hoạt động nhiệm kỳ vừa qua của Chi bộ.",
            "2. Đại hội biểu quyết phương hướng, nhiệm vụ chính trị của Chi bộ trong nhiệm kỳ tới "
            "gồm các nội dung chính như sau:",
            *points,
        ]
    )


def test_starred_headings_over_dashed_points_are_no_tasks() -> None:
    result = parse_text(
        _cell_resolution(
            [
                "* Về phát triển số lượng:",
                "- Phấn đấu huy động 60% số trẻ trong độ tuổi nhà trẻ được đi học.",
                "- Riêng trẻ 5 tuổi được đi học đạt 100%.",
                "* Về chất lượng dạy:",
                "- Tổ chức tốt các cuộc thi giáo viên giỏi.",
            ]
        )
    )
    assert [t.text for t in result.tasks] == [
        "Phấn đấu huy động 60% số trẻ trong độ tuổi nhà trẻ được đi học.",
        "Riêng trẻ 5 tuổi được đi học đạt 100%.",
        "Tổ chức tốt các cuộc thi giáo viên giỏi.",
    ]


def test_guard_a_point_ending_in_a_colon_over_points_of_its_own_mark_stays() -> None:
    """Guard: "- … như sau:" over more "- " points is a point of the list, as before; and a
    starred line with no colon is one too."""
    result = parse_text(
        _cell_resolution(
            [
                "- Chi ủy phân công các đồng chí đảng viên phụ trách các việc sau:",
                "- Phấn đấu huy động 60% số trẻ trong độ tuổi nhà trẻ được đi học.",
                "* Tổ chức tốt các cuộc thi giáo viên giỏi",
                "- Riêng trẻ 5 tuổi được đi học đạt 100%.",
            ]
        )
    )
    assert [t.text[:20] for t in result.tasks] == [
        "Chi ủy phân công các",
        "Phấn đấu huy động 60",
        "Tổ chức tốt các cuộc",
        "Riêng trẻ 5 tuổi đượ",
    ]


def test_a_congress_named_by_its_term_is_the_resolutions_meeting() -> None:
    meeting = parse_text(_cell_resolution(["- Phấn đấu huy động 60% số trẻ đi học."])).meeting
    assert meeting is not None
    assert (meeting.body, meeting.date) == ("Đại hội Chi bộ trường Mầm non", date(2022, 6, 6))


def test_guard_a_congress_cited_by_its_term_is_no_meeting() -> None:
    """Guard: a committee's resolution on carrying out a congress's resolution does not record
    that congress."""
    text = _cell_resolution(["- Phấn đấu huy động 60% số trẻ đi học."]).replace(
        "Đại hội Chi bộ trường Mầm non\nNhiệm kỳ",
        "về thực hiện Nghị quyết Đại hội Chi bộ\nnhiệm kỳ",
    )
    result = parse_text(text)
    assert result.meeting is None or result.meeting.body != "Đại hội Chi bộ"


def test_a_leaders_requests_in_unmarked_paragraphs_are_tasks() -> None:
    """A news copy without numbers or marks: "yêu cầu các Ban, Văn phòng …" and "cũng giao nhiệm
    vụ cho Ban Tuyên giáo …" give work."""
    result = parse_text(
        "\n\n".join(
            [
                "Tại cuộc họp, đồng chí Nguyễn Văn A, Phó Bí thư Thường trực Huyện ủy yêu cầu các "
                "Ban, Văn phòng Huyện ủy phối hợp, tham mưu tổ chức thành công Đại hội.",
                "Ngoài ra, đồng chí Phó Bí thư Thường trực Huyện ủy cũng giao nhiệm vụ cho Ban "
                "Tuyên giáo Huyện ủy tham mưu đẩy mạnh tuyên truyền các ngày lễ trong quý III.",
            ]
        )
    )
    assert [t.text[:30] for t in result.tasks] == [
        "Tại cuộc họp, đồng chí Nguyễn ",
        "Ngoài ra, đồng chí Phó Bí thư ",
    ]


def test_guard_an_account_of_work_done_gives_no_task() -> None:
    """Guard: work given to no body ("giao nhiệm vụ trọng tâm", "được giao") and a list of bodies
    ("Các ban, ngành …") that nobody asks anything of stay no tasks."""
    result = parse_text(
        "\n\n".join(
            [
                "Trong quý II, Ban Thường vụ Huyện ủy đã giao nhiệm vụ trọng tâm của quý đúng thời "
                "hạn và Ban Tuyên giáo được giao nhiệm vụ tham mưu tổng kết.",
                "Các ban, ngành đã phối hợp tốt trong việc chuẩn bị đại hội các chi bộ.",
            ]
        )
    )
    assert result.tasks == []


def _guide(item: str) -> str:
    return "\n".join(
        [
            "BAN CHẤP HÀNH TRUNG ƯƠNG",
            "BAN TỔ CHỨC",
            "*",
            "Số: 09-HD/BTCTW",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Hà Nội, ngày 05 tháng 6 năm 2017",
            "",
            "HƯỚNG DẪN",
            "một số vấn đề về nghiệp vụ công tác đảng viên",
            "",
            "Căn cứ Điều lệ Đảng, Ban Tổ chức Trung ương hướng dẫn một số vấn đề như sau:",
            "1.1- Xây dựng và thực hiện kế hoạch kết nạp đảng viên",
            item,
            "- Căn cứ phương hướng của Trung ương để đề ra kế hoạch kết nạp đảng viên.",
            "- Chỉ đạo ban tổ chức xây dựng và hướng dẫn thực hiện kế hoạch.",
        ]
    )


def test_a_guides_points_under_a_level_are_its_tasks() -> None:
    result = parse_text(_guide("a) Tỉnh ủy và tương đương"))
    assert result.document.type == "HD"
    assert [t.text[:20] for t in result.tasks] == ["Căn cứ phương hướng ", "Chỉ đạo ban tổ chức "]


def test_guard_points_under_an_item_naming_no_level_are_no_tasks() -> None:
    """Guard: "a) Hồ sơ kết nạp gồm" heads what a file holds, not a level's work."""
    result = parse_text(_guide("a) Hồ sơ kết nạp đảng viên"))
    assert result.tasks == []


def _sitting(verb: str) -> str:
    return "\n\n".join(
        [
            "Kết luận 155: Khẩn trương ban hành chính sách hỗ trợ",
            "Tại phiên họp ngày 16/5/2025, sau khi nghe Báo cáo của Ban Tổ chức Trung ương về tiến "
            "độ sắp xếp tổ chức bộ máy theo tinh thần Nghị quyết Hội nghị Trung ương 11 khoá XIII, "
            f"Bộ Chính trị, Ban Bí thư {verb} Đảng ủy Chính phủ lãnh đạo, chỉ đạo một số nội dung "
            "sau tại Kết luận 155-KL/TW:",
            "- Đảng ủy Bộ Nội vụ chủ trì hướng dẫn việc số hóa tài liệu.",
        ]
    )


def test_a_sitting_that_gives_work_is_the_meeting_without_the_cited_term() -> None:
    meeting = parse_text(_sitting("giao")).meeting
    assert meeting is not None
    assert (meeting.body, meeting.term, meeting.date) == (
        "Bộ Chính trị, Ban Bí thư",
        None,
        date(2025, 5, 16),
    )


def test_guard_a_body_named_in_a_sitting_that_does_not_act_is_no_sitting() -> None:
    """Guard: "Bộ Chính trị, Ban Bí thư giám sát …" is neither conclusion nor work given: no
    body is read from it."""
    meeting = parse_text(_sitting("giám sát")).meeting
    assert meeting is None or meeting.body is None


def _names(text: str) -> list[str]:
    return [c.name for c in parse_text(text).citations if c.name]


def _propaganda(sentence: str) -> str:
    return "\n\n".join(
        [
            "Huyện ủy triển khai kế hoạch tuyên truyền",
            "Ngày 10/11/2015, Huyện ủy đã triển khai kế hoạch tới các chi, đảng bộ cơ sở.",
            sentence,
        ]
    )


def test_congress_resolutions_named_in_lower_case_are_cited() -> None:
    names = _names(
        _propaganda(
            "Theo kế hoạch, nội dung tập trung tuyên truyền nghị quyết Đại hội Đảng bộ tỉnh lần "
            "thứ XVIII và NQ đại hội Đảng bộ huyện lần thứ XXI; những kết quả đạt được."
        )
    )
    assert names == [
        "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVIII",
        "Nghị quyết Đại hội Đảng bộ huyện lần thứ XXI",
    ]


def test_guard_a_congress_resolution_in_lower_case_without_its_ordinal_is_none() -> None:
    """Guard: "nghị quyết đại hội đảng bộ các cấp" and "NQ đại hội chi bộ nhiệm kỳ …" name every
    body's own congress, no one paper, even before a congress named with its ordinal."""
    names = _names(
        _propaganda(
            "Theo kế hoạch, nội dung tập trung tuyên truyền nghị quyết đại hội đảng bộ các cấp và "
            "NQ đại hội chi bộ nhiệm kỳ 2015-2020; thực hiện nghị quyết đại hội đảng bộ các cấp "
            "và Nghị quyết Đại hội lần thứ XII của Đảng."
        )
    )
    assert names == ["Nghị quyết Đại hội lần thứ XII"]


def test_the_statute_in_lower_case_on_a_grounds_line_is_cited() -> None:
    text = _cell_report("Đức Châu, ngày 25 tháng 09 năm 2016").replace(
        "I. ĐẶC ĐIỂM TÌNH HÌNH:", "Căn cứ điều lệ Đảng cộng sản Việt Nam;\nI. ĐẶC ĐIỂM TÌNH HÌNH:"
    )
    assert _names(text) == ["Điều lệ Đảng"]


def test_guard_the_statute_in_lower_case_elsewhere_is_no_citation() -> None:
    """Guard: "giữ nghiêm điều lệ Đảng" in running text, in lower case, is a word, no citation."""
    text = _cell_report("Đức Châu, ngày 25 tháng 09 năm 2016").replace(
        "hoạt động đều đặn", "giữ nghiêm điều lệ Đảng, hoạt động đều đặn"
    )
    assert _names(text) == []


def _figures(sentence: str) -> list[tuple[str, int]]:
    result = parse_text(
        "\n\n".join(
            [
                "BÁO CÁO kết quả công tác năm học 2015-2016",
                "I. ĐẶC ĐIỂM TÌNH HÌNH",
                sentence,
            ]
        )
    )
    return [(f.kind, f.count) for f in result.figures]


def test_a_procedure_counts_the_number_right_after_it_only() -> None:
    """ "có 11 đồng chí đảng viên, …, số đảng viên kết nạp trong năm 01 đ/c, bên cạnh đó 02 đ/c hoàn
    thành khóa bồi dưỡng": one admission."""
    assert _figures(
        "Chi bộ có 11 đồng chí đảng viên, 100% là nữ, số đảng viên kết nạp trong năm 01 đ/c, bên "
        "cạnh đó 02 đ/c hoàn thành khóa bồi dưỡng cảm tình Đảng."
    ) == [("admission", 1)]


def test_guard_counts_listed_after_one_procedure_keep_it() -> None:
    """Guard: "kết nạp 05 đảng viên" and a procedure named after its count ("03 đồng chí được
    chuyển đảng chính thức") are read as before."""
    assert _figures(
        "Trong năm, chi bộ đã kết nạp 05 đảng viên; 03 đồng chí được chuyển đảng chính thức."
    ) == [("admission", 5), ("official_membership", 3)]


def test_a_headline_where_a_body_deploys_its_plan_names_kind_and_issuer() -> None:
    doc = parse_text(
        _propaganda("Nội dung tập trung tuyên truyền những kết quả đạt được trong nhiệm kỳ.")
    ).document
    assert (doc.type, doc.issuer, doc.number_symbol) == ("KH", "Huyện ủy", None)


def test_guard_a_headline_on_another_bodys_plan_names_no_issuer() -> None:
    """Guard: "Huyện ủy triển khai Kế hoạch của Tỉnh ủy …" puts another body's paper to work; a
    headline whose subject is no body ("Nhiều hoạt động triển khai kế hoạch …") names none."""
    for headline in (
        "Huyện ủy triển khai Kế hoạch của Tỉnh ủy về tuyên truyền",
        "Nhiều hoạt động triển khai kế hoạch tuyên truyền",
    ):
        text = _propaganda("Nội dung tập trung tuyên truyền những kết quả đạt được.").replace(
            "Huyện ủy triển khai kế hoạch tuyên truyền", headline
        )
        doc = parse_text(text).document
        assert (doc.type, doc.issuer) == (None, None), headline


def test_concluding_a_meeting_names_no_paper() -> None:
    """ "Kết luận Hội nghị, đồng chí Bí thư …" concludes the meeting: no citation."""
    names = _names(
        _propaganda(
            "Kết luận Hội nghị, đồng chí Bí thư Đảng ủy xã nhấn mạnh một số công việc trọng tâm "
            "cần tổ chức thực hiện trong tháng 9."
        )
    )
    assert names == []


def test_guard_a_conclusion_named_with_its_plenum_is_cited() -> None:
    """Guard: "Kết luận Hội nghị Trung ương 4 khóa XII" names one paper."""
    names = _names(
        _propaganda("Đảng ủy tiếp tục thực hiện Kết luận Hội nghị Trung ương 4 khóa XII của Đảng.")
    )
    assert names == ["Kết luận Hội nghị Trung ương 4 khóa XII"]


def test_a_cells_congress_resolution_on_its_grounds_line_is_cited() -> None:
    text = _cell_report("Đức Châu, ngày 25 tháng 09 năm 2016").replace(
        "I. ĐẶC ĐIỂM TÌNH HÌNH:",
        "Căn cứ vào nghị quyết đại hội chi bộ nhiệm kỳ 2020-2022;\nI. ĐẶC ĐIỂM TÌNH HÌNH:",
    )
    assert _names(text) == ["Nghị quyết đại hội chi bộ nhiệm kỳ 2020-2022"]


def test_guard_a_cells_congress_resolution_outside_its_grounds_is_none() -> None:
    """Guard: "Tổng kết thực hiện Nghị quyết Đại hội chi bộ nhiệm kỳ …" is every cell's own."""
    text = _cell_report("Đức Châu, ngày 25 tháng 09 năm 2016").replace(
        "hoạt động đều đặn theo quy định",
        "tổng kết thực hiện Nghị quyết Đại hội chi bộ nhiệm kỳ 2020 - 2022",
    )
    assert _names(text) == []
