"""The column types of the declarative base (NFC text, UTC datetimes), in Core alone: queries
that skip the ORM (``core/members/tables.py``) bind and read values the same way as the models."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, String, Text, TypeDecorator


class NFCText(TypeDecorator[str]):
    """Text normalised to NFC whatever the caller passes: NFD puts tone marks in the wrong place."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        return value


class NFCString(NFCText):
    impl = String


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored in UTC; SQLite keeps no zone, so it is put back on the way out."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError("naive datetime: pass an aware datetime (services get `now`)")
            from datetime import UTC

            return value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        if isinstance(value, datetime) and value.tzinfo is None:
            from datetime import UTC

            return value.replace(tzinfo=UTC)
        return value
