"""Issue 13 item 12: a new office's first start offers a short setup; filled with real key events,
it lets the first conclusion be drafted, issued and numbered without visiting Settings."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard
from sqlalchemy import select

from ketluan_desktop.core.org import office_setup
from ketluan_desktop.core.org.models import Organisation, Person, Term
from ketluan_desktop.ui import dialogs, first_run

# Shown for real, a wizard is a window with a minimum size, which the offscreen platform reports.
OFFSCREEN = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _next(qtbot, wizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _fill(qtbot, wizard, typer) -> None:
    """What a clerk types, page by page."""
    assert isinstance(wizard.currentPage(), first_run.WelcomePage)
    _next(qtbot, wizard)
    office = wizard.currentPage()
    typer(office.issuer, "Đảng ủy Khối các cơ quan tỉnh")
    assert office.symbol.text() == "ĐUK"  # suggested from the name
    typer(office.parent_name, "Đảng bộ tỉnh Thái Nguyên")
    _next(qtbot, wizard)
    assert wizard.currentPage() is office and "Hãy ghi địa danh" in office.error.text()
    typer(office.place, "Thái Nguyên")
    typer(office.office, "Văn phòng Đảng ủy Khối")
    _next(qtbot, wizard)
    term = wizard.currentPage()
    assert isinstance(term, first_run.TermPage)
    qtbot.keyClicks(term.label, "IX")
    qtbot.keyClicks(term.start, "1/7/2025")
    qtbot.keyClicks(term.end, "30/6/30")
    _next(qtbot, wizard)
    signers = wizard.currentPage()
    assert isinstance(signers, first_run.SignersPage)
    name, position, title, _default = signers.rows[0]
    typer(name, "Hoàng Thanh Hải")
    typer(position, "Bí thư Đảng ủy Khối")
    assert title.placeholderText() == "BÍ THƯ"
    name2, position2, _t2, default2 = signers.rows[1]
    typer(name2, "Nguyễn Thị Thu Hương")
    typer(position2, "Phó Bí thư Thường trực Đảng ủy Khối")
    qtbot.mouseClick(default2, Qt.MouseButton.LeftButton)
    _next(qtbot, wizard)
    units = wizard.currentPage()
    assert isinstance(units, first_run.UnitsPage)
    for i, unit in enumerate(("Văn phòng Đảng ủy Khối", "Ban Tổ chức", "Ủy ban Kiểm tra")):
        if i:
            qtbot.keyClick(units.units, Qt.Key.Key_Return)
        typer(units.units, unit)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)


@OFFSCREEN
def test_the_first_start_sets_up_the_office_then_the_first_conclusion_gets_01(
    qtbot, make_window, db, monkeypatch, typer
):
    monkeypatch.setattr(dialogs, "ask_save_discard_cancel", lambda *a: "discard")
    w = make_window(db)
    seen = []

    def drive(wizard):
        seen.append(wizard)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        _fill(qtbot, wizard, typer)
        return wizard.result()

    monkeypatch.setattr(dialogs, "exec_dialog", drive)
    first_run.offer_at_start(w)
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted and seen[0].saved
    with db.session() as s:
        assert not office_setup.needs_setup(s)
        term = s.scalars(select(Term)).one()
        assert (term.label, term.start_date, term.end_date) == (
            "IX",
            date(2025, 7, 1),
            date(2030, 6, 30),
        )
        assert {p.full_name for p in s.scalars(select(Person))} == {
            "Hoàng Thanh Hải",
            "Nguyễn Thị Thu Hương",
        }
        assert "Ủy ban Kiểm tra" in set(s.scalars(select(Organisation.name)))

    # The first conclusion, straight away: drafted, issued, numbered.
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: 0)
    editor = w.meetings.new_document("KL", None)
    qtbot.addWidget(editor)
    editor.preview.synchronous = True
    d = editor.model.draft
    assert d.issuer == "Đảng ủy Khối các cơ quan tỉnh" and d.place == "Thái Nguyên"
    typer(editor.header.subject, "Hội nghị Ban Thường vụ lần thứ nhất")
    first = editor.body_view.row(d.sections[0].blocks[0].key).edit
    typer(first, "Ban Thường vụ Đảng ủy Khối đã họp và kết luận.")
    editor.act_issue.trigger()
    assert editor.model.draft.status == "issued"
    assert editor.model.draft.number_symbol == "01-KL/ĐUK"
    editor.shutdown()


@OFFSCREEN
def test_skipping_at_the_first_start_is_remembered(qtbot, make_window, db, monkeypatch):
    w = make_window(db)

    def skip(wizard):
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton
        )
        assert wizard.button(QWizard.WizardButton.CancelButton).text() == "Bỏ qua"
        return wizard.result()

    monkeypatch.setattr(dialogs, "exec_dialog", skip)
    first_run.offer_at_start(w)
    with db.session() as s:
        assert not office_setup.needs_setup(s)
    shown = []
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: shown.append(d) or 0)
    first_run.offer_at_start(w)
    assert shown == []  # not offered again…
    w.act_setup.trigger()  # …but always in «Công cụ → Thiết lập ban đầu…»
    assert isinstance(shown[0], first_run.SetupWizard)


def test_the_demo_office_is_not_asked(make_window, demo_db, shown_dialogs):
    w = make_window(demo_db)
    first_run.offer_at_start(w)
    assert shown_dialogs == []


def test_reopening_shows_what_is_set_up(qtbot, make_window, demo_db, monkeypatch):
    w = make_window(demo_db)
    shown = []
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: shown.append(d) or 0)
    w.act_setup.trigger()
    wizard = shown[0]
    qtbot.addWidget(wizard)
    office = wizard.setup_pages[1]
    assert office.issuer.text() == "Đảng ủy Khối các cơ quan tỉnh"
    assert office.symbol.text() == "ĐUK"
    assert wizard.setup_pages[2].label.text() == "IX"
    assert wizard.setup_pages[3].rows[0][0].text()
