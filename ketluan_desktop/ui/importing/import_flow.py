"""File → Nhập văn bản…: read the file off the GUI thread (offering OCR for a scan), let the clerk
review and correct it, then store it in one transaction — in the outgoing register, or in Sổ văn
bản đến with the tasks the clerk chose to track."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ketluan_desktop.ui import dialogs

FILE_FILTER = "Văn bản (*.docx *.txt *.pdf);;Tất cả tệp (*)"


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ImportFlow", text)


def _read_bytes(path: Path) -> bytes:
    from ketluan_desktop.core.errors import ImportError_

    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportError_(
            f"Không đọc được tệp {path} ({exc.strerror or exc}). Hãy kiểm tra tệp còn tồn tại "
            "và bạn có quyền đọc nó."
        ) from exc


def _context(db, parsed: dict[str, Any]) -> tuple[list[tuple[int, str]], bool]:
    """The units a task can be given to, and whether the document looks like another body's."""
    from ketluan_desktop.core.importer import incoming as incoming_side
    from ketluan_desktop.core.org import units as unit_service

    with db.session() as s:
        choices = unit_service.choices(s)
        side = incoming_side.decide_side(s, parsed)
    return choices, side == incoming_side.INCOMING


class ImportFlow:
    """One import, started by the main window; its steps chain through the window's runner."""

    def __init__(self, window, path: Path) -> None:
        self.window = window
        self.ctx = window.ctx
        self.path = path
        self.data = b""

    def start(self, ocr: bool = False) -> None:
        bar = self.window.statusBar()
        if ocr:
            bar.showMessage(_t("Đang nhận dạng chữ (OCR) tệp {name}…").format(name=self.path.name))
        else:
            bar.showMessage(_t("Đang đọc tệp {name}…").format(name=self.path.name))
        self._run(lambda: self._read(ocr), self._review, self._read_failed)

    def _read(self, ocr: bool):
        from ketluan_desktop.core.importer import parse_bytes

        self.data = _read_bytes(self.path)
        result = parse_bytes(self.data, self.path.name, ocr=ocr)
        units, incoming = _context(self.ctx.db, result.to_json_dict())
        return result, units, incoming

    def _read_failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.core.importer.pdf_reader import ScannedPdfError

        if isinstance(exc, ScannedPdfError) and exc.ocr_available:
            self.window.statusBar().clearMessage()
            question = _t(
                "{msg}\n\nNhận dạng chữ bằng OCR ngay bây giờ? Việc này mất khoảng nửa phút mỗi "
                "trang; kết quả được đánh dấu «từ OCR — cần kiểm tra»."
            ).format(msg=exc.message)
            if dialogs.ask_yes_no(self.window, question, _t("Bản quét")):
                self.start(ocr=True)
                return
            self.window.statusBar().showMessage(_t("Đã hủy nhập văn bản."), 5000)
            return
        self.window._failed(exc, tb)

    def _review(self, read) -> None:
        from PySide6.QtWidgets import QDialog

        from ketluan_desktop.ui.importing.review_dialog import ImportReviewDialog

        result, units, incoming = read
        self.window.statusBar().clearMessage()
        dialog = ImportReviewDialog(
            result, self.path.name, self.window, units=units, incoming=incoming,
            today=self.ctx.now().date(),
        )  # fmt: skip
        if dialogs.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            self.window.statusBar().showMessage(
                _t("Đã hủy nhập văn bản; không có gì được lưu."), 5000
            )
            return
        corrected = dialog.corrected()
        plans = dialog.task_plans()
        if dialog.is_incoming:
            received, track = dialog.received_date, dialog.track_tasks
            job = lambda: self._save_incoming(corrected, plans, received, track)  # noqa: E731
        else:
            job = lambda: self._save_outgoing(corrected, plans)  # noqa: E731
        self._run(job, self._done, self.window._failed)

    def _run(self, job, done, failed) -> None:
        """Each step with File → Nhập văn bản… off until it is over (no second import meanwhile)."""
        from ketluan_desktop.ui.workers import run_from

        run_from(self.ctx.runner, [self.window.act_import], job, done, failed)

    def _save_outgoing(self, result, plans):
        from ketluan_desktop.core.errors import NotFoundError
        from ketluan_desktop.core.importer import storing as importing
        from ketluan_desktop.core.org import organisations as org_service

        with self.ctx.db.write_session() as s:
            try:
                issuer_id = org_service.issuing_body(s).id
            except NotFoundError:
                issuer_id = None
            stored = importing.store(
                s,
                result.to_json_dict(),
                result.content(),
                now=self.ctx.now(),
                source_name=self.path.name,
                source_sha256=importing.sha256_of(self.data),
                issuer_org_id=issuer_id,
                task_units={i: p.lead_unit_id for i, p in enumerate(plans) if p.lead_unit_id},
                task_deadlines={i: p.deadline for i, p in enumerate(plans) if p.deadline},
                task_deadline_texts={
                    i: p.deadline_text for i, p in enumerate(plans) if p.deadline_text
                },
            )
            label = stored.document.number_symbol or stored.document.subject
            return _t("Đã nhập văn bản {doc} với {n} nhiệm vụ.").format(
                doc=label, n=len(stored.tasks)
            )

    def _save_incoming(self, result, plans, received, track: bool):
        from ketluan_desktop.core.documents.incoming_register import TrackedTask
        from ketluan_desktop.core.importer import incoming as incoming_side

        tasks = [
            TrackedTask(t.text, p.lead_unit_id, p.deadline, p.deadline_text)
            for t, p in zip(result.tasks, plans, strict=True)
        ]  # fmt: skip
        with self.ctx.db.write_session() as s:
            stored = incoming_side.store_incoming(
                s, result.to_json_dict(), received=received, now=self.ctx.now(),
                source_name=self.path.name, data=self.data, track=tasks if track else None,
            )  # fmt: skip
            row = stored.incoming
            return _t("Đã vào sổ văn bản đến số {n}: {doc}, theo dõi {k} nhiệm vụ.").format(
                n=row.register_label, doc=row.number_symbol or self.path.name, k=len(stored.tasks)
            )

    def _done(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)
        self.ctx.notify("*")


def run_import(window, path: Path) -> ImportFlow:
    flow = ImportFlow(window, path)
    window._import_flow = flow  # kept alive until the next import
    flow.start()
    return flow
