"""Moving an office's data between engines: a SQLite file to an empty PostgreSQL database, and back.

Both sides are opened (and so migrated) to the same schema first. Tables are copied in dependency
order, one transaction per table; a foreign key to the same table or to a table copied later
(``task.latest_update_id``, ``organisation.parent_id``) is filled in after the rows it points to
exist. Each table is then verified: the row count and a SHA-256 over its rows in key order, each
value written in one canonical form (so a SQLite file and a PostgreSQL server give the same sum
for the same data). The target must be empty; nothing is written to a database that has data.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, select, text

from ketluan_desktop.core.db.database import Database
from ketluan_desktop.core.errors import ConflictError, DatabaseError

SKIPPED = {"alembic_version", "change_log"}  # the schema's own row; announcements of the past
BATCH = 1000


@dataclass
class TableReport:
    name: str
    source_rows: int
    target_rows: int
    source_sum: str
    target_sum: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sum == self.target_sum


@dataclass
class CopyReport:
    source: str
    target: str
    tables: list[TableReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    @property
    def total_rows(self) -> int:
        return sum(t.target_rows for t in self.tables)

    def lines(self) -> list[str]:
        out = [f"{'Bảng':<22} {'Nguồn':>8} {'Đích':>8}  Tổng kiểm (SHA-256, 16 ký tự đầu)"]
        for t in self.tables:
            mark = "khớp" if t.ok else "KHÔNG KHỚP"
            out.append(
                f"{t.name:<22} {t.source_rows:>8} {t.target_rows:>8}  {t.target_sum[:16]} {mark}"
            )
        return out


def tables() -> list[Table]:
    import ketluan_desktop.core.db.schema  # noqa: F401 - every model
    from ketluan_desktop.core.db.base import Base

    return [t for t in Base.metadata.sorted_tables if t.name not in SKIPPED]


def _canonical(value: Any) -> str:
    if value is None:
        return "\u2205"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _ordered(table: Table):
    keys = list(table.primary_key.columns) or list(table.columns)
    return select(table).order_by(*keys)


def table_digest(conn: Connection, table: Table) -> tuple[int, str]:
    """Row count and SHA-256 of ``table``'s rows in key order (values in canonical form)."""
    h = hashlib.sha256()
    n = 0
    result = conn.execution_options(stream_results=True, max_row_buffer=BATCH).execute(
        _ordered(table)
    )
    for row in result:
        n += 1
        h.update("\x1f".join(_canonical(v) for v in row).encode("utf-8"))
        h.update(b"\x1e")
    return n, h.hexdigest()


# Rows the migrations themselves write into a new database (the audit chain's head): a target
# holding only these is still empty, and the source's rows replace them.
SEEDED_TABLES = frozenset({"audit_chain_head"})


def non_empty_tables(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return [
            t.name
            for t in tables()
            if t.name not in SEEDED_TABLES
            and conn.execute(select(func.count()).select_from(t)).scalar_one()
        ]


def _late_columns(order: list[Table]) -> dict[str, list[tuple[str, str]]]:
    """Per table: (column, referred table) of foreign keys to itself or to a later table."""
    index = {t.name: i for i, t in enumerate(order)}
    out: dict[str, list[tuple[str, str]]] = {}
    for t in order:
        for fk in t.foreign_keys:
            target = fk.column.table.name
            if target in index and index[target] >= index[t.name]:
                out.setdefault(t.name, []).append((fk.parent.name, target))
    return out


def copy_database(
    source: Database,
    target: Database,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> CopyReport:
    """Copy every table of ``source`` into the empty ``target``; returns the verification."""
    if source.revision != target.revision:
        raise DatabaseError(
            f"Hai cơ sở dữ liệu khác phiên bản lược đồ ({source.revision} và {target.revision}). "
            "Hãy mở cả hai bằng cùng một phiên bản KếtLuận rồi chép lại."
        )
    busy = non_empty_tables(target)
    if busy:
        raise ConflictError(
            f"Cơ sở dữ liệu đích {target.location.display} đã có dữ liệu (bảng "
            f"{', '.join(busy[:5])}{'…' if len(busy) > 5 else ''}). Chỉ chép vào một cơ sở dữ liệu "
            "trống: hãy tạo một cơ sở dữ liệu mới trên máy chủ (hoặc chọn một tệp mới) rồi chép "
            "lại. Không có gì bị thay đổi."
        )
    order = tables()
    late = _late_columns(order)
    pending: dict[str, list[tuple[Table, str, list[dict]]]] = {}
    for t in order:
        with source.engine.connect() as sconn, target.engine.begin() as tconn:
            if tconn.dialect.name == "sqlite":
                tconn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            if t.name in SEEDED_TABLES:
                tconn.execute(t.delete())
            n = _copy_table(sconn, tconn, t, late.get(t.name, []), pending)
            for table, column, values in pending.pop(t.name, []):
                _fill_late(tconn, table, column, values)
        if progress is not None:
            progress(t.name, n)
    if target.location.url.get_backend_name() == "postgresql":
        _reset_sequences(target, order)
    return verify(source, target)


def _copy_table(
    sconn: Connection,
    tconn: Connection,
    table: Table,
    late: list[tuple[str, str]],
    pending: dict[str, list[tuple[Table, str, list[dict]]]],
) -> int:
    late_values: dict[str, list[dict]] = {col: [] for col, _ in late}
    pk = [c.name for c in table.primary_key.columns]
    n = 0
    result = sconn.execution_options(stream_results=True, max_row_buffer=BATCH).execute(
        _ordered(table)
    )
    for chunk in result.mappings().partitions(BATCH):
        rows = []
        for row in chunk:
            values = dict(row)
            for col in late_values:
                if values[col] is not None:
                    late_values[col].append({"_k_" + k: values[k] for k in pk} | {col: values[col]})
                    values[col] = None
            rows.append(values)
        tconn.execute(table.insert(), rows)
        n += len(rows)
    for col, referred in late:
        if late_values[col]:
            if referred == table.name:
                _fill_late(tconn, table, col, late_values[col])
            else:
                pending.setdefault(referred, []).append((table, col, late_values[col]))
    return n


def _fill_late(conn: Connection, table: Table, column: str, values: list[dict]) -> None:
    pk = [c for c in table.primary_key.columns]
    stmt = table.update().values({column: bindparam(column)})
    for c in pk:
        stmt = stmt.where(c == bindparam("_k_" + c.name))
    conn.execute(stmt, values)


def _reset_sequences(db: Database, order: Iterable[Table]) -> None:
    """After rows with explicit ids, PostgreSQL's id sequences continue after the largest."""
    with db.engine.begin() as conn:
        for t in order:
            col = t.c.get("id")
            if col is None or not col.primary_key or not col.autoincrement:
                continue
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{t.name}', 'id'), "
                    f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {t.name}"
                )
            )


def verify(source: Database, target: Database) -> CopyReport:
    report = CopyReport(source.location.display, target.location.display)
    with source.engine.connect() as sconn, target.engine.connect() as tconn:
        for t in tables():
            sn, ssum = table_digest(sconn, t)
            tn, tsum = table_digest(tconn, t)
            report.tables.append(TableReport(t.name, sn, tn, ssum, tsum))
    return report
