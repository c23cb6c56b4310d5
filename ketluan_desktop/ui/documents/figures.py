"""The standard sentence of procedure figures for a period ("Kết luận tiêu chuẩn chính trị đối với
394 trường hợp; …"), looked up for the editor to insert at the caret."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui import dialogs


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


def figures_sentence(ctx, parent: QWidget, start: date, end: date) -> str | None:
    """The sentence, or None after telling the user why there is none."""
    from ketluan_desktop.core.members import figures as stats

    try:
        with ctx.db.session() as s:
            sentence = stats.sentence(stats.figures(s, start, end))
    except KetLuanError as exc:
        dialogs.show_error(parent, exc.message)
        return None
    if not sentence:
        dialogs.show_info(
            parent,
            _t("Không có thủ tục đảng viên nào được ghi nhận từ {a} đến {b}.").format(
                a=format_date(start), b=format_date(end)
            ),
        )
        return None
    return sentence
