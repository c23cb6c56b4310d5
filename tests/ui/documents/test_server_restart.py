"""The network is not a disk: the test cluster is stopped and started again in the middle of a
write sequence and of an editing session. Nothing committed is lost, nothing is half-written,
nothing typed is lost, and the app says what happened in Vietnamese and carries on by itself."""

from __future__ import annotations

import engines
import pytest

from ketluan_desktop.core.errors import ServerUnavailableError

pytestmark = pytest.mark.pg_only


@pytest.fixture
def cluster():
    server = engines.server()
    if server.cluster is None:
        pytest.skip("needs the throw-away cluster (not KETLUAN_TEST_PG_URL) to restart it")
    yield server.cluster
    if not server.cluster.running():  # a failed test must not leave the others without server
        server.cluster.start()


@pytest.fixture
def pg_office(now):
    from ketluan_desktop.core.demo import office

    gen = engines.pg_database(engines.empty_template())
    database = next(gen)
    with database.write_session() as s:
        office.build(s)
    yield database
    gen.close()


def _add(database, text: str, now) -> int:
    from ketluan_desktop.core.tasks import editing

    with database.write_session() as s:
        task = editing.create_task(s, editing.TaskInput(text=text), now=now, today=now.date())
        s.flush()
        return task.id


def test_a_write_sequence_across_a_server_restart_loses_and_doubles_nothing(
    cluster, pg_office, now
):
    from sqlalchemy import select

    from ketluan_desktop.core.tasks.models import Task

    typed = [f"Nhiệm vụ số {i} của chuỗi ghi" for i in range(1, 11)]
    committed: dict[str, int] = {}
    refused: list[str] = []
    for i, text in enumerate(typed, start=1):
        if i == 5:
            cluster.stop("fast")
        if i == 8:
            cluster.start()
        try:
            committed[text] = _add(pg_office, text, now)
        except ServerUnavailableError as exc:
            assert "Mất kết nối tới máy chủ cơ sở dữ liệu" in exc.message
            assert "vẫn còn nguyên" in exc.message
            refused.append(text)
    assert refused == typed[4:7]  # written while the server was down: refused, not half-written
    for text in refused:  # the same input, once the server is back
        committed[text] = _add(pg_office, text, now)
    with pg_office.session() as s:
        stored = s.execute(select(Task.text, Task.id).order_by(Task.id)).all()
    assert sorted(t for t, _ in stored) == sorted(typed)  # each exactly once
    assert {t: i for t, i in stored} == committed


@pytest.mark.allow_logged_errors  # the lost connection is logged: that is the point
def test_the_editor_keeps_what_was_typed_while_the_server_restarts(
    cluster, pg_office, ctx_for, show_editor, typer, shown_dialogs, qtbot, monkeypatch
):
    from PySide6.QtWidgets import QLabel

    from ketluan_desktop.core.documents import draft_saving, local_autosave
    from ketluan_desktop.ui.change_watcher import ChangeWatcher
    from ketluan_desktop.ui.documents.opening import new_document
    from ketluan_desktop.ui.main_window import MainWindow

    monkeypatch.setattr(ChangeWatcher, "autostart", True)
    monkeypatch.setattr("ketluan_desktop.ui.change_watcher.RETRY_S", 0.5)
    ctx = ctx_for(pg_office)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    ed = show_editor(new_document(ctx, "KL"))
    doc_id = ed.model.draft.doc_id
    ed.act_save.trigger()
    qtbot.wait(300)
    banner = window.findChild(QLabel, "connectionBanner")

    cluster.stop("fast")
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    assert "Mất kết nối tới máy chủ" in banner.text()
    typed = "Đoạn gõ trong lúc máy chủ khởi động lại."
    typer(ed.body_view.row(ed.model.draft.sections[1].blocks[0].key).edit, typed)
    ed.lifecycle.autosave_now()  # the timer's job: the database is away, so a file on this machine
    kept = local_autosave.find(pg_office.location.display, doc_id)
    assert kept is not None and kept.draft.sections[1].blocks[0].text == typed
    assert "tự động lưu trên máy này" in ed.statusBar().currentMessage()
    ed.act_save.trigger()
    assert shown_dialogs[-1][0] == "error" and "Mất kết nối" in shown_dialogs[-1][1]
    assert ed.modified and ed.model.draft.sections[1].blocks[0].text == typed

    cluster.start()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=8000)
    ed.act_save.trigger()
    assert not ed.modified
    with pg_office.session() as s:
        assert draft_saving.load_draft(s, doc_id).sections[1].blocks[0].text == typed
    assert local_autosave.find(pg_office.location.display, doc_id) is None
    window.close()
