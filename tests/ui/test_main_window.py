"""The main window shell, driven through its real widgets."""

from __future__ import annotations

import os
import subprocess
import sys

from engines import target_of
from PySide6.QtCore import Qt


def test_window_opens_on_demo_data_with_the_five_workspaces(make_window, demo_db):
    w = make_window(demo_db)
    titles = [w.rail.item(i).text() for i in range(w.rail.count())]
    assert titles == [
        "Hội nghị & văn bản",
        "Nhiệm vụ",
        "Đảng viên & thủ tục",
        "Tra cứu",
        "Tổng quan",
    ]
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["&Tệp", "&Sửa", "&Xem", "&Ký số", "&Công cụ", "Trợ &giúp"]
    assert demo_db.location.display in w.db_label.full_text()
    # Meetings: the 19th conference and its conclusion, read in the reading pane.
    assert w.meetings.stack.currentIndex() == 1
    assert w.meetings.meeting_model.rowCount() == 1
    assert "lần thứ 19" in w.meetings.meeting_model.row_at(0).name
    assert w.meetings.doc_model.row_at(0).number_symbol == "105-KL/ĐUK"
    assert "Tiếp tục triển khai hiệu quả Kết luận số 21-KL/TW" in w.meetings.reader.toPlainText()


def test_a_long_database_path_leaves_the_status_messages_their_room(make_window, demo_db, qtbot):
    """The full path pushed into the temporary message beside it: "…tệp: /Cơ sở dữ liệu: /tmp…"."""
    w = make_window(demo_db)
    long_path = "/srv/dữ liệu văn phòng/" + "thư mục con/" * 12 + "ketluan.db"
    w.db_label.setText(f"Cơ sở dữ liệu: {long_path}")
    w.statusBar().showMessage("Đã ký số văn bản 01-KL/ĐUK (Hoàng Thanh Hải); tệp: /tmp/a.pdf")
    qtbot.waitUntil(lambda: w.db_label.width() > 0)
    assert w.db_label.width() <= 430 and w.db_label.toolTip().endswith("ketluan.db")
    shown = w.db_label.text()
    assert (
        shown.startswith("Cơ sở dữ liệu: /srv/") and shown.endswith("ketluan.db") and "…" in shown
    )
    assert w.db_label.fontMetrics().horizontalAdvance(shown) <= w.db_label.width()


def test_every_model_passes_the_model_tester(make_window, demo_db, qtmodeltester):
    w = make_window(demo_db)
    for i in range(len(w.workspaces)):
        w.rail.setCurrentRow(i)
    w.members.tabs.setCurrentIndex(1)  # the members list loads when its tab is shown
    for model in (w.meetings.meeting_model, w.meetings.doc_model, w.tasks.model, w.members.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_tasks_workspace_shows_the_eight_tasks_overdue_after_their_deadline(
    make_window, demo_db, typing_paused
):
    w = make_window(demo_db)
    w.show_workspace("tasks")
    assert w.tasks.model.rowCount() == 8
    states = {w.tasks.model.row_at(i).state_label for i in range(8)}
    assert states == {"Quá hạn"}  # deadline 31/12/2024, today 29/11/2026
    w.tasks.search.setText("chinh tri tu tuong")
    typing_paused()
    assert w.tasks.model.rowCount() == 1
    assert "chính trị tư tưởng" in w.tasks.model.row_at(0).text


def test_members_workspace_writes_the_six_month_sentence(make_window, demo_db, typing_paused):
    from datetime import date

    w = make_window(demo_db)
    w.show_workspace("members")
    w.members.set_period(date(2024, 1, 1), date(2024, 6, 30))
    assert w.members.sentence.text().startswith(
        "Kết luận tiêu chuẩn chính trị đối với 394 trường hợp; xét kết nạp 73 quần chúng"
    )
    w.members.tabs.setCurrentIndex(1)
    w.members.search.setText("nguyen")
    typing_paused()
    names = [w.members.model.row_at(i).full_name for i in range(w.members.model.rowCount())]
    assert names and all(n.startswith("Nguyễn") or " Nguyễn" in n or "Nguyên" in n for n in names)


def test_search_finds_without_accents_across_areas(make_window, demo_db):
    w = make_window(demo_db)
    w.focus_search()
    w.search.set_query("dang uy khoi")
    top = [w.search.tree.topLevelItem(i).text(0) for i in range(w.search.tree.topLevelItemCount())]
    assert any(t.startswith("Nhiệm vụ") for t in top)
    w.search.set_query("28-NQ/TU")
    top = [w.search.tree.topLevelItem(i).text(0) for i in range(w.search.tree.topLevelItemCount())]
    assert any(t.startswith("Văn bản được viện dẫn") for t in top)


def test_search_finds_words_inside_a_documents_body_and_shows_them(make_window, demo_db):
    w = make_window(demo_db)
    w.search.set_query("dan van kheo")  # only in the body of the conclusion (and one task)
    tree = w.search.tree
    groups = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
    }
    docs = groups["Văn bản (1)"]
    hit = docs.child(0)
    assert hit.text(0).startswith("105-KL/ĐUK — Hội nghị Ban Chấp hành")
    assert "mô hình dân vận khéo" in hit.text(1) and hit.text(1).startswith("…")


