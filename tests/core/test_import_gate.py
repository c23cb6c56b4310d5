"""The import gate (``core/import_gate``): a year's holiday calendar computed on a background
thread waits while start-up has the gate closed (before Qt is loaded), never on the main thread."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from ketluan_desktop.core import import_gate, workdays


@pytest.fixture
def closed_gate():
    import_gate.close()
    yield
    import_gate.open_()


def _uncached_year(monkeypatch) -> int:
    workdays._calendar.cache_clear()
    monkeypatch.setattr(workdays, "_store", lambda: None)  # nothing kept: the year is computed
    return 2031


def test_a_background_thread_waits_for_the_gate(closed_gate, monkeypatch):
    year = _uncached_year(monkeypatch)
    answer: list[bool] = []
    t = threading.Thread(target=lambda: answer.append(workdays.is_working_day(date(year, 9, 2))))
    t.start()
    t.join(0.5)
    assert t.is_alive() and not answer  # waiting at the gate, the calendar not imported for it
    import_gate.open_()
    t.join(30)
    assert answer == [False]  # 2/9, Vietnam's National Day
    workdays._calendar.cache_clear()


def test_the_main_thread_never_waits(closed_gate, monkeypatch):
    year = _uncached_year(monkeypatch)
    assert workdays.is_working_day(date(year, 9, 2)) is False
    workdays._calendar.cache_clear()
