"""Signing is atomic as the user sees it (issue 20, item 3): a real ``ketluan sign`` killed between
writing the signed PDF and committing leaves no PDF that verifies while the database says
"issued"; killed after the commit, the next start finishes the file. The test hook
``KETLUAN_TEST_SIGN_PAUSE`` holds the process at exactly that window."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from engines import target_of
from sqlalchemy import func, select

from ketluan_desktop.core.documents.models import Document, DocumentSignature
from ketluan_desktop.core.signing.signed_output import TEMP_SUFFIX, pending_dir

PASSWORD = "mật khẩu thử 123"
SIGNER = "Hoàng Thanh Hải"


@pytest.fixture(scope="module")
def p12(tmp_path_factory) -> Path:
    from datetime import datetime, timedelta, timezone

    from ketluan_desktop.core.signing.certs import make_test_certificates

    now = datetime.now(timezone(timedelta(hours=7)))
    d = tmp_path_factory.mktemp("chung-thu")
    return make_test_certificates(SIGNER, "Đảng ủy Khối", d / "hai.p12", PASSWORD, now).p12_path


@pytest.fixture
def office(demo_db) -> str:
    target = target_of(demo_db)
    demo_db.dispose()
    return target


def _cli(*args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "KETLUAN_PW": PASSWORD, **(env or {})},
        **kw,
    )


def _sign_paused(office: Path, p12: Path, out: Path, phase: str, seconds: int = 120):
    proc = _cli("sign", "1", "--db", str(office), "--p12", str(p12), "--password-env",
                "KETLUAN_PW", "-o", str(out),
                env={"KETLUAN_TEST_SIGN_PAUSE": f"{phase}:{seconds}"})  # fmt: skip
    line = proc.stdout.readline()  # the process says when it is waiting at the window
    if f"KETLUAN_TEST_PAUSED {phase}" not in line:
        proc.kill()
        pytest.fail(f"sign did not reach {phase}: {line!r} {proc.stderr.read()}")
    return proc


def _state(office: Path) -> tuple[str, int]:
    from ketluan_desktop.core.db import open_database

    db = open_database(office)
    try:
        with db.session() as s:
            status = s.scalar(select(Document.status).where(Document.id == 1))
            count = s.scalar(select(func.count()).select_from(DocumentSignature))
        return status, count
    finally:
        db.dispose()


def _leftovers(folder: Path) -> list[Path]:
    return sorted(folder.glob(f".*{TEMP_SUFFIX}"))


def _run(*args: str) -> subprocess.CompletedProcess:
    proc = _cli(*args)
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _log_text() -> str:
    from ketluan_desktop.core.logsetup import log_file_path

    path = log_file_path()
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_killed_before_the_commit_leaves_no_signed_pdf(office, p12, tmp_path):
    out = tmp_path / "Kết luận đã ký.pdf"
    proc = _sign_paused(office, p12, out, "before_commit")
    # At the window: the signed bytes are on disk, under a temporary name only.
    (temp,) = _leftovers(tmp_path)
    assert temp.stat().st_size > 10_000 and not out.exists()
    proc.kill()  # SIGKILL: no handler, no cleanup runs
    proc.communicate(timeout=30)  # reaps it and closes the pipes
    assert _state(office) == ("issued", 0)
    assert not out.exists()

    r = _run("documents", "list", "--db", str(office))  # the next start sweeps
    assert r.returncode == 0, r.stderr
    assert "Lưu ý: Đã xóa tệp tạm" in r.stderr and "vẫn chưa ký" in r.stderr
    assert _leftovers(tmp_path) == [] and not out.exists()
    assert "Đã xóa tệp tạm" in _log_text()
    assert not any(pending_dir().glob("*.json"))
    assert _state(office) == ("issued", 0)


def test_killed_after_the_commit_the_next_start_finishes_the_file(office, p12, tmp_path):
    out = tmp_path / "ky.pdf"
    proc = _sign_paused(office, p12, out, "after_commit")
    proc.kill()
    proc.communicate(timeout=30)  # reaps it and closes the pipes
    assert _state(office) == ("signed", 1)
    assert not out.exists() and len(_leftovers(tmp_path)) == 1

    r = _run("documents", "list", "--db", str(office))
    assert r.returncode == 0 and "Đã hoàn tất tệp đã ký" in r.stderr, r.stderr
    assert out.exists() and _leftovers(tmp_path) == []
    r = _run("export-signed", "1", "--db", str(office), "-o", str(tmp_path / "tu-csdl.pdf"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "tu-csdl.pdf").read_bytes() == out.read_bytes()  # the committed bytes


def test_a_signing_still_running_elsewhere_is_left_alone(office, p12, tmp_path):
    out = tmp_path / "ky.pdf"
    proc = _sign_paused(office, p12, out, "before_commit", seconds=6)
    try:
        r = _run("info", "--db", str(office))
        assert "Lưu ý" not in r.stderr
        assert len(_leftovers(tmp_path)) == 1  # not taken for a leftover
    finally:
        _stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert out.exists() and _leftovers(tmp_path) == []
    assert _state(office) == ("signed", 1)


def test_a_failing_commit_leaves_nothing(demo_db, p12, tmp_path):
    from ketluan_desktop.core.errors import DatabaseError
    from ketluan_desktop.core.signing import signed_documents as signing
    from ketluan_desktop.core.signing.keys import load_pkcs12
    from ketluan_desktop.core.signing.signed_output import sign_to_file

    real = demo_db.write_session

    @contextlib.contextmanager
    def full_disk():
        with real() as s:
            yield s
            raise DatabaseError("Ổ đĩa đầy (giả lập).")

    demo_db.write_session = full_disk
    out = tmp_path / "ky.pdf"
    key = load_pkcs12(p12, PASSWORD)
    from ketluan_desktop.core.clock import office_now

    with pytest.raises(DatabaseError):
        sign_to_file(
            demo_db,
            out,
            lambda s: signing.sign_document(s, 1, key, kind="signer", now=office_now()),
        )
    assert not out.exists() and _leftovers(tmp_path) == []
    assert not any(pending_dir().glob("*.json"))
    demo_db.write_session = real
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(DocumentSignature)) == 0
