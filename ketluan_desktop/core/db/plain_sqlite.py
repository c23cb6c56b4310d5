"""Reading an office's SQLite file with the standard ``sqlite3`` module alone, read-only.

A command that only reads (``ketluan members list``) spends more on importing SQLAlchemy than on
its query on a big office (issue 14). ``read`` runs its query without it when opening the file
the ordinary way (``open_database``) would open it as it is, and answers None otherwise — then
the caller goes the ordinary way, which migrates, warns, signs in or refuses with its own words:

- a server URL or a saved choice, a missing or empty file, a file on a network drive (a warning
  to print), a schema that is not this version's (older: migrated; newer or none: refused),
  a folder that cannot be written (refused), an account to sign in with (``user``), or any
  SQLite error while reading: None. (What the command line does on every ordinary open, e.g.
  finishing a signing left half done, is the caller's to check: ``cli/member_commands.py``.)
- a file that is not a database, or whose header or schema is damaged: refused here, by the
  same checks and with the same messages as the ordinary open (``preflight``).

The statements are SQLite text; keep them compiled from the SQLAlchemy statements the ordinary
way runs (``sqlite_compiled``), with a test that recompiles them
(``core/members/member_list_sql.py`` shows how).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ketluan_desktop.core.db import location, preflight

T = TypeVar("T")

BUSY_TIMEOUT_S = 10.0  # as the ordinary open's busy_timeout (database.BUSY_TIMEOUT_MS)


def plain_file(target: str | os.PathLike[str] | None, *, user: str | None = None) -> Path | None:
    """The SQLite file to read without SQLAlchemy, checked as the ordinary open checks it; None
    when the ordinary open has more to do or to say (see the module's list)."""
    if user:
        return None
    path = location.sqlite_file(target)
    if path is None or not path.is_file() or location.is_network_path(path):
        return None
    preflight.check_folder(path)  # a read-only folder: refused, as the ordinary open does
    if not preflight.check_file_is_sqlite(path):
        return None
    revision, _tables = preflight.inspect_existing(path)
    from ketluan_desktop.core.db import migrate

    if revision is None or revision != migrate.head_revision():
        return None
    return path


def read(
    target: str | os.PathLike[str] | None,
    query: Callable[[sqlite3.Connection], T],
    *,
    user: str | None = None,
) -> T | None:
    """``query`` on the file, opened read-only (``preflight``'s URI), when ``plain_file`` allows;
    None when it does not, or when SQLite fails (the ordinary way then says why)."""
    path = plain_file(target, user=user)
    if path is None:
        return None
    try:
        con = sqlite3.connect(preflight._readonly_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return None
    try:
        return query(con)
    except sqlite3.Error:
        return None
    finally:
        con.close()
