"""The office's own sample: the conclusion of the 19th (extended) conference, 10/7/2024."""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.documents.content import BlockKind
from ketluan_desktop.core.importer import ImportResult


def test_sections_are_the_opening_and_three_numbered_parts(sample_result: ImportResult) -> None:
    sections = sample_result.sections
    assert [(s.number, s.heading) for s in sections] == [
        (None, None),
        ("1", "Đánh giá tình hình công tác 6 tháng đầu năm 2024"),
        ("2", "Một số nhiệm vụ trọng tâm trong 6 tháng cuối năm 2024"),
        ("3", "Về công tác cán bộ"),
    ]
    assert sections[0].blocks[0].text.startswith("Ngày 10 tháng 7 năm 2024, Ban Chấp hành")


def test_paragraph_cut_by_the_page_break_is_joined(sample_result: ImportResult) -> None:
    texts = [b.text for s in sample_result.sections for b in s.blocks]
    joined = [t for t in texts if "khi có biến động về nhân sự" in t]
    assert len(joined) == 1
    assert joined[0].startswith("Tập trung nâng cao chất lượng sinh hoạt cấp ủy")
    assert not any(t.startswith("biến động") for t in texts)
    # The two bullets cut the same way ("Chủ động" / "trong công tác …", "tổ chức" / "phong trào")
    assert not any(t.startswith(("trong công tác bảo vệ", "phong trào thi đua")) for t in texts)


def test_eight_tasks_are_the_bullets_of_section_two(sample_result: ImportResult) -> None:
    tasks = sample_result.tasks
    assert len(tasks) == 8
    assert {t.section for t in tasks} == {"2"}
    assert tasks[0].text.startswith("Tiếp tục bám sát các chỉ tiêu Nghị quyết số 28-NQ/TU")
    assert tasks[1].text.endswith("quan điểm sai trái, thù địch.")  # joined across the page break
    assert tasks[7].text.startswith("Lãnh đạo, chỉ đạo cơ quan, đoàn thể")
    assert "phát động, tổ chức phong trào thi đua" in tasks[7].text
    assert all(not t.text.startswith(("-", " ")) for t in tasks)


def test_tasks_point_at_their_blocks(sample_result: ImportResult) -> None:
    content = sample_result.content()
    for task in sample_result.tasks:
        section = content.sections[task.section_index]
        assert section.number == task.section
        assert task.block_index is not None
        block = section.blocks[task.block_index]
        assert block.is_task and block.kind is BlockKind.BULLET
        assert block.text == task.text
    flagged = [b for s in content.sections for b in s.blocks if b.is_task]
    assert len(flagged) == 8


def test_content_keeps_the_opening_as_an_unnumbered_section(sample_result: ImportResult) -> None:
    content = sample_result.content()
    assert content.type_code == "KL"
    assert content.sections[0].number is None and content.sections[0].heading is None
    assert content.sections[2].blocks[0].kind is BlockKind.PARAGRAPH  # "… một số nội dung sau:"
    assert content.subject == "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)"
    assert content.recipients[-1] == "Lưu Văn phòng ĐUK"
    assert content.signer is not None and content.signer.name == "Hoàng Thanh Hải"
    assert content.is_draft  # no number: the sample has no header


def test_citations_by_number_symbol(sample_result: ImportResult) -> None:
    numbered = {c.number_symbol: c for c in sample_result.citations if c.number_symbol}
    expected = {
        "21-KL/TW": ("Kết luận", None, "Hội nghị Trung ương 4 (khóa XIII)"),
        "01-KL/TW": ("Kết luận", None, "Bộ Chính trị (khóa XIII)"),
        "05-CT/TW": ("Chỉ thị", None, "Bộ Chính trị"),  # the issuer only in its second mention
        "34-CT/TU": ("Chỉ thị", date(2024, 4, 20), "Ban Thường vụ Tỉnh ủy"),
        "28-NQ/TU": ("Nghị quyết", date(2023, 12, 6), "Tỉnh ủy"),
        # first cited as "Quyết định 1300-QĐ/TU" (no "số", no date), dated in its second mention
        "1300-QĐ/TU": ("Quyết định", date(2023, 7, 4), "Ban Thường vụ Tỉnh ủy"),
        "08-NQ/ĐUK": ("Nghị quyết", None, "Đảng ủy Khối"),
        "87-KH/ĐUK": ("Kế hoạch", date(2024, 4, 26), "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh"),
        "144-QĐ/TW": ("Quy định", date(2024, 5, 9), "Bộ Chính trị"),
        "35-CT/TW": ("Chỉ thị", date(2024, 6, 14), "Bộ Chính trị"),
        "80-KH/ĐUK": ("Kế hoạch", None, "Ban Thường vụ Đảng ủy Khối"),  # "Kế hoạch 80-KH/ĐUK"
    }
    assert len(numbered) == 11
    assert {k: (c.kind, c.date, c.issuer) for k, c in numbered.items()} == expected


