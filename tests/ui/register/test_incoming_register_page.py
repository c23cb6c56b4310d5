"""Sổ văn bản đến on the shared list page (issue 19): the real widget driven by real keys and mouse
clicks — the year filter, the search followed once typing pauses, the chosen entry kept or given
up, an entry found by its id with the filters cleared, the original file saved — and the same with
the runner's real thread, where no read of the page runs on the UI thread."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ketluan_desktop.core.documents import incoming_register as register

PDF = b"%PDF-1.7 ban goc ket luan 221"


def _record(db, now) -> dict[str, int]:
    """Three received documents: two in 2025 (one with its file and two tracked tasks), one in
    2026."""
    fields = register.IncomingFields
    with db.write_session() as s:
        a = register.record(
            s, fields("Bộ Chính trị", "221-KL/TW", date(2025, 11, 20), "về công tác cán bộ"),
            received=date(2025, 11, 25), now=now, file_name="kl221.pdf", data=PDF,
        )  # fmt: skip
        register.track_tasks(
            s, a,
            [register.TrackedTask("Rà soát quy hoạch cán bộ"), register.TrackedTask("Báo cáo")],
            now=now,
        )  # fmt: skip
        b = register.record(
            s, fields("Tỉnh ủy Thái Nguyên", "75-NQ/TU", date(2025, 12, 1), "về chuyển đổi số"),
            received=date(2025, 12, 3), now=now,
        )  # fmt: skip
        c = register.record(
            s, fields("Ban Tổ chức Trung ương", "12-HD/BTCTW", date(2026, 1, 5), "hướng dẫn đại hội"),
            received=date(2026, 1, 8), now=now,
        )  # fmt: skip
        return {"kl221": a.id, "nq75": b.id, "hd12": c.id}


def _open(w, qtbot):
    """The tab chosen by a click on its title, as the clerk does."""
    ws = w.meetings
    bar = ws.tabs.tabBar()
    index = ws.tabs.indexOf(ws.incoming)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert ws.tabs.currentWidget() is ws.incoming
    return ws.incoming


def _click_row(qtbot, view, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = view.visualRect(view.model().index(row, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _labels(page) -> list[str]:
    return [page.model.row_at(i).label for i in range(page.model.rowCount())]


def test_filters_search_choice_and_finding_an_entry(
    make_window, demo_db, now, qtbot, typing_paused
):
    ids = _record(demo_db, now)
    w = make_window(demo_db)
    page = _open(w, qtbot)
    assert _labels(page) == ["1/2026", "2/2025", "1/2025"]  # newest first
    assert page.summary.text() == "3 văn bản đến theo bộ lọc hiện tại."
    assert page.detail.text() == "Chọn một văn bản đến để xem các nhiệm vụ theo dõi."
    assert not page.save_file.isEnabled()
    assert [page.year.itemText(i) for i in range(page.year.count())] == ["Mọi năm", "2026", "2025"]

    _click_row(qtbot, page.view, 2)
    assert page.current_id == ids["kl221"] and page.selected_id() == ids["kl221"]
    assert page.detail.text() == (
        "Số đến 1/2025 — 221-KL/TW: 2 nhiệm vụ được theo dõi. Tệp gốc: kl221.pdf"
    )
    assert [page.tasks.item(i).text() for i in range(page.tasks.count())] == [
        "Rà soát quy hoạch cán bộ",
        "Báo cáo",
    ]
    assert page.save_file.isEnabled()  # its file was kept

    page.search.setFocus()
    qtbot.keyClicks(page.search, "cong tac can")  # no accents needed
    assert page.model.rowCount() == 3  # nothing asked before typing pauses
    typing_paused()
    assert _labels(page) == ["1/2025"] and page.selected_id() == ids["kl221"]  # still chosen
    assert page.summary.text() == "1 văn bản đến theo bộ lọc hiện tại."

    qtbot.keyClick(page.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)  # emptied: the whole register at once
    assert page.model.rowCount() == 3 and page.selected_id() == ids["kl221"]

    page.year.setFocus()
    qtbot.keyClick(page.year, Qt.Key.Key_Down)  # «Mọi năm» -> 2026
    assert page.year.currentData() == 2026 and _labels(page) == ["1/2026"]
    assert page.current_id is None and not page.save_file.isEnabled()  # the choice is not listed
    assert page.detail.text() == "Chọn một văn bản đến để xem các nhiệm vụ theo dõi."

    w.meetings.show_incoming(ids["nq75"])  # from the search box: hidden by the year filter
    assert page.year.currentData() is None and page.model.rowCount() == 3
    assert page.summary.text() == "3 văn bản đến theo bộ lọc hiện tại."
    assert page.selected_id() == ids["nq75"] and page.tasks.count() == 0
    assert not page.save_file.isEnabled()  # entered without its file

    _click_row(qtbot, page.view, _labels(page).index("2/2025"), Qt.KeyboardModifier.ControlModifier)
    assert page.selected_id() is None and page.current_id is None  # Ctrl+click: unchosen


def test_the_original_file_is_saved_where_the_clerk_chooses(
    make_window, demo_db, now, qtbot, tmp_path, monkeypatch
):
    from ketluan_desktop.ui import dialogs

    ids = _record(demo_db, now)
    asked = []
    target = tmp_path / "Bản gốc" / "kết luận 221.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: asked.append(a) or str(target))
    w = make_window(demo_db)
    page = _open(w, qtbot)
    page.select_row(ids["kl221"])
    qtbot.mouseClick(page.save_file, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == PDF
    assert asked[0][1] == "Lưu bản gốc" and asked[0][2].endswith("kl221.pdf")
    assert page.summary.text() == f"Đã lưu bản gốc: {target}"
    assert page.save_file.isEnabled()


def test_an_entry_whose_file_is_gone_says_so(make_window, demo_db, now, qtbot, shown_dialogs,
                                             tmp_path, monkeypatch):  # fmt: skip
    """Another workstation removed the kept file after the list was read: a clear message."""
    from ketluan_desktop.core.documents.incoming_models import IncomingDocument
    from ketluan_desktop.ui import dialogs

    ids = _record(demo_db, now)
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: str(tmp_path / "x.pdf"))
    w = make_window(demo_db)
    page = _open(w, qtbot)
    page.select_row(ids["kl221"])
    with demo_db.write_session() as s:
        s.get(IncomingDocument, ids["kl221"]).file_data = None
    qtbot.mouseClick(page.save_file, Qt.MouseButton.LeftButton)
    assert not (tmp_path / "x.pdf").exists()
    assert shown_dialogs == [
        (
            "error",
            "Văn bản đến số 1/2025 được vào sổ không kèm tệp gốc, nên không có gì để lưu ra; "
            "hãy xin lại bản gốc từ cơ quan ban hành.",
        )
    ]
    assert page.save_file.isEnabled()


# -- the runner's real thread -------------------------------------------------------------------
def test_with_the_real_thread_nothing_is_read_on_the_ui_thread(
    real_runner, allow_ui_stall, make_window, demo_db, now, qtbot, typing_paused, tmp_path,
    monkeypatch, ui_thread_reads,
):  # fmt: skip
    """The page's reads and its file save run on the runner's thread, none on the UI thread (the
    stall budget of real deliveries is bench_gui_scale's, as in tests/ui/test_real_runner.py)."""
    from ketluan_desktop.ui import dialogs

    ids = _record(demo_db, now)
    seen, watching = ui_thread_reads
    w = make_window(demo_db)
    runner = w.ctx.runner
    qtbot.waitUntil(lambda: not runner.busy)
    watching["on"] = True
    page = _open(w, qtbot)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and not runner.busy)

    page.search.setFocus()
    qtbot.keyClicks(page.search, "chuyen doi so")
    typing_paused()
    qtbot.waitUntil(lambda: _labels(page) == ["2/2025"] and not runner.busy)
    _click_row(qtbot, page.view, 0)
    assert page.selected_id() == ids["nq75"] and "75-NQ/TU" in page.detail.text()

    w.meetings.show_incoming(ids["kl221"])  # hidden by the search: cleared, then found
    qtbot.waitUntil(lambda: page.selected_id() == ids["kl221"] and not runner.busy)
    assert page.search.text() == "" and page.model.rowCount() == 3 and page.tasks.count() == 2

    target = tmp_path / "kl221.pdf"
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: str(target))
    qtbot.mouseClick(page.save_file, Qt.MouseButton.LeftButton)
    assert not page.save_file.isEnabled()  # off until the file is written: one save per click
    qtbot.waitUntil(lambda: page.save_file.isEnabled() and not runner.busy)
    assert target.read_bytes() == PDF
    watching["on"] = False
    assert seen == []
    runner.wait(10_000)
