"""The office's default layout profile read straight from a KếtLuận SQLite file.

``ketluan export --sample`` follows the profile the office chose as default, yet loading
SQLAlchemy and the ORM for one row would cost more than laying out the page (issue 14). A healthy
KếtLuận SQLite file is read here through ``sqlite3``, read-only; anything else (a server, a file
that is not KếtLuận's, one not yet holding profiles) goes the ordinary way
(``layout_profiles.default``).
"""

from __future__ import annotations

import json
from pathlib import Path

from ketluan_desktop.core.render.profile import DEFAULT_PROFILE, LayoutProfile


def office_default_in_sqlite(path: Path) -> LayoutProfile | None:
    """The profile marked as default (the built-in default when none is marked yet, as
    ``layout_profiles.ensure_builtins`` would mark it), or None when this file needs the ORM."""
    from ketluan_desktop.core.db import preflight

    found = preflight.read_app_table(
        path,
        "layout_profile",
        lambda con: (
            con.execute(
                "SELECT name, data FROM layout_profile WHERE is_default = 1 ORDER BY id LIMIT 1"
            ).fetchone(),
        ),
    )
    if found is None:
        return None
    row = found[0]
    if row is None:
        return DEFAULT_PROFILE
    try:
        data = json.loads(row[1])
    except (TypeError, ValueError):
        return None
    return LayoutProfile.from_dict({**data, "name": row[0]})
