"""This window's session on the workstation: begun before the database opens, ended on a normal
close, and — when the last one never ended — the drafts' autosaves offered back once the window is
up. The marker files themselves are ``core/session_marker.py``'s; the same clean/unclean answer
also decides when the full-file check runs (``ui/startup.py``, ``ui/integrity_watch.py``)."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


def begin_session() -> tuple[Path, bool]:
    """The data folder and whether the last session on this workstation closed cleanly, asked
    before this session's marker is written (``core/session_marker.py``); a folder that cannot
    be written only costs the question."""
    from ketluan_desktop.core import paths, session_marker
    from ketluan_desktop.core.errors import KetLuanError

    folder = paths.data_dir()
    clean = session_marker.last_exit_was_clean(folder)
    try:
        session_marker.mark_started(folder)
    except (OSError, KetLuanError) as exc:
        log.warning("cannot write the session marker in %s: %s", folder, exc)
    return folder, clean


def end_session(folder: Path) -> None:
    from ketluan_desktop.core import session_marker

    try:
        session_marker.mark_closed(folder)
    except OSError as exc:
        log.warning("cannot remove the session marker in %s: %s", folder, exc)


def offer_recovery_later(window, ctx) -> None:
    """After an unclean exit: once the window is up, one question about the drafts' autosaves."""
    from PySide6.QtCore import QTimer

    from ketluan_desktop.ui.documents.recovery_dialog import offer_recovery

    def open_document(doc_id: int) -> None:
        window.show_workspace("meetings").open_document(doc_id)

    QTimer.singleShot(0, window, lambda: offer_recovery(window, ctx, open_document))
