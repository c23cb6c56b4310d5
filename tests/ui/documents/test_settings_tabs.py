"""Settings: terms, layout profiles (built-ins seeded, copies edited), usual recipients."""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.documents import layout_profiles, templates


def _dialog(qtbot, db, now):
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.settings_dialog import SettingsDialog

    create_application()
    ctx = AppContext(db, clock=lambda: now)
    dlg = SettingsDialog(ctx)
    qtbot.addWidget(dlg)
    return dlg


def test_terms_tab_adds_a_term_and_refuses_an_overlap(qtbot, office_db, now, shown_dialogs):
    dlg = _dialog(qtbot, office_db, now)
    tab = dlg.terms_tab
    assert [r.label for r in tab.model.rows()] == ["IX", "VIII"]
    tab.new_term()
    tab.label.setText("x")
    tab.start.selectAll()
    qtbot.keyClicks(tab.start, "1/1/30")
    tab.open_ended.setChecked(True)
    tab.save_term()
    assert "trùng thời gian với khóa IX" in shown_dialogs[-1][1]
    tab.start.selectAll()
    qtbot.keyClicks(tab.start, "01/07/2030")
    tab.save_term()
    assert [r.label for r in tab.model.rows()] == ["X", "IX", "VIII"]
    assert tab.model.row_at(0).end_date is None and tab.model.row_at(0).start_date == date(
        2030, 7, 1
    )
    assert tab.delete_button.isEnabled()
    tab.delete_term()
    assert [r.label for r in tab.model.rows()] == ["IX", "VIII"]


def test_profiles_tab_copies_edits_and_makes_default(qtbot, office_db, now, shown_dialogs):
    dlg = _dialog(qtbot, office_db, now)
    tab = dlg.profiles_tab
    assert [p.name for p in tab.profiles] == ["HD 05-HD/VPTW (2026)", "HD 36-HD/VPTW (2018)"]
    tab.list.setCurrentRow(1)
    assert tab.current.builtin and not tab.save_button.isEnabled()
    assert not tab.editors["body_size"].isEnabled()
    tab.duplicate()
    assert (
        tab.current.name == "HD 36-HD/VPTW (2018) — bản của Văn phòng" and not tab.current.builtin
    )
    tab.editors["body_line_spacing_pt"].setValue(12)
    tab.save()
    assert "Giãn dòng nội dung phải trong khoảng 18–30 pt" in shown_dialogs[-1][1]
    tab.editors["body_line_spacing_pt"].setValue(20)
    tab.editors["margin_left_mm"].setValue(32)
    errors = len(shown_dialogs)
    tab.save()
    tab.make_default()
    assert len(shown_dialogs) == errors
    with office_db.session() as s:
        _pid, profile = layout_profiles.default(s)
        assert profile.margin_left_mm == 32 and profile.body_line_spacing_pt == 20
    tab.try_out()
    qtbot.addWidget(tab.preview)
    assert tab.preview.document.pageCount() == 5  # 20 pt lines and wider margins: a page more
    tab.preview.close()


def test_recipients_tab_saves_the_usual_list(qtbot, office_db, now):
    dlg = _dialog(qtbot, office_db, now)
    tab = dlg.recipients_tab
    assert tab.file_copy.text() == "Lưu Văn phòng ĐUK"
    tab.lines.setPlainText("Thường trực ĐUK\nCác TCCSĐ trực thuộc,\n\n")
    tab.file_copy.setText("Lưu VP Đảng ủy Khối")
    tab.save()
    with office_db.session() as s:
        assert templates.usual_recipients(s) == ["Thường trực ĐUK", "Các TCCSĐ trực thuộc"]
        draft = templates.new_draft(s, "KL", today=now.date())
    assert draft.recipients == ["Thường trực ĐUK", "Các TCCSĐ trực thuộc", "Lưu VP Đảng ủy Khối"]
