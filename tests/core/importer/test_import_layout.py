"""Documents written for these tests: the layouts the office meets in practice — text copied from
PDFs, Roman numbering, notices without a meeting, two-column closings, every kind of list mark."""

from __future__ import annotations

import textwrap
from datetime import date

from importer_support import SAMPLE_TEXT

from ketluan_desktop.core.importer import ImportResult, parse_text

SAMPLE = parse_text(SAMPLE_TEXT)

ROMAN = """\
ĐẢNG BỘ TỈNH THÁI NGUYÊN
ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH
*
Số 45-KL/ĐUK
ĐẢNG CỘNG SẢN VIỆT NAM
Thái Nguyên, ngày 05 tháng 02 năm 2026

KẾT LUẬN
CỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI
VỀ KẾT QUẢ CÔNG TÁC NĂM 2025 VÀ NHIỆM VỤ NĂM 2026
-----

Ngày 03/02/2026, Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh họp phiên thường kỳ, nghe báo cáo \
kết quả công tác năm 2025. Ban Thường vụ kết luận như sau:

I. ĐÁNH GIÁ KẾT QUẢ NĂM 2025

1. Ưu điểm

Công tác xây dựng Đảng được quan tâm; kết nạp 120 quần chúng ưu tú vào Đảng; thi hành kỷ luật \
03 đảng viên.

2. Hạn chế

Một số chi bộ sinh hoạt chưa đều.

II. NHIỆM VỤ TRỌNG TÂM NĂM 2026

1. Tăng cường công tác chính trị tư tưởng, quán triệt Nghị quyết số 12-NQ/ĐUK ngày 15/01/2026 \
của Đảng ủy Khối đến từng chi bộ, đảng viên trong toàn Đảng bộ.

2. Lãnh đạo tổ chức thành công đại hội chi bộ trực thuộc nhiệm kỳ 2025 - 2027 đúng tiến độ, bảo \
đảm chất lượng và đúng quy định của Điều lệ Đảng.

3. Nâng cao chất lượng sinh hoạt chi bộ:
+ Sinh hoạt chuyên đề mỗi quý một lần;
+ Cấp ủy dự sinh hoạt chi bộ định kỳ.

III. TỔ CHỨC THỰC HIỆN

Văn phòng Đảng ủy Khối theo dõi, đôn đốc việc thực hiện kết luận này.

Nơi nhận:
- Thường trực ĐUK,
- Các TCCSĐ trực thuộc,
- Lưu Văn phòng ĐUK.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
(Đã ký)
Nguyễn Văn An
"""

NOTICE = """\
ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH
VĂN PHÒNG
*
Số 07-TB/VPĐUK
Thái Nguyên, ngày 02 tháng 3 năm 2026
THÔNG BÁO
về việc tổ chức tập huấn nghiệp vụ công tác văn phòng năm 2026
-----
Thực hiện Kế hoạch số 12-KH/ĐUK, ngày 10/01/2026 của Ban Thường vụ
Đảng ủy Khối, Văn phòng Đảng ủy Khối thông báo tổ chức tập huấn
nghiệp vụ như sau:
1. Thời gian: 01 ngày, bắt đầu từ 8 giờ ngày 20/3/2026.
2. Địa điểm: Hội trường Đảng ủy Khối các cơ quan tỉnh.
3. Thành phần: Đồng chí văn phòng cấp ủy các tổ chức cơ sở đảng trực
thuộc; đề nghị các đơn vị cử người tham dự đầy đủ.

                                    2

Thông báo tập huấn - Văn phòng Đảng ủy Khối
4. Nội dung: Hướng dẫn thể thức văn bản của Đảng theo Hướng dẫn số
36-HD/VPTW, ngày 03/4/2018 của Văn phòng Trung ương Đảng.

                                    3

Thông báo tập huấn - Văn phòng Đảng ủy Khối
Văn phòng Đảng ủy Khối thông báo để các đơn vị biết, thực hiện.
Nơi nhận:
- Các TCCSĐ trực thuộc,
- Lưu VP.
K/T CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG
Trần Thị Bình
"""


def _sample_parts() -> tuple[str, list[str], str]:
    head, rest = SAMPLE_TEXT.split("Ngày 10 tháng 7", 1)
    body, closing = ("Ngày 10 tháng 7" + rest).split("Nơi nhận:")
    return head, [p.strip() for p in body.split("\n\n") if p.strip()], "Nơi nhận:" + closing


def _assert_same_as_sample(result: ImportResult) -> None:
    got, want = result.to_json_dict(), SAMPLE.to_json_dict()
    for key in ("sections", "tasks", "citations", "figures", "meeting", "recipients", "signer"):
        assert got[key] == want[key], key


