"""Working days: Vietnamese public holidays from the maintained calendar."""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.workdays import add_working_days, is_working_day, working_days_between


def test_working_days_skip_tet_and_count_make_up_saturdays():
    assert not is_working_day(date(2025, 1, 29))  # Mùng 1 Tết Ất Tỵ
    assert not is_working_day(date(2026, 9, 2))  # Quốc khánh
    assert is_working_day(date(2026, 8, 22))  # a Saturday made a working day
    # 24/01/2025 (Friday) + 1 working day skips the weekend and the Tết break to 03/02/2025.
    assert add_working_days(date(2025, 1, 24), 1) == date(2025, 2, 3)
    assert working_days_between(date(2026, 8, 21), date(2026, 8, 24)) == 2  # Sat 22 + Mon 24
