"""The database layer. ``Database`` and ``open_database`` load SQLAlchemy when first used, so the
light modules here (``location``, ``preflight``, ``integrity``) can be imported without it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ketluan_desktop.core.db.database import Database, open_database

__all__ = ["Database", "open_database"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ketluan_desktop.core.db import database

        return getattr(database, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
