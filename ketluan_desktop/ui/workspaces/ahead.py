"""Workspaces and their hidden pages built ahead, on idle, so that a first switch only paints.

Once the first screen has its data and the window's thread has imported the other workspaces'
modules (``ui/startup.py`` ``warm_later``), the window builds what a first switch or a first click
on a tab would otherwise build on the spot (bench_gui_scale: 140–280 ms, the window frozen up to
70 ms of it): each workspace not yet shown, its data read through the runner as if it had been
shown, then the pages each one builds when first shown (``Workspace.ahead_steps``).

One step per turn of the event loop, each a small group of widgets (the tasks workspace, the
largest, is ~35 ms of UI-thread CPU), and only while the runner is idle — never beside a read a
screen waits for, never two steps without a pause between them for the window to paint and take
keys. A user who switches meanwhile gets the workspace built then, as before; a step finds it
built and goes on. ``BUILD_AHEAD`` off (the GUI tests, which build what each test needs) leaves
everything built when first shown.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

BUILD_AHEAD = True
# The start-up notice's buttons open the task list: the likeliest first click, built first.
NOTICE_TARGET = "tasks"
STEP_GAP_MS = 40  # the pause between two steps: the window paints and takes keys meanwhile
POLL_MS = 100  # how often it looks whether the imports are over and the runner idle
# The first widget of a class costs Qt more than the next (a line edit ~9 ms, a table ~14 ms of
# CPU: its style's caches, its private parts): one of each, thrown away, a few per step, before
# the workspaces — whose steps then cost what a second build costs.
WARM_CLASSES = (
    ("QLineEdit",),
    ("QTableView",),
    ("QTreeView", "QComboBox", "QTabWidget", "QSplitter", "QLabel"),
    ("QTextBrowser", "QSpinBox", "QCheckBox", "QScrollArea", "QListWidget"),
    ("QPlainTextEdit", "QToolButton", "QPushButton", "QStackedWidget", "QGroupBox", "QTextEdit"),
    ("QMenu", "QHeaderView"),
)


class Ahead(QObject):
    """The window's queue of steps; ``done`` once every workspace and page is built.

    Two phases: first the widgets' first-of-a-class costs and the start-up notice's task list
    (``NOTICE_TARGET``: the likeliest first click, its modules loaded before the database was
    attached, ``startup.WARM_MODULES``) as soon as the runner is idle; then, once the other
    workspaces' modules are imported (the warming thread over), the others in rail order."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.done = False
        self.steps_run = 0
        self._queue: deque[Callable[[], None]] | None = None
        self._rest_queued = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._timer.start(POLL_MS)

    def _ready(self, *, imports: bool) -> bool:
        """The runner idle and, with ``imports``, the modules imported (the warming over)."""
        ctx = getattr(self.window, "ctx", None)
        if ctx is None or ctx.runner.busy:
            return False
        if not imports:
            return True
        warming: threading.Thread | None = getattr(self.window, "warming", None)
        return warming is not None and not warming.is_alive()

    def _tick(self) -> None:
        rest_next = self._queue is not None and not self._queue and not self._rest_queued
        if not self._ready(imports=rest_next):
            self._timer.start(POLL_MS)
            return
        if self._queue is None:
            self._queue = deque(self._first_steps())
        elif not self._queue and not self._rest_queued:
            self._rest_queued = True
            self._queue.extend(self._rest_steps())
        if not self._queue:
            from ketluan_desktop.ui.heap import freeze_built_heap

            freeze_built_heap()  # what was built lives as long as the window
            self.done = True
            return
        step = self._queue.popleft()
        step()
        self.steps_run += 1
        self._timer.start(STEP_GAP_MS)

    def _first_steps(self) -> list[Callable[[], None]]:
        """A widget of each class, the app's own, then the notice's task list built and read
        (its pages after it, asked of the workspace once it exists)."""
        steps: list[Callable[[], None]] = [
            lambda names=names: _first_of_each(names) for names in WARM_CLASSES
        ]
        steps.append(_first_of_the_apps)
        if NOTICE_TARGET in self.window.workspace_keys:
            steps.append(lambda: self._build(NOTICE_TARGET))
        return steps

    def _rest_steps(self) -> list[Callable[[], None]]:
        """The other workspaces in rail order; not the overview (the charts' screen: built when
        shown, its first build is ~80 ms)."""
        keys = [k for k in self.window.workspace_keys if k not in (NOTICE_TARGET, "overview")]
        return [lambda key=key: self._build(key) for key in keys]

    def _build(self, key: str) -> None:
        built = key in self.window._built
        ws = self.window._workspace(key)
        assert self._queue is not None
        pages = list(ws.ahead_steps())
        if not built:
            # Read as if shown, one step later; the pages after that.
            pages.insert(0, ws.load_ahead)
        # Then laid out at the size it will be shown at, itself and its tabs' hidden pages.
        pages.append(lambda: self._lay_out(ws))
        self._queue.extendleft(reversed(pages))

    def _lay_out(self, ws) -> None:
        """The workspace laid out as the window's stack will show it; each hidden page of its
        tabs a step of its own after it."""
        from PySide6.QtWidgets import QTabWidget

        if self.window.stack.currentWidget() is not ws:
            lay_out_hidden(ws, self.window.stack.currentWidget())
        assert self._queue is not None
        pages = [
            lambda tabs=tabs, page=page: lay_out_hidden(page, tabs.currentWidget())
            for tabs in ws.findChildren(QTabWidget)
            for page in (tabs.widget(i) for i in range(tabs.count()))
            if page is not tabs.currentWidget()
        ]
        self._queue.extendleft(reversed(pages))


