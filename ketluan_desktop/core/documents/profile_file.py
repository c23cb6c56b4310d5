"""The office's default layout profile read straight from a KếtLuận SQLite file.

``ketluan export --sample`` follows the profile the office chose as default, yet loading
SQLAlchemy and the ORM for one row would cost more than laying out the page (issue 14). A healthy
KếtLuận SQLite file is read here through ``sqlite3``, read-only; anything else (a server, a file
that is not KếtLuận's, one not yet holding profiles) goes the ordinary way
(``layout_profiles.default``).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.render.profile import DEFAULT_PROFILE, LayoutProfile


def office_default_in_sqlite(path: Path) -> LayoutProfile | None:
    """The profile marked as default (the built-in default when none is marked yet, as
    ``layout_profiles.ensure_builtins`` would mark it), or None when this file needs the ORM."""
    from ketluan_desktop.core.db import preflight

    try:
        if not preflight.check_file_is_sqlite(path):
            return None
        revision, tables = preflight.inspect_existing(path)
    except KetLuanError:
        return None
    if revision is None or "layout_profile" not in tables:
        return None
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT name, data FROM layout_profile WHERE is_default = 1 ORDER BY id LIMIT 1"
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    if row is None:
        return DEFAULT_PROFILE
    try:
        data = json.loads(row[1])
    except (TypeError, ValueError):
        return None
    return LayoutProfile.from_dict({**data, "name": row[0]})
