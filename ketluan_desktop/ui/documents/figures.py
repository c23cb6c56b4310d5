"""The standard sentence of procedure figures for a period ("Kết luận tiêu chuẩn chính trị đối với
394 trường hợp; …"), looked up on the runner for the editor to insert at the caret (issue 14: the UI thread only
paints)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QWidget

from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.workers import answer_to, run_from, said_to


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


def figures_sentence(
    ctx, parent: QWidget, start: date, end: date, then: Callable[[str], None], controls=()
) -> None:
    """The sentence, counted on the runner (over every procedure of the period: seconds on a
    large office), handed to ``then``; or the user told why there is none. ``controls`` stay off
    until it is over (a second click does not insert it twice); an answer reaching a closed
    ``parent`` is dropped."""
    from ketluan_desktop.core.members import figures as stats

    db = ctx.db

    def work() -> str:
        with db.session() as s:
            return stats.sentence(stats.figures(s, start, end))

    def arrived(sentence: str) -> None:
        if sentence:
            then(sentence)
            return
        dialogs.show_info(
            parent,
            _t("Không có thủ tục đảng viên nào được ghi nhận từ {a} đến {b}.").format(
                a=format_date(start), b=format_date(end)
            ),
        )

    run_from(ctx.runner, controls, work, answer_to(parent, arrived), said_to(parent))
