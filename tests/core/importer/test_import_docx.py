"""Word files made here with python-docx: header in a table, list styles, bold headings, a text box,
and an old document typed with the .VnTime (TCVN3) font."""

from __future__ import annotations

import io
from datetime import date

import docx
from docx.oxml import parse_xml

from ketluan_desktop.core.importer import parse_bytes


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _conclusion() -> docx.document.Document:
    d = docx.Document()
    header = d.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].text = "ĐẢNG BỘ TỈNH THÁI NGUYÊN"
    left.add_paragraph().add_run("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH").bold = True
    left.add_paragraph("*")
    left.add_paragraph("Số 123-KL/ĐUK")
    right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM").bold = True
    right.add_paragraph("Thái Nguyên, ngày 10 tháng 7 năm 2024")
    d.add_paragraph().add_run("KẾT LUẬN").bold = True
    d.add_paragraph().add_run(
        "HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ KHỐI LẦN THỨ 19 (MỞ RỘNG)"
    ).bold = True
    d.add_paragraph("-----")
    d.add_paragraph(
        "Ngày 10 tháng 7 năm 2024, Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh, khóa VIII, đã họp "
        "kỳ thứ 19 (mở rộng). Đảng ủy Khối các cơ quan tỉnh kết luận:"
    )
    # Headings bold, numbered by hand; one heading without any number mark at all is not a section.
    d.add_paragraph().add_run("1. Đánh giá tình hình công tác 6 tháng đầu năm 2024").bold = True
    d.add_paragraph(
        "Kết luận tiêu chuẩn chính trị đối với 394 trường hợp; xét kết nạp 73 quần chúng ưu tú vào "
        "Đảng, cấp lại thẻ bị mất cho 04 đồng chí."
    )
    d.add_paragraph().add_run("2. Một số nhiệm vụ trọng tâm 6 tháng cuối năm 2024").bold = True
    d.add_paragraph("Thực hiện tốt một số nội dung sau:")
    d.add_paragraph(
        "Tiếp tục bám sát các chỉ tiêu Nghị quyết số 28-NQ/TU của Tỉnh ủy.", "List Bullet"
    )
    d.add_paragraph(
        "Tăng cường công tác chính trị tư tưởng trong cán bộ, đảng viên.", "List Bullet"
    )
    d.add_paragraph(
        "Thực hiện Chỉ thị số 35-CT/TW, ngày 14/6/2024 của Bộ Chính trị về đại hội đảng bộ các cấp.",
        "List Bullet",
    )
    d.add_paragraph().add_run("3. Về công tác cán bộ").bold = True
    p = d.add_paragraph()
    p.add_run("Thống nhất nhân sự:").bold = True
    p.add_run(" trình Ban Thường vụ Tỉnh ủy cho thôi tham gia Ban Chấp hành.")
    d.add_paragraph("Việc thứ nhất.", "List Number")
    d.add_paragraph("Việc thứ hai.", "List Number")
    closing = d.add_table(rows=1, cols=2)
    left, right = closing.rows[0].cells
    left.paragraphs[0].text = "Nơi nhận:"
    for line in ("- Thường trực ĐUK,", "- Các TCCSĐ trực thuộc,", "- Lưu Văn phòng ĐUK."):
        left.add_paragraph(line)
    right.paragraphs[0].add_run("T/M BAN CHẤP HÀNH").bold = True
    right.add_paragraph("BÍ THƯ")
    right.add_paragraph("")
    right.add_paragraph().add_run("Hoàng Thanh Hải").bold = True
    return d


def test_docx_conclusion() -> None:
    result = parse_bytes(_save(_conclusion()), "ket-luan.docx")
    data = result.to_json_dict()
    assert data["source"] == {"encoding": "utf-8", "converted_from": None, "ocr": False}
    doc = result.document
    assert (doc.type, doc.number_symbol, doc.date, doc.place) == (
        "KL",
        "123-KL/ĐUK",
        date(2024, 7, 10),
        "Thái Nguyên",
    )
    assert (doc.issuer, doc.parent_issuer) == (
        "Đảng ủy Khối các cơ quan tỉnh",
        "Đảng bộ tỉnh Thái Nguyên",
    )
    assert doc.subject == "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)"
    assert [(s.number, s.heading) for s in result.sections] == [
        (None, None),
        ("1", "Đánh giá tình hình công tác 6 tháng đầu năm 2024"),
        ("2", "Một số nhiệm vụ trọng tâm 6 tháng cuối năm 2024"),
        ("3", "Về công tác cán bộ"),
    ]
    # "List Bullet" paragraphs are bullets, and the tasks of section 2
    assert [t.text[:20] for t in result.tasks] == [
        "Tiếp tục bám sát các",
        "Tăng cường công tác ",
        "Thực hiện Chỉ thị số",
    ]
    # "List Number" gets its numbers back from numbering.xml
    third = result.content().sections[3].blocks
    assert [b.text for b in third[1:]] == ["1. Việc thứ nhất.", "2. Việc thứ hai."]
    assert [(f.kind, f.count) for f in result.figures] == [
        ("political_standard", 394),
        ("admission", 73),
        ("card_reissue", 4),
    ]
    meeting = result.meeting
    assert meeting is not None and (meeting.session, meeting.extended, meeting.term) == (
        19,
        True,
        "VIII",
    )
    assert result.recipients == ["Thường trực ĐUK", "Các TCCSĐ trực thuộc", "Lưu Văn phòng ĐUK"]
    assert data["signer"] == {
        "authority": "T/M BAN CHẤP HÀNH",
        "title": "BÍ THƯ",
        "name": "Hoàng Thanh Hải",
    }
    assert data["warnings"] == []


