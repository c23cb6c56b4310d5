"""The first screen's data read through plain ``sqlite3`` at start-up, before SQLAlchemy (and,
when it can, before Qt's widgets) is loaded: begun at the very start of the process
(``begin_first_read``) or by the opening thread (``read_first_screen_early``), taken over by
``ui/startup.open_in_background``, which hands what it found (``Found``) to the window."""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ketluan_desktop.core import import_gate

if TYPE_CHECKING:
    from ketluan_desktop.core.tasks.notice_values import TaskNotice

log = logging.getLogger(__name__)

# What the read's threads run, imported before they start: begun before Qt, a thread importing
# while the main thread imports ``shiboken6`` aborted the process (PySide's bootstrap walks
# ``sys.modules`` as it changes: "dictionary changed size during iteration" — once in 50
# starts). Until Qt is loaded (``app.main`` opens ``core/import_gate`` then) the threads import
# nothing; the one lazy import left, the holiday calendar of a year not kept yet, waits there.
# ``tests/ui/test_first_read_threads.py`` fails when a module is missing here.
READ_MODULES = (
    "calendar",
    "importlib.util",
    "ketluan_desktop.core.overview.first_screen_sql",
    "ketluan_desktop.core.overview.first_screen",
    "ketluan_desktop.core.members.reminder_counts_sql",
    "ketluan_desktop.core.db.migrate",
    "ketluan_desktop.core.documents.content",
    "ketluan_desktop.core.fsutil",
)


class Found(NamedTuple):
    """What the first screen's plain read gives the window: the screen's values as its first
    load would read them, the reminders' counters (None: the page counts them itself) and the
    start-up notice (None: the notice bar counts it once the database is attached)."""

    workspace: str
    today: date
    values: dict
    counts: dict | None
    notice: TaskNotice | None


class FirstScreen:
    """The first screen's data read through plain ``sqlite3`` (``core/overview/first_screen_sql``)
    on a thread of its own, started before SQLAlchemy is imported: its reads run while the
    opening thread imports (SQLite lets go of Python's lock while it reads the file). ``result``
    waits for it and gives what it found (``Found``), or None where the ordinary read must do;
    ``on_ready`` has it handed over as soon as it is there."""

    def __init__(self, path: Path, workspace: str, *, qt_loaded: bool = True) -> None:
        from ketluan_desktop.core.clock import office_now

        for name in READ_MODULES:
            importlib.import_module(name)
        if not qt_loaded:
            import_gate.close()  # opened once Qt is loaded (``app.main``)
        self.workspace = workspace
        self.today = office_now().date()
        self._rows = None
        self._result: Found | None = None
        self._ready = None  # called with ``result()`` once the read is done (``on_ready``)
        self._done = False
        self._lock = threading.Lock()
        self.checked = threading.Event()  # the file checked, open through SQLite (``_read``)
        self._thread = threading.Thread(target=self._read, args=(path,), name="first-screen",
                                        daemon=True)  # fmt: skip
        self._thread.start()

    def _read(self, path: Path) -> None:
        try:
            from ketluan_desktop.core.overview.first_screen_sql import read_first_screen

            self._rows = read_first_screen(path, self.today, checked=self.checked,
                                           reminders=True)  # fmt: skip
        except Exception:  # the ordinary read runs instead, and reports what it meets
            log.warning("the first screen's plain read failed", exc_info=True)
        finally:
            self.checked.set()
        self._result = self._assemble()
        with self._lock:
            self._done = True
            ready = self._ready
        if self._result is not None and ready is not None:
            ready(self._result)

    def on_ready(self, ready) -> None:
        """Have ``ready(result)`` called once the read has a result: on the read's thread when
        it is still running, at once on this one when it has finished (a read begun before the
        window existed, ``begin_first_read``)."""
        with self._lock:
            done = self._done
            if not done:
                self._ready = ready
        if done and self._result is not None:
            ready(self._result)

    def wait_checked(self) -> None:
        """Until the plain read no longer opens the file outside SQLite: the database opened
        after it keeps its locks (``core/db/file_guard.py``). Microseconds after the start."""
        self.checked.wait()

    def result(self) -> Found | None:
        self._thread.join()
        return self._result

    def _assemble(self) -> Found | None:
        """The screen's values, folded without SQLAlchemy (``core/overview/first_screen``)."""
        if self._rows is None:
            return None
        from ketluan_desktop.core.overview.first_screen import (
            assemble_first_screen,
            assemble_notice,
        )

        try:
            values = assemble_first_screen(self._rows)
            notice = assemble_notice(self._rows)
            return Found(self.workspace, self.today, values, self._rows.reminders, notice)
        except Exception:  # never in the way of opening: the ordinary read runs instead
            log.warning("the first screen's plain rows could not be assembled", exc_info=True)
            return None


def read_first_screen_early(
    target, *, demo: bool, first: str | None, qt_loaded: bool = True
) -> FirstScreen | None:
    """Start the plain read of the first screen where there is one (the overview on an existing
    SQLite file; not the demo, which loads its data first; a server keeps the ordinary path).
    ``qt_loaded``: False before Qt's modules are (``app.main`` opens the import gate then)."""
    if first != "overview" or demo:
        return None
    from ketluan_desktop.core.db.location import sqlite_file

    path = sqlite_file(target)
    if path is None or not path.is_file():
        return None
    return FirstScreen(path, first, qt_loaded=qt_loaded)


def begin_first_read(args) -> FirstScreen | None:
    """The first screen's plain read begun at the very start of the process, before Qt's
    widgets are loaded: on a file not in the operating system's cache its page reads (SQLite
    lets go of Python's lock while it waits for them) overlap the loading of Qt and the building
    of the frame. The workspace is the one the window will open on (``opening_workspace``, the
    same preference the window reads, read without Qt when it can be); ``open_in_background``
    takes the read over."""
    if args.screenshot or args.self_test:
        return None
    try:
        return read_first_screen_early(
            args.db, demo=args.demo, first=_opening_workspace(),
            qt_loaded="shiboken6" in sys.modules,  # already, in a test's process
        )  # fmt: skip
    except Exception:  # never in the way of the start: the ordinary path reads it again
        log.warning("the first screen's read could not begin", exc_info=True)
        return None


def _opening_workspace() -> str:
    """The workspace the window opens on, from ``ui.ini`` without loading Qt when the file says
    it plainly (``opening_workspace.opening_workspace_plain``), else as the window reads it."""
    from ketluan_desktop.core import paths
    from ketluan_desktop.ui.opening_workspace import opening_workspace_plain

    plain = opening_workspace_plain(paths.data_dir() / "ui.ini")
    if plain is not None:
        return plain
    from ketluan_desktop.ui.preferences import opening_workspace

    return opening_workspace()
