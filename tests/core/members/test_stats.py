"""Figures of a period and the report sentence, written exactly as the office writes it."""

from __future__ import annotations

from datetime import date

import pytest

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.members import figures as stats
from ketluan_desktop.core.members.models import Member, Procedure

SAMPLE_SENTENCE = (
    "Kết luận tiêu chuẩn chính trị đối với 394 trường hợp; xét kết nạp 73 quần chúng ưu tú vào "
    "Đảng, chuyển đảng chính thức cho 68 đảng viên dự bị; đề nghị tặng Huy hiệu 40 năm tuổi Đảng "
    "cho 01 đồng chí, 30 năm tuổi Đảng cho 07 đồng chí. Cấp mới thẻ đảng viên cho 69 đồng chí, cấp "
    "lại thẻ bị mất cho 04 đồng chí; có văn bản đồng ý cho 85 đảng viên đi tham quan, học tập, "
    "công tác ở nước ngoài."
)


def test_the_first_half_of_2024_gives_the_conclusions_sentence_from_the_records(mdb):
    with mdb.session() as s:
        f = stats.figures(s, date(2024, 1, 1), date(2024, 6, 30))
        assert stats.sentence(f) == SAMPLE_SENTENCE
        assert stats.procedure_sentence(s, date(2024, 1, 1), date(2024, 6, 30)) == SAMPLE_SENTENCE
    assert f.by_kind() == {
        "political_standard": 394,
        "admission": 73,
        "official_membership": 68,
        "badge": 8,
        "card_new": 69,
        "card_reissue": 4,
        "travel_abroad": 85,
        "transfer": 0,
        "discipline": 0,
    }
    assert f.badges() == [(40, 1), (30, 7)]
    data = f.to_json()
    assert data["badges"] == {"30": 7, "40": 1}
    assert data["card_reissue_by_reason"] == {"mất": 4}
    assert data["sentence"] == SAMPLE_SENTENCE


def test_the_sentence_is_not_stored_it_follows_the_records(mdb):
    with mdb.write_session() as s:
        one = (
            s.query(Procedure)
            .filter(
                Procedure.kind == "travel_abroad",
                Procedure.counted_on <= date(2024, 6, 30),
                Procedure.counted_on >= date(2024, 1, 1),
            )
            .first()
        )
        one.status = "rejected"
    with mdb.session() as s:
        text = stats.procedure_sentence(s, date(2024, 1, 1), date(2024, 6, 30))
    assert "có văn bản đồng ý cho 84 đảng viên" in text


def test_another_period_gives_other_figures(mdb):
    with mdb.session() as s:
        f = stats.figures(s, date(2024, 7, 1), date(2024, 12, 31))
    assert f.get("political_standard") == 150
    assert f.get("travel_abroad") == 52
    assert f.badges() == [(30, 3)]
    assert f.reissue_by_reason == {"hư hỏng": 1}
    assert "Cấp lại thẻ bị hư hỏng cho 01 đồng chí;" in stats.sentence(f)


def test_a_period_without_records_gives_no_sentence(mdb):
    with mdb.session() as s:
        f = stats.figures(s, date(2010, 1, 1), date(2010, 6, 30))
    assert f.total == 0
    assert stats.sentence(f) == ""
    assert all(n == 0 for n in f.by_kind().values())


def test_an_inverted_period_is_refused_in_vietnamese(mdb):
    with mdb.session() as s, pytest.raises(ValidationError) as err:
        stats.figures(s, date(2024, 6, 30), date(2024, 1, 1))
    assert "ngày kết thúc 01/01/2024 trước ngày bắt đầu 30/06/2024" in str(err.value)


# --- small periods built by hand: single digits, missing parts, punctuation -------------------
def _add(s, kind: str, on: date, status: str = "completed", **fields) -> None:
    m = Member(full_name="Nguyễn Văn Tuấn", status="full")
    s.add(m)
    s.flush()
    s.add(Procedure(kind=kind, member_id=m.id, status=status, counted_on=on, **fields))


def _sentence(db, start=date(2025, 1, 1), end=date(2025, 6, 30)) -> str:
    with db.session() as s:
        return stats.procedure_sentence(s, start, end)


