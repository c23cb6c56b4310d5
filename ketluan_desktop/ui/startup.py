"""Start-up with data: the window's frame first, the database opened while the frame is live, the
first screen's data from the background runner after.

The frame needs no database. Opening it (importing SQLAlchemy and the model, reading the file's
header and schema — never the whole file) and loading the first screen's modules happen on a
thread of their own while the event loop already runs, so the window can be moved, resized and
repainted the whole time. Then the window is attached to the database and each screen reads its
rows through the runner. On an existing SQLite file opening on the overview, the overview's values
are read through plain ``sqlite3`` meanwhile (``FirstScreen``) and the page is built and painted
with them before SQLAlchemy is imported (``_show_early``: the opening thread waits for that paint,
``_paint_first``); the rest of the window — rail, menus, the page's links — attaches to the same
context when the database is open. The session (``ui/session.py``: the data folder and whether the last
window on this workstation closed cleanly) decides the rest: after an unclean exit the drafts'
autosaves are offered back and the full-file check runs in the background at once
(``integrity_watch.py``); otherwise the check waits for its weekly turn.

Once the first screen has its data, another thread imports the other workspaces' modules
(``warm_later``), one at a time with a pause between them, so that a first switch builds widgets
and reads its rows, nothing more. Not at a lower operating-system priority: a thread that holds
Python's interpreter lock while the system makes it wait would make the window wait too.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, Signal

from ketluan_desktop import APP_DISPLAY_NAME
from ketluan_desktop.ui.first_read import (  # noqa: F401  (re-exported: tests, the probe)
    FirstScreen,
    Found,
    begin_first_read,
    read_first_screen_early,
)
from ketluan_desktop.ui.workspaces.ahead import NOTICE_TARGET

if TYPE_CHECKING:
    from ketluan_desktop.core.db.database import Database

log = logging.getLogger(__name__)

# Loaded by the opening thread while the frame waits: what every start needs (the task notice,
# the signing menu), then what the first workspace shown needs — not the other workspaces'.
# The notice's buttons open the task list and are live once the database is attached: the
# likeliest first click of the day. Its modules loaded here, that click builds widgets only
# (imported and built on the click, the window froze ~40–60 ms for it).
WARM_MODULES = (
    "ketluan_desktop.core.tasks.listing",
    "ketluan_desktop.ui.context",
    "ketluan_desktop.ui.tasks.notice",
    "ketluan_desktop.ui.signing.actions",
    "ketluan_desktop.ui.workspaces.tasks",
    "ketluan_desktop.core.tasks.task_detail",  # the list's filter choices, read on a first show
)
WARM_FOR_WORKSPACE = {
    "meetings": (
        "ketluan_desktop.core.documents.records",
        "ketluan_desktop.core.meetings.records",
        "ketluan_desktop.ui.workspaces.meetings",
    ),
    "tasks": ("ketluan_desktop.ui.workspaces.tasks",),
    "members": ("ketluan_desktop.ui.workspaces.members",),
    "search": ("ketluan_desktop.ui.workspaces.search",),
    "overview": (  # the default first screen (QtCharts with it)
        "ketluan_desktop.core.tasks.overview",
        "ketluan_desktop.core.members.overview",
        "ketluan_desktop.ui.workspaces.overview",
    ),
}


# Imported by the opening thread while the first screen's plain read runs (``_paint_first``):
# the overview's page, which imports no SQLAlchemy.
WARM_FOR_EARLY = ("ketluan_desktop.ui.workspaces.overview",)


# Imported on a thread of its own once the window has settled (``warm_later``): each
# workspace's modules and those of the pages it builds when first shown, so that a first switch
# builds widgets only. The first workspace's own pages come first, then the others in rail order.
WARM_LATER = {
    "meetings": WARM_FOR_WORKSPACE["meetings"]
    + ("ketluan_desktop.ui.meetings.form", "ketluan_desktop.core.documents.templates"),
    "tasks": (
        "ketluan_desktop.ui.workspaces.tasks",
        "ketluan_desktop.core.tasks.task_detail",  # the filters' choices, read on a first show
    ),
    "members": (
        "ketluan_desktop.ui.workspaces.members",
        "ketluan_desktop.core.members.reminder_board",  # the dashboard's read
        "ketluan_desktop.ui.members.member_page",
        "ketluan_desktop.ui.members.procedure_page",
        "ketluan_desktop.core.members.procedure_list",
        "ketluan_desktop.ui.members.figures_page",
    ),
    "search": ("ketluan_desktop.core.search", "ketluan_desktop.ui.workspaces.search"),
    "overview": WARM_FOR_WORKSPACE["overview"],
}


def warm_modules(first: str | None) -> tuple[str, ...]:
    """The modules the opening thread imports for a window opening on workspace ``first``."""
    return WARM_MODULES + WARM_FOR_WORKSPACE.get(first or "", ())


def later_modules(first: str | None) -> tuple[str, ...]:
    """What ``warm_later`` imports for a window that opened on ``first``: that workspace's
    pages, then the notice's task list's, then every other workspace in rail order."""
    order = [key for key in (first, NOTICE_TARGET) if key in WARM_LATER]
    order += [key for key in WARM_LATER if key not in order]
    names = [name for key in order for name in WARM_LATER[key]]
    return tuple(dict.fromkeys(names))


def import_in_background(names: tuple[str, ...]) -> threading.Thread:
    """Import ``names`` one at a time on a daemon thread, pausing between modules. It never
    touches a widget; a switch made meanwhile imports what it needs itself
    (Python's import locks make the two wait for each other, never import twice). A module that
    fails is logged and left to the UI thread, which reports it when the workspace needs it."""

    def work() -> None:
        for name in names:
            if name in sys.modules:
                continue
            try:
                importlib.import_module(name)
            except Exception:
                log.warning("could not import %s ahead of its first use", name, exc_info=True)
            time.sleep(0.002)  # between modules, the UI thread has the interpreter to itself

    thread = threading.Thread(target=work, name="warm-modules", daemon=True)
    thread.start()
    return thread


# After the first screen's data, the window still paints it (the overview's charts: a few hundred
# ms at start-up); imports begun at once took the interpreter from that paint (bench_startup: the
# big database's first screen 0.6 s later). A clerk's first switch rarely comes sooner than this.
WARM_DELAY_MS = 1000
# The GUI tests switch it off (tests/ui/conftest.py): their process has imported everything, and
# a thread importing beside a test's UI thread only blurs its stall measure. test_first_switch.py
# tests it in a fresh process.
WARM_IN_BACKGROUND = True


def warm_later(window, ctx, first: str | None) -> None:
    """A second after the first screen has its data (the runner idle), import the rest in the
    background."""

    if not WARM_IN_BACKGROUND:
        return

    def start() -> None:
        window.warming = import_in_background(later_modules(first))

    when_idle(window, ctx, lambda: QTimer.singleShot(WARM_DELAY_MS, window, start))


class _Relay(QObject):
    opened = Signal(object)
    failed = Signal(object, str)
    # The first screen's values from the plain read, before the database layer is loaded:
    # (``first_read.Found``), emitted by the first screen's thread.
    first_ready = Signal(object)
    early_painted: threading.Event  # set once that screen is painted, or will not be
    first_screen: Found | None = None  # set before ``opened`` is emitted


def open_in_background(
    target,
    *,
    demo: bool,
    create: bool | None = None,
    opened=None,
    failed=None,
    first: str | None = None,
    first_ready=None,
    begun: FirstScreen | None = None,
) -> _Relay:
    """Open (and migrate) the database on a thread; ``opened(db)`` or ``failed(exc, tb)`` arrive
    on the UI thread. ``create``: a missing file becomes a new office; None: only where
    ``database_start.may_create`` says so (the first start, the demo). The callbacks are
    connected before the thread starts: a signal emitted before anyone listens is lost, and a
    quick open (a small file, modules already imported) could beat a connection made after. ``first``: the workspace the window opens on, whose modules
    are imported here too (``warm_modules``). ``begun``: the first screen's read, begun before
    the window (``begin_first_read``); taken over when it is for ``first``."""
    relay = _Relay()
    relay.early_painted = threading.Event()
    if opened is not None:
        relay.opened.connect(opened)
    if failed is not None:
        relay.failed.connect(failed)
    if first_ready is not None:
        relay.first_ready.connect(first_ready)

    def work() -> None:
        if begun is not None and begun.workspace == first:
            early: FirstScreen | None = begun
        else:
            early = read_first_screen_early(target, demo=demo, first=first)
        if early is not None and first_ready is not None:
            early.on_ready(relay.first_ready.emit)
            _paint_first(early, relay.early_painted)
        try:
            from ketluan_desktop.core.db import open_database
            from ketluan_desktop.ui.database_start import may_create

            allowed = may_create(target, demo) if create is None else create
            if early is not None:
                early.wait_checked()
            db = open_database(target, create=allowed)
            if demo:
                from ketluan_desktop.core import demo as demo_office
                from ketluan_desktop.core.clock import office_now

                demo_office.load(db, now=office_now())
            from ketluan_desktop.core.signing.signed_output import sweep

            sweep(db)  # finish or remove what an interrupted signing left (a line in the log each)
            db.sign_in_required = _needs_sign_in(db)
            for name in warm_modules(first):
                importlib.import_module(name)
            relay.first_screen = early.result() if early is not None else None
        except BaseException as exc:  # shown by the UI thread, which decides how
            relay.failed.emit(exc, traceback.format_exc())
        else:
            relay.opened.emit(db)

    threading.Thread(target=work, name="open-database", daemon=True).start()
    return relay


# The longest the opening thread waits for the first screen's early paint before it goes on
EARLY_PAINT_WAIT_S = 3.0


def _paint_first(early: FirstScreen, painted: threading.Event) -> None:
    """On the opening thread, before the database layer is imported: the first screen's modules
    (none of them imports SQLAlchemy) while the plain read runs, then a wait until the UI thread
    has painted the screen with that read's values — the two would otherwise share Python's
    interpreter with SQLAlchemy's import and the models' declaration, and the screen come later."""
    for name in WARM_FOR_EARLY:
        try:
            importlib.import_module(name)
        except Exception:  # the UI thread meets it again and reports it
            log.warning("could not import %s ahead of the first screen", name, exc_info=True)
    found = early.result()
    if found is not None and found.counts is not None:
        painted.wait(EARLY_PAINT_WAIT_S)


def _needs_sign_in(db) -> bool:
    """A shared server with accounts: each person signs in (issue 16). A workstation's own file
    works as the operating system's account."""
    if not db.is_server:
        return False
    from ketluan_desktop.core.access.accounts import has_accounts

    with db.session() as s:
        db.sign_in_required = has_accounts(s)
    return db.sign_in_required


def sign_in(window, ctx) -> bool:
    """The sign-in dialog before the window is filled; False when the person gave up."""
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.access.sign_in_dialog import SignInDialog

    dlg = SignInDialog(ctx, window)
    if not dialogs.exec_dialog(dlg):
        return False
    if dlg.outcome is not None and dlg.outcome.must_change_password:
        from PySide6.QtCore import QTimer

        from ketluan_desktop.ui.access import change_password

        QTimer.singleShot(0, window, lambda: change_password(window))
    return True


def when_idle(window, ctx, then) -> None:
    """Call ``then()`` once the runner has answered everything the screen asked for."""
    timer = QTimer(window)
    timer.setInterval(5)
    quiet = [0]

    def tick() -> None:
        quiet[0] = 0 if ctx.runner.busy else quiet[0] + 1
        if quiet[0] >= 2:
            timer.stop()
            then()

    timer.timeout.connect(tick)
    timer.start()


def run(
    app, window, args, shown_at: float, session: tuple[Path, bool] | None = None, begun=None
) -> int:
    """The event loop from the painted frame on; the process's exit code. ``session``: what
    ``session.begin_session`` answered (None for a screenshot or a probe, which mark nothing).
    ``begun``: the first screen's read begun before the window (``begin_first_read``)."""
    from ketluan_desktop.ui.session import end_session

    state: dict = {"begun": begun}
    _open(app, window, args, state, shown_at, session, create=None)
    code = app.exec()
    watcher = getattr(getattr(window, "ctx", None), "watcher", None)
    if watcher is not None:
        watcher.wait_stopped()  # the close only told it to stop
    watch = state.get("watch")
    if watch is not None:
        watch.stop()
    db = state.get("db")
    if db is not None:
        db.dispose()
    if session is not None:
        end_session(session[0])  # closed normally (a database that would not open included)
    return code


def _open(app, window, args, state: dict, shown_at: float, session, *, create: bool | None) -> None:
    state["relay"] = open_in_background(  # kept until it has answered
        args.db,
        demo=args.demo,
        create=create,
        first=window.first_workspace(),
        begun=state.pop("begun", None),  # the first attempt only
        opened=lambda db: _opened(app, window, args, db, state, shown_at, session),
        first_ready=None if args.screenshot else (
            lambda found: _show_early(window, args, state, found)),
        failed=lambda exc, tb: _failed(app, window, args, exc, tb, again=lambda: _open(
            app, window, args, state, shown_at, session, create=True)),
    )  # fmt: skip


def _show_early(window, args, state: dict, found: Found) -> None:
    """The first screen painted with the plain read's values (``FirstScreen``) while the opening
    thread still loads the database layer; ``_opened`` then attaches the rest of the window to
    the same context. Not without the reminders' counts (the page would read them itself)."""
    done = state["relay"].early_painted
    if "db" in state or found.counts is None:
        done.set()
        return
    from ketluan_desktop.ui.context import AppContext

    ctx = AppContext(cast("Database", None))  # its database comes with ``_opened``
    ctx.prefetched[found.workspace] = (found.today, found.values, found.counts)
    ctx.prefetched_notice = found.notice
    ws = window.show_early(ctx)
    if ws is None:
        done.set()
        return
    state["ctx"] = ctx

    def painted() -> None:  # the data shown and the page's paint no longer held
        if ws.page.data is None or not ws.page.updatesEnabled():
            QTimer.singleShot(5, window, painted)
            return
        if args.startup_probe:  # the moment the screen is painted with its data
            window.grab()
            state["painted_at"] = time.time()
            state["orm_at_paint"] = "sqlalchemy.orm" in sys.modules
        QTimer.singleShot(0, window, done.set)  # after this paint

    QTimer.singleShot(0, window, painted)


def _opened(app, window, args, db, state: dict, shown_at: float, session) -> None:
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.errors import install_excepthook
    from ketluan_desktop.ui.session import offer_recovery_later

    state["db"] = db
    install_excepthook()
    ctx = state.pop("ctx", None)
    if ctx is not None:  # the first screen is shown already (``_show_early``)
        ctx.db = db
    else:
        ctx = AppContext(db)
        relay = state.get("relay")
        found = relay.first_screen if relay is not None else None
        if found is not None:
            ctx.prefetched[found.workspace] = (found.today, found.values, found.counts)
    if args.screenshot:
        ctx.runner.synchronous = True  # a still picture of each screen: no need to wait
    interactive = not (args.screenshot or args.startup_probe)
    if getattr(db, "sign_in_required", False) and interactive and not sign_in(window, ctx):
        window.close()
        app.exit(0)
        return
    window.attach(ctx, backups_later=True)
    if args.screenshot:
        for p in grab_screens(window, Path(args.screenshot)):
            print(p)
        window.close()
        app.exit(0)
        return
    if args.startup_probe:
        when_idle(window, ctx, lambda: _probe(app, window, Path(args.startup_probe), shown_at,
                                              state))  # fmt: skip
        return
    from ketluan_desktop.ui.first_run import offer_at_start

    offer_at_start(window)  # a new office: the short setup (issuing body, term, signers, units)
    if session is None:
        return
    data_dir, clean_exit = session
    if not clean_exit:
        offer_recovery_later(window, ctx)
    _watch_integrity(window, ctx, state, data_dir, clean_exit)


def _watch_integrity(window, ctx, state: dict, data_dir: Path, clean_exit: bool) -> None:
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.integrity_watch import IntegrityWatch

    watch = IntegrityWatch(ctx, data_dir, clean_exit=clean_exit, parent=window)
    watch.damaged.connect(lambda message: dialogs.show_error(window, message, APP_DISPLAY_NAME))
    watch.start()
    state["watch"] = watch


def _failed(app, window, args, exc: BaseException, tb: str, *, again=None) -> None:
    """The database did not open. A file that does not exist may be created when the clerk says
    so (``again()`` opens it with creation allowed); anything else closes the window, exit 1."""
    import sys

    from ketluan_desktop.core.db.errors import MissingDatabaseError
    from ketluan_desktop.core.errors import KetLuanError
    from ketluan_desktop.ui import dialogs

    interactive = not (args.screenshot or args.startup_probe)
    if isinstance(exc, MissingDatabaseError) and interactive and again is not None:
        from ketluan_desktop.ui.database_start import ask_to_create

        if ask_to_create(window, exc):
            again()
            return
    if isinstance(exc, KetLuanError):
        if not interactive:
            print(f"Lỗi: {exc.message}", file=sys.stderr)
        elif not getattr(exc, "shown", False):
            dialogs.show_error(window, exc.message, APP_DISPLAY_NAME)
    else:
        log.error("the database could not be opened\n%s", tb)
        if args.screenshot or args.startup_probe:
            print(tb, file=sys.stderr)
        else:
            from ketluan_desktop.ui.errors import report_exception

            report_exception(exc, tb, window)
    window.close()
    app.exit(1)


def _probe(app, window, out: Path, shown_at: float, state: dict) -> None:
    """``ready``: the first screen painted with its data (before the rest of the window was
    attached, when ``_show_early`` showed it); ``attached``: the whole window with its data;
    ``orm``: whether SQLAlchemy's ORM was loaded at ``ready``."""
    from PySide6.QtWidgets import QAbstractItemView

    window.grab()  # the first full paint with the workspace's data
    attached = time.time()
    ready = state.get("painted_at", attached)
    orm = state.get("orm_at_paint", "sqlalchemy.orm" in sys.modules)
    screen = window.stack.currentWidget()
    views = [v for v in screen.findChildren(QAbstractItemView) if v.isVisible() and v.model()]
    rows = max((v.model().rowCount() for v in views), default=0)  # its main list
    out.write_text(
        f"window {shown_at:.4f}\nready {ready:.4f}\nattached {attached:.4f}\nrows {rows}\n"
        f"orm {'yes' if orm else 'no'}\n"
        f"workspace {getattr(screen, 'key', '?')}\n",
        encoding="ascii",
    )
    window.close()
    app.exit(0)


def grab_screens(window, folder: Path) -> list[Path]:
    """Render each workspace into ``folder/<key>.png`` (offscreen works: QWidget.grab)."""
    from PySide6.QtWidgets import QApplication

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for ws in window.workspaces:
        window.show_workspace(ws.key)
        if ws.key == "search":
            ws.set_query("chinh tri")
        if ws.key == "overview":
            ws.show_latest_data()
        for _ in range(3):
            QApplication.processEvents()
        path = folder / f"{ws.key}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        out.append(path)
    from ketluan_desktop.ui.documents.screens import grab_document_screens

    out += grab_document_screens(window, folder)
    return out
