"""The audit chain holds: an entry edited or deleted with raw SQL is reported at its place, by the
service and by ``ketluan audit verify`` (exit 3). Both engines."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from ketluan_desktop.core.audit import chain, trail
from ketluan_desktop.core.audit.models import AuditEntry


def _write(db, now, n=5):
    for i in range(n):
        with db.write_session() as s:
            trail.record(
                s,
                now=now + timedelta(seconds=i),
                action="update",
                entity="task",
                entity_id=i,
                summary=f"Sửa nhiệm vụ {i}",
                changes={"progress": [i, i + 1]},
            )
    with db.session() as s:
        return list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def _verify(db):
    with db.session() as s:
        return chain.verify(s)


def test_an_untouched_trail_verifies(db, now):
    ids = _write(db, now)
    report = _verify(db)
    assert report.ok and report.checked == len(ids)


def test_several_entries_in_one_transaction_chain_in_order(db, now):
    with db.write_session() as s:
        for i in range(3):
            trail.record(s, now=now, action="create", entity="meeting", entity_id=i)
    assert _verify(db).ok and _verify(db).checked == 3


def test_an_edited_entry_is_reported_at_its_place(db, now):
    ids = _write(db, now)
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_entry SET summary = 'Sửa lén' WHERE id = :i"), {"i": ids[2]}
        )
    report = _verify(db)
    assert not report.ok and report.broken_id == ids[2] and "bị sửa" in report.reason


def test_a_deleted_entry_is_reported_at_the_next_one(db, now):
    ids = _write(db, now)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE id = :i"), {"i": ids[1]})
    report = _verify(db)
    assert not report.ok and report.broken_id == ids[2]
    assert f"sau mục {ids[0]}" in report.reason


def test_deleting_the_newest_entries_is_reported_by_the_head(db, now):
    ids = _write(db, now)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE id = :i"), {"i": ids[-1]})
    report = _verify(db)
    assert not report.ok and report.broken_id == ids[-1]


def test_ketluan_audit_verify_exits_3_and_names_the_broken_entry(db, now, capsys):
    from ketluan_desktop.cli import main

    ids = _write(db, now)
    url = db.location.url.render_as_string(hide_password=False) if db.is_server else str(db.path)
    assert main(["audit", "verify", "--db", url]) == 0
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET username = 'ai đó' WHERE id = :i"), {"i": ids[3]})
    capsys.readouterr()
    assert main(["audit", "verify", "--db", url]) == 3
    err = capsys.readouterr().err
    assert f"Mục {ids[3]}" in err and "can thiệp" in err


@pytest.mark.sqlite_only
def test_entries_written_before_the_chain_are_sealed_by_the_migration(tmp_path, now):
    """A database at 0007 with audit entries: after the upgrade they verify."""
    from alembic import command

    from ketluan_desktop.core.db import migrate, open_database

    path = tmp_path / "cũ.db"
    from sqlalchemy import create_engine

    eng = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
        for i in range(4):
            conn.execute(
                text(
                    "INSERT INTO audit_entry (at, username, action, entity, entity_id, summary, changes)"
                    " VALUES ('2026-11-29 02:30:00.000000', 'cũ', 'update', 'task', :i, 'Cũ', '{\"a\": 1}')"
                ),
                {"i": i},
            )
    eng.dispose()
    db = open_database(path)
    try:
        assert _verify(db).ok and _verify(db).checked == 4
        with db.write_session() as s:
            trail.record(s, now=now, action="create", entity="task")
        assert _verify(db).ok and _verify(db).checked == 5
    finally:
        db.dispose()


def test_writers_on_two_connections_at_once_keep_one_chain(db, now):
    """Two workstations writing at the same moment: the head's row makes them take turns."""
    import threading

    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(who: str) -> None:
        try:
            start.wait()
            for i in range(15):
                with db.write_session() as s:
                    trail.record(
                        s,
                        now=now,
                        action="update",
                        entity="task",
                        entity_id=i,
                        summary=f"{who} {i}",
                        username=who,
                    )
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in ("máy A", "máy B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    report = _verify(db)
    assert report.ok and report.checked == 30