def test_bold_run_in_heading_from_runs() -> None:
    d = docx.Document()
    d.add_paragraph("KẾT LUẬN")
    d.add_paragraph("Hội nghị kết luận một số nhiệm vụ, giải pháp sau:")
    for number, head, rest in (
        ("1", "Về công tác chính trị tư tưởng", "tiếp tục quán triệt nghị quyết đến đảng viên."),
        ("2", "Về công tác tổ chức cán bộ", "rà soát quy hoạch cấp ủy nhiệm kỳ 2025 - 2030."),
    ):
        p = d.add_paragraph()
        p.add_run(f"{number}. {head}").bold = True
        p.add_run(f" {rest}")
    result = parse_bytes(_save(d), "a.docx")
    # Without bold the lower-case continuation would hide where each heading ends.
    assert [(s.number, s.heading) for s in result.sections[1:]] == [
        ("1", "Về công tác chính trị tư tưởng"),
        ("2", "Về công tác tổ chức cán bộ"),
    ]
    assert result.sections[1].blocks[0].text == "tiếp tục quán triệt nghị quyết đến đảng viên."
    assert len(result.tasks) == 2


def test_text_box_header_and_line_breaks() -> None:
    d = docx.Document()
    anchor = d.add_paragraph()
    box = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Số 05-TB/ĐUK</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Số 05-TB/ĐUK</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    anchor._p.append(box)
    p = d.add_paragraph()
    p.add_run("Thái Nguyên, ngày 05 tháng 02 năm 2026")
    d.add_paragraph("THÔNG BÁO")
    d.add_paragraph("về lịch làm việc tuần")
    d.add_paragraph("Thường trực Đảng ủy Khối làm việc theo lịch sau.")
    closing = d.add_paragraph("Nơi nhận:")
    closing.add_run().add_break()
    closing.add_run("- Các TCCSĐ trực thuộc,")
    closing.add_run().add_break()
    closing.add_run("- Lưu VP.")
    result = parse_bytes(_save(d), "tb.docx")
    doc = result.document
    # the text box is read once (its VML fallback copy is skipped)
    assert (doc.type, doc.number_symbol, doc.issuer) == (
        "TB",
        "05-TB/ĐUK",
        "Đảng ủy Khối các cơ quan tỉnh",
    )
    assert doc.date == date(2026, 2, 5)
    assert result.recipients == ["Các TCCSĐ trực thuộc", "Lưu VP"]


def test_docx_typed_in_tcvn3_is_converted() -> None:
    d = docx.Document()
    for line in (
        "KÕT LUËN",  # KẾT LUẬN in the capitals font .VnTimeH
        "Héi nghÞ Ban ChÊp hµnh §¶ng bé Khèi lÇn thø 19 (më réng)",
        "Ngµy 10 th¸ng 7 n¨m 2024, Ban ChÊp hµnh §¶ng bé Khèi c¸c c¬ quan tØnh, khãa VIII, "
        "®· häp kú thø 19 (më réng).",
        "1. NhiÖm vô träng t©m",
        "- TiÕp tôc b¸m s¸t c¸c chØ tiªu NghÞ quyÕt sè 28-NQ/TU cña TØnh ñy.",
    ):
        run = d.add_paragraph().add_run(line)
        run.font.name = ".VnTime"
    result = parse_bytes(_save(d), "cu.docx")
    assert result.source.converted_from == "TCVN3"
    assert result.document.type == "KL"
    assert result.document.subject == "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)"
    assert (
        result.tasks[0].text == "Tiếp tục bám sát các chỉ tiêu Nghị quyết số 28-NQ/TU của Tỉnh ủy."
    )
    meeting = result.meeting
    assert meeting is not None and (meeting.session, meeting.date) == (19, date(2024, 7, 10))


def test_txt_that_is_really_a_docx() -> None:
    result = parse_bytes(_save(_conclusion()), "ket-luan.txt")
    assert result.document.number_symbol == "123-KL/ĐUK"


def test_tracked_changes_fields_and_controls_keep_their_text() -> None:
    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    )
    d = docx.Document()
    d.add_paragraph("KẾT LUẬN")
    p = d.add_paragraph("Hội nghị ")
    for xml in (
        f'<w:ins {ns} w:id="1" w:author="VP"><w:r><w:t>đã thống nhất </w:t></w:r></w:ins>',
        f'<w:del {ns} w:id="2" w:author="VP"><w:r><w:delText>bác bỏ </w:delText></w:r></w:del>',
        f'<w:fldSimple {ns} w:instr="DOCPROPERTY x"><w:r><w:t>kế hoạch </w:t></w:r></w:fldSimple>',
        f'<w:smartTag {ns} w:uri="u" w:element="e"><w:r><w:t>năm 2026</w:t></w:r></w:smartTag>',
        f"<w:sdt {ns}><w:sdtContent><w:r><w:t>.</w:t></w:r></w:sdtContent></w:sdt>",
    ):
        p._p.append(parse_xml(xml))
    result = parse_bytes(_save(d), "sua.docx")
    assert [b.text for s in result.sections for b in s.blocks] == [
        "Hội nghị đã thống nhất kế hoạch năm 2026."
    ]