def test_empty_database_shows_an_honest_empty_state_that_loads_the_demo(make_window, db):
    w = make_window(db)
    assert w.meetings.stack.currentIndex() == 0
    load_button = w.meetings.empty.buttons[1]
    assert load_button.text() == "Nạp dữ liệu mẫu"
    load_button.click()
    assert w.meetings.stack.currentIndex() == 1
    assert w.meetings.meeting_model.rowCount() == 1


def test_settings_dialog_saves_the_issuing_body(make_window, demo_db, now):
    from ketluan_desktop.core.org import organisations as org_service
    from ketluan_desktop.ui.settings_dialog import SettingsDialog

    w = make_window(demo_db)
    dlg = SettingsDialog(w.ctx, w)
    assert dlg.issuer.text() == "Đảng ủy Khối các cơ quan tỉnh"
    dlg.place.setText("Thái Nguyên mới")
    dlg.signer.setCurrentIndex(1)
    dlg.save()
    with demo_db.session() as s:
        names = org_service.names_on(s, org_service.issuing_body(s), now.date())
    assert names.place_name == "Thái Nguyên mới"


def test_about_dialog_lists_versions_and_the_database(make_window, demo_db, shown_dialogs):
    from ketluan_desktop.ui.about_dialog import AboutDialog

    w = make_window(demo_db)
    w.open_about()
    assert ("dialog", "AboutDialog") in shown_dialogs
    from PySide6.QtWidgets import QLabel, QTableWidget

    dlg = AboutDialog(demo_db.location.display)
    table = dlg.findChild(QTableWidget)
    libs = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert libs["SQLAlchemy"] == "MIT" and libs["PySide6-Essentials"] == "LGPL-3.0"
    assert any(demo_db.location.display in lbl.text() for lbl in dlg.findChildren(QLabel))


def test_window_geometry_and_workspace_persist(make_window, demo_db):
    w = make_window(demo_db)
    w.resize(1111, 777)
    w.show_workspace("members")
    w.close()
    from ketluan_desktop.ui.preferences import ui_settings

    saved = ui_settings().value("main/geometry")
    assert saved is not None and not saved.isEmpty()
    w2 = make_window(demo_db)
    assert w2.rail.currentRow() == 2
    # The offscreen screen is small, so Qt clamps what it restores; it must not be the default.
    assert (w2.width(), w2.height()) != (1360, 860)


# The members workspace's first Ctrl+3 still costs 70-140 ms of UI-thread CPU here: importing its
# modules (compiling them too, as the tests run under PYTHONDONTWRITEBYTECODE), laying out the
# dashboard, and the synchronous runner's results shown in the same event. Over the guard; issue
# 14's note tracks it.
def test_keyboard_shortcuts_switch_workspaces(make_window, demo_db, qtbot, allow_ui_stall):
    w = make_window(demo_db)
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert w.rail.currentRow() == 2
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.rail.currentRow() == 3


