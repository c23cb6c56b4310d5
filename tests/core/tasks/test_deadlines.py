"""Deadlines as the documents write them."""

from __future__ import annotations

from datetime import date

import pytest

from ketluan_desktop.core.errors import KetLuanError, ValidationError
from ketluan_desktop.core.tasks.deadlines import describe, parse_deadline

TODAY = date(2024, 7, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 tháng cuối năm 2024", date(2024, 12, 31)),
        ("6 tháng đầu năm 2025", date(2025, 6, 30)),
        ("quý III/2024", date(2024, 9, 30)),
        ("Quý I năm 2025", date(2025, 3, 31)),
        ("quy iv/2024", date(2024, 12, 31)),
        ("năm 2025", date(2025, 12, 31)),
        ("trong năm 2025", date(2025, 12, 31)),
        ("cuối năm 2024", date(2024, 12, 31)),
        ("tháng 9/2024", date(2024, 9, 30)),
        ("tháng 2 năm 2024", date(2024, 2, 29)),
        ("9 tháng đầu năm 2024", date(2024, 9, 30)),
        ("nửa đầu năm 2025", date(2025, 6, 30)),
        ("trước ngày 15/10/2024", date(2024, 10, 15)),
        ("15/10/2024", date(2024, 10, 15)),
        ("2024-10-15", date(2024, 10, 15)),
        ("ngày 5 tháng 3 năm 2025", date(2025, 3, 5)),
        ("quý II", date(2024, 6, 30)),  # the year of "today" when the text names none
        ("trước 30/9", date(2024, 9, 30)),
    ],
)
def test_periods_and_dates_end_on_the_right_day(text, expected):
    d = parse_deadline(text, today=TODAY)
    assert d.date == expected
    assert d.cycle is None


def test_the_period_text_is_kept_but_a_plain_date_is_not():
    assert parse_deadline("quý III/2024").text == "quý III/2024"
    assert parse_deadline("15/10/2024").text is None


@pytest.mark.parametrize(
    ("text", "cycle"),
    [
        ("thường xuyên", "half_year"),
        ("Thường xuyên, báo cáo hằng quý", "quarterly"),
        ("thuong xuyen, bao cao hang thang", "monthly"),
        ("hằng năm", "yearly"),
        ("định kỳ 6 tháng", "half_year"),
    ],
)
def test_standing_tasks_have_no_deadline_but_a_reporting_cycle(text, cycle):
    d = parse_deadline(text)
    assert d.date is None and d.cycle == cycle and d.is_standing


def test_empty_means_no_deadline():
    d = parse_deadline("  ")
    assert (d.date, d.text, d.cycle) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("sớm nhất có thể", "Không hiểu thời hạn «sớm nhất có thể»"),
        ("31/02/2024", "không phải là một ngày có thật"),
        ("tháng 13/2024", "tháng 13 không có"),
        ("quý III", "chưa ghi năm"),
    ],
)
def test_bad_deadlines_say_what_is_wrong_and_what_to_write(text, words):
    with pytest.raises(ValidationError) as err:
        parse_deadline(text)
    assert isinstance(err.value, KetLuanError)
    assert words in err.value.message


def test_describe_shows_the_date_and_the_documents_words():
    assert describe(date(2024, 12, 31), "6 tháng cuối năm 2024", None) == (
        "31/12/2024 (6 tháng cuối năm 2024)"
    )
    assert describe(date(2024, 10, 15), None, None) == "15/10/2024"
    assert describe(None, "thường xuyên", "half_year") == "Thường xuyên, báo cáo 6 tháng một lần"
    assert describe(None, "Thường xuyên, báo cáo hằng quý", "quarterly") == (
        "Thường xuyên, báo cáo hằng quý"
    )
    assert describe(None, None, None) == "Không thời hạn"
