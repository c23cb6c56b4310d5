"""A throw-away PostgreSQL cluster for the tests and benches: initdb into a temporary folder, a
free port on 127.0.0.1, trust authentication, no fsync. Nothing of the machine's own PostgreSQL
(service, config, data) is touched.

PostgreSQL refuses to run as root, so when the tests run as root (CI) the cluster's commands run
as an unprivileged user through ``runuser`` (Debian's postgresql package creates ``postgres``; the
``nobody`` account is the fallback). As a normal user they run as that user.

``KETLUAN_TEST_PG_URL`` (a superuser URL of a server you already run, e.g. on Windows) replaces the
throw-away cluster; ``KETLUAN_TEST_PG=skip`` leaves the PostgreSQL half out.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "ketluan"


def find_bindir() -> Path | None:
    """The folder with initdb/pg_ctl: $KETLUAN_PG_BINDIR, Debian's layout, or the PATH."""
    env = os.environ.get("KETLUAN_PG_BINDIR")
    if env:
        return Path(env) if (Path(env) / _exe("initdb")).exists() else None
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


def _exe(name: str) -> str:
    return f"{name}.exe" if sys.platform == "win32" else name


def unavailable_reason() -> str | None:
    """Why the PostgreSQL half cannot run here (None: it can)."""
    if os.environ.get("KETLUAN_TEST_PG", "").lower() in ("0", "no", "skip", "off"):
        return "KETLUAN_TEST_PG=skip"
    if os.environ.get("KETLUAN_TEST_PG_URL"):
        return None
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the psycopg driver is not installed"
    if find_bindir() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl) found; install postgresql-15"
    if _is_root() and _run_as_user() is None:
        return "running as root and neither a 'postgres' nor a 'nobody' account exists"
    return None


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _run_as_user() -> str | None:
    import pwd

    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    """A running server the tests may create and drop databases on."""

    host: str
    port: int
    user: str
    password: str | None = None
    version: str = ""
    cluster: PgCluster | None = None
    _created: list[str] = field(default_factory=list)

    def url(self, dbname: str, *, port: int | None = None) -> str:
        auth = self.user if not self.password else f"{self.user}:{self.password}"
        return f"postgresql+psycopg://{auth}@{self.host}:{port or self.port}/{dbname}"

    def admin(self):
        import psycopg

        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
            dbname="postgres",
            autocommit=True,
            connect_timeout=10,
        )

    def create_database(self, name: str, template: str | None = None) -> str:
        with self.admin() as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            tpl = f' TEMPLATE "{template}"' if template else ""
            con.execute(f'CREATE DATABASE "{name}"{tpl}')
        self._created.append(name)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self.admin() as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop_all(self) -> None:
        with contextlib.suppress(Exception), self.admin() as con:
            for name in self._created:
                con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._created.clear()


class PgCluster:
    """initdb + pg_ctl in a temporary folder; ``stop``/``start`` keep the data (restart tests)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.user = _run_as_user() if _is_root() else None
        self.root = Path(tempfile.mkdtemp(prefix="ketluan-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        if self.user is not None:
            shutil.chown(self.root, self.user)
            self.root.chmod(0o700)

    def _cmd(self, name: str, *args: str) -> list[str]:
        cmd = [str(self.bindir / _exe(name)), *args]
        if self.user is not None:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return cmd

    def _run(self, name: str, *args: str, timeout: float = 60) -> None:
        r = subprocess.run(self._cmd(name, *args), capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{name} {' '.join(args)} failed: {r.stdout}{r.stderr}\n{log}")

    def init(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
            "--locale=C", "-N",
        )  # fmt: skip

    def configure(self, port: int) -> None:
        self.port = port
        extra = "\n".join(
            [
                "",
                "listen_addresses = '127.0.0.1'",
                f"port = {port}",
                "unix_socket_directories = ''",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "max_connections = 60",
                "shared_buffers = 32MB",
                "log_min_messages = warning",
                "",
            ]
        )
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as f:
            f.write(extra)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def running(self) -> bool:
        r = subprocess.run(self._cmd("pg_ctl", "-D", str(self.data), "status"), capture_output=True)
        return r.returncode == 0

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            if self.running():
                self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> PgServer:
    """The external server of $KETLUAN_TEST_PG_URL, or a new throw-away cluster (stopped and
    removed when the process exits)."""
    external = os.environ.get("KETLUAN_TEST_PG_URL")
    if external:
        from sqlalchemy.engine import make_url

        u = make_url(external)
        server = PgServer(u.host or "127.0.0.1", u.port or 5432, u.username or "", u.password)
    else:
        bindir = find_bindir()
        assert bindir is not None, unavailable_reason()
        cluster = PgCluster(bindir)
        atexit.register(cluster.destroy)
        cluster.init()
        for attempt in range(3):  # another process may take the free port in between
            cluster.configure(free_port())
            try:
                cluster.start()
                break
            except RuntimeError:
                if attempt == 2:
                    raise
                time.sleep(0.2)
        server = PgServer("127.0.0.1", cluster.port, SUPERUSER, cluster=cluster)
    with server.admin() as con:
        server.version = con.execute("SHOW server_version").fetchone()[0]
    return server
