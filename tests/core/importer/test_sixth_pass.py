"""Patterns of the sixth pass over real copies (issue 17): the former ``heldout6`` (provincial
news items relaying a directive, a conclusion, a letter and a programme; a city plan whose header
table was flattened; a propaganda orientation). A lead names the document after a page's own short
lines, in lower case and without a number, or names it first and says who issued it when; a day
and month alone take the year of the page's stamp; the lead says who issued it; a relayed
document's own title block gives the title; a flattened place cell keeps its "TP."; a preamble
line is no header line; only a conclusion, a resolution, a notice or minutes records a meeting.
The texts are made up here; the patterns are those of the copies in ``tests/data/real/corpus``.
"""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.importer import parse_text


def test_a_lead_past_the_pages_own_lines_names_a_conclusion_in_lower_case_without_number() -> None:
    text = "\n\n".join(
        [
            "Chính trị",
            "Cỡ chữ Tương phản In bài",
            "Chăm lo Tết cho người nghèo năm 2024",
            "Th 4, 17/01/2024 | 08:15 SA",
            "Ngày 15/01/2024, Ban Thường vụ Huyện ủy ban hành kết luận về công tác chăm lo Tết "
            "Nguyên đán Giáp Thìn.",
            "Theo đó, Ban Thường vụ Huyện ủy yêu cầu các cấp ủy, tổ chức đảng tổ chức tốt việc "
            "thăm hỏi, tặng quà các gia đình chính sách.",
        ]
    )
    doc = parse_text(text).document
    assert doc.type == "KL"
    assert doc.number_symbol is None
    assert doc.date == date(2024, 1, 15)
    assert doc.issuer == "Ban Thường vụ Huyện ủy"


def test_a_lead_that_names_the_document_first_and_then_who_issued_it_when() -> None:
    text = (
        "Đó là nội dung Chỉ thị số 05-CT/HU của Ban Thường vụ Huyện ủy ban hành ngày 03.3.2022. "
        "Theo đó, Ban Thường vụ Huyện ủy yêu cầu các cấp ủy đảng, chính quyền tăng cường công "
        "tác phòng cháy, chữa cháy rừng trong mùa khô."
    )
    result = parse_text(text)
    assert result.document.type == "CT"
    assert result.document.number_symbol == "05-CT/HU"
    assert result.document.date == date(2022, 3, 3)
    assert result.document.issuer == "Ban Thường vụ Huyện ủy"
    assert "05-CT/HU" not in {c.number_symbol for c in result.citations}


def test_a_preamble_that_carries_out_a_document_issued_on_a_day_does_not_name_this_one() -> None:
    text = (
        "Thực hiện Chỉ thị số 13-CT/TW của Ban Bí thư ban hành ngày 12/01/2017, các cấp ủy tiếp "
        "tục tăng cường công tác quản lý, bảo vệ rừng."
    )
    result = parse_text(text)
    assert result.document.number_symbol is None
    assert "13-CT/TW" in {c.number_symbol for c in result.citations}


def test_a_lead_with_day_and_month_takes_the_year_of_the_pages_stamp() -> None:
    text = "\n\n".join(
        [
            "Văn phòng Sở Nội vụ\nThứ hai 14/01/2019\nHướng dẫn tuyên truyền tháng 01/2019",
            "Ngày 28/12, Đảng ủy Sở Nội vụ ban hành Công văn số 212 về việc hướng dẫn nội dung "
            "tuyên truyền tháng 01/2019.",
            "Theo đó, Đảng ủy Sở yêu cầu cấp ủy các chi bộ trực thuộc tuyên truyền tốt các nội "
            "dung sau:",
        ]
    )
    doc = parse_text(text).document
    assert doc.type == "CV"
    assert doc.date == date(2018, 12, 28)  # after the stamp's day and month: the year before
    assert doc.issuer == "Đảng ủy Sở Nội vụ"
    assert doc.number_symbol is None  # a number without its symbol is none


def test_a_relayed_documents_own_title_block_is_its_title() -> None:
    text = "\n\n".join(
        [
            "Kế hoạch thực hiện Nghị quyết 19-NQ/TW về nông nghiệp",
            "Ngày 10/5/2023, Tỉnh ủy Quảng Trị đã ban hành Kế hoạch số 45-KH/TU về thực hiện "
            "Nghị quyết 19-NQ/TW về nông nghiệp, nông dân, nông thôn.",
            "Ban biên tập xin đăng toàn văn Kế hoạch:",
            "KẾ HOẠCH",
            "Thực hiện Nghị quyết 19-NQ/TW của Ban Chấp hành Trung ương\n"
            "về nông nghiệp, nông dân, nông thôn đến năm 2030",
            "Thực hiện Nghị quyết 19-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương, Ban "
            "Thường vụ Tỉnh ủy ban hành kế hoạch thực hiện như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Quán triệt sâu sắc nội dung Nghị quyết.",
        ]
    )
    doc = parse_text(text).document
    assert doc.type == "KH"
    assert doc.number_symbol == "45-KH/TU"
    assert doc.issuer == "Tỉnh ủy Quảng Trị"
    assert doc.title == (
        "Kế hoạch Thực hiện Nghị quyết 19-NQ/TW của Ban Chấp hành Trung ương về nông nghiệp, "
        "nông dân, nông thôn đến năm 2030"
    )


