"""Commands that start fast (issue 14): each imports only what it uses. Timings are in
bench/bench_cli.py; these tests hold the imports that make them."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from datetime import UTC, date, datetime

import pytest

from ketluan_desktop import cli

PROBE = r"""
import json, sys
from ketluan_desktop.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = ("sqlalchemy", "docx", "PySide6", "pyhanko", "reportlab", "openpyxl", "fontTools")
loaded = sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in heavy})
cmds = sorted(m for m in sys.modules if m.startswith("ketluan_desktop.cli.") and m.endswith("_commands"))
models = sorted(m for m in sys.modules if m.startswith("ketluan_desktop.core.")
                and (m.endswith("models") or m.endswith(".schema")))
print(json.dumps({"code": code, "loaded": loaded, "command_modules": cmds, "models": models,
                  "orm": "sqlalchemy.orm" in sys.modules}),
      file=sys.stderr)
"""


def probe(*args: str, cwd=None) -> dict:
    r = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )
    return json.loads(r.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["--version"], ["--help"], []], ids=["version", "help", "none"])
def test_version_and_help_import_no_sqlalchemy_and_no_command_module(args):
    r = probe(*args)
    assert r["code"] in (0, 2)
    assert r["loaded"] == [] and r["command_modules"] == []


def test_a_command_imports_its_own_module_only():
    r = probe("members", "--help")
    assert r["code"] == 0
    assert r["command_modules"] == ["ketluan_desktop.cli.member_commands"]
    assert r["loaded"] == []


def test_pdf_export_of_the_sample_needs_neither_the_database_nor_the_word_writer(tmp_path):
    out = tmp_path / "mẫu.pdf"
    r = probe("export", "--sample", "-o", str(out))
    assert r["code"] == 0 and out.read_bytes().startswith(b"%PDF")
    assert "sqlalchemy" not in r["loaded"] and "docx" not in r["loaded"]
    # the font's coverage is checked from ReportLab's copy of its cmap, not read again
    assert "fontTools" not in r["loaded"]


@pytest.mark.sqlite_only  # a SQLite file read with sqlite3; a server goes the ORM way
def test_verify_reads_the_office_roots_without_the_orm(demo_db, tmp_path):
    path = demo_db.path
    demo_db.dispose()
    unsigned = tmp_path / "khong-ky.pdf"
    unsigned.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                         b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                         b"trailer<</Root 1 0 R>>\n%%EOF\n")  # fmt: skip
    r = probe("verify", str(unsigned), "--db", str(path))
    assert r["code"] in (1, 5)  # unsigned (or unreadable): either way it ran
    assert "sqlalchemy" not in r["loaded"]


def test_the_command_table_matches_what_the_modules_register():
    """``COMMANDS`` (name → module, help line) is what ``--help`` shows without importing the
    modules: it must say what they register. A new module: add its lines to ``COMMANDS``."""
    registered: dict[str, tuple[str, str]] = {}
    common = argparse.ArgumentParser(add_help=False)
    for name in cli.COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        importlib.import_module(name).register(sub, common)
        for action in sub._choices_actions:
            registered[action.dest] = (name.rsplit(".", 1)[1], action.help)
    assert registered == cli.COMMANDS
    assert {f"ketluan_desktop.cli.{m}" for m, _ in cli.COMMANDS.values()} == set(
        cli.COMMAND_MODULES
    )


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ["members", "list", "--json", "--limit", "5"],
        ["members", "list", "--search", "nguyen", "--status", "full"],
        ["stats", "--from", "2026-01-01", "--to", "2026-06-30", "--sentence"],
        ["stats", "--from", "2024-07-01", "--to", "2024-12-31", "--json"],
    ],
    ids=["members-list", "members-search", "stats-sentence", "stats-json"],
)
def test_reading_members_and_figures_goes_through_core_without_the_orm(demo_db, args):
    """The members' list and the figures are Core statements (``core/members/tables.py``): the
    command imports neither the ORM nor any model, which cost more than the query on a big
    office (issue 14)."""
    path = demo_db.path
    demo_db.dispose()
    r = probe(*args, "--db", str(path))
    assert r["code"] == 0
    assert r["orm"] is False
    assert r["models"] == []
    assert "docx" not in r["loaded"] and "pyhanko" not in r["loaded"]


LIST_ARGS = [
    [],
    ["--limit", "0"],
    ["--limit", "3"],
    ["--search", "nguyen van"],
    ["--search", "NGUYỄN Văn", "--limit", "0"],
    ["--search", unicodedata.normalize("NFD", "Ánh"), "--json"],
    ["--search", "480"],
    ["--search", "48 01", "--status", "full"],
    ["--search", "a_%/"],
    ["--status", "probationary", "--limit", "0"],
    ["--org", "3", "--status", "full", "--json", "--limit", "4"],
    ["--search", "không có ai tên này"],
    ["--org", "999999", "--json"],
]


def _cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        capture_output=True, env=env, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.mark.sqlite_only  # on a server the list is SQLAlchemy's; this is the file's own way
def test_members_list_on_a_file_imports_no_sqlalchemy_and_prints_what_sqlalchemy_printed(
    demo_db, tmp_path
):
    """``ketluan members list`` on a SQLite file reads through ``sqlite3`` alone (issue 14) and
    prints, byte for byte, what the SQLAlchemy way prints (the same file named by a URL still
    goes that way), for every filter the command offers."""
    path = demo_db.path
    demo_db.dispose()
    r = probe("members", "list", "--search", "nguyen", "--status", "full", "--db", str(path))
    assert r["code"] == 0 and r["loaded"] == []
    env = {**os.environ, "KETLUAN_DATA_DIR": str(tmp_path / "data")}
    for args in LIST_ARGS:
        plain = _cli("members", "list", *args, "--db", str(path), env=env)
        ordinary = _cli("members", "list", *args, "--db", f"sqlite:///{path}", env=env)
        assert plain.returncode == ordinary.returncode == 0, ordinary.stderr.decode()
        assert plain.stdout == ordinary.stdout and plain.stderr == ordinary.stderr == b"", args
    listed = _cli("members", "list", "--limit", "0", "--db", str(path), env=env).stdout
    assert listed.decode().splitlines()[-1] == "588/588 đảng viên"


@pytest.mark.sqlite_only
def test_members_list_still_refuses_a_file_that_is_not_an_office_or_is_newer(demo_db, tmp_path):
    """Reading without SQLAlchemy refuses what the ordinary open refuses, in the same words: a
    file that is not a database (without importing SQLAlchemy), a newer schema."""
    path = demo_db.path
    demo_db.dispose()
    env = {**os.environ, "KETLUAN_DATA_DIR": str(tmp_path / "data")}
    not_db = tmp_path / "ghi-chú.db"
    not_db.write_text("Đây là ghi chú, không phải cơ sở dữ liệu.\n" * 10, encoding="utf-8")
    r = _cli("members", "list", "--db", str(not_db), env=env)
    assert r.returncode == 1
    assert r.stderr.decode().strip() == (
        f"Lỗi: Tệp {not_db} không phải là cơ sở dữ liệu KếtLuận (không phải tệp SQLite). "
        "Có thể đã chọn nhầm tệp. Hãy chọn đúng tệp ketluan.db hoặc khôi phục từ bản sao lưu; "
        "tệp này không bị thay đổi."
    )
    assert "sqlalchemy" not in probe("members", "list", "--db", str(not_db))["loaded"]
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_sau_nay'")
    con.commit()
    con.close()
    r = _cli("members", "list", "--db", str(path), env=env)
    assert r.returncode == 1 and r.stdout == b""
    assert "được tạo bởi một phiên bản KếtLuận mới hơn (lược đồ «9999_sau_nay»)" in (
        r.stderr.decode()
    )


@pytest.mark.sqlite_only
def test_members_list_finishes_a_signing_cut_short_as_every_command_does(demo_db, tmp_path):
    """A note of an interrupted ``ketluan sign`` is swept by the next command that opens the
    database; ``members list`` then goes the ordinary way, which does it, and lists the same."""
    path = demo_db.path
    demo_db.dispose()
    data = tmp_path / "data"
    env = {**os.environ, "KETLUAN_DATA_DIR": str(data)}
    before = _cli("members", "list", "--limit", "5", "--db", str(path), env=env)
    note = data / "pending-signatures" / "abc123.json"
    note.parent.mkdir(parents=True)
    final = tmp_path / "đã-ký.pdf"
    note.write_text(
        json.dumps({"final": str(final), "temp": str(tmp_path / ".tam.tmp"), "sha256": "0" * 64,
                    "database": str(path), "pid": 4_194_303, "created": 0}),
        encoding="utf-8",
    )  # fmt: skip
    r = _cli("members", "list", "--limit", "5", "--db", str(path), env=env)
    assert r.returncode == 0 and r.stdout == before.stdout
    assert f"Lưu ý: Lần ký ra {final} bị gián đoạn trước khi lưu" in r.stderr.decode()
    assert not note.exists()


WRITE_LAZILY = r"""
import json, sys
from datetime import date
from ketluan_desktop.core.db import open_database
from ketluan_desktop.core.members.models import Member, Procedure
from sqlalchemy import func, select
db = open_database(sys.argv[1], all_models=False)
with db.session() as s:
    member = s.scalars(select(Member).order_by(Member.id).limit(1)).one()
    n = s.scalar(select(func.count()).select_from(Procedure))
    s.add(Procedure(member_id=member.id, kind="card_new", received_on=date(2026, 1, 5)))
