"""Running PostgreSQL's own tools (pg_dump, pg_restore) against the office's server database.

The connection comes from the SQLAlchemy URL through libpq's environment variables, so the
password never appears on a command line (visible to other users in the process list).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator

from ketluan_desktop.core.errors import KetLuanError


class PgToolError(KetLuanError):
    """pg_dump or pg_restore is missing or failed."""


def find(tool: str) -> str:
    found = shutil.which(tool)
    if found:
        return found
    patterns = (
        [rf"C:\Program Files\PostgreSQL\*\bin\{tool}.exe"]
        if sys.platform == "win32"
        else [f"/usr/lib/postgresql/*/bin/{tool}", f"/usr/pgsql-*/bin/{tool}"]
    )
    for pattern in patterns:
        matches = sorted(glob.glob(pattern), reverse=True)
        if matches:
            return matches[0]
    raise PgToolError(
        f"Không tìm thấy chương trình {tool} của PostgreSQL trên máy này, nên không sao lưu/khôi "
        "phục được cơ sở dữ liệu trên máy chủ. Hãy cài «PostgreSQL command line tools» cùng phiên "
        "bản với máy chủ (hoặc nhờ quản trị máy chủ sao lưu)."
    )


def environment(url) -> dict[str, str]:
    env = dict(os.environ)
    for var, value in (
        ("PGHOST", url.host),
        ("PGPORT", str(url.port) if url.port else None),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
        ("PGSSLMODE", url.query.get("sslmode") if url.query else None),
    ):
        if value:
            env[var] = str(value)
    return env


def run(
    tool: str, url, *args: str, timeout: float = 3600, extra_env: dict[str, str] | None = None
) -> None:
    r = subprocess.run(
        [find(tool), *args],
        env={**environment(url), **(extra_env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if r.returncode != 0:
        raise PgToolError(
            f"{tool} không chạy xong (mã {r.returncode}). Hãy kiểm tra máy chủ cơ sở dữ liệu còn "
            "kết nối được và ổ đĩa còn chỗ, rồi làm lại.",
            detail=r.stderr.strip()[-2000:],
        )


def lines(tool: str, *args: str) -> Iterator[str]:
    """The tool's standard output, line by line (for archives too big to hold in memory)."""
    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(
            [find(tool), *args], stdout=subprocess.PIPE, stderr=errors, text=True, encoding="utf-8"
        ) as proc,
    ):
        assert proc.stdout is not None
        yield from (line.rstrip("\n") for line in proc.stdout)
        code = proc.wait()
        if code != 0:
            errors.seek(0)
            raise PgToolError(
                f"{tool} không đọc được bản sao lưu (mã {code}): tệp có thể bị hỏng.",
                detail=errors.read().decode("utf-8", "replace").strip()[-2000:],
            )