def test_single_digit_counts_take_two_digits(db):
    d = date(2025, 3, 10)
    with db.write_session() as s:
        for _ in range(3):
            _add(s, "political_standard", d, reason="bổ nhiệm")
        _add(s, "admission", d)
        _add(s, "badge", d, badge_years=50)
        _add(s, "badge", d, badge_years=45)
        _add(s, "badge", d, badge_years=45)
        _add(s, "card_new", d)
        _add(s, "card_reissue", d, reason="mất")
        _add(s, "card_reissue", d, reason="hư hỏng")
        for purpose in ("học tập", "việc riêng"):
            _add(s, "travel_abroad", d, status="approved", reason=purpose)
    assert _sentence(db) == (
        "Kết luận tiêu chuẩn chính trị đối với 03 trường hợp; xét kết nạp 01 quần chúng ưu tú vào "
        "Đảng; đề nghị tặng Huy hiệu 50 năm tuổi Đảng cho 01 đồng chí, 45 năm tuổi Đảng cho 02 "
        "đồng chí. Cấp mới thẻ đảng viên cho 01 đồng chí, cấp lại thẻ bị mất cho 01 đồng chí, bị "
        "hư hỏng cho 01 đồng chí; có văn bản đồng ý cho 02 đảng viên đi học tập, việc riêng ở nước "
        "ngoài."
    )


def test_ten_is_written_as_ten(db):
    with db.write_session() as s:
        for _ in range(10):
            _add(s, "official_membership", date(2025, 6, 30))
    assert _sentence(db) == "Chuyển đảng chính thức cho 10 đảng viên dự bị."


def test_only_the_second_sentence(db):
    with db.write_session() as s:
        _add(s, "travel_abroad", date(2025, 1, 1), reason="công tác")
    assert _sentence(db) == "Có văn bản đồng ý cho 01 đảng viên đi công tác ở nước ngoài."


def test_only_badges(db):
    with db.write_session() as s:
        _add(s, "badge", date(2025, 2, 3), badge_years=30)
    assert _sentence(db) == "Đề nghị tặng Huy hiệu 30 năm tuổi Đảng cho 01 đồng chí."


def test_open_and_rejected_procedures_and_dates_outside_never_count(db):
    with db.write_session() as s:
        _add(s, "card_new", date(2025, 3, 1), status="received")
        _add(s, "card_new", date(2025, 3, 1), status="processing")
        _add(s, "card_new", date(2025, 3, 1), status="rejected")
        _add(s, "card_new", date(2024, 12, 31))
        _add(s, "card_new", date(2025, 7, 1))
        _add(s, "card_new", date(2025, 1, 1))  # the bounds count
        _add(s, "card_new", date(2025, 6, 30), status="approved")
    assert _sentence(db) == "Cấp mới thẻ đảng viên cho 02 đồng chí."


def test_transfers_and_discipline_are_counted_but_not_in_the_sentence(db):
    with db.write_session() as s:
        _add(s, "transfer", date(2025, 2, 1))
        _add(s, "discipline", date(2025, 2, 1), reason="khiển trách")
    with db.session() as s:
        f = stats.figures(s, date(2025, 1, 1), date(2025, 6, 30))
    assert f.get("transfer") == 1 and f.get("discipline") == 1
    assert stats.sentence(f) == ""


def test_report_periods_name_halves_years_and_quarters():
    periods = stats.report_periods(date(2026, 11, 29))
    labels = [p.label for p in periods]
    assert labels[:3] == ["6 tháng cuối năm 2026", "6 tháng đầu năm 2026", "Năm 2026"]
    first_half = next(p for p in periods if p.label == "6 tháng đầu năm 2024")
    assert (first_half.start, first_half.end) == (date(2024, 1, 1), date(2024, 6, 30))
    q3 = next(p for p in periods if p.label == "Quý III năm 2026")
    assert (q3.start, q3.end) == (date(2026, 7, 1), date(2026, 9, 30))
    assert "Quý I năm 2027" not in labels
    assert (
        stats.period_text(date(2024, 1, 1), date(2024, 6, 30))
        == "từ ngày 01/01/2024 đến ngày 30/06/2024"
    )
