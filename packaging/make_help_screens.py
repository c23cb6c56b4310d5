"""The pictures of the user guide (resources/help/images/*.png), taken from the real screens of the
demo office: ``python packaging/make_help_screens.py [OUT_DIR]``.

Runs offscreen with its own temporary data folder and a fixed clock (29/11/2026 09:30), so the
pictures only change when the screens do. Each picture is the window or dialog itself, scaled to
at most 1000 px wide.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone(timedelta(hours=7)))
WIDTH = 1000


def _save(widget, out: Path, name: str) -> Path:
    from PySide6.QtCore import Qt

    from ketluan_desktop.ui.documents.screens import settle

    settle(0.3)
    image = widget.grab().toImage()
    if image.width() > WIDTH:
        image = image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
    path = out / f"{name}.png"
    if not image.save(str(path)):
        raise OSError(f"cannot write {path}")
    print(path)
    return path


def _type(widget, text: str) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def _signed_demo_pdf(ctx, folder: Path) -> Path:
    """The demo conclusion, rendered and signed with a throw-away test certificate."""
    from ketluan_desktop.core.documents import records as documents
    from ketluan_desktop.core.render.pdf import render_pdf
    from ketluan_desktop.core.render.profile import DEFAULT_PROFILE
    from ketluan_desktop.core.signing.certs import make_test_certificates
    from ketluan_desktop.core.signing.keys import load_pkcs12
    from ketluan_desktop.core.signing.sign import sign_pdf

    with ctx.db.session() as s:
        content = documents.content_of(documents.get(s, 1, full=True))
    rendered = render_pdf(content, DEFAULT_PROFILE)
    p12 = folder / "thu.p12"
    make_test_certificates("Hoàng Thanh Hải", "Đảng ủy Khối các cơ quan tỉnh", p12, "123456", NOW)
    box = rendered.signer_box
    signed = sign_pdf(
        rendered.data,
        load_pkcs12(p12, "123456"),
        box=(box.page_index, box.x0, box.y0, box.x1, box.y1) if box else None,
        name="Hoàng Thanh Hải",
        organisation="Đảng ủy Khối các cơ quan tỉnh",
        now=NOW,
    )
    path = folder / "Kết luận 105-KL đã ký.pdf"
    path.write_bytes(signed)
    return path


def _workspaces(window, out: Path) -> None:
    from ketluan_desktop.ui.documents.screens import grab_document_screens, settle

    for key in ("meetings", "tasks", "members", "overview"):
        window.show_workspace(key)
        settle(0.3)
        _save(window, out, key)
    members = window.members
    members.tabs.setCurrentIndex(members.tabs.count() - 1)  # «Số liệu & số»
    _save(window, out, "figures")
    members.tabs.setCurrentIndex(0)
    with tempfile.TemporaryDirectory() as tmp:
        for path in grab_document_screens(window, Path(tmp)):
            from PySide6.QtGui import QImage

            image = QImage(str(path))
            holder = out / path.name
            image.scaledToWidth(WIDTH).save(str(holder)) if image.width() > WIDTH else image.save(
                str(holder)
            )
            print(holder)


def _dialogs(window, out: Path, folder: Path) -> None:
    from ketluan_desktop.ui.documents.opening import open_document
    from ketluan_desktop.ui.documents.screens import settle
    from ketluan_desktop.ui.first_run import SetupWizard
    from ketluan_desktop.ui.members.procedure_dialogs import ProcedureDialog
    from ketluan_desktop.ui.signing.sign_dialog import SignDialog
    from ketluan_desktop.ui.signing.verify_window import VerifyWindow
    from ketluan_desktop.ui.tasks.dialogs import UpdateDialog

    ctx = window.ctx
    issued = open_document(ctx, 1)  # the issued demo conclusion: number, read-only
    issued.preview.synchronous = True
    issued.resize(1280, 800)
    issued.show()
    issued.preview.render_now()
    settle(1.0)
    _save(issued, out, "issued")
    issued.shutdown()
    issued.close()

    update = UpdateDialog(ctx, 1, window)
    update.show()
    _type(update.text, "Đã tổ chức hội nghị quán triệt; 9/12 đảng bộ cơ sở đã có kế hoạch.")
    _save(update, out, "task_update")
    update.close()

    proc = ProcedureDialog(ctx, kind="card_reissue", parent=window)
    proc.show()
    if "details.reported_on" in proc.widgets:
        _type(proc.widgets["details.reported_on"], "20/11/26")
    _save(proc, out, "card_reissue")
    proc.close()

    sign = SignDialog(ctx, 1, parent=window)
    sign.show()
    _save(sign, out, "sign")
    sign.close()

    verify = VerifyWindow(ctx, window)
    verify.resize(1100, 760)
    verify.show()
    verify.open_file(_signed_demo_pdf(ctx, folder))
    settle(2.0)
    _save(verify, out, "verify")
    verify.close()

    from ketluan_desktop.core.org.office_setup import current

    with ctx.db.session() as s:
        setup = current(s, today=ctx.today())
    wizard = SetupWizard(ctx, setup, window)
    wizard.show()
    wizard.next()
    _save(wizard, out, "setup")
    wizard.close()


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0]) if args else REPO / "resources" / "help" / "images"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["KETLUAN_DATA_DIR"] = str(folder / "dữ liệu")
        from ketluan_desktop.core import demo
        from ketluan_desktop.core.db import open_database
        from ketluan_desktop.ui.application import create_application
        from ketluan_desktop.ui.context import AppContext
        from ketluan_desktop.ui.main_window import MainWindow
        from ketluan_desktop.ui.workers import TaskRunner

        TaskRunner.synchronous = True  # every picture shows finished work
        app = create_application()
        db = open_database(folder / "demo.db", create=True)
        demo.load(db, now=NOW)
        window = MainWindow(AppContext(db, clock=lambda: NOW))
        window.resize(1280, 800)
        window.show()
        _workspaces(window, out)
        _dialogs(window, out, folder)
        window.close()
        app.processEvents()
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
