"""What ``ketluan info`` and the About dialog show: where the data is, versions, row counts."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

from sqlalchemy import func, select

from ketluan_desktop import __version__
from ketluan_desktop.core import paths
from ketluan_desktop.core.db import Database
from ketluan_desktop.core.db.base import Base

LIBRARIES = (
    ("PySide6-Essentials", "LGPL-3.0"),
    ("SQLAlchemy", "MIT"),
    ("alembic", "MIT"),
    ("reportlab", "BSD"),
    ("python-docx", "MIT"),
    ("openpyxl", "MIT"),
    ("pyHanko", "MIT"),
    ("pyhanko-certvalidator", "MIT"),
    ("platformdirs", "MIT"),
    ("holidays", "MIT"),
    ("pypdfium2", "Apache-2.0 / BSD-3-Clause"),
    ("fonttools", "MIT"),
)


def library_versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name, _licence in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def row_counts(db: Database) -> dict[str, int]:
    counts: dict[str, int] = {}
    import ketluan_desktop.core.db.schema  # noqa: F401 - every table, not only those loaded

    with db.session() as s:
        for name, table in sorted(Base.metadata.tables.items()):
            counts[name] = s.scalar(select(func.count()).select_from(table)) or 0
    return counts


def info(db: Database) -> dict:
    return {
        "app_version": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "data_dir": str(paths.data_dir()),
        "database": db.location.display,
        "database_url": db.location.url.render_as_string(hide_password=True),
        "schema_revision": db.revision,
        "warnings": list(db.warnings),
        "libraries": library_versions(),
        "counts": row_counts(db),
    }
