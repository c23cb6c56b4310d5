"""Patterns of the eleventh pass over real copies (issue 17): work set in a meeting's or a
leader's words, and news pages on central papers. The texts are made up here; the patterns are
those of the copies in ``tests/data/real/corpus``. Each test fails on the importer of commit
bd5c0cd, but the guards (marked so), which keep near misses as they were.
"""

from __future__ import annotations

from ketluan_desktop.core.importer import parse_text


def _tasks(result) -> list[str]:
    return [t.text[:30] for t in result.tasks]


def test_a_secretarys_conclusions_as_work_to_do_are_tasks() -> None:
    result = parse_text(
        "\n\n".join(
            [
                "Đảng ủy xã An Bình họp hội nghị thường kỳ tháng 8",
                "Kết luận Hội nghị, đồng chí Nguyễn Văn A, Bí thư Đảng ủy xã nhấn mạnh một số công "
                "việc trọng tâm cần tổ chức thực hiện trong tháng 9 năm 2020, cụ thể như sau:",
                "- Các ngành và các đơn vị bám vào chương trình công tác tháng để thực hiện.",
                "- Giao Ủy ban nhân dân xã chỉ đạo tăng cường công tác tuần tra.",
            ]
        )
    )
    assert _tasks(result) == [
        "Các ngành và các đơn vị bám và",
        "Giao Ủy ban nhân dân xã chỉ đạ",
    ]


def test_points_given_to_a_body_in_a_conclusion_are_tasks() -> None:
    result = parse_text(
        "\n\n".join(
            [
                "Kết luận 155: Khẩn trương ban hành chính sách hỗ trợ",
                "Tại phiên họp ngày 16/5/2025, sau khi nghe Báo cáo của Ban Tổ chức Trung ương, Bộ "
                "Chính trị, Ban Bí thư giao Đảng ủy Chính phủ lãnh đạo, chỉ đạo một số nội dung sau "
                "tại Kết luận 155-KL/TW:",
                "- Đảng ủy Bộ Nội vụ chủ trì hướng dẫn việc số hóa tài liệu.",
                "- Khẩn trương hoàn thiện dự thảo các văn bản quy định về chính quyền địa phương.",
            ]
        )
    )
    assert _tasks(result) == [
        "Đảng ủy Bộ Nội vụ chủ trì hướn",
        "Khẩn trương hoàn thiện dự thảo",
    ]


def test_guard_contents_announced_without_work_are_no_tasks() -> None:
    """Guard: "Nội dung cụ thể như sau:" in a report's account gives no work to anyone."""
    result = parse_text(
        "\n\n".join(
            [
                "BÁO CÁO kết quả công tác tháng 8",
                "Trong tháng, Đảng ủy đã tổ chức hội nghị, nội dung cụ thể như sau:",
                "- Hội nghị đã quán triệt các nghị quyết của cấp trên.",
            ]
        )
    )
    assert _tasks(result) == []
