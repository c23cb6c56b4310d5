"""Changes made on another workstation reach this window through the notify path (the watcher's own
thread: LISTEN on PostgreSQL, ``PRAGMA data_version`` on SQLite), on both engines."""

from __future__ import annotations

import time

import pytest
from engines import target_of


@pytest.fixture
def watching(monkeypatch):
    from ketluan_desktop.ui.change_watcher import ChangeWatcher

    monkeypatch.setattr(ChangeWatcher, "autostart", True)


@pytest.fixture
def elsewhere(demo_db):
    from ketluan_desktop.core.db import open_database

    other = open_database(target_of(demo_db))
    other.username = "Lê Thị Cúc"
    yield other
    other.dispose()


def test_a_task_added_elsewhere_shows_in_the_list_within_3_seconds(
    watching, make_window, demo_db, elsewhere, qtbot, now
):
    from ketluan_desktop.core.tasks import editing

    w = make_window(demo_db)
    ws = w.show_workspace("tasks")
    assert ws.model.rowCount() == 8
    qtbot.wait(300)  # the watcher's thread has opened its connection
    started = time.monotonic()
    with elsewhere.write_session() as s:
        editing.create_task(
            s, editing.TaskInput(text="Nhiệm vụ thêm ở máy chị Cúc"), now=now, today=now.date()
        )
    qtbot.waitUntil(lambda: ws.model.rowCount() == 9, timeout=3000)
    assert time.monotonic() - started < 3.0
    texts = [ws.model.row_at(i).text for i in range(ws.model.rowCount())]
    assert "Nhiệm vụ thêm ở máy chị Cúc" in texts
    w.close()
    assert w.watcher._thread is None  # stopped with its window


def test_the_document_open_in_the_editor_changed_elsewhere_is_announced_not_merged(
    watching, make_window, demo_db, elsewhere, qtbot, now
):
    from PySide6.QtWidgets import QLabel, QToolBar

    from ketluan_desktop.core.documents import draft_saving
    from ketluan_desktop.core.documents.models import Document
    from ketluan_desktop.ui.documents.opening import open_document

    w = make_window(demo_db)
    with demo_db.session() as s:
        doc_id = s.query(Document.id).filter(Document.status == "draft").first()
    if doc_id is None:  # the demo's conclusion is issued: make a draft of it
        with demo_db.write_session() as s:
            doc_id = draft_saving.copy_as_draft(s, 1, now=now).id
    else:
        doc_id = doc_id[0]
    editor = open_document(w.ctx, doc_id, w)
    editor.preview.synchronous = True
    qtbot.addWidget(editor)
    editor.show()
    mine = editor.model.draft.sections[0].blocks[0].text
    qtbot.wait(300)
    with elsewhere.session() as s:
        theirs = draft_saving.load_draft(s, doc_id)
    theirs.sections[0].blocks[0].text = "Chị Cúc sửa đoạn mở đầu."
    with elsewhere.write_session() as s:
        draft_saving.save_draft(s, theirs, now=now)

    def announced() -> bool:
        bar = editor.findChild(QToolBar, "changedElsewhere")
        return bar is not None and bar.isVisible()

    qtbot.waitUntil(announced, timeout=3000)
    text = editor.findChild(QLabel, "changedElsewhereText").text()
    assert "«Lê Thị Cúc»" in text and "không có gì được gộp tự động" in text
    assert editor.model.draft.sections[0].blocks[0].text == mine  # not merged silently
    editor.stack.setClean()
    editor.shutdown()
    editor.close()


def test_closing_the_window_does_not_wait_for_the_watchers_poll(
    watching, make_window, demo_db, qtbot, monkeypatch
):
    """The watcher's poll sleeps up to a second; closing the window once joined it and held the
    window 0.2–0.5 s. Now the thread is told to stop and ends on its own, its connection closed."""
    import threading

    from ketluan_desktop.core.db.listening import ChangeListener

    polling, release, closed = threading.Event(), threading.Event(), threading.Event()

    def slow_poll(self, timeout):
        polling.set()
        release.wait(10)
        return []

    real_close = ChangeListener.close

    def close(self):
        real_close(self)
        closed.set()

    monkeypatch.setattr(ChangeListener, "poll", slow_poll)
    monkeypatch.setattr(ChangeListener, "close", close)
    w = make_window(demo_db)
    thread = w.watcher._thread
    assert thread is not None
    waited: list[float | None] = []
    real_join = thread.join
    thread.join = lambda timeout=None: (waited.append(timeout), real_join(timeout))[1]
    qtbot.waitUntil(polling.is_set)
    w.close()
    assert w.watcher._thread is None
    assert not any(waited)  # the close did not wait for it (a join of 0 s, if any)
    assert thread.is_alive()  # still in its poll
    release.set()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5000)
    assert closed.is_set()


def test_the_process_end_waits_for_the_watcher_the_close_only_told(
    watching, make_window, demo_db, qtbot, monkeypatch
):
    """A SQLite connection still open at the process's end skips the last checkpoint: the demo
    file stayed 4 KB with everything in its -wal. ``wait_stopped`` (called after the event loop)
    joins the thread the close told to stop, so its connection is closed first."""
    import threading

    from ketluan_desktop.core.db.listening import ChangeListener

    polling, release, closed = threading.Event(), threading.Event(), threading.Event()
    real_close = ChangeListener.close

    def slow_poll(self, timeout):
        polling.set()
        release.wait(10)
        return []

    def close(self):
        real_close(self)
        closed.set()

    monkeypatch.setattr(ChangeListener, "poll", slow_poll)
    monkeypatch.setattr(ChangeListener, "close", close)
    w = make_window(demo_db)
    qtbot.waitUntil(polling.is_set)
    closed.clear()  # a listener of the window's start-up may have been closed already
    w.close()
    assert not closed.is_set()  # told, still polling
    threading.Timer(0.3, release.set).start()
    w.watcher.wait_stopped()
    assert closed.is_set() and w.watcher._stopping == []