def lay_out_hidden(page, shown) -> None:
    """A hidden page of a stack (a workspace, a tab) given the geometry the stack gives the page
    it shows, and laid out as its first show would: Qt's render of a hidden widget sends the
    pending resizes and activates every layout below it (here into a 1×1 image, so next to
    nothing is painted). The first show then only shows: bench_gui_scale, UI-thread CPU of the
    first switch to «Nhiệm vụ» 24 → 3 ms, «Đảng viên» 28 → 6 ms, «Hội nghị» 14 → 3 ms."""
    from PySide6.QtGui import QPixmap

    if page is None or shown is None or page.isVisible():
        return
    page.setGeometry(shown.geometry())
    page.render(QPixmap(1, 1))


def _first_of_each(names: tuple[str, ...]) -> None:
    """One widget of each class, polished and thrown away (``WARM_CLASSES``)."""
    from PySide6 import QtWidgets

    for name in names:
        cls = getattr(QtWidgets, name)
        widget = cls(Qt.Orientation.Horizontal) if name == "QHeaderView" else cls()
        widget.ensurePolished()
        widget.deleteLater()


def _first_of_the_apps() -> None:
    """The same for the app's own widgets the tasks workspace builds several of at once (a count
    chip has a style sheet of its own: the first one made sets Qt's style-sheet machinery up)."""
    from datetime import date

    from PySide6.QtWidgets import QTextBrowser

    from ketluan_desktop.ui.tasks.common import count_chip
    from ketluan_desktop.ui.tasks.task_view import TaskListView
    from ketluan_desktop.ui.widgets.date_field import DateField

    today = date.today()
    reader = QTextBrowser()  # the first page of rich text sets Qt's HTML reading up
    reader.setHtml("<h3>Hội nghị</h3><p style='color:#5b6370'>Chọn một văn bản để đọc.</p>")
    for widget in (
        reader,
        count_chip("", "#2b2f36"),
        DateField(today, what="Hạn từ ngày", today=today),
        TaskListView(),
    ):
        widget.ensurePolished()
        widget.deleteLater()


def start(window) -> Ahead | None:
    """Build the window's workspaces ahead (once per window; nothing when ``BUILD_AHEAD`` is
    off or the window is not the main window)."""
    if not BUILD_AHEAD or not hasattr(window, "_built"):
        return None
    existing = getattr(window, "ahead", None)
    if isinstance(existing, Ahead):
        return existing
    window.ahead = Ahead(window)
    return window.ahead
