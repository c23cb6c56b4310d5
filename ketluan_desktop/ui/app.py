"""Starting the GUI: arguments, QApplication, translations, database, main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

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
    p.add_argument(
        "--debug",
        action="store_true",
        help="ghi nhật ký chi tiết, kể cả mỗi lần giao diện bị treo quá 50 ms (kèm vị trí trong mã)",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from ketluan_desktop.ui.heap import relax_until_frozen

    relax_until_frozen()  # the collector kept out of the start-up's imports (``ui/heap.py``)
    args = parse_args(argv)
    if args.self_test:
        from ketluan_desktop.selftest import run_self_test

        return run_self_test(sys.stdout, report=args.report)
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    import logging

    from ketluan_desktop.core.logsetup import setup_logging

    setup_logging(level=logging.DEBUG if args.debug else logging.INFO)
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.first_read import begin_first_read

    begun = begin_first_read(args)  # while Qt's widgets load (``first_read.begin_first_read``)
    app = create_application(debug=args.debug)
    from ketluan_desktop.core import import_gate

    # Qt is loaded: threads may import from now on (``first_read.READ_MODULES``). Opened
    # whether or not the read began: a read that failed after closing it leaves it closed.
    import_gate.open_()
    from ketluan_desktop.ui import single_instance

    db_key = single_instance.database_key(args.db)
    solo = not (args.screenshot or args.startup_probe)  # tools may run beside a window
    other = single_instance.forward_to_running(db_key) if solo else "none"
    if other != "none":
        print(single_instance.SECOND_START[other], file=sys.stderr)
        return 0 if other == "forwarded" else 1
    # This window's session begins only now: a second start handed to the first window must
    # leave no marker behind (it would read as a crash at the next start).
    from ketluan_desktop.ui.session import begin_session

    session = begin_session() if solo else None
    from ketluan_desktop.ui.main_window import MainWindow

    # The window's frame first (it needs no database), so it is on screen while the database
    # opens on another thread: importing SQLAlchemy and the model is most of the start-up time.
    window = MainWindow()
    if args.screenshot:
        window.resize(1440, 900)
    window.show()
    if solo:  # from now on a second start on this database brings this window forward
        server = single_instance.InstanceServer(db_key, window)
        server.activated.connect(lambda: single_instance.bring_forward(window))
        server.listen()
    app.processEvents()
    window.repaint()  # drawn now, not after the imports below
    shown_at = time.time()

    from ketluan_desktop.ui import startup

    return startup.run(app, window, args, shown_at, session, begun)
