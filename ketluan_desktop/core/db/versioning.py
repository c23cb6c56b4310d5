"""No lost updates: every row a person edits carries a version and who changed it last, when.

A form or editor remembers the ``version`` it loaded; the service compares it with the stored one
(``check_version``) and refuses a stale save with ``StaleEditError``, whose message names who saved
in between and when. SQLAlchemy's ``version_id_col`` guards the short window between that check
and the write (``UPDATE … WHERE version = …``); ``Database`` turns its ``StaleDataError`` into the
same error. The stamp (``changed_by``, ``changed_at``) is written by a flush hook from the
session's database user (the Windows account today; the signed-in person on a shared server).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Mapped, Session, mapped_column

from ketluan_desktop.core.errors import ConflictError
from ketluan_desktop.core.text.dates import format_moment

log = logging.getLogger(__name__)


class ChangeStamp:
    """Mixed into the models people edit (beside their ``version`` column)."""

    changed_by: Mapped[str | None] = mapped_column(default=None)
    changed_at: Mapped[datetime | None] = mapped_column(default=None)


@dataclass(frozen=True)
class LastChange:
    version: int | None
    changed_by: str | None
    changed_at: datetime | None

    def describe(self) -> str:
        """« bởi «Nguyễn Văn A» lúc 09:41 ngày 29/11/2026» (or as much as is known)."""
        from ketluan_desktop.core.clock import VN_TZ

        parts = []
        if self.changed_by:
            parts.append(f"bởi «{self.changed_by}»")
        if self.changed_at is not None:
            when = self.changed_at.astimezone(VN_TZ)
            parts.append("lúc " + format_moment(when, time_first=True, between=" ngày "))
        return " ".join(parts)


class StaleEditError(ConflictError):
    """Someone saved the record after this form or editor loaded it. Nothing was written; the
    caller keeps what the user typed and offers to reload, compare or keep it as a copy."""

    def __init__(
        self,
        message: str,
        *,
        entity: str | None = None,
        entity_id: Any = None,
        last: LastChange | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(message, detail=detail)
        self.entity = entity
        self.entity_id = entity_id
        self.last = last or LastChange(None, None, None)


def last_change_of(obj: Any) -> LastChange:
    return LastChange(
        getattr(obj, "version", None), getattr(obj, "changed_by", None), _changed_at(obj)
    )


def _changed_at(obj: Any) -> datetime | None:
    when = getattr(obj, "changed_at", None)
    if when is None:  # rows written before the stamp existed
        when = getattr(obj, "updated_at", None)
    return when


def last_change(session: Session, model: type, key: Any) -> LastChange | None:
    """Who changed a row last, and when (None: the row is gone). Reads the stored row, not the
    session's copy."""
    obj = session.get(model, key, populate_existing=True)
    return None if obj is None else last_change_of(obj)


def stale_error(obj: Any, message: str) -> StaleEditError:
    """``message`` may hold ``{changed}``, replaced by « (bởi «…» lúc …)» when known."""
    last = last_change_of(obj)
    said = last.describe()
    text = message.replace("{changed}", f" ({said})" if said else "")
    if "{changed}" not in message and said:
        text = f"{text} Lần sửa gần nhất: {said}."
    mapper = sa_inspect(obj).mapper
    key = sa_inspect(obj).identity
    return StaleEditError(
        text,
        entity=mapper.local_table.name,
        entity_id=key[0] if key and len(key) == 1 else key,
        last=last,
    )


def check_version(obj: Any, expected: int | None, message: str) -> None:
    """Refuse a save prepared from an older version of ``obj`` (see ``stale_error``)."""
    if expected is not None and obj.version != expected:
        raise stale_error(obj, message)


GENERIC_STALE = (
    "Bản ghi này vừa được lưu từ nơi khác (máy khác hoặc cửa sổ khác) trong lúc bạn đang sửa, "
    "nên thay đổi của bạn chưa được ghi đè lên. Những gì bạn đã nhập vẫn còn: hãy tải lại để xem "
    "bản mới rồi làm lại."
)


# ------------------------------------------------------------------------------ the flush hook
def _stamp_before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    database = session.info.get("database")
    user = getattr(database, "username", None)
    if not user:
        from ketluan_desktop.core.audit.trail import current_username

        user = current_username()
    clock = getattr(database, "utc_clock", None)
    moment = clock() if clock is not None else datetime.now(UTC)
    for obj in session.new:
        if isinstance(obj, ChangeStamp):
            obj.changed_by, obj.changed_at = user, moment
    for obj in session.dirty:
        if isinstance(obj, ChangeStamp) and session.is_modified(obj, include_collections=False):
            obj.changed_by, obj.changed_at = user, moment


def install_hooks() -> None:
    from sqlalchemy import event

    if not event.contains(Session, "before_flush", _stamp_before_flush):
        event.listen(Session, "before_flush", _stamp_before_flush)


install_hooks()
