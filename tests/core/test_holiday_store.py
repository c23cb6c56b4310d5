"""The Vietnamese holiday calendar kept per year in the user's data folder (core/workdays.py): the
kept dates are the package's own, a second process reads them without importing ``holidays``,
and a damaged file is computed afresh."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from ketluan_desktop.core import workdays

PROBE = """
import sys
from datetime import date
from ketluan_desktop.core.workdays import is_working_day, add_working_days
print(is_working_day(date(2026, 2, 17)), is_working_day(date(2026, 8, 22)),
      add_working_days(date(2026, 4, 24), 2), 'holidays' in sys.modules)
"""


def _run(tmp_path):
    env = {"KETLUAN_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True
    )
    return out.stdout.split()


def test_a_second_process_reads_the_kept_year_without_the_package(tmp_path):
    # Tết (17/02/2026) is a holiday; Saturday 22/08/2026 a working day for the 2/9 bridge;
    # two working days after Friday 24/04/2026: the weekend and Monday 27/4 (Giỗ Tổ Hùng Vương,
    # Sunday 26/4 observed) skipped, so 28/4 and 29/4.
    first = _run(tmp_path)
    assert first == ["False", "True", "2026-04-29", "True"]
    kept = list((tmp_path / "cache").glob("holidays-vn-*.json"))
    assert len(kept) == 1
    assert "2026-02-17" in json.loads(kept[0].read_text())["2026"]["holidays"]
    assert _run(tmp_path) == ["False", "True", "2026-04-29", "False"]


def test_the_kept_dates_are_the_packages(tmp_path, monkeypatch):
    import holidays

    monkeypatch.setenv("KETLUAN_DATA_DIR", str(tmp_path))
    workdays._store.cache_clear()
    workdays._calendar.cache_clear()
    try:
        for year in (2019, 2024, 2026):
            cal = holidays.country_holidays("VN", years=[year])
            d = date(year, 1, 1)
            while d.year == year:
                expected = d in getattr(cal, "weekend_workdays", ()) or (
                    d.weekday() < 5 and d not in cal
                )
                assert workdays.is_working_day(d) == expected, d
                d = date.fromordinal(d.toordinal() + 1)
    finally:
        workdays._store.cache_clear()
        workdays._calendar.cache_clear()


def test_a_damaged_file_is_computed_afresh(tmp_path):
    _run(tmp_path)
    kept = next((tmp_path / "cache").glob("holidays-vn-*.json"))
    kept.write_text("{not json", encoding="utf-8")
    assert _run(tmp_path) == ["False", "True", "2026-04-29", "True"]
    assert "2026" in json.loads(kept.read_text())
