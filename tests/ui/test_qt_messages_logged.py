"""Qt's own warnings reach the app's log file, not only a console nobody sees (issue 19)."""

from __future__ import annotations

import logging

import pytest


@pytest.mark.qt_log_ignore("kl-test: a Qt warning")
def test_a_qt_warning_is_logged(qtbot, caplog) -> None:
    from PySide6.QtCore import qWarning

    from ketluan_desktop.ui.application import create_application

    create_application()
    with caplog.at_level(logging.WARNING, logger="ketluan_desktop.qt"):
        qWarning("kl-test: a Qt warning")
    records = [r for r in caplog.records if r.name == "ketluan_desktop.qt"]
    assert any("kl-test: a Qt warning" in r.getMessage() for r in records)
    caplog.clear()  # expected: the strict-log check in conftest must not count it
