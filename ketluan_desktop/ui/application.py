"""The QApplication as every entry point needs it: names, icon, palette, Vietnamese for Qt's own
strings. The window, the self-test and the tests all start here."""

from __future__ import annotations

import logging
import os
import sys

from ketluan_desktop import APP_DISPLAY_NAME, APP_NAME, __version__

log = logging.getLogger(__name__)


def install_translations(app) -> list:
    """Vietnamese for Qt's standard strings (OK, Cancel, Yes/No, context menus…).

    Qt ships no qtbase_vi.qm, so ``VietnameseQtTranslator`` answers from a table; a .qm found in the
    Qt installation or in resources/translations (a future one) is installed after it and wins.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from ketluan_desktop.core.paths import resource
    from ketluan_desktop.ui.qt_vi import VietnameseQtTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    keep: list = [VietnameseQtTranslator(app)]
    app.installTranslator(keep[0])
    for name, folder in (
        ("qtbase_vi", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("ketluan_vi", str(resource("translations"))),
    ):
        tr = QTranslator(app)
        if tr.load(name, folder):
            app.installTranslator(tr)
            keep.append(tr)
    return keep


_QT_LEVELS = {
    "QtDebugMsg": logging.DEBUG,
    "QtInfoMsg": logging.INFO,
    "QtWarningMsg": logging.WARNING,
    "QtCriticalMsg": logging.ERROR,
    "QtFatalMsg": logging.CRITICAL,
}
qt_log = logging.getLogger("ketluan_desktop.qt")
# Said by the offscreen platform (screenshots, tests) for every top-level window: not a problem.
_QT_NOISE = ("This plugin does not support propagateSizeHints()",)


def route_qt_messages() -> None:
    """Qt's own warnings go to the app's log file (they used to reach only a console the user
    never sees). The handler before ours (pytest-qt's, in tests) still gets every message."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(mode, context, message: str) -> None:
        if message in _QT_NOISE:
            return
        level = _QT_LEVELS.get(getattr(mode, "name", str(mode)), logging.WARNING)
        where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
        qt_log.log(level, "%s%s", message, where)
        if previous is not None:
            previous(mode, context, message)

    previous = qInstallMessageHandler(handler)


SWITCH_INTERVAL_S = 0.0005


def set_switch_interval() -> float:
    """How long a thread keeps Python's lock before another may take it: 0.5 ms rather than
    Python's 5 ms, so a background thread busy in Python (reading rows, the gathered reads'
    threads, a backup) never keeps the UI thread from painting for more than a blink.
    ``KETLUAN_SWITCH_INTERVAL`` (seconds) overrides it; a value that is not a positive number
    is ignored (logged)."""
    value = SWITCH_INTERVAL_S
    raw = os.environ.get("KETLUAN_SWITCH_INTERVAL", "").strip()
    if raw:
        try:
            asked = float(raw)
        except ValueError:
            asked = 0.0
        if asked > 0:
            value = asked
        else:
            log.warning("KETLUAN_SWITCH_INTERVAL=%r is not a positive number of seconds", raw)
    sys.setswitchinterval(value)
    return value


def create_application(argv: list[str] | None = None, *, debug: bool = False):
    """The QApplication; ``debug``: every UI-thread stall over 50 ms is logged with its stack."""
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from ketluan_desktop.core.paths import resource
    from ketluan_desktop.ui.style import apply_palette

    set_switch_interval()
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            QGuiApplication.highDpiScaleFactorRoundingPolicy()  # Qt 6 default: PassThrough
        )
        if debug:
            from ketluan_desktop.ui.stall_guard import GuardedApplication

            app = GuardedApplication(argv or [sys.argv[0]])
        else:
            app = QApplication(argv or [sys.argv[0]])
    if debug:
        from ketluan_desktop.ui import stall_guard

        stall_guard.install(app)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    icon = resource("icons", "ketluan.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    apply_palette(app)
    from ketluan_desktop.ui import vietnamese_marks

    vietnamese_marks.install(app)  # rows, labels and boxes tall enough for Ẩ Ỗ Ữ Ủy
    app._ketluan_translators = install_translations(app)  # type: ignore[attr-defined]
    route_qt_messages()
    return app
