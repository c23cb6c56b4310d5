"""An issued document never changes (issue 13, item 8): it prints from its own snapshot whatever
the office's default profile becomes, old databases get their snapshots back-filled, the sample
export follows the office's default, every PDF is version 1.4 or later."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from io import BytesIO

import pytest
from engines import target_of
from sqlalchemy import select

from ketluan_desktop.core.documents import layout_profiles
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.documents.models import LayoutProfile as ProfileRow
from ketluan_desktop.core.documents.rendering import export_document
from ketluan_desktop.core.render.profile import PROFILE_HD05, PROFILE_HD36


def _text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    src = tmp_path / "t.pdf"
    src.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(src), "-"], capture_output=True, text=True, check=True
    ).stdout


def _make_default(db, name: str) -> None:
    with db.write_session() as s:
        layout_profiles.ensure_builtins(s)
        row = s.scalars(select(ProfileRow).where(ProfileRow.name == name)).one()
        layout_profiles.set_default(s, row.id)


def _export(db, tmp_path, fmt: str, now) -> bytes:
    out = tmp_path / f"van-ban.{fmt}"
    with db.write_session() as s:
        export_document(s, 1, fmt, out, now=now)
    return out.read_bytes()


def test_the_demo_conclusion_prints_the_same_after_the_default_changes(demo_db, tmp_path, now):
    with demo_db.session() as s:
        doc = s.get(Document, 1)
        assert doc.status == "issued" and doc.layout_snapshot["name"] == PROFILE_HD36
    pdf, word = _export(demo_db, tmp_path, "pdf", now), _export(demo_db, tmp_path, "docx", now)
    assert "- Thường trực ĐUK," in _text(pdf, tmp_path)  # HD 36 practice: a comma

    _make_default(demo_db, PROFILE_HD05)
    later = now.replace(year=now.year + 3)
    assert _export(demo_db, tmp_path, "pdf", later) == pdf  # byte for byte, years later
    assert _export(demo_db, tmp_path, "docx", later) == word
    import zipfile

    # Every part of the Word package is dated by the issue (16:30 in Hà Nội), not by the clock.
    stamps = {i.date_time for i in zipfile.ZipFile(BytesIO(word)).infolist()}
    assert stamps == {(2024, 7, 10, 9, 30, 0)}
    assert pdf.startswith(b"%PDF-1.4")


@pytest.mark.sqlite_only  # it rewinds the SQLite file's schema revision by hand
@pytest.mark.parametrize(
    ("doc_date", "expected"),
    [("2024-07-10", PROFILE_HD36), ("2026-06-10", PROFILE_HD05)],
)
def test_old_databases_get_snapshots_back_filled(demo_db, tmp_path, now, doc_date, expected):
    from ketluan_desktop.core.db import open_database

    _make_default(demo_db, PROFILE_HD05)
    path = demo_db.path
    demo_db.dispose()
    # What a database before this change holds: an issued document with no snapshot. Set the
    # revision back to just before the snapshot migration, run that one migration, and put the
    # revision back (the later migrations' tables are already there).
    con = sqlite3.connect(path)
    con.execute(
        "UPDATE document SET layout_snapshot = NULL, layout_profile_id = NULL, doc_date = ?",
        (doc_date,),
    )
    con.execute("UPDATE alembic_version SET version_num = ?", (_before_snapshots(),))
    con.commit()
    con.close()
    from sqlalchemy import create_engine

    from ketluan_desktop.core.db import migrate

    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, _snapshots_revision())
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = ?", (migrate.SCHEMA_HEAD,))
    engine.dispose()

    db = open_database(path)
    try:
        with db.session() as s:
            doc = s.get(Document, 1)
            assert doc.layout_snapshot["name"] == expected
            assert s.get(ProfileRow, doc.layout_profile_id).name == expected
        text = _text(_export(db, tmp_path, "pdf", now), tmp_path)
        separator = "," if expected == PROFILE_HD36 else ";"
        assert f"- Thường trực ĐUK{separator}" in text
    finally:
        db.dispose()


def test_export_sample_uses_the_offices_default_profile(demo_db, tmp_path, capsys):
    from ketluan_desktop.cli import main

    _make_default(demo_db, PROFILE_HD05)
    out = tmp_path / "mau.pdf"
    assert main(["export", "--sample", "--db", target_of(demo_db), "-o", str(out)]) == 0
    assert "- Thường trực ĐUK;" in _text(out.read_bytes(), tmp_path)
    # No database yet: the built-in default, and no database created.
    missing = tmp_path / "chua-co" / "ketluan.db"
    assert main(["export", "--sample", "--db", str(missing), "-o", str(out)]) == 0
    assert "- Thường trực ĐUK," in _text(out.read_bytes(), tmp_path)
    assert not missing.parent.exists()
    capsys.readouterr()


def _effective_version(pdf: bytes) -> tuple[int, int]:
    from pypdf import PdfReader

    header = re.match(rb"%PDF-(\d)\.(\d)", pdf)
    version = (int(header.group(1)), int(header.group(2)))
    catalog = PdfReader(BytesIO(pdf)).trailer["/Root"]
    if "/Version" in catalog:
        major, minor = str(catalog["/Version"]).lstrip("/").split(".")
        version = max(version, (int(major), int(minor)))
    return version


def test_unsigned_and_signed_pdfs_are_version_1_4_or_later(demo_db, tmp_path, now):
    from datetime import timedelta

    from ketluan_desktop.core.signing import signed_documents as signing
    from ketluan_desktop.core.signing.certs import make_test_certificates
    from ketluan_desktop.core.signing.keys import load_pkcs12

    pdf = _export(demo_db, tmp_path, "pdf", now)
    assert pdf.startswith(b"%PDF-1.4") and _effective_version(pdf) >= (1, 4)
    made = make_test_certificates(
        "Hoàng Thanh Hải", "Đảng ủy Khối", tmp_path / "k.p12", "x", now - timedelta(hours=1)
    )
    with demo_db.write_session() as s:
        sig = signing.sign_document(s, 1, load_pkcs12(made.p12_path, "x"), kind="signer", now=now)
        signed = bytes(sig.pdf)
    assert signed.startswith(b"%PDF-1.4") and _effective_version(signed) >= (1, 4)


def _snapshot_script() -> str:
    from ketluan_desktop.core.db import migrate

    versions = migrate.MIGRATIONS_DIR / "versions"
    return next(versions.glob("*_issued_layout_snapshots.py")).read_text(encoding="utf-8")


def _before_snapshots() -> str:
    return _snapshot_script().split('down_revision = "', 1)[1].split('"', 1)[0]


def _snapshots_revision() -> str:
    return _snapshot_script().split('\nrevision = "', 1)[1].split('"', 1)[0]
