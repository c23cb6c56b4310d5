"""Opening the database: checks, connection pragmas, migrations, sessions."""

from __future__ import annotations

import contextlib
import functools
import importlib
import logging
import os
import sqlite3
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DBAPIError, OperationalError

from ketluan_desktop.core import private_files
from ketluan_desktop.core.db import errors, file_guard, journal, migrate, planner_stats, preflight
from ketluan_desktop.core.db.location import DbLocation, is_network_path, resolve
from ketluan_desktop.core.db.server_engine import create_server_engine
from ketluan_desktop.core.errors import DatabaseError, ServerUnavailableError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000

NETWORK_WARNING = (
    "Cơ sở dữ liệu đang nằm trên ổ mạng ({path}). SQLite khóa tệp không tin cậy qua mạng (SMB) "
    "và chế độ WAL không hoạt động giữa nhiều máy, nên ứng dụng mở ở chế độ nhật ký thường và chỉ "
    "nên có một máy dùng tệp này. Khi nhiều máy cần dùng chung dữ liệu, hãy dùng một máy chủ cơ sở "
    "dữ liệu (PostgreSQL)."
)


@dataclass
class Database:
    location: DbLocation
    engine: Engine
    revision: str | None
    warnings: list[str] = field(default_factory=list)
    backup_path: Path | None = None
    # Who writes through this database: stamped on edited rows (``changed_by``) and in the audit
    # trail. None: the operating-system account; a sign-in (shared server) sets the person.
    username: str | None = None
    # The person and their permissions (core/access/actor.py); None: the OS account, allowed all.
    actor: Any = None
    # A shared server with accounts: nobody acts before signing in (no permission at all).
    sign_in_required: bool = False
    journal_mode: str = ""  # "wal" or "delete": the database's own (its header), see journal.py
    network: bool = False
    created: bool = False  # this call made a new, empty office
    # Every room's models loaded at once (the window, which reads them all). False: each service
    # imports the models it uses, and a write loads the models its rows point to
    # (``_models_before_flush``) — a command that only reads members never pays for documents, tasks, meetings…
    all_models: bool = True

    def __post_init__(self) -> None:
        self.origin = uuid.uuid4().hex[:12]  # this process's announcements (core.db.changes)
        self._reading = threading.local()
        self._factories_lock = threading.Lock()
        self._session_factories: tuple[sessionmaker, sessionmaker, sessionmaker] | None = None
        if self.all_models:
            import ketluan_desktop.core.db.schema  # noqa: F401

            self._factories()  # the window: the ORM ready before any thread asks for a session
        self._guarded = self.location.path
        if self._guarded is not None:
            file_guard.register(self._guarded)

    def _factories(self) -> tuple[sessionmaker, sessionmaker, sessionmaker]:
        """The ORM's session factories (any, write, read-only), made when a session is first
        asked for: a command that reads through ``connection()`` never imports the ORM."""
        with self._factories_lock:
            if self._session_factories is None:
                self._session_factories = self._make_factories()
            return self._session_factories

    def _make_factories(self) -> tuple[sessionmaker, sessionmaker, sessionmaker]:
        from sqlalchemy.orm import sessionmaker

        from ketluan_desktop.core.db import changes, gathering, versioning  # noqa: F401 - hooks

        _install_flush_hook()
        info = {"database": self}
        writer = self.engine
        if self.location.is_sqlite:
            writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        # A screen's reads on a server skip BEGIN/COMMIT (two round trips): nothing is written
        # there, and each statement sees committed data.
        return (
            sessionmaker(self.engine, expire_on_commit=False, info=info),
            sessionmaker(writer, expire_on_commit=False, info=info),
            sessionmaker(self._reader, expire_on_commit=False, info=info),
        )

    @functools.cached_property
    def _reader(self) -> Engine:
        """The engine reads go through: autocommit on a server (made once, shared by the read
        sessions and ``connection()``)."""
        if self.location.is_sqlite:
            return self.engine
        return self.engine.execution_options(isolation_level="AUTOCOMMIT")

    @property
    def is_server(self) -> bool:
        return not self.location.is_sqlite

    @property
    def path(self) -> Path | None:
        return self.location.path

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error. Inside ``reading()`` on
        the same thread, the reading's session (one connection, one transaction)."""
        shared = getattr(self._reading, "session", None)
        if shared is None:
            with self._unit(self._factories()[0]) as s:
                yield s
            return
        try:
            yield shared
        except BaseException:
            _quiet_rollback(shared)  # a failed statement must not poison the rest of the reading
            raise

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Several reads that belong together (a screen's refresh) share one session: on a server
        each session costs its own round trips to begin and end it."""
        if getattr(self._reading, "session", None) is not None:
            yield
            return
        with self._unit(self._factories()[2]) as s:
            self._reading.session = s
            try:
                yield
            finally:
                self._reading.session = None

    @contextlib.contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session of its own for reads only (autocommit on a server: no BEGIN/COMMIT round
        trips), whatever the thread's ``reading()`` shares; ``core.db.gathering`` runs each of
        its reads in one."""
        with self._unit(self._factories()[2]) as s:
            yield s

    @contextlib.contextmanager
    def sharing(self, session: Session) -> Iterator[None]:
        """``session()`` on this thread is ``session`` meanwhile (as inside ``reading()``)."""
        previous = getattr(self._reading, "session", None)
        self._reading.session = session
        try:
            yield
        finally:
            self._reading.session = previous

    @contextlib.contextmanager
    def write_session(self) -> Iterator[Session]:
        """A unit of work that will write: holds the write lock from its start (one writer at once)."""
        with self._unit(self._factories()[1]) as s:
            yield s

    @contextlib.contextmanager
    def connection(self) -> Iterator[Connection]:
        """Reads through SQLAlchemy Core, without the ORM (a command that only reads starts
        faster): one connection, its transaction ended on leaving; autocommit on a server.
        Storage faults and a lost server are said as in ``session()``."""
        try:
            with self._reader.connect() as conn:
                conn.info["database"] = self  # who reads: core/access/actor.actor_of
                yield conn
        except DBAPIError as exc:
            err = self._storage_error(exc)
            if err is exc:
                raise
            raise err from exc

    @contextlib.contextmanager
    def _unit(self, factory: sessionmaker) -> Iterator[Session]:
        from sqlalchemy.orm.exc import StaleDataError

        s = factory()
        try:
            yield s
            s.commit()
        except StaleDataError as exc:  # saved elsewhere between a form's check and this write
            _quiet_rollback(s)
            from ketluan_desktop.core.db.versioning import GENERIC_STALE, StaleEditError

            raise StaleEditError(GENERIC_STALE, detail=str(exc)) from exc
        except DBAPIError as exc:
            _quiet_rollback(s)
            err = self._storage_error(exc)
            if err is exc:
                raise
            raise err from exc
        except BaseException:
            _quiet_rollback(s)
            raise
        finally:
            with contextlib.suppress(Exception):
                s.close()

    def _storage_error(self, exc: DBAPIError) -> BaseException:
        """What to raise for a driver error: disk full, read-only, locked, I/O or corrupt said
        about this database; a lost server; else the error itself (a bug, or a cancelled query)."""
        err = self.classify(exc)
        if err is not None:
            log.warning("database write failed: %s (%s)", type(err).__name__, err.detail)
            return err
        if self.is_server and (exc.connection_invalidated or isinstance(exc, OperationalError)):
            from ketluan_desktop.core.db import cancel

            if cancel.is_interruption(exc) and not exc.connection_invalidated:
                return exc  # a superseded query, cancelled on purpose: the server is fine
            return ServerUnavailableError(
                server_unavailable_message(self.location.display), detail=str(exc)
            )
        return exc

    def classify(self, exc: BaseException) -> DatabaseError | None:
        """Disk full, read-only, locked, I/O or corrupt, said about this database; None for bugs."""
        return errors.classify(
            exc,
            path=self.location.path,
            display=self.location.display,
            network=self.network,
            wal=self.journal_mode == "wal",
        )

    def new_session(self) -> Session:
        return self._factories()[0]()

    def dispose(self) -> None:
        self.engine.dispose()
        if self._guarded is not None:
            file_guard.unregister(self._guarded)
            self._guarded = None


def server_unavailable_message(where: str) -> str:
    return (
        f"Mất kết nối tới máy chủ cơ sở dữ liệu ({where}). Thao tác vừa rồi chưa được lưu; những "
        "gì bạn đang nhập vẫn còn nguyên trên máy này. Hãy kiểm tra dây mạng hoặc Wi-Fi, hoặc hỏi "
        "người quản trị máy chủ. Chương trình tự kết nối lại khi máy chủ hoạt động trở lại; khi "
        "đó hãy làm lại thao tác (ví dụ bấm Lưu)."
    )


def _quiet_rollback(s: Session) -> None:
    try:
        s.rollback()
    except Exception:  # the connection is gone: nothing was committed anyway
        log.debug("rollback failed", exc_info=True)


SCHEMA_MODULE = "ketluan_desktop.core.db.schema"

# The module that maps each table (an association table under the module that defines it).
# tests/core/test_database.py checks it against the schema: a new table goes here too.
MODEL_MODULES = {
    "account": "ketluan_desktop.core.access.models",
    "agenda_item": "ketluan_desktop.core.meetings.models",
    "attendance": "ketluan_desktop.core.meetings.models",
    "audit_chain_head": "ketluan_desktop.core.audit.models",
    "audit_entry": "ketluan_desktop.core.audit.models",
    "block": "ketluan_desktop.core.documents.models",
    "change_log": "ketluan_desktop.core.db.changes",
    "citation": "ketluan_desktop.core.documents.models",
    "cited_document": "ketluan_desktop.core.documents.models",
    "document": "ketluan_desktop.core.documents.models",
    "document_figure": "ketluan_desktop.core.documents.models",
    "document_signature": "ketluan_desktop.core.documents.models",
    "incoming_document": "ketluan_desktop.core.documents.incoming_models",
    "incoming_task": "ketluan_desktop.core.documents.incoming_models",
    "kept_autosave": "ketluan_desktop.core.documents.models",
    "layout_profile": "ketluan_desktop.core.documents.models",
    "meeting": "ketluan_desktop.core.meetings.models",
    "member": "ketluan_desktop.core.members.models",
    "member_absence": "ketluan_desktop.core.members.models",
    "number_sequence": "ketluan_desktop.core.documents.models",
    "org_name_version": "ketluan_desktop.core.org.models",
    "organisation": "ketluan_desktop.core.org.models",
    "person": "ketluan_desktop.core.org.models",
    "procedure": "ketluan_desktop.core.members.models",
    "procedure_step": "ketluan_desktop.core.members.models",
    "recipient": "ketluan_desktop.core.documents.models",
    "section": "ketluan_desktop.core.documents.models",
    "setting": "ketluan_desktop.core.org.models",
    "signing_image": "ketluan_desktop.core.signing.models",
    "task": "ketluan_desktop.core.tasks.models",
    "task_citation": "ketluan_desktop.core.tasks.models",
    "task_co_unit": "ketluan_desktop.core.tasks.models",
    "task_update": "ketluan_desktop.core.tasks.models",
    "term": "ketluan_desktop.core.org.models",
    "trusted_root": "ketluan_desktop.core.signing.models",
}


def _models_before_flush(_session: Session, _ctx: Any, _instances: Any) -> None:
    """A write needs every table its rows' foreign keys name (the flush orders its statements by
    them), and the tables those name in turn: a database opened with only the models read
    (``all_models=False``) loads those models here — a signature written maps the documents,
    meetings and units it points to, never the members or the tasks. A delete loads every model:
    a relationship declared on another model's side (its cascade) must be known to the flush."""
    if SCHEMA_MODULE in sys.modules:
        return
    if _session.deleted:
        importlib.import_module(SCHEMA_MODULE)
        return
    from ketluan_desktop.core.db.base import Base

    tables = Base.metadata.tables
    while True:
        named = {
            fk.target_fullname.split(".")[0] for t in list(tables.values()) for fk in t.foreign_keys
        }
        missing = named - set(tables)
        if not missing:
            return
        for name in sorted(missing):
            module = MODEL_MODULES.get(name)
            if module is None:  # a table not listed above: every model, to be safe
                importlib.import_module(SCHEMA_MODULE)
                return
            importlib.import_module(module)


def _install_flush_hook() -> None:
    from sqlalchemy.orm import Session

    if not event.contains(Session, "before_flush", _models_before_flush):
        event.listen(Session, "before_flush", _models_before_flush)


def _sqlite_pragmas():
    def on_connect(dbapi_con, _record) -> None:
        # pysqlite's own transaction handling defers BEGIN; let SQLAlchemy emit it, so BEGIN
        # IMMEDIATE (see numbering) works.
        dbapi_con.isolation_level = None
        cur = dbapi_con.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        # The journal mode is the database's, never set here (journal.py): a process that set it
        # on connect switched a shared file to WAL under another machine's feet.
        wal = cur.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        cur.execute("PRAGMA synchronous = NORMAL" if wal else "PRAGMA synchronous = FULL")
        cur.close()

    return on_connect


def _on_begin(conn) -> None:
    # "IMMEDIATE" takes the write lock at BEGIN: a transaction that reads then writes can otherwise
    # fail at once with SQLITE_BUSY when another process wrote in between (WAL snapshots).
    mode = conn.get_execution_options().get("sqlite_begin", "")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


def create_sqlite_engine(path: Path) -> Engine:
    from sqlalchemy.engine import URL

    from ketluan_desktop.core.db import cancel

    # hide_parameters: an error's message (and so the log) never carries member data.
    engine = create_engine(URL.create("sqlite", database=str(path)), hide_parameters=True)
    event.listen(engine, "connect", _sqlite_pragmas())
    event.listen(engine, "close", planner_stats.optimize_on_close)  # statistics kept current
    cancel.install(engine)  # a superseded screen query can be stopped
    event.listen(engine, "begin", _on_begin)
    return engine


def open_database(
    target: str | Path | None = None,
    *,
    migrate_schema: bool = True,
    create: bool = False,
    all_models: bool = True,
) -> Database:
    """Open an office's database and migrate it. Refuses bad files with a ``DatabaseError``.
    ``all_models``: see ``Database.all_models`` (False for a command that starts fast).

    A missing file is refused (``MissingDatabaseError``, naming it) unless ``create``: only
    ``ketluan init``, the first start on the default path, the demo and an explicit «tạo văn phòng
    mới» create one, so a mistyped path can never open an empty office."""
    location = resolve(target)
    if not location.is_sqlite:
        return _open_server(location, migrate_schema, all_models)
    assert location.path is not None
    path = location.path
    if not create and not path.exists():
        raise errors.missing_database(path, _source(target))
    preflight.check_folder(path)
    existing = preflight.check_file_is_sqlite(path)
    if not existing and not create:
        raise errors.missing_database(path, _source(target))
    revision: str | None = None
    if existing:
        revision, tables = preflight.inspect_existing(path)
        if revision is None and tables - {"sqlite_sequence"}:
            raise DatabaseError(
                f"Tệp {path} là một cơ sở dữ liệu SQLite nhưng không phải của KếtLuận (không có "
                "thông tin phiên bản lược đồ). Hãy chọn đúng tệp ketluan.db; tệp này không bị thay đổi."
            )
        migrate.check_not_newer(revision, str(path))
    network = is_network_path(path)
    warnings: list[str] = []
    if network:
        warnings.append(NETWORK_WARNING.format(path=path))
        log.warning("database on a network drive: rollback journal, not WAL")
    backup = None
    up_to_date = revision is not None and revision == migrate.head_revision()
    if existing and revision is not None and not up_to_date and migrate_schema:
        try:
            backup = preflight.backup_copy(path, revision)
        except sqlite3.Error as exc:
            err = errors.classify(exc, path=path)
            if err is None:
                raise
            raise err from exc
        log.info("backed up database before migrating from %s to %s", revision, backup.name)
    if not existing:
        private_files.create_private_file(path)  # 0600 before SQLite makes it (and its journals)
    engine = create_sqlite_engine(path)
    try:
        mode = journal.settle(
            engine, new=not existing, network=network, display=str(path),
            busy_timeout_ms=BUSY_TIMEOUT_MS,
        )  # fmt: skip
        if not up_to_date:
            if migrate_schema:
                migrate.upgrade(engine)
            revision = migrate.current_revision(engine)
        _ensure_statistics(engine)
    except DBAPIError as exc:
        engine.dispose()
        err = errors.classify(exc, path=path, network=network)
        if err is not None:
            raise err from exc
        raise
    except Exception:
        engine.dispose()
        raise
    return Database(
        location, engine, revision, warnings, backup,
        journal_mode=mode, network=network, created=not existing, all_models=all_models,
    )  # fmt: skip


def _ensure_statistics(engine: Engine) -> None:
    """The planner's statistics present before the first query (``planner_stats``)."""
    raw = engine.raw_connection()
    try:
        planner_stats.ensure(raw.driver_connection)
    finally:
        raw.close()


def _source(target: str | Path | None) -> str:
    if target is not None:
        return "--db"
    return "KETLUAN_DB" if os.environ.get("KETLUAN_DB") else ""


def _open_server(location: DbLocation, migrate_schema: bool, all_models: bool = True) -> Database:
    try:
        engine = create_server_engine(location.url)
        with engine.connect():
            pass
    except Exception as exc:  # driver missing, server down, bad credentials
        raise DatabaseError(
            f"Không kết nối được cơ sở dữ liệu {location.display}: {exc}. Hãy kiểm tra địa chỉ "
            "máy chủ, tên đăng nhập và mật khẩu, hoặc hỏi người quản trị."
        ) from exc
    revision = migrate.current_revision(engine)
    migrate.check_not_newer(revision, location.display)
    if migrate_schema and revision != migrate.head_revision():
        migrate.upgrade(engine)
        revision = migrate.current_revision(engine)
    return Database(
        location, engine, revision, sign_in_required=_has_accounts(engine), all_models=all_models
    )


def _has_accounts(engine: Engine) -> bool:
    """Whether the server has active accounts (then each person signs in: core/access)."""
    from sqlalchemy import text

    try:
        with engine.connect() as conn:
            return bool(conn.execute(text("SELECT count(*) FROM account WHERE active")).scalar())
    except DBAPIError:  # opened without migrating, before the accounts existed
        return False


def table_names(db: Database) -> list[str]:
    return sorted(inspect(db.engine).get_table_names())
