"""Working days: weekends and Vietnamese public holidays (Tết and the other lunar ones) skipped.

The calendar comes from the maintained ``holidays`` package, not a hand-typed list. Loading it
costs ~0.25 s (the package imports every country's module), paid on each start by the reminders'
counts; so a year's Vietnamese dates, once computed, are kept in a small file in the user's data
folder, keyed by the Vietnamese calendar's source file (a new ``holidays`` release, or an app
update bringing one, computes them afresh). Where that source is not a file (the frozen bundle
reads its modules from an archive) the package is simply imported.
"""

from __future__ import annotations

import functools
import json
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

_writing = threading.Lock()  # the reminders' threads may compute years side by side


@dataclass(frozen=True)
class _Year:
    holidays: frozenset[date]
    weekend_workdays: frozenset[date]  # Saturdays made working days for a bridge holiday


def _source_key() -> str | None:
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.origin:
        return None
    try:
        st = (Path(spec.origin).parent / "countries" / "vietnam.py").stat()
    except OSError:
        return None
    return f"{st.st_size}-{st.st_mtime_ns}"


def _cache_file(key: str) -> Path:
    from ketluan_desktop.core.paths import data_dir

    return data_dir() / "cache" / f"holidays-vn-{key}.json"


def _computed(year: int) -> _Year:
    from ketluan_desktop.core import import_gate

    import_gate.wait()  # start-up's first read may count the reminders before Qt is loaded
    import holidays

    cal = holidays.country_holidays("VN", years=[year])
    workdays = getattr(cal, "weekend_workdays", ())
    return _Year(
        frozenset(d for d in cal if d.year == year),
        frozenset(d for d in workdays if d.year == year),
    )


def _write(path: Path, data: dict) -> None:
    """Whole or not at all (another process may read it meanwhile); a failure only costs time."""
    from ketluan_desktop.core.errors import FileWriteError
    from ketluan_desktop.core.fsutil import write_bytes_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, json.dumps(data).encode("utf-8"))
    except (OSError, FileWriteError):
        pass


@functools.lru_cache(maxsize=1)
def _store() -> tuple[Path, dict] | None:
    """The kept years, read once per process (None: nowhere to keep them)."""
    key = _source_key()
    if key is None:
        return None
    from ketluan_desktop.core.fsutil import read_json_object

    path = _cache_file(key)
    return path, read_json_object(path)


@functools.lru_cache(maxsize=512)
def _calendar(year: int) -> _Year:
    store = _store()
    if store is None:
        return _computed(year)
    path, data = store
    kept = data.get(str(year))
    if isinstance(kept, dict):
        try:
            return _Year(
                frozenset(map(date.fromisoformat, kept["holidays"])),
                frozenset(map(date.fromisoformat, kept["weekend_workdays"])),
            )
        except (KeyError, TypeError, ValueError):
            pass  # a damaged entry: computed again below
    year_ = _computed(year)
    with _writing:
        data[str(year)] = {
            "holidays": sorted(d.isoformat() for d in year_.holidays),
            "weekend_workdays": sorted(d.isoformat() for d in year_.weekend_workdays),
        }
        _write(path, data)
    return year_


def is_working_day(d: date) -> bool:
    """Weekdays that are not public holidays, plus the Saturdays the Government makes working days
    in exchange for a bridge holiday (e.g. 22/8/2026)."""
    cal = _calendar(d.year)
    if d in cal.weekend_workdays:
        return True
    return d.weekday() < 5 and d not in cal.holidays


def add_working_days(start: date, n: int) -> date:
    """The date ``n`` working days after ``start`` (``start`` itself not counted)."""
    d = start
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        d += timedelta(days=step)
        if is_working_day(d):
            remaining -= 1
    return d


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    count = 0
    d = start
    while d < end:
        d += timedelta(days=1)
        if is_working_day(d):
            count += 1
    return count


def add_months(d: date, months: int) -> date:
    """Calendar months, clamped to the month's end (31/01 + 1 month = 29/02 in a leap year)."""
    import calendar

    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))