with db.session() as s:
    after_count = s.scalar(select(func.count()).select_from(Procedure))
models = sorted(m for m in sys.modules if m.startswith("ketluan_desktop.core.")
                and (m.endswith("models") or m.endswith(".schema")))
print(json.dumps({"models": models, "added": after_count - n}))
"""


@pytest.mark.sqlite_only
def test_a_write_through_a_database_opened_with_few_models_loads_the_tables_its_keys_name(demo_db):
    """A procedure's row names the document table in a foreign key, and a document names the
    meeting, the unit and the term: the flush needs those tables known, so a database opened
    with ``all_models=False`` loads their models before writing — not the tasks, the incoming
    papers or the accounts, which nothing written here points to."""
    path = demo_db.path
    demo_db.dispose()
    r = subprocess.run(
        [sys.executable, "-c", WRITE_LAZILY, str(path)], capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["added"] == 1
    assert {
        "ketluan_desktop.core.documents.models",
        "ketluan_desktop.core.meetings.models",
        "ketluan_desktop.core.org.models",
    } <= set(out["models"])
    for unused in ("tasks.models", "access.models", "documents.incoming_models", "db.schema"):
        assert f"ketluan_desktop.core.{unused}" not in out["models"]


def test_members_list_and_stats_through_core_say_what_the_orm_session_reads(demo_db, tmp_path):
    """On a SQLite file and on a server URL alike, the commands' Core reads print what the
    window's ORM session reads: the same members, dates, statuses and figures."""
    from ketluan_desktop.core.members import figures, member_list

    target = (
        demo_db.location.url.render_as_string(hide_password=False)
        if demo_db.is_server
        else str(demo_db.path)
    )
    start, end = date(2024, 7, 1), date(2024, 12, 31)
    with demo_db.session() as s:
        total = member_list.count(s, text="nguyen")
        rows = member_list.list_members(s, text="nguyen", limit=7)
        sentence = figures.sentence(figures.figures(s, start, end))
    env = {**os.environ, "KETLUAN_DATA_DIR": str(tmp_path / "data")}
    args = ["--db", target]
    listed = subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", "members", "list", "--json", "--search",
         "nguyen", "--limit", "7", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    out = json.loads(listed.stdout)
    assert out["total"] == total > 7
    assert [
        (m["id"], m["full_name"], m["birth_date"], m["status_label"]) for m in out["members"]
    ] == [
        (r.id, r.full_name, r.birth_date.isoformat() if r.birth_date else None, r.status_label)
        for r in rows
    ]
    stats = subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", "stats", "--from", "1/7/2024", "--to",
         "31/12/2024", "--sentence", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout.strip() == sentence and sentence


