"""Patterns of the seventh pass over real copies (issue 17): the former ``heldout7`` (a party
cell's and a bloc committee's yearly reports, a commune's and a ward's plans, a university
committee's decision). A part mark in capitals is no line of the title above it; a bare part mark takes the
line under it as its title; a part that assesses
the work done gives no tasks, even where a list in it or the report's opening says "nhiệm vụ …
như sau:". "V/v …" is no Roman five; a number line left blank gives no number; a decision's
article that makes bodies answer for it is its task; the Party Statute by its two names is one
citation; a body that deploys its own numbered plan names the document; a congress resolution of
"Đảng bộ"/"Chi bộ" with no name names no one paper; a sharing site's cut preview gives way to the
whole run-on copy after it, whose left column may hold two bodies on one line.
The texts are made up here; the patterns are those of the copies in ``tests/data/real/corpus``.
"""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.importer import parse_text

_HEADER = [
    "ĐẢNG ỦY XÃ HÒA BÌNH",
    "CHI BỘ TRƯỜNG TIỂU HỌC HÒA BÌNH",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Hòa Bình, ngày 10 tháng 12 năm 2022",
    "BÁO CÁO",
    "TỔNG KẾT CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2022",
    "VÀ PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2023",
]


def test_a_bare_part_mark_takes_the_line_under_it_as_its_title() -> None:
    text = "\n\n".join(
        [
            *_HEADER,
            "PHẦN THỨ NHẤT",
            "Đánh giá kết quả lãnh đạo của Chi bộ trong năm 2022",
            "Năm 2022, Chi bộ đã lãnh đạo hoàn thành tốt nhiệm vụ chính trị của nhà trường.",
            "PHẦN THỨ HAI",
            "Phương hướng, nhiệm vụ năm 2023",
            "- Tiếp tục nâng cao chất lượng sinh hoạt chi bộ hằng tháng.",
            "- Phấn đấu kết nạp từ 01 đến 02 đảng viên mới trong năm.",
        ]
    )
    result = parse_text(text)
    # A part mark in capitals is no line of the title above it.
    assert result.document.title == (
        "Báo cáo tổng kết công tác xây dựng Đảng năm 2022 và phương hướng nhiệm vụ năm 2023"
    )
    headings = [s.heading for s in result.sections if s.level == "roman"]
    assert headings == [
        "Đánh giá kết quả lãnh đạo của Chi bộ trong năm 2022",
        "Phương hướng, nhiệm vụ năm 2023",
    ]
    assert [t.text for t in result.tasks] == [
        "Tiếp tục nâng cao chất lượng sinh hoạt chi bộ hằng tháng.",
        "Phấn đấu kết nạp từ 01 đến 02 đảng viên mới trong năm.",
    ]


def test_a_reports_opening_that_announces_its_tasks_gives_none_in_the_assessment_part() -> None:
    text = "\n\n".join(
        [
            *_HEADER,
            "Chi bộ xây dựng báo cáo tổng kết năm 2022 và triển khai thực hiện phương hướng "
            "nhiệm vụ năm 2023 với các nội dung như sau:",
            "PHẦN THỨ NHẤT",
            "Đánh giá kết quả lãnh đạo, chỉ đạo của Chi bộ trong năm 2022",
            "1. Đặc điểm tình hình",
            "- Tổng số đảng viên đến cuối năm 2022 là 25 đảng viên.",
            "- Trình độ lý luận trung cấp chính trị: 04 đồng chí.",
        ]
    )
    assert parse_text(text).tasks == []


def test_a_list_of_work_done_in_the_assessment_part_is_no_task_list() -> None:
    text = "\n\n".join(
        [
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            "*",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Hòa Bình, ngày 08 tháng 01 năm 2022",
            "BÁO CÁO",
            "tổng kết công tác tuyên giáo năm 2021;",
            "phương hướng, nhiệm vụ trọng tâm năm 2022",
            "Phần thứ nhất",
            "ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM 2021",
            "Năm 2021, công tác tuyên giáo của Đảng bộ Khối đạt nhiều kết quả quan trọng.",
            "1. Công tác tham mưu giúp cấp ủy lãnh đạo, chỉ đạo",
            "Ban Tuyên giáo Đảng ủy Khối đã tham mưu hoàn thành các nhiệm vụ trọng tâm công tác "
            "tuyên giáo năm 2021, như sau:",
            "(1) Đẩy mạnh tuyên truyền các nghị quyết, chỉ thị của Đảng.",
            "(2) Tổ chức học tập, quán triệt Nghị quyết Đại hội XIII của Đảng.",
        ]
    )
    result = parse_text(text)
    parts = [s.heading for s in result.sections if s.level == "roman"]
    assert parts == ["ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM 2021"]
    assert result.tasks == []


_DECISION = [
    "ĐẢNG BỘ ĐẠI HỌC MIỀN NÚI",
    "ĐẢNG ỦY TRƯỜNG ĐẠI HỌC",
    "NÔNG LÂM",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "*",
    "Số      -/ĐU",
    "Miền Núi, ngày       tháng 3 năm 2022",
    "QUYẾT ĐỊNH",
    "V/v ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ",
    "-----",
    "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
    "Căn cứ Hướng dẫn số 01-HD/TW ngày 20/9/2016 của Ban Chấp hành Trung ương về “Một số vấn "
    "đề cụ thể thi hành Điều lệ Đảng”;",
    "ĐẢNG ỦY TRƯỜNG ĐẠI HỌC NÔNG LÂM",
    "QUYẾT ĐỊNH",
    "Điều 1: Ban hành kèm theo Quyết định này Quy chế làm việc của Ban Chấp hành Đảng bộ.",
    "Điều 2: Quyết định này có hiệu lực kể từ ngày ký.",
]


