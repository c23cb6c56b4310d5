"""When the full-file check runs: where it can find something, never between a user and their data.

Opening a database checks only what is cheap (``preflight.inspect_existing``: the header, the
schema, the revision). ``PRAGMA quick_check`` reads every page — a second per 500 MB in the OS
cache, ten when the file is cold — so it runs:

* after an unclean shutdown (``core/session_marker.py``: the last window did not close normally),
  when damage is most likely — in the background, at once;
* weekly, in the background, at idle priority and cancellable (the window runs it);
* before a backup and before a migration (``preflight.backup_copy`` refuses a damaged file).

This module decides; the window runs the check off the UI thread and shows what it found. The
date of the last complete check of each file is kept in ``integrity.json`` in the data folder.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from ketluan_desktop.core.db import preflight
from ketluan_desktop.core.errors import DatabaseError
from ketluan_desktop.core.fsutil import write_bytes_atomic

log = logging.getLogger(__name__)

CHECK_EVERY = timedelta(days=7)
STATE_FILE = "integrity.json"
UNCLEAN = "unclean"  # the last session did not close normally
WEEKLY = "weekly"  # no complete check for a week (or ever)


def _state(data_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((Path(data_dir) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _key(db_path: Path) -> str:
    return str(Path(db_path).resolve())


def last_checked(data_dir: Path, db_path: Path) -> datetime | None:
    """When the last complete check of this file found it intact (None: never)."""
    value = _state(data_dir).get(_key(db_path))
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def due_reason(data_dir: Path, db_path: Path, *, now: datetime, clean_exit: bool) -> str | None:
    """Why the full check should run now (``UNCLEAN``, ``WEEKLY``), or None."""
    if not clean_exit:
        return UNCLEAN
    last = last_checked(data_dir, db_path)
    if last is None or (last.tzinfo is None) != (now.tzinfo is None) or now - last >= CHECK_EVERY:
        return WEEKLY
    return None


def record(data_dir: Path, db_path: Path, *, now: datetime, result: preflight.CheckResult) -> None:
    """Remember a complete check that found the file intact (a damaged file is checked again)."""
    if not result.ok:
        return
    state = _state(data_dir)
    state[_key(db_path)] = now.isoformat()
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(
        Path(data_dir) / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1).encode()
    )


def run(
    data_dir: Path,
    db_path: Path,
    *,
    now: datetime,
    reason: str,
    should_stop: Callable[[], bool] | None = None,
) -> DatabaseError | None:
    """Run the full check (off the UI thread): the error to show when it found damage, else None.

    A check stopped before its end (``should_stop``) is not recorded, so it runs again later.
    """
    result = preflight.full_check(db_path, should_stop=should_stop)
    log.info(
        "integrity check (%s) of %s: %s in %.1f s",
        reason,
        Path(db_path).name,
        {True: "intact", False: "DAMAGED", None: "stopped"}[result.ok],
        result.seconds,
    )
    if result.ok is None:
        return None
    record(data_dir, db_path, now=now, result=result)
    if result.ok:
        return None
    return preflight.corrupt_error(Path(db_path), result.detail)