def _run_app(db_path, *args: str) -> subprocess.CompletedProcess:
    """``ketluan-desktop --db DB ARGS`` as its own process (offscreen, from the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop", "--db", str(db_path), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )


def test_screenshot_option_writes_one_png_per_workspace(demo_db, tmp_path):
    out = tmp_path / "ảnh"
    demo_db.dispose()
    r = _run_app(target_of(demo_db), "--screenshot", str(out))
    assert r.returncode == 0, r.stderr
    files = sorted(p.name for p in out.iterdir())
    assert files == [
        "editor.png",
        "meeting_form.png",
        "meetings.png",
        "members.png",
        "overview.png",
        "search.png",
        "tasks.png",
    ]
    from PySide6.QtGui import QImage

    img = QImage(str(out / "meetings.png"))
    assert img.width() >= 1200 and img.height() >= 800


def test_startup_probe_writes_when_the_window_was_painted(demo_db, tmp_path):
    import time

    probe = tmp_path / "painted.txt"
    demo_db.dispose()
    started = time.time()
    r = _run_app(target_of(demo_db), "--startup-probe", str(probe))
    assert r.returncode == 0, r.stderr
    moments = dict(line.split() for line in probe.read_text(encoding="ascii").splitlines())
    assert started < float(moments["window"]) <= float(moments["ready"]) < time.time()


def test_a_database_that_cannot_be_opened_is_refused_after_the_frame_shows(tmp_path):
    bad = tmp_path / "không phải.db"
    bad.write_bytes(b"day khong phai SQLite")
    r = _run_app(bad, "--screenshot", str(tmp_path / "ảnh"))
    assert r.returncode == 1
    assert r.stderr.startswith("Lỗi: Tệp ") and "không phải tệp SQLite" in r.stderr
    assert bad.read_bytes() == b"day khong phai SQLite"
    assert not (tmp_path / "ảnh").exists()


def test_opening_on_the_overview_builds_no_other_workspace_nor_the_templates_menu(
    make_window, demo_db, overview_at_start
):
    """Start-up pays for the workspace shown only (issue 14): the signing menu joins the
    documents lists when the meetings workspace is first built, and «Văn bản mới» lists the
    templates when it is first opened."""
    from ketluan_desktop.core.documents import templates
    from ketluan_desktop.ui import startup

    w = make_window(demo_db)
    assert w.first_workspace() == "overview"
    assert set(w._built) == {"overview"}
    assert "ketluan_desktop.ui.workspaces.meetings" not in startup.warm_modules("overview")
    assert "ketluan_desktop.ui.workspaces.meetings" in startup.warm_modules("meetings")
    assert w.new_document_menu.actions() == []
    w.new_document_menu.aboutToShow.emit()
    names = [a.text() for a in w.new_document_menu.actions()]
    assert names and names == [t.name for t in templates.list_templates()]
    w.new_document_menu.aboutToShow.emit()  # filled once
    assert len(w.new_document_menu.actions()) == len(names)
    assert not w.signing.act_sign.isEnabled()  # nothing to select yet
    w.show_workspace("meetings")
    assert w.signing.act_sign in w.meetings.doc_view.actions()
    assert w.signing.act_sign in w.meetings.documents_panel.view.actions()


def test_the_opening_message_is_whole_while_the_database_opens(qtbot):
    """«Đang mở cơ sở dữ liệu…» fits the status bar: it read "Đang mở c… dữ liệu…" on every start
    (shortened to a guess made before the layout had given it its room)."""
    from ketluan_desktop.ui import stall_guard
    from ketluan_desktop.ui.main_window import MainWindow

    with stall_guard.excluded():  # start-up
        w = MainWindow()  # the frame alone, as start-up shows it before the database is open
        qtbot.addWidget(w)
        with qtbot.waitExposed(w):
            w.show()
    label = w.db_label
    assert label.full_text() == "Đang mở cơ sở dữ liệu…"
    assert label.text() == label.full_text()
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
