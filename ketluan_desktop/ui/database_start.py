"""Which database the window opens, and when it may create one.

The first start on the default file (nothing given) creates the office, and so does ``--demo``;
a path given with ``--db`` or ``KETLUAN_DB`` that does not exist is never created silently: the
clerk is told which file is missing and may choose «Tạo văn phòng mới» explicitly (the default
answer is no, and no exits with code 1).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication

from ketluan_desktop.ui import dialogs


def _t(text: str) -> str:
    return QCoreApplication.translate("DatabaseStart", text)


def may_create(db_arg: str | None, demo: bool) -> bool:
    """The default file on first start, or the demo office: creating it is what was asked. A file
    chosen in Cài đặt → Cơ sở dữ liệu (``core/db/connection.py``) is a path given, like ``--db``.
    Reads the saved choice (SQLAlchemy): call it off the UI thread."""
    if demo:
        return True
    if db_arg is not None or os.environ.get("KETLUAN_DB"):
        return False
    from ketluan_desktop.core.db.connection import load_choice

    return load_choice().path is None


def ask_to_create(window, exc) -> bool:
    """After a ``MissingDatabaseError``: may a new, empty office be made at that path? (No is the
    default; then the exception is marked as shown, the question having named the file.)"""
    question = _t(
        "Không có cơ sở dữ liệu KếtLuận tại:\n{path}\n\nNếu đường dẫn bị gõ nhầm, hãy chọn "
        "«Không» rồi mở lại với đúng tệp; dữ liệu của bạn không mất.\n\nTạo một văn phòng "
        "mới, chưa có dữ liệu, tại đó?"
    ).format(path=exc.path)
    if dialogs.ask_yes_no(window, question, _t("Không tìm thấy cơ sở dữ liệu")):
        return True
    exc.shown = True  # the question named the file already
    return False


def open_for_window(window, db_arg: str | None, demo: bool, *, interactive: bool = True):
    """Open (or, when asked, create) the database; raises ``KetLuanError`` when refused. (The
    window itself opens on a thread, ``ui/startup.py``, asking the same question.)"""
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.db.errors import MissingDatabaseError

    try:
        return open_database(db_arg, create=may_create(db_arg, demo))
    except MissingDatabaseError as exc:
        if not interactive or not ask_to_create(window, exc):
            raise
        return open_database(db_arg, create=True)
