"""Writing a task report to a file (.pdf or .xlsx), atomically, after every check has passed."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.fsutil import write_atomic_with, write_bytes_atomic
from ketluan_desktop.core.render.profile import DEFAULT_PROFILE, LayoutProfile
from ketluan_desktop.core.tasks.report import TaskReport

FORMATS = {".pdf": "pdf", ".xlsx": "xlsx"}


def format_of(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(
            f"Không xuất được báo cáo ra tệp «{Path(path).name}»: hãy đặt tên tệp kết thúc bằng .pdf "
            "(văn bản theo thể thức Đảng) hoặc .xlsx (bảng tính Excel)."
        )
    return FORMATS[suffix]


def office_profile(session: Session) -> LayoutProfile:
    """The layout profile the office marked as default in Settings, else HD 36 (2018)."""
    from ketluan_desktop.core.documents.layout_profiles import office_default

    return office_default(session)


def export_report(
    report: TaskReport,
    path: str | os.PathLike[str],
    *,
    profile: LayoutProfile | None = None,
    now: datetime | None = None,
) -> Path:
    fmt = format_of(path)
    if fmt == "pdf":
        from ketluan_desktop.core.tasks.report_pdf import render_report_pdf

        data = render_report_pdf(report, profile or DEFAULT_PROFILE, creation=now)
        return write_bytes_atomic(path, data)
    from ketluan_desktop.core.tasks.report_xlsx import write_report_xlsx

    return write_atomic_with(path, lambda fh: write_report_xlsx(report, fh))
