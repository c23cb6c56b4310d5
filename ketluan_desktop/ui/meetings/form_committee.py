"""«Thêm ủy viên theo danh sách»: the body's committee read on the runner, the unlisted added.

The read takes a moment on the runner. A save asked for meanwhile (Ctrl+S right after the click)
waits for it, so it stores the members the clerk just asked for instead of a meeting without
them (the clerk's week in the real window saved before they arrived)."""

from __future__ import annotations

from collections.abc import Callable

from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.meetings import form_read


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("MeetingForm", text)  # the form's own context


class CommitteeAdder:
    def __init__(self, form) -> None:
        self.form = form
        self.reading = False
        self._save_waiting: tuple[Callable[[], None] | None] | None = None

    def start(self) -> None:
        from ketluan_desktop.ui.workers import answer_to, run_from, said_to

        form = self.form
        db, body = form.ctx.db, form.body.currentText()
        empty = _t("Danh sách cán bộ chưa có ủy viên nào của {body}. Hãy thêm người dự bằng tay.")

        def work() -> list[tuple]:
            with db.session() as s:
                return form_read.committee_rows(s, body)

        def arrived(rows: list[tuple]) -> None:
            added = form_read.new_attendees(form.attendance.items, rows)
            for a in added:
                form.attendance.append(a)
            form.last_added = len(added)
            self._over()
            if not rows:
                dialogs.show_info(form, empty.format(body=body))

        def failed(exc: BaseException, tb: str) -> None:
            said_to(form)(exc, tb)
            self._over()  # a save asked for still goes, with the rows the form has

        self.reading = True
        run_from(
            form.ctx.runner,
            [form.add_members],
            work,
            answer_to(form, arrived),
            answer_to(form, failed),
        )

    def save_after(self, then: Callable[[], None] | None) -> bool:
        """Hold a save until the read has arrived; False when no read is on its way."""
        if not self.reading:
            return False
        self._save_waiting = (then,)  # a second Ctrl+S meanwhile still saves once
        return True

    def _over(self) -> None:
        self.reading = False
        waiting, self._save_waiting = self._save_waiting, None
        if waiting is not None:
            self.form.save(waiting[0])