def test_citations_by_name(sample_result: ImportResult) -> None:
    named = [(c.kind, c.name) for c in sample_result.citations if c.number_symbol is None]
    assert named == [
        ("Nghị quyết", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI"),
        ("Nghị quyết", "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII"),
        ("Điều lệ", "Điều lệ Đảng"),
        ("Luật", "Luật thực hiện dân chủ cơ sở"),
    ]


def test_member_procedure_figures(sample_result: ImportResult) -> None:
    assert [(f.kind, f.count, f.text) for f in sample_result.figures] == [
        ("political_standard", 394, "Kết luận tiêu chuẩn chính trị đối với 394 trường hợp"),
        ("admission", 73, "xét kết nạp 73 quần chúng ưu tú vào Đảng"),
        ("official_membership", 68, "chuyển đảng chính thức cho 68 đảng viên dự bị"),
        ("badge_40", 1, "đề nghị tặng Huy hiệu 40 năm tuổi Đảng cho 01 đồng chí"),
        ("badge_30", 7, "30 năm tuổi Đảng cho 07 đồng chí"),
        ("card_new", 69, "Cấp mới thẻ đảng viên cho 69 đồng chí"),
        ("card_reissue", 4, "cấp lại thẻ bị mất cho 04 đồng chí"),
        (
            "travel_abroad",
            85,
            "có văn bản đồng ý cho 85 đảng viên đi tham quan, học tập, công tác ở nước ngoài",
        ),
    ]


def test_meeting(sample_result: ImportResult) -> None:
    meeting = sample_result.meeting
    assert meeting is not None
    assert meeting.body == "Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh"
    assert (meeting.term, meeting.session, meeting.extended) == ("VIII", 19, True)
    assert meeting.date == date(2024, 7, 10)


def test_recipients_and_signer(sample_result: ImportResult) -> None:
    assert sample_result.recipients == [
        "Thường trực ĐUK",
        "Các đ/c Đảng ủy viên",
        "Các đ/c UVUBKT Đảng ủy",
        "Các Ban, VP Đảng ủy",
        "Các TCCSĐ trực thuộc",
        "Các Đoàn thể Khối",
        "Lưu Văn phòng ĐUK",
    ]
    signer = sample_result.signer
    assert signer is not None
    assert (signer.authority, signer.title, signer.name) == (
        "T/M BAN CHẤP HÀNH",
        None,
        "Hoàng Thanh Hải",
    )


def test_json_shape(sample_result: ImportResult) -> None:
    data = sample_result.to_json_dict()
    assert list(data) == [
        "source", "document", "meeting", "sections", "tasks", "citations", "figures",
        "recipients", "signer", "warnings",
    ]  # fmt: skip
    assert data["source"] == {"encoding": "utf-8", "converted_from": None, "ocr": False}
    assert list(data["document"]) == [
        "type", "type_name", "number_symbol", "date", "place", "issuer", "parent_issuer", "title",
        "subject",
    ]  # fmt: skip
    assert data["document"]["type"] == "KL" and data["document"]["type_name"] == "Kết luận"
    assert data["document"]["title"] == (
        "Kết luận Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)"
    )
    # the sample is the body of the conclusion only: no number, date, place or issuing body
    assert [data["document"][k] for k in ("number_symbol", "date", "place", "issuer")] == [None] * 4
    assert data["meeting"] == {
        "body": "Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh",
        "term": "VIII",
        "session": 19,
        "extended": True,
        "date": "2024-07-10",
    }
    section = data["sections"][2]
    assert list(section) == ["number", "heading", "paragraphs", "bullets"]
    assert len(section["paragraphs"]) == 1 and len(section["bullets"]) == 8
    assert data["tasks"][0] == {"section": "2", "text": section["bullets"][0]}
    assert data["citations"][0] == {
        "kind": "Kết luận",
        "number_symbol": "21-KL/TW",
        "date": None,
        "issuer": "Hội nghị Trung ương 4 (khóa XIII)",
        "name": None,
    }
    assert {"kind": "card_reissue", "count": 4, "text": "cấp lại thẻ bị mất cho 04 đồng chí"} in (
        data["figures"]
    )
    assert data["signer"] == {
        "authority": "T/M BAN CHẤP HÀNH",
        "title": None,
        "name": "Hoàng Thanh Hải",
    }
    assert any("nối lại" in w for w in data["warnings"])  # the user is told about the rejoining
