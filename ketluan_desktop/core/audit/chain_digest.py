"""The audit chain's hash of one entry, without a database: the ORM's chain (``chain.py``) and
the signing of a SQLite file through ``sqlite3`` alone (``signing/plain_signing.py``) compute
the same value from the same entry."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
HEAD_ID = 1


def _text(value: Any) -> Any:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _when(at: datetime | str | None) -> str | None:
    if at is None:
        return None
    if isinstance(at, str):  # SQLite's text, read without the ORM's type (the migration)
        at = datetime.fromisoformat(at)
    if at.tzinfo is None:  # stored UTC without its zone (SQLite, raw reads)
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def digest(
    prev_hash: str,
    at: datetime | None,
    username: str | None,
    action: str,
    entity: str,
    entity_id: int | None,
    summary: str | None,
    changes: Any,
    *,
    stored: bool = False,
) -> str:
    """The hash of one entry: the same whether computed from Python values or from stored rows."""
    # The entry's id is left out: the hash is known before the row is written (one INSERT), and
    # the order is already held by each entry naming its predecessor's hash.
    content = [
        prev_hash,
        _when(at),
        _text(username),
        _text(action),
        _text(entity),
        entity_id,
        _text(summary),
        # through JSON as the column stores it (int keys become text, tuples lists)
        changes if stored or changes is None else json.loads(json.dumps(changes)),
    ]
    raw = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(unicodedata.normalize("NFC", raw).encode("utf-8")).hexdigest()
