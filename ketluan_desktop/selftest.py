"""``--self-test``: prove an installation works end to end, in a throw-away folder.

Each step prints one line; the exit code is 0 only if every step passed. The folder's name has
Vietnamese characters on purpose: users called "Nguyễn" must not break anything.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from ketluan_desktop import APP_DISPLAY_NAME, __version__

PASSWORD = "kiem-thu-tu-dong"


class _State:
    db = None
    document_id: int | None = None
    pdf: bytes | None = None
    signed: bytes | None = None
    ca_pem: bytes | None = None
    box = None


def _steps(folder: Path, st: _State) -> list[tuple[str, Callable[[], str]]]:
    from ketluan_desktop.core.clock import office_now

    now = office_now()

    def database() -> str:
        from ketluan_desktop.core.db import open_database

        st.db = open_database(folder / "Dữ liệu thử" / "ketluan.db", create=True)
        return f"lược đồ {st.db.revision}"

    def demo() -> str:
        from ketluan_desktop.core import demo as demo_mod

        result = demo_mod.load(st.db, now=now)
        st.document_id = result.document_id
        return "văn phòng mẫu"

    def render() -> str:
        from ketluan_desktop.core.documents import records as documents
        from ketluan_desktop.core.render.pdf import render_pdf
        from ketluan_desktop.core.render.profile import DEFAULT_PROFILE

        with st.db.session() as s:
            content = documents.content_of(documents.get(s, st.document_id, full=True))
        rendered = render_pdf(content, DEFAULT_PROFILE)
        st.pdf = rendered.data
        st.box = rendered.signer_box
        (folder / "Kết luận.pdf").write_bytes(st.pdf)
        return f"{rendered.page_count} trang, {len(st.pdf) // 1024} KB"

    def word() -> str:
        from docx import Document as WordDocument

        from ketluan_desktop.core.documents import records as documents
        from ketluan_desktop.core.render.docx import render_docx
        from ketluan_desktop.core.render.profile import DEFAULT_PROFILE

        with st.db.session() as s:
            content = documents.content_of(documents.get(s, st.document_id, full=True))
        path = folder / "Kết luận.docx"
        path.write_bytes(render_docx(content, DEFAULT_PROFILE, now=now))
        paragraphs = len(WordDocument(str(path)).paragraphs)
        return f"{paragraphs} đoạn, {path.stat().st_size // 1024} KB"

    def excel() -> str:
        from openpyxl import load_workbook

        from ketluan_desktop.core.tasks.report import document_report
        from ketluan_desktop.core.tasks.report_export import export_report

        with st.db.session() as s:
            report = document_report(s, st.document_id, today=now.date())
        path = export_report(report, folder / "Báo cáo nhiệm vụ.xlsx", now=now)
        rows = load_workbook(path, read_only=True).active.max_row
        return f"báo cáo nhiệm vụ, {rows} dòng"

    def sign() -> str:
        from ketluan_desktop.core.signing.certs import make_test_certificates
        from ketluan_desktop.core.signing.keys import load_pkcs12
        from ketluan_desktop.core.signing.sign import sign_pdf

        p12 = folder / "chứng thư thử.p12"
        make_test_certificates(
            "Nguyễn Văn Thử", "Đảng ủy Khối các cơ quan tỉnh", p12, PASSWORD, now
        )
        st.ca_pem = p12.with_name(f"{p12.stem}-ca.pem").read_bytes()
        key = load_pkcs12(p12, PASSWORD)
        box = st.box
        st.signed = sign_pdf(
            st.pdf,
            key,
            box=(box.page_index, box.x0, box.y0, box.x1, box.y1) if box else None,
            name="Nguyễn Văn Thử",
            organisation="Đảng ủy Khối các cơ quan tỉnh",
            now=now,
        )
        return "PAdES B-B"

    def verify() -> str:
        from ketluan_desktop.core.signing.verify import verify_pdf

        report = verify_pdf(st.signed, [st.ca_pem])
        if not report.ok:
            raise RuntimeError(f"chữ ký không hợp lệ: {report.verdict}")
        return report.verdict

    def window() -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from ketluan_desktop.ui.application import create_application
        from ketluan_desktop.ui.context import AppContext
        from ketluan_desktop.ui.main_window import MainWindow

        create_application()
        w = MainWindow(AppContext(st.db))
        w.show()
        w.show_workspace("meetings")  # the window may open on another (the overview by default)
        # The screens read the database in the background: wait for what they show.
        deadline = time.monotonic() + 30
        QApplication.processEvents()
        while (w.ctx.runner.busy or not w.meetings.doc_model.rowCount()) and (
            time.monotonic() < deadline
        ):
            QApplication.processEvents()
            time.sleep(0.01)
        rows = w.meetings.doc_model.rowCount()
        w.close()
        QApplication.processEvents()
        if rows < 1:
            raise RuntimeError("cửa sổ chính không hiện văn bản mẫu")
        from ketluan_desktop.ui.help_window import guide_problems

        missing = guide_problems()  # the user guide (F1) and its pictures are in the bundle
        if missing:
            raise RuntimeError("hướng dẫn sử dụng: " + "; ".join(missing))
        return f"{rows} văn bản hiển thị, có hướng dẫn sử dụng"

    return [
        ("Tạo cơ sở dữ liệu và chạy migration", database),
        ("Nạp dữ liệu mẫu", demo),
        ("Xuất kết luận mẫu ra PDF", render),
        ("Xuất kết luận mẫu ra Word", word),
        ("Xuất báo cáo nhiệm vụ ra Excel", excel),
        ("Ký số bằng chứng thư thử", sign),
        ("Kiểm tra chữ ký số", verify),
        ("Mở cửa sổ chính (ẩn) rồi đóng", window),
    ]


def run_self_test(out=None, *, report: str | None = None) -> int:
    """``out`` is None in a windowed program on Windows (no console): then the result goes to
    ``report`` if given (scripts, the build), else to a message box (a user double-clicking)."""
    lines: list[str] = []

    def emit(text: str) -> None:
        lines.append(text)
        if out is not None:
            print(text, file=out, flush=True)

    emit(f"{APP_DISPLAY_NAME} {__version__} — tự kiểm tra")
    failed = 0
    st = _State()
    with tempfile.TemporaryDirectory(prefix="KếtLuận tự kiểm tra ") as tmp:
        folder = Path(tmp)
        os.environ["KETLUAN_DATA_DIR"] = str(folder / "Thư mục dữ liệu")
        for label, step in _steps(folder, st):
            t0 = time.perf_counter()
            try:
                detail = step()
            except Exception as exc:  # every failure is reported, then the next step runs
                failed += 1
                emit(f"LỖI  {label}: {exc}")
                emit(traceback.format_exc().rstrip())
                continue
            emit(f"OK   {label} ({detail}; {1000 * (time.perf_counter() - t0):.0f} ms)")
        if st.db is not None:
            st.db.dispose()
    emit("Kết quả: ĐẠT" if not failed else f"Kết quả: {failed} bước LỖI")
    if report:
        Path(report).write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif out is None:
        _show_result("\n".join(lines), failed == 0)
    return 0 if not failed else 1


def _show_result(text: str, ok: bool) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    _app = QApplication.instance() or QApplication([])
    box = QMessageBox.information if ok else QMessageBox.critical
    box(None, APP_DISPLAY_NAME, text)
