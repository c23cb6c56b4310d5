"""The tasks screen's first page read beside the census (issue 15), on both engines: the rows
the window's ids then their rows give, in the same order, whatever the sort."""

from __future__ import annotations

import pytest

from ketluan_desktop.core.db.gathering import gather
from ketluan_desktop.core.tasks import listing as ts
from ketluan_desktop.core.tasks import task_window


@pytest.mark.parametrize("key", ["deadline", "lead_unit", "latest_update", "document"])
def test_the_first_page_gathered_is_the_windows_first_page(demo_db, now, key):
    today = now.date()
    window = task_window.TaskWindow(ts.TaskFilter(), ts.TaskSort(key, descending=True), today)
    with demo_db.session() as s:
        total = window.load(s)
        expected = window.ids(s, 0, min(3, total))
        rows = ts.rows_for(s, expected, today=today, soon=7)
    found = gather(demo_db, *task_window.first_page_reads(window, 3))
    ids, first = task_window.first_page(window, found, limit=3, soon=7)
    assert ids == expected and first == rows and len(ids) == 3