def test_text_wrapped_like_a_pdf_copy_with_blank_lines() -> None:
    head, paras, closing = _sample_parts()
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in paras)
    _assert_same_as_sample(parse_text(f"{head}{wrapped}\n\n{closing}"))


def test_text_wrapped_without_blank_lines() -> None:
    # Only the line lengths and the punctuation say where paragraphs and headings end.
    head, paras, closing = _sample_parts()
    wrapped = "\n".join(textwrap.fill(p, 72) for p in paras)
    _assert_same_as_sample(parse_text(f"{head}{wrapped}\n{closing}"))


def test_page_numbers_and_running_headers_in_the_middle() -> None:
    furniture = "\n\n- {n} -\n\nKết luận Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19\n\n"
    text = SAMPLE_TEXT.replace("khi có\n\n", "khi có" + furniture.format(n=2), 1)
    text = text.replace("Chủ động\n\n", "Chủ động" + furniture.format(n=3), 1)
    text = text.replace("3. Về công tác cán bộ.", "Trang 4\n\n3. Về công tác cán bộ.", 1)
    result = parse_text(text)
    _assert_same_as_sample(result)
    assert any("số trang" in w for w in result.warnings)


def test_roman_numbering_with_arabic_headings_and_items() -> None:
    result = parse_text(ROMAN)
    assert [(s.number, s.heading, s.level) for s in result.sections] == [
        (None, None, "opening"),
        ("I", "ĐÁNH GIÁ KẾT QUẢ NĂM 2025", "roman"),
        ("1", "Ưu điểm", "arabic"),
        ("2", "Hạn chế", "arabic"),
        ("II", "NHIỆM VỤ TRỌNG TÂM NĂM 2026", "roman"),
        ("III", "TỔ CHỨC THỰC HIỆN", "roman"),
    ]
    assert result.sections[2].parent == 1
    # Under "II. NHIỆM VỤ …" the numbered paragraphs are the tasks; "+" lines belong to item 3.
    assert [t.section for t in result.tasks] == ["II", "II", "II"]
    assert result.tasks[2].text == (
        "Nâng cao chất lượng sinh hoạt chi bộ: Sinh hoạt chuyên đề mỗi quý một lần; "
        "Cấp ủy dự sinh hoạt chi bộ định kỳ."
    )
    blocks = result.content().sections[4].blocks
    assert [b.text[:6] for b in blocks] == ["1. Tăn", "2. Lãn", "3. Nân", "Sinh h", "Cấp ủy"]
    assert [b.level for b in blocks[3:]] == [1, 1]
    doc = result.to_json_dict()["document"]
    assert doc == {
        "type": "KL",
        "type_name": "Kết luận",
        "number_symbol": "45-KL/ĐUK",
        "date": "2026-02-05",
        "place": "Thái Nguyên",
        "issuer": "Đảng ủy Khối các cơ quan tỉnh",
        "parent_issuer": "Đảng bộ tỉnh Thái Nguyên",
        "title": "Kết luận của Ban Thường vụ Đảng ủy Khối về kết quả công tác năm 2025 "
        "và nhiệm vụ năm 2026",
        "subject": "của Ban Thường vụ Đảng ủy Khối về kết quả công tác năm 2025 và nhiệm vụ năm 2026",
    }
    assert [(f.kind, f.count) for f in result.figures] == [("admission", 120), ("discipline", 3)]
    signer = result.signer
    assert signer is not None
    assert (signer.authority, signer.title, signer.name) == (
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Nguyễn Văn An",
    )
    assert result.warnings == []


def test_roman_with_dashes_and_parts() -> None:
    text = ROMAN.replace("I. ĐÁNH", "Phần I: ĐÁNH").replace("II. NHIỆM", "II- NHIỆM")
    text = text.replace("III. TỔ", "III - TỔ")
    result = parse_text(text)
    assert [s.number for s in result.sections if s.level == "roman"] == ["I", "II", "III"]
    assert len(result.tasks) == 3


