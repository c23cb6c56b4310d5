"""Signing a SQLite file through ``sqlite3`` alone (``core/signing/plain_signing.py``, issue 14)
writes exactly the rows the ORM path writes: the same document signed both ways on two copies of
one database leaves every table equal, audit hashes included; the chain and the signature check."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from signing_service_support import NOW, ORG, SIGNER

from ketluan_desktop.core.audit import chain
from ketluan_desktop.core.db import open_database
from ketluan_desktop.core.errors import ConflictError, DocumentStateError
from ketluan_desktop.core.signing import plain_signing
from ketluan_desktop.core.signing import signed_documents as signing
from ketluan_desktop.core.signing.verify import VERDICT_VALID, verify_pdf

pytestmark = pytest.mark.sqlite_only

STAMP = datetime(2026, 11, 29, 2, 31, 5, 123456, tzinfo=UTC)  # the change stamp's clock
ORIGIN = "a1b2c3d4e5f6"  # the process's announcements


def _tables(path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if not r[0].startswith("sqlite_stat")  # the planner's statistics, not the office's
        ]
        return {n: con.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall() for n in names}
    finally:
        con.close()


@pytest.fixture
def two_copies(_demo_template, tmp_path, images):
    """The demo office with the signer's and the seal's images stored, copied twice."""
    base = tmp_path / "base.db"
    shutil.copyfile(_demo_template, base)
    db = open_database(base)
    with db.write_session() as s:
        signing.set_image(s, "signature", SIGNER, images["signature"], now=NOW)
        signing.set_image(s, "seal", ORG, images["seal"], now=NOW)
    db.dispose()
    orm, plain = tmp_path / "orm.db", tmp_path / "plain.db"
    shutil.copyfile(base, orm)
    shutil.copyfile(base, plain)
    return orm, plain


@pytest.fixture
def signed_once(monkeypatch):
    """pyHanko's signature of the same bytes differs from one run to the next (its CMS), so the
    second way's ``sign_pdf`` with the very arguments the first way passed gets the first's
    PDF; any difference in what they pass makes a second, different one. Returns the calls."""
    from ketluan_desktop.core.signing import sign as sign_module

    real = sign_module.sign_pdf
    made: list[tuple[tuple, bytes]] = []

    def once(pdf, key, **options):
        call = (pdf, id(key), options)
        for seen, out in made:
            if seen == call:
                return out
        out = real(pdf, key, **options)
        made.append((call, out))
        return out

    monkeypatch.setattr(sign_module, "sign_pdf", once)
    return made


def _sign_orm(path, doc_id, key, kind, when, version):
    db = open_database(path)
    db.origin = ORIGIN
    db.utc_clock = lambda: STAMP  # type: ignore[attr-defined]
    try:
        with db.write_session() as s:
            sig = signing.sign_document(
                s, doc_id, key, kind=kind, now=when, expected_version=version
            )
            return bytes(sig.pdf)
    finally:
        db.dispose()


def _sign_plain(path, doc_id, key, kind, when, version):
    con = plain_signing.connect(path)
    try:
        with plain_signing.write_transaction(con):
            sig = plain_signing.sign_document(
                con,
                doc_id,
                key,
                kind=kind,
                now=when,
                origin=ORIGIN,
                expected_version=version,
                utc_clock=lambda: STAMP,
            )
        return sig.pdf
    finally:
        con.close()


def _version(path, doc_id) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version FROM document WHERE id = ?", (doc_id,)).fetchone()[0]
    finally:
        con.close()


def test_both_ways_write_the_same_rows(two_copies, doc_id, pki, pdfsig, signed_once):
    orm, plain = two_copies
    before = _tables(plain)
    signer, seal = pki.signer_key(), pki.org_key()
    later = NOW + timedelta(minutes=5)
    for kind, key, when in (("signer", signer, NOW), ("seal", seal, later)):
        version = _version(orm, doc_id)
        a = _sign_orm(orm, doc_id, key, kind, when, version)
        b = _sign_plain(plain, doc_id, key, kind, when, version)
        assert a == b  # the same PDF: the same render, wording, images and stamp
    assert len(signed_once) == 2  # one PDF signed per step: both ways passed the same
    rows_orm, rows_plain = _tables(orm), _tables(plain)
    changed = sorted(t for t in rows_plain if rows_plain[t] != before[t])
    assert changed == [
        "audit_chain_head",
        "audit_entry",
        "change_log",
        "document",
        "document_signature",
    ]
    for table in rows_orm:
        assert rows_plain[table] == rows_orm[table], table
    # What was written is what the ORM reads back and checks.
    db = open_database(plain)
    try:
        with db.session() as s:
            report = chain.verify(s)
            assert report.ok and report.checked == len(rows_plain["audit_entry"])
            assert signing.signable_kinds(s, doc_id) == []
            pdf = signing.signed_pdf(s, doc_id)
    finally:
        db.dispose()
    assert pdf == b
    verified = verify_pdf(pdf, pki.roots, later + timedelta(minutes=1))
    assert verified.verdict == VERDICT_VALID and len(verified.signatures) == 2
    assert all(p.valid for p in pdfsig(pdf))


def test_someone_elses_change_is_refused_and_nothing_is_written(two_copies, doc_id, pki):
    _orm, plain = two_copies
    before = _tables(plain)
    stale = _version(plain, doc_id) - 1
    with pytest.raises(ConflictError, match="vừa được thay đổi"):
        _sign_plain(plain, doc_id, pki.signer_key(), "signer", NOW, stale)
    assert _tables(plain) == before


def test_the_same_rules_refuse_the_same_way(two_copies, doc_id, pki):
    orm, plain = two_copies
    with pytest.raises(DocumentStateError) as by_orm:
        _sign_orm(orm, doc_id, pki.org_key(), "seal", NOW, None)
    before = _tables(plain)
    with pytest.raises(DocumentStateError) as by_plain:
        _sign_plain(plain, doc_id, pki.org_key(), "seal", NOW, None)
    assert str(by_plain.value) == str(by_orm.value)
    assert _tables(plain) == before
