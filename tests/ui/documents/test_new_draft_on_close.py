"""A new document from a template is stored on the runner before its editor opens. When the
window is closed in between, the editor never opens, and the blank template used to stay in the
register as a draft nobody wrote — it looked like someone's half-done work. Now the close removes
it, as an editor closed untouched removes its own. Real runner thread, real close."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from ketluan_desktop.core.documents.models import Document


def _drafts(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Document)) or 0


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_a_new_draft_whose_editor_never_opened_is_removed_by_the_close(
    real_runner, allow_ui_stall, make_window, demo_db, qtbot, shown_dialogs
):
    w = make_window(demo_db)
    runner = w.ctx.runner
    qtbot.waitUntil(lambda: not runner.busy)
    before = _drafts(demo_db)

    gate = threading.Event()
    runner.run(lambda: gate.wait(10), lambda _r: None)  # the runner busy: the write waits
    w._new_document("KL")
    threading.Timer(0.3, gate.set).start()  # let go while the close waits for the runner
    w.close()
    assert gate.is_set()  # the close waited for the runner's writes
    assert _drafts(demo_db) == before
    assert w.meetings.editors == {}  # and no editor opened after the close
    assert [m for kind, m in shown_dialogs if kind == "error"] == []


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_a_new_draft_opened_before_the_close_is_kept_when_written_in(
    real_runner, allow_ui_stall, make_window, demo_db, qtbot
):
    """The guard: a draft whose editor opened is the editor's to keep or drop."""
    w = make_window(demo_db)
    runner = w.ctx.runner
    qtbot.waitUntil(lambda: not runner.busy)
    before = _drafts(demo_db)
    w._new_document("KL")
    qtbot.waitUntil(lambda: bool(w.meetings.editors) and not runner.busy)
    assert _drafts(demo_db) == before + 1 and w.ctx.unopened_drafts == set()
