"""Patterns of the fourth batch of real copies (issue 17): district and commune papers and the
pages that carry them. A letter's requests given in paragraphs, the body that asks named before
"đề nghị", a news copy of a resolution's solutions, a page's own short lines, a report's
paragraphs (no tasks), a body that names itself at the end of its preamble, a page's weekday date
stamp, a congress named with "Đại biểu", and a document cited by its number alone. The texts are
made up here; the patterns are those of the copies in ``tests/data/real/corpus``.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ketluan_desktop.core.documents.models import CitedDocument
from ketluan_desktop.core.importer import parse_text
from ketluan_desktop.core.importer.storing import register_cited


def _tasks(result) -> list[str]:
    return [t.text[:25] for t in result.tasks]


def test_a_letter_reported_by_a_portal_gives_its_requests_in_paragraphs() -> None:
    text = "\n\n".join(
        [
            "Ban Tuyên giáo Tỉnh ủy vừa ban hành Công văn số 210-CV/BTGTU, về việc tuyên truyền "
            "kỷ niệm Ngày thành lập Đảng.",
            "Theo đó, Ban Tuyên giáo Tỉnh ủy đề nghị Ban Tuyên giáo các huyện, thị, thành phố "
            "chỉ đạo tổ chức các hoạt động tuyên truyền rộng rãi.",
            "Các cơ quan Báo, Đài của tỉnh tập trung vào các tin, bài tuyên truyền.",
            "T.H(bt)",
            "Xem chi tiết trong file đính kèm",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "CV"
    assert result.document.number_symbol == "210-CV/BTGTU"
    # "Ban Tuyên giáo Tỉnh ủy" in the lead gives no work; the page's own lines are no tasks.
    assert _tasks(result) == ["Theo đó, Ban Tuyên giáo T", "Các cơ quan Báo, Đài của "]


def test_the_body_that_asks_may_be_named_before_de_nghi() -> None:
    text = "\n\n".join(
        [
            "Theo đó, Ban Thường vụ Huyện ủy đề nghị cấp ủy các chi bộ, đảng bộ cơ sở tổ chức "
            "quán triệt Kết luận số 93-KL/TW, ngày 20/11/2020 của Ban Bí thư.",
            "Thời gian hoàn thành chậm nhất ngày 14/5/2021 và báo cáo kết quả về Ban Thường vụ.",
            "Ban Thường vụ Huyện ủy yêu cầu Ủy ban nhân dân huyện chỉ đạo đẩy mạnh tuyên truyền.",
        ]
    )
    result = parse_text(text)
    assert result.document.number_symbol is None
    assert _tasks(result) == [
        "Theo đó, Ban Thường vụ Hu",
        "Thời gian hoàn thành chậm",
        "Ban Thường vụ Huyện ủy yê",
    ]


def test_a_news_copy_of_a_resolutions_solutions_gives_them_in_paragraphs() -> None:
    text = "\n\n".join(
        [
            "Bộ Chính trị ban hành Nghị quyết số 66-NQ/TW về đổi mới công tác xây dựng và thi "
            "hành pháp luật.",
            "### Ưu tiên bảo đảm hiệu quả thi hành pháp luật",
            "Trong đó, một trong các nhiệm vụ, giải pháp của Nghị quyết là tạo đột phá trong "
            "công tác thi hành pháp luật.",
            "Phát huy vai trò của Mặt trận Tổ quốc Việt Nam trong giám sát thi hành pháp luật.",
            "Giải quyết kịp thời khó khăn, vướng mắc về pháp lý",
            "Chú trọng công tác giải thích pháp luật và hướng dẫn áp dụng pháp luật.",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "NQ"
    assert _tasks(result) == [
        "Trong đó, một trong các n",
        "Phát huy vai trò của Mặt ",
        "Chú trọng công tác giải t",
    ]


def test_a_reports_paragraphs_are_no_tasks() -> None:
    text = "\n".join(
        [
            "ĐẢNG BỘ HUYỆN THỌ XUÂN          ĐẢNG CỘNG SẢN VIỆT NAM",
            "ĐẢNG ỦY XÃ XUÂN LẬP",
            "Số 12-BC/ĐU                     Xuân Lập, ngày 10 tháng 7 năm 2023",
            "BÁO CÁO",
            "kết quả công tác 6 tháng đầu năm 2023",
            "Đảng ủy đề nghị Ban Thường vụ Huyện ủy quan tâm hỗ trợ kinh phí làm đường giao thông.",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "BC"
    assert result.tasks == []


def test_a_body_that_names_itself_at_the_end_of_its_preamble() -> None:
    text = (
        "Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị và Kế hoạch số 155, ngày "
        "07/7/2019 của Thành ủy Hà Nội về đại hội đảng bộ các cấp; Đảng ủy Khối xây dựng Kế hoạch "
        "tổ chức đại hội Đảng các cấp tiến tới Đại hội đại biểu lần thứ III Đảng bộ Khối như sau:"
    )
    result = parse_text(text)
    assert result.document.type == "KH"
    assert result.document.title == (
        "Kế hoạch tổ chức đại hội Đảng các cấp tiến tới Đại hội đại biểu lần thứ III Đảng bộ Khối"
    )
    cited = {c.number_symbol: c for c in result.citations if c.number_symbol}
    assert set(cited) == {"35-CT/TW", "155"}
    assert cited["155"].kind == "Kế hoạch"
    assert cited["155"].date == date(2019, 7, 7)
    assert cited["155"].issuer == "Thành ủy Hà Nội"


def test_a_number_without_a_date_is_no_citation() -> None:
    result = parse_text("Tổng kết Kế hoạch số 3 của Đảng ủy về công tác năm.")
    assert [c.number_symbol for c in result.citations if c.number_symbol] == []


def test_a_pages_weekday_date_stamp_is_no_place_and_a_congress_may_say_dai_bieu() -> None:
    text = "\n\n".join(
        [
            "Chủ Nhật, ngày 24 tháng 11 năm 2024",
            "Nghị quyết Đại hội Đại biểu Đảng bộ Quận 6 lần thứ XI",
            "Đại hội đại biểu Đảng bộ quận 6 lần thứ XI họp từ ngày 07 tháng 7 năm 2015 đến ngày "
            "09 tháng 7 năm 2015 tại Hội trường Ủy ban nhân dân quận; sau khi thảo luận,",
            "QUYẾT NGHỊ",
            "1. Tán thành những nội dung cơ bản nêu trong Báo cáo chính trị.",
        ]
    )
    result = parse_text(text)
    assert result.document.place is None
    assert result.document.date is None
    assert result.meeting is not None
    assert result.meeting.body == "Đại hội Đại biểu Đảng bộ Quận 6"
    assert result.meeting.session == 11
    assert result.meeting.date == date(2015, 7, 7)


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_a_number_without_symbol_is_kept_by_its_kind_number_and_date(db) -> None:
    plan = {"kind": "Kế hoạch", "number_symbol": "155", "date": "2019-07-07", "issuer": None}
    with db.write_session() as s:
        first = register_cited(s, plan)
        again = register_cited(s, {**plan, "issuer": "Thành ủy Hà Nội"})
        other = register_cited(s, {**plan, "kind": "Quyết định", "date": "2020-01-02"})
        assert again.id == first.id and other.id != first.id
        assert (first.name, first.number_symbol, first.issuer) == (
            "Kế hoạch số 155, ngày 07/07/2019",
            None,
            "Thành ủy Hà Nội",
        )
        assert other.name == "Quyết định số 155, ngày 02/01/2020"
        assert len(s.scalars(select(CitedDocument)).all()) == 2


def test_a_regulations_closing_clause_is_its_task() -> None:
    text = "\n\n".join(
        [
            "Ban Bí thư ban hành Quy định số 37-QĐ/TW về giao dịch điện tử trong các cơ quan đảng.",
            "Cán bộ, đảng viên có trách nhiệm sử dụng giao dịch điện tử trong hoạt động của mình.",
            "Trong quá trình tổ chức thực hiện, nếu phát sinh khó khăn, vướng mắc, Văn phòng Trung "
            "ương Đảng có trách nhiệm tổng hợp, đề xuất sửa đổi, bổ sung.",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "QĐi"
    assert _tasks(result) == ["Trong quá trình tổ chức t"]


def test_what_a_quoted_decree_article_cites_is_the_decrees() -> None:
    text = "\n\n".join(
        [
            "Thay mặt Bộ Chính trị, đồng chí Thường trực Ban Bí thư đã ký Thông báo kết luận số "
            "7-TB/TW ngày 7/3/2025 về chính sách đối với cán bộ.",
            "Bộ Chính trị thống nhất điều chỉnh phạm vi áp dụng Nghị định số 178/2024/NĐ-CP; giao "
            "Đảng ủy Chính phủ chỉ đạo sửa đổi, bổ sung trong tháng 3/2025.",
            "### Điều 2 Nghị định số 177/2024/NĐ-CP quy định đối tượng áp dụng gồm:",
            "1. Cán bộ quy định tại Điều 4 Luật Cán bộ, công chức năm 2008.",
            "2. Cán bộ nghỉ hưu theo Thông báo Kết luận số 20-TB/KL ngày 08 tháng 9 năm 2022.",
        ]
    )
    result = parse_text(text)
    assert [c.number_symbol for c in result.citations] == ["178/2024/NĐ-CP", "177/2024/NĐ-CP"]


def test_the_laws_that_provide_are_no_law_named() -> None:
    result = parse_text(
        "Một số nội dung không còn phù hợp hoặc đã được các Luật quy định, như Luật Đất đai."
    )
    assert [c.name for c in result.citations] == ["Luật Đất đai"]


def test_an_ocr_split_type_line_and_a_subject_going_on_in_ordinary_case() -> None:
    text = "\n".join(
        [
            "TỈNH ỦY QUẢNG TRỊ",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "*",
            "Số 45-KL/TƯ",
            "Quảng Trị, ngày 13 tháng 5 năm 2022",
            "K ÉT LUẬN",
            "HỘI NGHỊ LẦN THỨ BẢY",
            "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHOÁ XVI)",
            "về phát triển du lịch đến năm 2025,",
            "định hướng đến năm 2030",
            "Hội nghị lần thứ bảy Ban Chấp hành Đảng bộ tỉnh (khóa XVI) họp",
            "ngày 26/4/2022 đã thảo luận Tờ trình của Ban Thường vụ Tỉnh ủy và kết luận:",
            "I. ĐÁNH GIÁ TÌNH HÌNH",
            "Du lịch có bước phát triển.",
        ]
    )
    result = parse_text(text)
    assert result.document.type == "KL"
    assert result.document.issuer == "Tỉnh ủy Quảng Trị"
    assert result.document.title == (
        "Kết luận Hội nghị lần thứ bảy Ban Chấp hành Đảng bộ tỉnh (khoá XVI) về phát triển du "
        "lịch đến năm 2025, định hướng đến năm 2030"
    )


def test_the_body_that_sat_may_discuss_or_give_its_opinion() -> None:
    text = "\n\n".join(
        [
            "Tại phiên họp ngày 28/2/2025, sau khi nghe Ban Tổ chức Trung ương báo cáo, Bộ Chính "
            "trị, Ban Bí thư có ý kiến như sau:",
            "1. Giao Ban Tổ chức Trung ương chủ trì nghiên cứu, đề xuất.",
        ]
    )
    meeting = parse_text(text).meeting
    assert meeting is not None
    assert (meeting.body, meeting.date) == ("Bộ Chính trị, Ban Bí thư", date(2025, 2, 28))
    other = parse_text(
        "Theo đó, tại phiên họp ngày 20/2/2025, sau khi nghe Đảng uỷ Chính phủ báo cáo; ý kiến "
        "các cơ quan, Bộ Chính trị đã thảo luận và kết luận như sau:"
    ).meeting
    assert other is not None and other.body == "Bộ Chính trị"
