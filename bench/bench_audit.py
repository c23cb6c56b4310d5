"""The audit chain's cost, each figure against its peer in the same run.

    python bench/bench_audit.py [--actions 300] [--entries 50000] [--db URL | --pg]

| ours                                               | peer (same run, taken turn about)              |
|----------------------------------------------------|------------------------------------------------|
| an audited action (a task's status, one commit)    | the same action with the entry added unchained |
| ketluan audit verify's walk over 50,000 entries    | reading the same 50,000 rows without hashing   |

The action is ``tasks.editing.set_status`` in its own write transaction, as a click does it; the
unchained peer replaces ``chain.append`` by a plain ``session.add`` (the trail before issue 16).
A fresh SQLite file in a temporary folder unless ``--db`` names a (throw-away) server database.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from benchlib import load_average, ratio_line  # noqa: E402

NOW = datetime(2026, 11, 29, 2, 30, tzinfo=UTC)


def _open(url: str | None, folder: Path):
    from ketluan_desktop.core import demo
    from ketluan_desktop.core.db import open_database

    db = open_database(url or folder / "bench-audit.db", create=url is None)
    demo.load(db, now=NOW, accounts=False)
    return db


def _action(db, task_id: int, i: int) -> None:
    from ketluan_desktop.core.tasks import editing

    with db.write_session() as s:
        t = editing.get_task(s, task_id)
        editing.set_status(
            s,
            task_id,
            "paused" if i % 2 == 0 else "in_progress",
            expected_version=t.version,
            now=NOW + timedelta(seconds=i),
        )


def _actions_ms(db, task_id: int, n: int, start: int) -> float:
    t0 = time.perf_counter()
    for i in range(n):
        _action(db, task_id, start + i)
    return (time.perf_counter() - t0) * 1000 / n


def bench_actions(db, n: int) -> tuple[float, float]:
    from sqlalchemy import select

    from ketluan_desktop.core.audit import chain
    from ketluan_desktop.core.tasks.models import Task

    with db.session() as s:
        task_id = s.scalar(select(Task.id).order_by(Task.id))
    real_append = chain.append

    def unchained(session, entry):
        session.add(entry)
        return entry

    ours, peer, rounds, k = [], [], 5, 0
    _actions_ms(db, task_id, 10, 0)  # warm caches and statements
    for _ in range(rounds):
        k += n
        ours.append(_actions_ms(db, task_id, n // rounds, k))
        chain.append = unchained
        try:
            peer.append(_actions_ms(db, task_id, n // rounds, k + n))
        finally:
            chain.append = real_append
        k += n
    return statistics.median(ours), statistics.median(peer)


def _fill(db, n: int) -> None:
    """``n`` chained entries written in bulk (hashes computed here, as append would)."""
    from sqlalchemy import delete, func, insert, select, update

    from ketluan_desktop.core.audit import chain
    from ketluan_desktop.core.audit.models import AuditChainHead, AuditEntry

    with db.write_session() as s:
        # The action bench left unchained entries (its peer): start the trail afresh.
        s.execute(delete(AuditEntry))
        s.execute(update(AuditChainHead).values(last_id=None, last_hash=chain.GENESIS))
        last_id, prev = s.execute(select(AuditChainHead.last_id, AuditChainHead.last_hash)).one()
        next_id = (s.scalar(select(func.max(AuditEntry.id))) or 0) + 1
        rows = []
        for i in range(n):
            at = NOW + timedelta(seconds=i)
            changes = {"progress": [i, i + 1], "text": "Cập nhật tiến độ thực hiện"}
            h = chain.digest(
                prev,
                at,
                "vanthu",
                "update",
                "task",
                i % 97,
                f"Sửa nhiệm vụ mã {i % 97}",
                changes,
            )
            rows.append(
                {
                    "id": next_id + i,
                    "at": at,
                    "username": "vanthu",
                    "action": "update",
                    "entity": "task",
                    "entity_id": i % 97,
                    "summary": f"Sửa nhiệm vụ mã {i % 97}",
                    "changes": changes,
                    "prev_hash": prev,
                    "entry_hash": h,
                }
            )
            prev = h
        s.execute(insert(AuditEntry), rows)
        s.execute(update(AuditChainHead).values(last_id=next_id + n - 1, last_hash=prev))
    del last_id


def bench_verify(db, n: int, runs: int = 3) -> tuple[float, float, int]:
    from sqlalchemy import select

    from ketluan_desktop.core.audit import chain
    from ketluan_desktop.core.audit.models import AuditEntry

    _fill(db, n)
    cols = [
        AuditEntry.id,
        AuditEntry.at,
        AuditEntry.username,
        AuditEntry.action,
        AuditEntry.entity,
        AuditEntry.entity_id,
        AuditEntry.summary,
        AuditEntry.changes,
        AuditEntry.prev_hash,
        AuditEntry.entry_hash,
    ]

    def ours() -> tuple[float, int]:
        t0 = time.perf_counter()
        with db.session() as s:
            report = chain.verify(s)
        assert report.ok, report.reason
        return (time.perf_counter() - t0) * 1000, report.checked

    def peer() -> float:
        t0 = time.perf_counter()
        with db.session() as s:
            rows = s.execute(
                select(*cols).order_by(AuditEntry.id).execution_options(yield_per=2000)
            )
            count = sum(1 for _ in rows)
            rows.close()
        assert count
        return (time.perf_counter() - t0) * 1000

    a, b, checked = [], [], 0
    for _ in range(runs):
        ms, checked = ours()
        a.append(ms)
        b.append(peer())
    return statistics.median(a), statistics.median(b), checked


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--actions", type=int, default=300)
    p.add_argument("--entries", type=int, default=50_000)
    p.add_argument(
        "--db", help="a throw-away server database URL (default: a temporary SQLite file)"
    )
    p.add_argument("--pg", action="store_true", help="on a throw-away PostgreSQL cluster")
    args = p.parse_args()
    server = None
    if args.pg:
        sys.path.insert(0, str(HERE.parent / "tests" / "helpers"))
        import pg_cluster

        server = pg_cluster.start_server()
        args.db = server.create_database("bench_audit")
    with tempfile.TemporaryDirectory() as tmp:
        db = _open(args.db, Path(tmp))
        try:
            print(f"engine: {db.engine.dialect.name}; load average {load_average()}")
            ours, peer = bench_actions(db, args.actions)
            print(ratio_line("audited action (chained)", ours, "unchained", peer))
            print(f"  extra per action: {ours - peer:.2f} ms")
            ours, peer, checked = bench_verify(db, args.entries)
            print(ratio_line(f"audit verify ({checked:,} entries)", ours, "read only", peer))
            print(f"  {checked / (ours / 1000):,.0f} entries/s verified")
        finally:
            db.dispose()
            if server is not None:
                server.drop_all()
                if server.cluster is not None:
                    server.cluster.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
