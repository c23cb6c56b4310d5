"""Cài đặt with the runner's real thread (issue 14, «the UI thread only paints»): the office's
names, the terms, the layout profiles and the usual recipients are read and written on the
runner's thread — no SQL on the UI thread — each button off while its change is written (a double
click writes once), a refusal said with the form kept, and a dialog closed before its answers
arrive dropping them."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from ketluan_desktop.core.documents import layout_profiles, templates
from ketluan_desktop.core.org import organisations as org_service
from ketluan_desktop.core.org.models import Term

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LEFT = Qt.MouseButton.LeftButton


def _terms(db) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Term.label).order_by(Term.start_date)))


def _profiles(db) -> int:
    with db.session() as s:
        return len(layout_profiles.list_profiles(s))


def _recipients(db) -> tuple[list[str], str]:
    with db.session() as s:
        return templates.usual_recipients(s), templates.file_copy_line(s)


def _place(db, now) -> str | None:
    with db.session() as s:
        return org_service.names_on(s, org_service.issuing_body(s), now.date()).place_name


def _term_count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Term)) or 0


def _type_date(qtbot, field, text: str) -> None:
    field.selectAll()
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_settings_read_and_write_off_the_ui_thread(
    real_runner, allow_ui_stall, make_window, demo_db, now, qtbot, shown_dialogs, ui_thread_reads,
    unwatched,
):  # fmt: skip
    """allow_ui_stall: the stall budget of real deliveries is bench_gui_scale's (as in
    tests/ui/test_real_runner.py); what this test checks is where the SQL runs."""
    from ketluan_desktop.ui.settings_dialog import SettingsDialog

    seen, watching = ui_thread_reads
    w = make_window(demo_db)
    runner = w.ctx.runner
    dlg = SettingsDialog(w.ctx, w)  # its other tabs (signing, units, backups) are not this change's
    qtbot.waitUntil(lambda: not runner.busy and dlg.save_button.isEnabled())
    terms_tab, profiles, recipients = dlg.terms_tab, dlg.profiles_tab, dlg.recipients_tab
    watching["on"] = True

    # -- everything read again: on the runner, each part off until its answer is there
    dlg.issuer.clear()
    dlg._load()
    recipients.reload()
    profiles.reload()
    terms_tab.reload()
    assert not dlg.save_button.isEnabled() and not recipients.isEnabled()
    qtbot.waitUntil(lambda: not runner.busy and dlg.save_button.isEnabled())
    assert dlg.issuer.text() == "Đảng ủy Khối các cơ quan tỉnh"
    assert dlg.signer.count() > 1 and recipients.isEnabled()
    assert recipients.file_copy.text() == "Lưu Văn phòng ĐUK"
    assert [r.label for r in terms_tab.model.rows()] == list(reversed(unwatched(_terms, demo_db)))
    assert len(profiles.profiles) == unwatched(_profiles, demo_db)
    assert seen == []

    # -- a new term: a double click on «Lưu nhiệm kỳ» stores one
    before = unwatched(_term_count, demo_db)
    qtbot.mouseClick(terms_tab.new_button, LEFT)
    qtbot.keyClicks(terms_tab.label, "X")
    _type_date(qtbot, terms_tab.start, "01/07/2030")
    qtbot.mouseClick(terms_tab.save_button, LEFT)
    assert not terms_tab.save_button.isEnabled()  # off until it is written
    qtbot.mouseClick(terms_tab.save_button, LEFT)  # the second click: ignored
    qtbot.waitUntil(lambda: not runner.busy and terms_tab.save_button.isEnabled())
    assert unwatched(_term_count, demo_db) == before + 1
    assert terms_tab.model.row_at(0).label == "X" and terms_tab.label.text() == "X"

    # -- an overlapping term: refused with the reason, the form kept as typed
    qtbot.mouseClick(terms_tab.new_button, LEFT)
    qtbot.keyClicks(terms_tab.label, "XI")
    _type_date(qtbot, terms_tab.start, "01/01/2031")
    qtbot.mouseClick(terms_tab.save_button, LEFT)
    qtbot.waitUntil(lambda: not runner.busy and terms_tab.save_button.isEnabled())
    assert "trùng thời gian với khóa X" in shown_dialogs[-1][1]
    assert terms_tab.label.text() == "XI" and not terms_tab.delete_button.isEnabled()
    assert unwatched(_term_count, demo_db) == before + 1

    # -- a layout profile copied (double click: one copy), then a number out of range refused
    count = len(profiles.profiles)
    profiles.list.setCurrentRow(1)
    qtbot.mouseClick(profiles.duplicate_button, LEFT)
    assert not profiles.duplicate_button.isEnabled()
    qtbot.mouseClick(profiles.duplicate_button, LEFT)
    qtbot.waitUntil(lambda: not runner.busy and profiles.save_button.isEnabled())
    assert len(profiles.profiles) == count + 1 == unwatched(_profiles, demo_db)
    assert profiles.current.name.endswith("— bản của Văn phòng")
    profiles.editors["body_line_spacing_pt"].setValue(12)
    qtbot.mouseClick(profiles.save_button, LEFT)
    qtbot.waitUntil(lambda: not runner.busy and profiles.save_button.isEnabled())
    assert "Giãn dòng nội dung phải trong khoảng 18–30 pt" in shown_dialogs[-1][1]
    assert profiles.editors["body_line_spacing_pt"].value() == 12  # kept as typed

    # -- the usual recipients
    recipients.lines.setPlainText("Thường trực ĐUK\n\nCác TCCSĐ trực thuộc,")
    qtbot.mouseClick(recipients.save_button, LEFT)
    assert not recipients.save_button.isEnabled()
    qtbot.waitUntil(lambda: not runner.busy and recipients.isEnabled())
    assert unwatched(_recipients, demo_db)[0] == [
        "Thường trực ĐUK",
        "Các TCCSĐ trực thuộc",
    ]
    assert recipients.lines.toPlainText() == "Thường trực ĐUK\nCác TCCSĐ trực thuộc"

    # -- the office's names: «Lưu» writes them, then the dialog closes
    dlg.place.clear()
    qtbot.keyClicks(dlg.place, "Thai Nguyen moi")
    qtbot.mouseClick(dlg.save_button, LEFT)
    assert not dlg.save_button.isEnabled()
    qtbot.waitUntil(lambda: not runner.busy and dlg.result() == QDialog.DialogCode.Accepted)
    assert unwatched(_place, demo_db, now) == "Thai Nguyen moi"
    watching["on"] = False
    assert seen == []
    assert len([m for kind, m in shown_dialogs if kind == "error"]) == 2  # the two refusals


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_a_settings_dialog_closed_before_its_answers_drops_them(
    real_runner, allow_ui_stall, make_window, demo_db, qtbot, shown_dialogs
):
    """The office's names, the terms, the profiles, the recipients and the units asked, the
    dialog deleted before any answer: nothing reaches its widgets."""
    from ketluan_desktop.ui.settings_dialog import SettingsDialog

    w = make_window(demo_db)
    runner = w.ctx.runner
    dlg = SettingsDialog(w.ctx, w)
    shiboken6.delete(dlg)  # closed at once: its reads are still on the runner
    qtbot.waitUntil(lambda: not runner.busy)
    qtbot.wait(50)
    assert shown_dialogs == []
