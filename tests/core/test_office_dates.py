"""Dates and numbers as the office types and writes them (core/text/dates.py, numbers.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.text.dates import (
    date_in_words,
    format_date,
    format_moment,
    full_year,
    parse_date,
    parse_optional_date,
)
from ketluan_desktop.core.text.numbers import thousands

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("25/11/2026", date(2026, 11, 25)),
        ("5/7/2024", date(2024, 7, 5)),
        ("05/07/2024", date(2024, 7, 5)),
        ("25/11/26", date(2026, 11, 25)),
        ("5/2/80", date(1980, 2, 5)),  # a birth date: 80 years back, not 2080
        ("25.11.2026", date(2026, 11, 25)),
        ("25-11-2026", date(2026, 11, 25)),
        (" 25 / 11 / 2026 ", date(2026, 11, 25)),
        ("25112026", date(2026, 11, 25)),
        ("2026-11-25", date(2026, 11, 25)),
    ],
)
def test_the_forms_a_clerk_types(typed, expected):
    assert parse_date(typed, today=TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31/2/2024", "Ngày báo mất thẻ «31/2/2024» không có thật: tháng 2/2024 không có ngày 31."),
        ("25/13/2026", "Ngày báo mất thẻ «25/13/2026»: không có tháng 13."),
        ("2026", "Ngày báo mất thẻ chỉ có năm (2026); cần đủ ngày, tháng, năm."),
        ("hôm qua", "Ngày báo mất thẻ «hôm qua» không đọc được. Hãy ghi ngày/tháng/năm"),
        ("25/11-2026", "không đọc được"),
        ("", "Ngày báo mất thẻ chưa được ghi."),
    ],
)
def test_what_is_not_a_date_is_said_in_vietnamese(typed, says):
    with pytest.raises(ValidationError) as err:
        parse_date(typed, today=TODAY, what="Ngày báo mất thẻ")
    assert says in err.value.message


def test_two_digit_years_read_against_today():
    assert full_year(26, TODAY) == 2026
    assert full_year(46, TODAY) == 2046  # up to 20 years ahead (a term's end)
    assert full_year(47, TODAY) == 1947
    assert full_year(26, None) == 2026 and full_year(80, None) == 1980


def test_an_empty_optional_date_is_no_date():
    assert parse_optional_date("  ") is None and parse_optional_date(None) is None
    assert parse_optional_date("1/1/2025") == date(2025, 1, 1)


def test_the_one_way_dates_are_written():
    assert format_date(date(2026, 2, 5)) == "05/02/2026"
    assert format_date(None) == "" and format_date(None, "—") == "—"
    assert date_in_words(date(2024, 7, 5)) == "ngày 5 tháng 7 năm 2024"
    assert date_in_words(date(2026, 2, 5), pad_day_upto=9, pad_month_upto=2) == (
        "ngày 05 tháng 02 năm 2026"
    )
    assert date_in_words(date(2026, 3, 15), pad_day_upto=9, pad_month_upto=2) == (
        "ngày 15 tháng 3 năm 2026"
    )


def test_the_one_way_moments_are_written():
    at = datetime(2026, 2, 5, 14, 3, 9)
    assert format_moment(at) == "05/02/2026 14:03"
    assert format_moment(at, seconds=True) == "05/02/2026 14:03:09"
    assert format_moment(at, time_first=True) == "14:03 05/02/2026"
    assert format_moment(at, seconds=True, time_first=True, between=" ngày ") == (
        "14:03:09 ngày 05/02/2026"
    )


def test_thousands_with_dots():
    assert [thousands(n) for n in (0, 999, 1000, 12345, 1_000_000, -4500)] == [
        "0",
        "999",
        "1.000",
        "12.345",
        "1.000.000",
        "-4.500",
    ]


def test_a_task_deadline_takes_the_same_typed_dates():
    from ketluan_desktop.core.tasks.deadlines import parse_deadline

    assert parse_deadline("25/11/26", today=TODAY).date == date(2026, 11, 25)
    assert parse_deadline("5/7/2027", today=TODAY).date == date(2027, 7, 5)
    assert parse_deadline("quý III/2026", today=TODAY).date == date(2026, 9, 30)
