"""The QApplication as every entry point needs it: names, icon, palette, Vietnamese for Qt's own
strings. The window, the self-test and the tests all start here."""

from __future__ import annotations

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


def create_application(argv: list[str] | None = None):
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from ketluan_desktop.core.paths import resource
    from ketluan_desktop.ui.style import apply_palette

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            QGuiApplication.highDpiScaleFactorRoundingPolicy()  # Qt 6 default: PassThrough
        )
        app = QApplication(argv or [sys.argv[0]])
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
    return app