def test_a_flattened_header_cell_keeps_tp_with_its_place_and_a_plan_records_no_meeting() -> None:
    text = "\n".join(
        [
            "THÀNH",
            "ỦY",
            "THÀNH PHỐ CẦN THƠ",
            "-------",
            "|",
            "ĐẢNG",
            "CỘNG SẢN VIỆT NAM",
            "---------------",
            "|",
            "Số:",
            "12-KH/TU",
            "|",
            "TP.",
            "Cần Thơ, ngày 05 tháng 3 năm 2022",
            "|",
            "KẾ HOẠCH",
            "VỀ PHÁT TRIỂN KINH TẾ ĐÊM",
            "Thực hiện Nghị quyết số 03-NQ/TU ngày 10 tháng 1 năm 2022 của Hội nghị lần thứ tư "
            "Ban Chấp hành Đảng bộ thành phố về phát triển dịch vụ, Ban Thường vụ Thành ủy xây "
            "dựng Kế hoạch, cụ thể:",
            "I. MỤC ĐÍCH",
            "1. Phát triển kinh tế đêm gắn với du lịch.",
        ]
    )
    result = parse_text(text)
    assert result.document.place == "TP. Cần Thơ"
    assert result.document.issuer == "Thành ủy thành phố Cần Thơ"
    assert result.document.date == date(2022, 3, 5)
    assert result.meeting is None  # the meeting is the cited resolution's


def test_a_preamble_line_that_cites_a_document_by_day_is_no_header_line() -> None:
    text = "\n".join(
        [
            "ĐỊNH HƯỚNG TUYÊN TRUYỀN THÁNG 8 NĂM 2021",
            "",
            "Thực hiện Kế hoạch số 41-KH/TU, ngày 02/02/2021 của Ban Thường vụ",
            "Tỉnh ủy về công tác tuyên giáo năm 2021; căn cứ Hướng dẫn số 12-HD/BTGTW, ngày",
            "08/01/2021 của Ban Tuyên giáo Trung ương, Ban Tuyên giáo Tỉnh ủy đề nghị các địa",
            "phương tuyên truyền các nội dung sau:",
        ]
    )
    cited = {c.number_symbol for c in parse_text(text).citations}
    assert {"41-KH/TU", "12-HD/BTGTW"} <= cited


def test_a_pdf_fonts_oi_letter_is_read_as_u_horn() -> None:
    text = "\n".join(
        [
            "TỈNH ỦY BẮC NINH",
            "Số 07-HD/TU",
            "Bắc Ninh, ngày 02 tháng 12 năm 2019",
            "HƢỚNG DẪN",
            "kiểm điểm, đánh giá chất lƣợng tổ chức đảng năm 2019",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Đánh giá đúng chất lượng tổ chức đảng.",
        ]
    )
    doc = parse_text(text).document
    assert doc.type == "HD"
    assert doc.title == "Hướng dẫn kiểm điểm, đánh giá chất lượng tổ chức đảng năm 2019"


def test_a_header_run_on_with_title_and_body_in_one_line_is_read() -> None:
    text = (
        "12\nHUYỆN ỦY ĐỨC LINH * Số 14-KH/HU ĐẢNG CỘNG SẢN VIỆT NAM Đức Linh, ngày 03 tháng 4 "
        "năm 2023 KẾ HOẠCH tổ chức hội nghị sơ kết giữa nhiệm kỳ ----- Thực hiện Hướng dẫn số "
        "10-HD/TU, ngày 20/02/2023 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy xây dựng kế "
        "hoạch như sau: I. MỤC ĐÍCH, YÊU CẦU 1. Đánh giá đúng kết quả nửa nhiệm kỳ. II. NỘI DUNG "
        "1. Các chi, đảng bộ cơ sở tổ chức sơ kết trước ngày 30/5/2023."
    )
    result = parse_text(text)
    doc = result.document
    assert (doc.type, doc.number_symbol, doc.date) == ("KH", "14-KH/HU", date(2023, 4, 3))
    assert (doc.place, doc.issuer) == ("Đức Linh", "Huyện ủy Đức Linh")
    assert doc.title == "Kế hoạch tổ chức hội nghị sơ kết giữa nhiệm kỳ"
    assert [s.heading for s in result.sections if s.level == "roman"] == [
        "MỤC ĐÍCH, YÊU CẦU",
        "NỘI DUNG",
    ]
    assert "10-HD/TU" in {c.number_symbol for c in result.citations}