def test_a_decisions_subject_line_v_v_is_no_roman_five_and_stays_in_its_title() -> None:
    doc = parse_text("\n\n".join(_DECISION)).document
    assert doc.type == "QĐ"
    assert doc.title == "Quyết định V/v ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ"


def test_a_number_line_left_blank_gives_no_number_and_no_part_of_the_issuer() -> None:
    doc = parse_text("\n\n".join(_DECISION)).document
    assert doc.number_symbol is None
    assert doc.issuer is not None and doc.issuer.casefold() == "đảng ủy trường đại học nông lâm"
    assert doc.parent_issuer is not None and doc.parent_issuer.casefold() == (
        "đảng bộ đại học miền núi"
    )


def test_the_party_statute_by_its_full_and_short_names_is_one_citation() -> None:
    statutes = [c for c in parse_text("\n\n".join(_DECISION)).citations if c.kind == "Điều lệ"]
    assert [c.name for c in statutes] == ["Điều lệ Đảng"]


def test_a_decisions_article_that_makes_bodies_answer_for_it_is_its_task() -> None:
    closing = (
        "Điều 3: Người đứng đầu cấp ủy, các ban Đảng ủy, Văn phòng Đảng ủy, các chi bộ trực thuộc "
        "chịu trách nhiệm thi hành Quyết định này."
    )
    tasks = parse_text("\n\n".join([*_DECISION, closing])).tasks
    assert [t.text for t in tasks] == [closing.removeprefix("Điều 3: ")]
    # A copy cut after "chịu trách" still gives it; the articles that issue the paper and set
    # the day it takes effect give no work.
    cut = closing[: closing.index("chịu trách") + len("chịu trách")]
    assert [t.text for t in parse_text("\n\n".join([*_DECISION, cut])).tasks] == [
        cut.removeprefix("Điều 3: ")
    ]
    assert parse_text("\n\n".join(_DECISION)).tasks == []


def test_a_body_that_deploys_its_own_numbered_plan_names_this_document() -> None:
    text = "\n\n".join(
        [
            "Đảng ủy phường Hòa An triển khai kế hoạch tổ chức Đại hội Chi bộ nhiệm kỳ 2020-2022",
            "Thực hiện Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ Chính trị; Kế hoạch số 20-KH/QU, "
            "ngày 06/8/2019 của Quận ủy Cẩm Lệ, Đảng ủy phường Hòa An triển khai kế hoạch số 41 "
            "–KH/ĐU ngày 12/8/2019 về việc tổ chức Đại hội các chi bộ trực thuộc.",
            "Theo kế hoạch, Đại hội chi bộ tổng kết thực hiện Nghị quyết Đại hội Đảng bộ nhiệm kỳ "
            "2015-2020 và Nghị quyết Đại hội Chi bộ nhiệm kỳ 2017-2020.",
        ]
    )
    result = parse_text(text)
    doc = result.document
    assert (doc.type, doc.number_symbol, doc.date) == ("KH", "41-KH/ĐU", date(2019, 8, 12))
    assert doc.issuer == "Đảng ủy phường Hòa An"
    # Its own number is no citation; every body's own congress resolution names no one paper.
    assert [c.number_symbol for c in result.citations] == ["35-CT/TW", "20-KH/QU"]


def test_a_plan_deployed_as_another_bodys_is_a_citation_not_this_document() -> None:
    text = (
        "Đảng ủy phường Hòa An triển khai Kế hoạch số 20-KH/QU ngày 06/8/2019 của Quận ủy Cẩm Lệ "
        "về tổ chức đại hội đảng bộ, chi bộ cơ sở."
    )
    result = parse_text(text)
    assert result.document.number_symbol is None
    assert "20-KH/QU" in {c.number_symbol for c in result.citations}


def test_a_cut_preview_gives_way_to_the_whole_run_on_copy_and_its_two_bodies_split() -> None:
    cut = (
        "ĐẢNG BỘ TỈNH MIỀN TÂY ĐẢNG BỘ HUYỆN SÔNG XANH ĐẢNG ỦY XÃ BÌNH YÊN * Số 12 KH/ĐU ĐẢNG CỘNG "
        "SẢN VIỆT NAM Bình Yên, ngày 20 tháng 11 năm 2021 KẾ HOẠCH kiểm điểm, đánh giá, xếp loại "
        "chất lượng hàng năm đối[.]"
    )
    whole = (
        "ĐẢNG BỘ HUYỆN SÔNG XANH ĐẢNG ỦY XÃ BÌNH YÊN * Số 12 -KH/ĐU ĐẢNG CỘNG SẢN VIỆT NAM Bình "
        "Yên, ngày 20 tháng 11 năm 2021 KẾ HOẠCH kiểm điểm, đánh giá, xếp loại chất lượng năm 2021 "
        "tổ chức đảng, đảng viên -Căn cứ Hướng dẫn số 21-HD/BTCTW ngày 18/10/2019 của Ban Tổ chức "
        "Trung ương, Ban Thường vụ Đảng ủy xây dựng kế hoạch như sau:"
    )
    doc = parse_text("\n\n".join(["Tài liệu hạn chế xem trước", cut, whole])).document
    assert doc.number_symbol == "12-KH/ĐU"
    assert doc.issuer is not None and doc.issuer.casefold() == "đảng ủy xã bình yên"
    assert doc.parent_issuer is not None and doc.parent_issuer.casefold() == (
        "đảng bộ huyện sông xanh"
    )
    assert doc.title == (
        "Kế hoạch kiểm điểm, đánh giá, xếp loại chất lượng năm 2021 tổ chức đảng, đảng viên"
    )
