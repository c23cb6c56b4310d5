"""The GUI shortens Python's thread switch interval so background threads cannot stall painting."""

from __future__ import annotations

import sys

import pytest

from ketluan_desktop.ui import application


@pytest.fixture(autouse=True)
def _restore():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


def test_the_gui_switches_threads_every_half_millisecond(monkeypatch):
    monkeypatch.delenv("KETLUAN_SWITCH_INTERVAL", raising=False)
    sys.setswitchinterval(0.005)
    application.create_application()
    assert sys.getswitchinterval() == pytest.approx(0.0005)


def test_the_environment_overrides_it(monkeypatch):
    monkeypatch.setenv("KETLUAN_SWITCH_INTERVAL", "0.002")
    assert application.set_switch_interval() == pytest.approx(0.002)
    assert sys.getswitchinterval() == pytest.approx(0.002)


@pytest.mark.parametrize("raw", ["nhanh", "0", "-1"])
def test_a_value_that_is_no_positive_number_keeps_the_default(monkeypatch, caplog, raw):
    monkeypatch.setenv("KETLUAN_SWITCH_INTERVAL", raw)
    assert application.set_switch_interval() == pytest.approx(0.0005)
    assert "KETLUAN_SWITCH_INTERVAL" in caplog.text
    caplog.clear()  # the warning was the point
