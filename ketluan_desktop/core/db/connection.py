"""Which database this workstation uses: a file on this machine, or the office's shared server.

The choice lives in ``connection.json`` in the data folder (host, port, database, user, TLS mode;
never a password). The password is kept in the operating system's credential store (Windows
Credential Manager, the Secret Service on Linux, the macOS Keychain) through ``keyring``, under
the service «KetLuan Desktop» and the key ``user@host:port/database``. ``resolve(None)`` uses this
choice when neither ``--db`` nor ``KETLUAN_DB`` says otherwise.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from ketluan_desktop.core.errors import DatabaseError, ValidationError

log = logging.getLogger(__name__)

CONFIG_NAME = "connection.json"
KEYRING_SERVICE = "KetLuan Desktop"
SSL_MODES = ("prefer", "require", "verify-full", "disable")


@dataclass(frozen=True)
class ServerConnection:
    host: str
    database: str = "ketluan"
    user: str = "ketluan"
    port: int = 5432
    sslmode: str = "prefer"

    def __post_init__(self) -> None:
        if not self.host.strip() or not self.database.strip() or not self.user.strip():
            raise ValidationError(
                "Hãy nhập đủ địa chỉ máy chủ, tên cơ sở dữ liệu và tên đăng nhập."
            )
        if not 0 < int(self.port) < 65536:
            raise ValidationError(f"Cổng {self.port} không hợp lệ (thường là 5432).")
        if self.sslmode not in SSL_MODES:
            raise ValidationError(f"Chế độ TLS «{self.sslmode}» không hợp lệ.")

    @property
    def key(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None) -> URL:
        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            password=password or None,
            host=self.host,
            port=int(self.port),
            database=self.database,
            query={"sslmode": self.sslmode},
        )

    @classmethod
    def from_url(cls, url: URL) -> ServerConnection:
        return cls(
            host=url.host or "localhost",
            database=url.database or "ketluan",
            user=url.username or "",
            port=url.port or 5432,
            sslmode=str(url.query.get("sslmode", "prefer")),
        )


@dataclass(frozen=True)
class Choice:
    """``server`` set: the shared server; else the file ``path`` (None: the default file)."""

    server: ServerConnection | None = None
    path: Path | None = None


def config_path() -> Path:
    from ketluan_desktop.core.paths import data_dir

    return data_dir() / CONFIG_NAME


def load_choice() -> Choice:
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Choice()
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable %s: %s", path, exc)
        return Choice()
    if data.get("mode") == "server":
        fields = {k: data[k] for k in ("host", "database", "user", "port", "sslmode") if k in data}
        return Choice(server=ServerConnection(**fields))
    return Choice(path=Path(data["path"]) if data.get("path") else None)


def save_choice(choice: Choice) -> Path:
    from ketluan_desktop.core.fsutil import write_bytes_atomic

    if choice.server is not None:
        data = {"mode": "server", **asdict(choice.server)}
    else:
        data = {"mode": "local", "path": str(choice.path) if choice.path else None}
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())
    return path


# ------------------------------------------------------------------------------ passwords
def _keyring():
    try:
        import keyring

        return keyring
    except Exception as exc:  # not installed, or no usable backend
        raise DatabaseError(
            "Máy này không dùng được kho mật khẩu của hệ điều hành, nên không lưu được mật khẩu "
            "máy chủ. Hãy hỏi người quản trị.",
            detail=str(exc),
        ) from exc


def get_password(server: ServerConnection) -> str | None:
    try:
        return _keyring().get_password(KEYRING_SERVICE, server.key)
    except DatabaseError:
        raise
    except Exception as exc:
        log.warning("credential store unavailable: %s", type(exc).__name__)
        return None


def set_password(server: ServerConnection, password: str) -> None:
    try:
        _keyring().set_password(KEYRING_SERVICE, server.key, password)
    except DatabaseError:
        raise
    except Exception as exc:
        raise DatabaseError(
            "Không lưu được mật khẩu vào kho mật khẩu của hệ điều hành (Windows Credential "
            "Manager). Hãy thử lại, hoặc hỏi người quản trị máy tính.",
            detail=type(exc).__name__,
        ) from exc


def delete_password(server: ServerConnection) -> None:
    with contextlib.suppress(Exception):  # nothing stored: nothing to forget
        _keyring().delete_password(KEYRING_SERVICE, server.key)


def server_url(server: ServerConnection) -> URL:
    return server.url(get_password(server))


# ------------------------------------------------------------------------------ checking
@dataclass(frozen=True)
class ConnectionCheck:
    server_version: str
    revision: str | None  # None: an empty database (the schema is created at first use)
    tls: bool
    round_trip_ms: float

    def describe(self) -> str:
        schema = (
            f"lược đồ {self.revision}" if self.revision else "cơ sở dữ liệu trống (sẽ tạo lược đồ)"
        )
        tls = "có mã hóa TLS" if self.tls else "không mã hóa"
        return (
            f"Kết nối được: PostgreSQL {self.server_version}, {schema}, {tls}, "
            f"thời gian khứ hồi {self.round_trip_ms:.0f} ms."
        )


def check_connection(url: URL) -> ConnectionCheck:
    """Connect once and say what is there; a failure is a ``DatabaseError`` in Vietnamese."""
    from sqlalchemy import text

    from ketluan_desktop.core.db import migrate
    from ketluan_desktop.core.db.server_engine import create_server_engine

    engine = create_server_engine(url)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar_one().split()[0]
            started = time.perf_counter()
            conn.execute(text("SELECT 1"))
            rtt = (time.perf_counter() - started) * 1000
            tls = bool(
                conn.execute(
                    text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                ).scalar()
            )
        revision = migrate.current_revision(engine)
    except Exception as exc:
        raise DatabaseError(explain_failure(url, exc), detail=str(exc)) from exc
    finally:
        engine.dispose()
    migrate.check_not_newer(revision, url.render_as_string(hide_password=True))
    return ConnectionCheck(version, revision, tls, rtt)


def explain_failure(url: URL, exc: BaseException) -> str:
    where = f"{url.host}:{url.port or 5432}"
    raw = str(exc).lower()
    if "password authentication failed" in raw or "no password supplied" in raw:
        return (
            f"Máy chủ {where} từ chối tên đăng nhập «{url.username}» hoặc mật khẩu. Hãy nhập lại "
            "mật khẩu, hoặc hỏi người quản trị máy chủ."
        )
    if "does not exist" in raw and "database" in raw:
        return (
            f"Trên máy chủ {where} chưa có cơ sở dữ liệu «{url.database}». Hãy kiểm tra tên, hoặc "
            "nhờ người quản trị tạo (xem hướng dẫn docs/may-chu-postgresql.md)."
        )
    if "pg_hba.conf" in raw:
        return (
            f"Máy chủ {where} không cho máy này kết nối (pg_hba.conf). Người quản trị cần cho "
            "phép dải địa chỉ mạng của văn phòng."
        )
    if "ssl" in raw:
        return (
            f"Không thiết lập được kết nối mã hóa TLS với máy chủ {where}. Hãy kiểm tra chứng "
            "thư của máy chủ, hoặc hỏi người quản trị."
        )
    return (
        f"Không kết nối được máy chủ {where}. Hãy kiểm tra địa chỉ, cổng, dây mạng và máy chủ đã "
        "bật chưa, hoặc hỏi người quản trị."
    )