_LETTER_FROM_ITS_ANNEX_ANCHOR = "\n".join(
    [
        "Kính",
        "gửi: Các huyện ủy, thị ủy, thành ủy trực thuộc Tỉnh ủy",
        "Thực hiện Kế hoạch số 15-KH/TU, ngày 02/3/2023 của Ban Thường vụ Tỉnh ủy, Ban Tổ chức",
        "Tỉnh ủy đề nghị các huyện ủy, thị ủy, thành ủy chỉ đạo các tổ chức cơ sở đảng xây",
        "dựng quy chế làm việc theo mẫu gửi kèm.",
        "Nơi nhận:",
        "- Như trên,",
        "- Lưu VP.",
        "|",
        "K/T",
        "TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Trần Văn Bình",
        "|",
        "Mẫu 1",
        "(Ban hành kèm theo Công văn số 245-CV/BTCTU, ngày 10/4/2023 của Ban Tổ chức Tỉnh ủy)",
        "QUY CHẾ",
        "làm việc của Ban Chấp hành Đảng bộ …",
    ]
)


def test_a_letter_run_into_its_greeting_starts_at_its_first_sentence() -> None:
    result = parse_text(_LETTER_FROM_ITS_ANNEX_ANCHOR)
    assert result.document.greeting == "Các huyện ủy, thị ủy, thành ủy trực thuộc Tỉnh ủy"
    assert "15-KH/TU" in {c.number_symbol for c in result.citations}
    assert [t.text[:20] for t in result.tasks] == ["Thực hiện Kế hoạch s"]


def test_a_bare_authority_in_a_flattened_signer_cell_is_read() -> None:
    result = parse_text(_LETTER_FROM_ITS_ANNEX_ANCHOR)
    assert result.recipients == ["Như trên", "Lưu VP"]
    signer = result.signer
    assert signer is not None
    assert (signer.authority, signer.title, signer.name) == (
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Trần Văn Bình",
    )


def test_a_copy_without_header_is_named_by_its_annexs_caption() -> None:
    doc = parse_text(_LETTER_FROM_ITS_ANNEX_ANCHOR).document
    assert (doc.type, doc.number_symbol, doc.date) == ("CV", "245-CV/BTCTU", date(2023, 4, 10))
    assert doc.issuer == "Ban Tổ chức Tỉnh ủy"


def test_the_paper_sent_with_a_letter_is_no_citation() -> None:
    text = (
        "Ban Tổ chức Tỉnh ủy đề nghị các huyện ủy chỉ đạo các cấp ủy cơ sở căn cứ vào Quy chế "
        "làm việc mẫu (gửi kèm theo) xây dựng quy chế làm việc của mình; căn cứ Quy chế làm việc "
        "của Ban Chấp hành Đảng bộ tỉnh để thực hiện."
    )
    names = {c.name for c in parse_text(text).citations}
    assert "Quy chế làm việc mẫu" not in names
    assert "Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh" in names


def test_a_part_that_assesses_the_work_done_is_no_tasks_part() -> None:
    text = "\n\n".join(
        [
            "NGHỊ QUYẾT",
            "về nhiệm vụ phát triển kinh tế - xã hội năm 2024",
            "I. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM 2023",
            "1. Thực hiện nhiệm vụ năm 2023 trong bối cảnh còn nhiều khó khăn, tỉnh đạt 15/16 chỉ "
            "tiêu chủ yếu.",
            "II. NHIỆM VỤ, GIẢI PHÁP NĂM 2024",
            "1. Tập trung tháo gỡ khó khăn cho sản xuất, kinh doanh.",
            "2. Đẩy mạnh cải cách hành chính.",
        ]
    )
    assert [t.text[:20] for t in parse_text(text).tasks] == [
        "Tập trung tháo gỡ kh",
        "Đẩy mạnh cải cách hà",
    ]


def test_an_ocrd_ordinal_without_its_grave_accent_is_read_in_the_title() -> None:
    text = "\n".join(
        [
            "HUYỆN ỦY LỆ THỦY",
            "Số 12-KL/HU",
            "Lệ Thủy, ngày 05 tháng 6 năm 2023",
            "KẾT LUẬN",
            "HỘI NGHỊ LÂN THỨ MƯỜI BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN",
            "về phát triển du lịch",
            "I. ĐÁNH GIÁ",
            "Kết quả bước đầu khả quan.",
        ]
    )
    doc = parse_text(text).document
    assert doc.title == (
        "Kết luận Hội nghị lần thứ mười Ban Chấp hành Đảng bộ huyện về phát triển du lịch"
    )