def test_notice_without_meeting_and_without_tasks() -> None:
    result = parse_text(NOTICE)
    data = result.to_json_dict()
    assert data["meeting"] is None
    assert data["tasks"] == []
    assert data["document"] == {
        "type": "TB",
        "type_name": "Thông báo",
        "number_symbol": "07-TB/VPĐUK",
        "date": "2026-03-02",
        "place": "Thái Nguyên",
        "issuer": "Văn phòng",
        "parent_issuer": "Đảng ủy Khối các cơ quan tỉnh",
        "title": "Thông báo về việc tổ chức tập huấn nghiệp vụ công tác văn phòng năm 2026",
        "subject": "về việc tổ chức tập huấn nghiệp vụ công tác văn phòng năm 2026",
    }
    # Run-in headings, the text after the colon may start with a number ("Thời gian: 01 ngày").
    assert [(s["number"], s["heading"]) for s in data["sections"][1:]] == [
        ("1", "Thời gian"),
        ("2", "Địa điểm"),
        ("3", "Thành phần"),
        ("4", "Nội dung"),
    ]
    # Page numbers and the running header between pages are gone; the split item is whole again.
    texts = [b.text for s in result.sections for b in s.blocks]
    assert not any("Thông báo tập huấn" in t for t in texts)
    assert data["sections"][3]["paragraphs"] == [
        "Đồng chí văn phòng cấp ủy các tổ chức cơ sở đảng trực thuộc; đề nghị các đơn vị cử người "
        "tham dự đầy đủ."
    ]
    assert [c["number_symbol"] for c in data["citations"]] == ["12-KH/ĐUK", "36-HD/VPTW"]
    assert data["citations"][1]["issuer"] == "Văn phòng Trung ương Đảng"
    assert data["recipients"] == ["Các TCCSĐ trực thuộc", "Lưu VP"]
    assert data["signer"] == {
        "authority": "K/T CHÁNH VĂN PHÒNG",
        "title": "PHÓ CHÁNH VĂN PHÒNG",
        "name": "Trần Thị Bình",
    }


def test_conclusion_without_task_section_has_no_tasks() -> None:
    text = """KẾT LUẬN
về kết quả kiểm tra công tác văn thư, lưu trữ

Ngày 12/3/2026, Thường trực Đảng ủy Khối nghe báo cáo kết quả kiểm tra. Thường trực kết luận:

1. Về ưu điểm

Các đơn vị lưu trữ hồ sơ đầy đủ, đúng quy định.

2. Về hạn chế

Một số đơn vị còn chậm nộp lưu hồ sơ.

T/M THƯỜNG TRỰC
PHÓ BÍ THƯ
Lê Văn Cường
"""
    result = parse_text(text)
    assert result.tasks == []
    assert [s.heading for s in result.sections] == [None, "Về ưu điểm", "Về hạn chế"]
    assert result.signer is not None and result.signer.name == "Lê Văn Cường"
    assert any("Nơi nhận" in w for w in result.warnings)


def test_every_kind_of_list_mark() -> None:
    text = """KẾT LUẬN

Hội nghị kết luận:

1. Nhiệm vụ trọng tâm

Thực hiện tốt một số nội dung sau:

– Gạch ngang dài ở đầu dòng thứ nhất.
• Dấu chấm tròn ở dòng thứ hai.
a) Mục chữ cái a.
b) Mục chữ cái b.
(1) Mục số trong ngoặc.
- Gạch ngang thường, có ý con:
+ ý con thứ nhất;
+ ý con thứ hai.
"""
    result = parse_text(text)
    blocks = result.sections[-1].blocks
    assert [(b.kind, b.marker) for b in blocks] == [
        ("paragraph", None),
        ("bullet", "–"),
        ("bullet", "•"),
        ("item", "a)"),
        ("item", "b)"),
        ("item", "(1)"),
        ("bullet", "-"),
        ("bullet", "+"),
        ("bullet", "+"),
    ]
    # the finest-grained entries are the bullets; "+" lines belong to the bullet above them
    assert [t.text for t in result.tasks] == [
        "Gạch ngang dài ở đầu dòng thứ nhất.",
        "Dấu chấm tròn ở dòng thứ hai.",
        "Gạch ngang thường, có ý con: ý con thứ nhất; ý con thứ hai.",
    ]
    json_bullets = result.to_json_dict()["sections"][-1]["bullets"]
    assert json_bullets[0] == "Gạch ngang dài ở đầu dòng thứ nhất."  # no marks in the JSON
    assert "(1)" not in json_bullets[4] and json_bullets[4] == "Mục số trong ngoặc."


def test_heading_run_into_its_text() -> None:
    text = """KẾT LUẬN

Ban Thường vụ kết luận một số nhiệm vụ, giải pháp sau:

1. Về công tác tư tưởng: Tiếp tục quán triệt các nghị quyết của Đảng đến từng đảng viên.

2. Về công tác tổ chức. Rà soát, kiện toàn cấp ủy các chi bộ trực thuộc trong quý II.
"""
    result = parse_text(text)
    assert [(s.number, s.heading, s.run_in) for s in result.sections[1:]] == [
        ("1", "Về công tác tư tưởng", ":"),
        ("2", "Về công tác tổ chức", "."),
    ]
    assert result.sections[1].blocks[0].text.startswith("Tiếp tục quán triệt")
    # the list after "… một số nhiệm vụ, giải pháp sau:" is the tasks, each section whole
    assert [t.text for t in result.tasks] == [
        "Về công tác tư tưởng: Tiếp tục quán triệt các nghị quyết của Đảng đến từng đảng viên.",
        "Về công tác tổ chức. Rà soát, kiện toàn cấp ủy các chi bộ trực thuộc trong quý II.",
    ]