@pytest.mark.sqlite_only
def test_signing_maps_only_the_models_its_rows_point_to_and_runs_with_a_large_young_gc(
    demo_db, tmp_path
):
    """``ketluan sign`` writes a signature, the document's state and the audit trail: it maps the
    documents and what their keys name (meetings, units), the audit and signing models — never
    the members, the tasks, the incoming papers or the accounts (issue 14). The command runs with
    the collector's young generation at ``COMMAND_GC`` and gives the old setting back after.
    The file is named by a URL: a plain path signs through ``sqlite3`` alone, mapping nothing
    (``test_signing_a_file_imports_no_sqlalchemy…``)."""
    import gc
    from datetime import datetime, timedelta, timezone

    from ketluan_desktop.core.signing.certs import make_test_certificates

    path = demo_db.path
    demo_db.dispose()
    password = "mật khẩu thử 123"
    now = datetime.now(timezone(timedelta(hours=7)))
    p12 = make_test_certificates("Hoàng Thanh Hải", "Đảng ủy Khối", tmp_path / "hai.p12",
                                 password, now).p12_path  # fmt: skip
    out = tmp_path / "đã-ký.pdf"
    probe_gc = PROBE.replace("try:", "import gc\nbefore = gc.get_threshold()\ntry:", 1).replace(
        '"orm": "sqlalchemy.orm" in sys.modules}',
        '"orm": "sqlalchemy.orm" in sys.modules, "gc_after": gc.get_threshold() == before}',
    )
    r = subprocess.run(
        [sys.executable, "-c", probe_gc, "sign", "1", "--db", f"sqlite:///{path}", "--p12", str(p12),
         "--password-env", "KETLUAN_PW", "-o", str(out)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "KETLUAN_PW": password, "KETLUAN_DATA_DIR": str(tmp_path / "data")},
    )  # fmt: skip
    result = json.loads(r.stderr.strip().splitlines()[-1])
    assert result["code"] == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF") and b"/ByteRange" in out.read_bytes()
    assert result["models"] == [
        "ketluan_desktop.core.audit.models",
        "ketluan_desktop.core.documents.models",
        "ketluan_desktop.core.meetings.models",
        "ketluan_desktop.core.org.models",
        "ketluan_desktop.core.signing.models",
    ]
    assert "fontTools" not in result["loaded"]  # the stamp's ink is read from ReportLab's copy
    assert result["gc_after"] is True
    assert cli.COMMAND_GC[0] >= 10_000 and gc.get_threshold()[0] < cli.COMMAND_GC[0]


