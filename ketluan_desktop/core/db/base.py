"""Declarative base: NFC text on the way in, naming conventions Alembic can rely on."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, MetaData, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ketluan_desktop.core.db.types import (  # noqa: F401 - also imported from here
    NFCString,
    NFCText,
    UTCDateTime,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads it as a class attribute
        str: NFCText(),
        datetime: UTCDateTime(),
        date: __import__("sqlalchemy").Date(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


def table_of(model: type[Base]) -> Table:
    """A model's Core table, for bulk statements that skip the ORM (SQLAlchemy types a mapped
    class's ``__table__`` as the wider ``FromClause``; a declarative model always has a Table)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class IdMixin:
    id: Mapped[int] = mapped_column(primary_key=True)


class TimestampMixin:
    created_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime | None] = mapped_column(default=None)


def _derive_before_flush(session: Any, _ctx: Any, _instances: Any) -> None:
    # Folded search text and sort keys are derived, never typed: refresh them on every write.
    for obj in (*session.new, *session.dirty):
        derive = getattr(obj, "derive", None)
        if derive is not None:
            derive()


def install_hooks() -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    if not event.contains(Session, "before_flush", _derive_before_flush):
        event.listen(Session, "before_flush", _derive_before_flush)


install_hooks()