def test_two_column_closing_and_header() -> None:
    text = """\
    ĐẢNG BỘ TỈNH THÁI NGUYÊN          ĐẢNG CỘNG SẢN VIỆT NAM
 ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH        ---------------
                *
        Số 123-KL/ĐUK             Thái Nguyên, ngày 10 tháng 7 năm 2024

KẾT LUẬN

Nội dung kết luận của hội nghị.

  Nơi nhận:                            T/M BAN CHẤP HÀNH
  - Thường trực ĐUK,                         BÍ THƯ
  - Các đ/c Đảng ủy viên,
  - Các tổ chức cơ sở đảng
  trực thuộc,
  - Lưu Văn phòng ĐUK.                    Hoàng Thanh Hải
"""
    result = parse_text(text)
    doc = result.document
    assert (doc.number_symbol, doc.date, doc.place) == (
        "123-KL/ĐUK",
        date(2024, 7, 10),
        "Thái Nguyên",
    )
    assert (doc.issuer, doc.parent_issuer) == (
        "Đảng ủy Khối các cơ quan tỉnh",
        "Đảng bộ tỉnh Thái Nguyên",
    )
    assert result.recipients == [
        "Thường trực ĐUK",
        "Các đ/c Đảng ủy viên",
        "Các tổ chức cơ sở đảng trực thuộc",
        "Lưu Văn phòng ĐUK",
    ]
    signer = result.signer
    assert signer is not None
    assert (signer.authority, signer.title, signer.name) == (
        "T/M BAN CHẤP HÀNH",
        "BÍ THƯ",
        "Hoàng Thanh Hải",
    )


def test_signer_block_before_the_recipients() -> None:
    text = SAMPLE_TEXT.split("Nơi nhận:")[0] + (
        "T/M BAN CHẤP HÀNH\nBÍ THƯ\n\n(Đã ký)\n\nHoàng Thanh Hải\n\n"
        "Nơi nhận:\n- Thường trực ĐUK,\n- Lưu Văn phòng ĐUK.\n"
    )
    result = parse_text(text)
    assert result.recipients == ["Thường trực ĐUK", "Lưu Văn phòng ĐUK"]
    signer = result.signer
    assert signer is not None and (signer.title, signer.name) == ("BÍ THƯ", "Hoàng Thanh Hải")


def test_text_without_any_header_or_marks() -> None:
    result = parse_text("Hội nghị đã thảo luận và thống nhất các nội dung trình.\n")
    data = result.to_json_dict()
    assert data["document"]["type"] is None
    assert data["sections"][0]["paragraphs"] == [
        "Hội nghị đã thảo luận và thống nhất các nội dung trình."
    ]
    assert data["signer"] is None and data["recipients"] == []
    assert any("tên loại văn bản" in w for w in data["warnings"])
    assert (
        result.content().type_code == "KL"
    )  # stored as a conclusion until the user says otherwise


def test_meeting_session_in_words_and_dates_in_words() -> None:
    text = """KẾT LUẬN
HỘI NGHỊ LẦN THỨ BẢY BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XVI)

Ngày 26 tháng 5 năm 2014, Ban Chấp hành Đảng bộ tỉnh khóa XVI đã họp Hội nghị lần thứ bảy.
"""
    result = parse_text(text)
    meeting = result.meeting
    assert meeting is not None
    assert (meeting.body, meeting.term, meeting.session, meeting.extended) == (
        "Ban Chấp hành Đảng bộ tỉnh",
        "XVI",
        7,
        None,
    )
    assert meeting.date == date(2014, 5, 26)
    assert result.document.subject == "Hội nghị lần thứ bảy Ban Chấp hành Đảng bộ tỉnh (khóa XVI)"


def test_trailing_page_furniture_is_not_an_appendix() -> None:
    result = parse_text(SAMPLE_TEXT + "\n\n\n   \n- 5 -\n\n")
    assert not any(s.appendix for s in result.sections)
    assert not any("phụ lục" in w for w in result.warnings)


def test_signer_name_in_capitals() -> None:
    text = SAMPLE_TEXT.split("T/M BAN CHẤP HÀNH")[0] + (
        "K/T BÍ THƯ\nPHÓ BÍ THƯ THƯỜNG TRỰC\n\n\nTRƯƠNG THỊ MAI\n"
    )
    signer = parse_text(text).signer
    assert signer is not None
    assert (signer.authority, signer.title, signer.name) == (
        "K/T BÍ THƯ",
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "Trương Thị Mai",
    )
