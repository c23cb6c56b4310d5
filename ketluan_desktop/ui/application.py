"""The QApplication as every entry point needs it: names, icon, palette, Vietnamese for Qt's own
strings. The window, the self-test and the tests all start here."""

from __future__ import annotations

import logging
import sys

from ketluan_desktop import APP_DISPLAY_NAME, APP_NAME, __version__


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


def create_application(argv: list[str] | None = None, *, debug: bool = False):
    """The QApplication; ``debug``: every UI-thread stall over 50 ms is logged with its stack."""
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from ketluan_desktop.core.paths import resource
    from ketluan_desktop.ui.style import apply_palette

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
