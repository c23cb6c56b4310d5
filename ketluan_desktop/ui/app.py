"""Starting the GUI: arguments, QApplication, translations, database, main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from ketluan_desktop import APP_DISPLAY_NAME, __version__

log = logging.getLogger(__name__)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="ketluan-desktop", description=APP_DISPLAY_NAME)
    p.add_argument("--db", metavar="PATH_OR_URL", help="tệp cơ sở dữ liệu hoặc URL SQLAlchemy")
    p.add_argument("--demo", action="store_true", help="nạp văn phòng mẫu trước khi mở")
    p.add_argument(
        "--screenshot", metavar="DIR", help="chụp từng màn hình vào DIR/<tên>.png rồi thoát"
    )
    p.add_argument("--self-test", action="store_true", help="tự kiểm tra cài đặt rồi thoát")
    p.add_argument(
        "--report",
        metavar="FILE",
        help="với --self-test: ghi kết quả vào FILE thay vì hiện hộp thoại",
    )
    # For benchmarks and the frozen build check: write the wall-clock moment the main window was
    # first painted to FILE, then exit (the caller knows when it started the process).
    p.add_argument("--startup-probe", metavar="FILE", help=argparse.SUPPRESS)
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p.parse_args(argv)


def grab_screens(window, folder: Path) -> list[Path]:
    """Render each workspace into ``folder/<key>.png`` (offscreen works: QWidget.grab)."""
    from PySide6.QtWidgets import QApplication

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for ws in window.workspaces:
        window.show_workspace(ws.key)
        if ws.key == "search":
            ws.set_query("chinh tri")
        for _ in range(3):
            QApplication.processEvents()
        path = folder / f"{ws.key}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        out.append(path)
    from ketluan_desktop.ui.documents.screens import grab_document_screens

    out += grab_document_screens(window, folder)
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        from ketluan_desktop.selftest import run_self_test

        return run_self_test(sys.stdout, report=args.report)
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from ketluan_desktop.core.logsetup import setup_logging

    setup_logging()
    from ketluan_desktop.ui.application import create_application

    app = create_application()
    from ketluan_desktop.ui.main_window import MainWindow

    # The window's frame first (it needs no database), so it is on screen while the database
    # layer loads: importing SQLAlchemy and the model is most of the start-up time.
    window = MainWindow()
    if args.screenshot:
        window.resize(1440, 900)
    window.show()
    app.processEvents()
    window.repaint()  # drawn now, not after the imports below
    shown_at = time.time()

    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.errors import KetLuanError
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.errors import install_excepthook

    try:
        db = open_database(args.db)
        if args.demo:
            from ketluan_desktop.core import demo
            from ketluan_desktop.core.clock import office_now

            demo.load(db, now=office_now())
    except KetLuanError as exc:
        if args.screenshot:
            print(f"Lỗi: {exc.message}", file=sys.stderr)
        else:
            dialogs.show_error(window, exc.message, APP_DISPLAY_NAME)
        window.close()
        return 1
    install_excepthook()
    window.attach(AppContext(db))
    if args.screenshot:
        paths_ = grab_screens(window, Path(args.screenshot))
        for p in paths_:
            print(p)
        window.close()
        db.dispose()
        return 0
    if args.startup_probe:
        return _probe_startup(app, window, Path(args.startup_probe), db, shown_at)
    from ketluan_desktop.ui.first_run import offer_at_start

    offer_at_start(window)  # a new office: the short setup (issuing body, term, signers, units)
    code = app.exec()
    db.dispose()
    return code


def _probe_startup(app, window, out: Path, db, shown_at: float) -> int:
    app.processEvents()
    window.grab()  # the first full paint with the workspace's data
    out.write_text(f"window {shown_at:.4f}\nready {time.time():.4f}\n", encoding="ascii")
    window.close()
    db.dispose()
    return 0
