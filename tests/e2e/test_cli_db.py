"""``ketluan db``: connecting this workstation to the office's server (password in the credential
store, never in a file), and copying the demo office SQLite → PostgreSQL → SQLite, verified."""

from __future__ import annotations

import json

import engines
import pytest
from memory_keyring import MemoryKeyring


@pytest.fixture
def cli(capsys):
    from ketluan_desktop.cli import main

    def call(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


@pytest.fixture
def keyring_store(monkeypatch):
    import keyring

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend.store
    keyring.set_keyring(previous)


def _digests(target: str) -> dict[str, tuple[int, str]]:
    from ketluan_desktop.core.db import copying, open_database

    db = open_database(target)
    try:
        with db.engine.connect() as conn:
            return {t.name: copying.table_digest(conn, t) for t in copying.tables()}
    finally:
        db.dispose()


@pytest.mark.pg_only
@pytest.mark.slow
def test_the_demo_office_goes_to_postgresql_and_back_identical(
    cli, _demo_template, tmp_path, monkeypatch
):
    _name, url = engines.new_database_url(None)  # an empty database on the server
    code, out, err = cli("db", "copy", "--db", str(_demo_template), "--to", url)
    assert code == 0, err
    assert "tất cả đều khớp" in out and "KHÔNG KHỚP" not in out
    assert "document " in out and "member " in out
    back = tmp_path / "Trở về" / "ketluan.db"
    # The demo office has accounts: on the server, whoever copies it back signs in.
    code, out, err = cli("db", "copy", "--db", url, "--to", str(back))
    assert code == 1 and "yêu cầu đăng nhập" in err and not back.exists()
    monkeypatch.setenv("KL_TEST_PASSWORD", "demo")
    code, out, err = cli(
        "--user", "quantri", "--password-env", "KL_TEST_PASSWORD",
        "db", "copy", "--db", url, "--to", str(back),
    )  # fmt: skip
    assert code == 0, err
    source, server, returned = _digests(str(_demo_template)), _digests(url), _digests(str(back))
    assert server == returned
    # The sign-in itself is recorded (the account's last sign-in, one audit entry): the rest is
    # the demo office unchanged.
    signed_in = {"account", "audit_entry", "audit_chain_head"}
    assert {k: v for k, v in source.items() if k not in signed_in} == {
        k: v for k, v in server.items() if k not in signed_in
    }
    assert server["audit_entry"][0] == source["audit_entry"][0] + 1
    assert source["document"][0] >= 1 and source["task"][0] == 8 and source["member"][0] > 10
    # The server's id sequences go on after the copied rows: a new row gets a fresh id.
    from ketluan_desktop.core.access import accounts
    from ketluan_desktop.core.clock import office_now
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.tasks import editing

    db = open_database(url)
    try:
        now = office_now()
        accounts.sign_in(db, "chuyenvien", "demo", now=now)
        with db.write_session() as s:
            task = editing.create_task(
                s, editing.TaskInput(text="Sau khi chép"), now=now, today=now.date()
            )
        assert task.id == 9
    finally:
        db.dispose()


def test_a_target_with_data_is_refused_and_left_unchanged(cli, _demo_template, tmp_path):
    import shutil

    target = tmp_path / "đã có.db"
    shutil.copyfile(_demo_template, target)
    before = _digests(str(target))
    code, _out, err = cli("db", "copy", "--db", str(_demo_template), "--to", str(target))
    assert code == 1
    assert err.startswith("Lỗi: Cơ sở dữ liệu đích") and "đã có dữ liệu" in err
    assert _digests(str(target)) == before


@pytest.mark.pg_only
def test_connect_keeps_the_password_in_the_credential_store_only(
    cli, keyring_store, monkeypatch, tmp_path, _isolated_data_dir
):
    server = engines.server()
    name, _url = engines.new_database_url(None)
    monkeypatch.setenv("KL_TEST_PW", "mật-khẩu-bí-mật")
    code, out, err = cli(
        "db", "connect", "--host", server.host, "--port", str(server.port), "--database", name,
        "--user", server.user, "--password-env", "KL_TEST_PW",
    )  # fmt: skip
    assert code == 0, err
    assert "Kết nối được: PostgreSQL 1" in out and "máy này dùng cơ sở dữ liệu dùng chung" in out
    saved = (_isolated_data_dir / "connection.json").read_text(encoding="utf-8")
    assert json.loads(saved)["host"] == server.host and "mật-khẩu" not in saved
    key = f"{server.user}@{server.host}:{server.port}/{name}"
    assert keyring_store == {("KetLuan Desktop", key): "mật-khẩu-bí-mật"}
    code, out, _err = cli("db", "status")  # no --db: the saved choice
    assert code == 0 and name in out and "máy chủ dùng chung" in out and "mật-khẩu" not in out
    code, out, _err = cli("info")
    assert code == 0 and "mật-khẩu" not in out
    code, out, _err = cli("db", "connect", "--local")
    assert code == 0 and "tệp dữ liệu" in out
    assert json.loads((_isolated_data_dir / "connection.json").read_text())["mode"] == "local"


def test_a_server_that_does_not_answer_gives_a_clear_message(cli, keyring_store, monkeypatch):
    from pg_cluster import free_port

    monkeypatch.setenv("KL_TEST_PW", "x")
    code, _out, err = cli(
        "db", "connect", "--host", "127.0.0.1", "--port", str(free_port()), "--user", "vanthu",
        "--password-env", "KL_TEST_PW",
    )  # fmt: skip
    assert code == 1
    assert err.startswith("Lỗi: Không kết nối được máy chủ 127.0.0.1:") and err.count("\n") == 1
    assert keyring_store == {}