@pytest.mark.sqlite_only  # a server, and a file named by a URL, sign through the ORM
def test_signing_a_file_imports_no_sqlalchemy_and_leaves_a_chain_and_a_signature_that_check(
    demo_db, tmp_path, monkeypatch
):
    """``ketluan sign`` on a SQLite file reads and writes through ``sqlite3`` alone (issue 14):
    no SQLAlchemy, no model imported; then the audit chain verifies, the signed PDF verifies and
    the seal goes on top of it as on the ORM's way (the same file named by a URL)."""
    from ketluan_desktop.core.signing.certs import make_test_certificates, make_test_seal_image

    path = demo_db.path
    demo_db.dispose()
    orm = tmp_path / "orm.db"
    shutil.copyfile(path, orm)
    made = make_test_certificates("Hoàng Thanh Hải", "Đảng ủy Khối các cơ quan tỉnh",
                                  tmp_path / "k.p12", "mật khẩu", datetime.now(UTC))  # fmt: skip
    seal = tmp_path / "dau.png"
    seal.write_bytes(make_test_seal_image("Đảng ủy Khối các cơ quan tỉnh"))
    env = {**os.environ, "KETLUAN_DATA_DIR": str(tmp_path / "data"), "KETLUAN_PW": "mật khẩu"}
    key = ["--p12", str(tmp_path / "k.p12"), "--password-env", "KETLUAN_PW"]
    monkeypatch.setenv("KETLUAN_PW", "mật khẩu")
    r = probe("sign", "1", "--db", str(path), *key, "-o", str(tmp_path / "ky.pdf"))
    assert r["code"] == 0
    assert "sqlalchemy" not in r["loaded"] and r["models"] == []
    sealed = _cli("sign", "1", "--db", str(path), *key, "--seal", "--seal-image", str(seal),
                  "-o", str(tmp_path / "dau.pdf"), env=env)  # fmt: skip
    assert sealed.returncode == 0, sealed.stderr.decode()
    by_orm = _cli("sign", "1", "--db", f"sqlite:///{orm}", *key, "-o", str(tmp_path / "o.pdf"),
                  env=env)  # fmt: skip
    assert by_orm.returncode == 0, by_orm.stderr.decode()
    audit = _cli("audit", "verify", "--db", str(path), env=env)
    assert audit.returncode == 0 and "nguyên vẹn: " in audit.stdout.decode(), audit.stderr
    checked = _cli("verify", str(tmp_path / "dau.pdf"), "--trust", str(made.ca_pem_path),
                   env=env)  # fmt: skip
    assert checked.returncode == 0, checked.stdout.decode()  # 0: every signature intact, trusted
    assert checked.stdout.decode().count("nguyên vẹn") == 2
    con = sqlite3.connect(path)
    plain_rows = con.execute("SELECT kind, signer_name FROM document_signature").fetchall()
    con.close()
    con = sqlite3.connect(orm)
    orm_rows = con.execute("SELECT kind, signer_name FROM document_signature").fetchall()
    con.close()
    assert plain_rows == [*orm_rows, ("seal", "Hoàng Thanh Hải")]
