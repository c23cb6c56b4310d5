"""The big office database the scale benchmarks share, generated once and cached between runs.

    python bench/bigdb.py [--members 100000] [--procedures 1000000] [--tasks 50000] [--updates 200000]

100,000 members, 1,000,000 procedures, 50,000 tasks and 200,000 progress updates (~460 MB), made
by the generators of ``bench_members.py`` and ``bench_tasks.py`` (raw inserts, derived columns by
the app's own functions). Generating takes minutes, so the file is kept in a cache folder
(``KETLUAN_BENCH_CACHE``, else ``$XDG_CACHE_HOME/ketluan-bench``, else ``~/.cache/ketluan-bench``)
under a name that carries the counts and the schema revision. When the schema moved on, a cached
file of an older revision is copied and migrated instead of generating anew.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULTS = {"members": 100_000, "procedures": 1_000_000, "tasks": 50_000, "updates": 200_000}


def cache_dir() -> Path:
    env = os.environ.get("KETLUAN_BENCH_CACHE")
    if env:
        folder = Path(env)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "ketluan-bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stem(members: int, procedures: int, tasks: int, updates: int) -> str:
    return f"big-m{members}-p{procedures}-t{tasks}-u{updates}"


def big_db(
    members: int = DEFAULTS["members"],
    procedures: int = DEFAULTS["procedures"],
    tasks: int = DEFAULTS["tasks"],
    updates: int = DEFAULTS["updates"],
    *,
    quiet: bool = False,
) -> Path:
    """The cached database at the current schema, generated or migrated if it is not there yet."""
    from ketluan_desktop.core.db.migrate import SCHEMA_HEAD

    stem = _stem(members, procedures, tasks, updates)
    folder = cache_dir()
    path = folder / f"{stem}-schema{SCHEMA_HEAD}.db"
    if path.exists():
        return path
    older = sorted(folder.glob(f"{stem}-schema*.db"), key=lambda p: p.stat().st_mtime)
    tmp = path.with_name(path.name + ".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    start = time.perf_counter()
    if older:
        shutil.copyfile(older[-1], tmp)
        _migrate(tmp)
        what = f"migrated a copy of {older[-1].name}"
    else:
        import bench_members
        import bench_tasks

        bench_members.generate(tmp, members, procedures)
        bench_tasks.generate(tmp, tasks, updates)
        what = "generated"
    os.replace(tmp, path)
    if not quiet:
        print(
            f"big database {what} in {time.perf_counter() - start:.0f} s: {path} "
            f"({path.stat().st_size / 2**20:.0f} MiB)",
            file=sys.stderr,
        )
    return path


def _migrate(path: Path) -> None:
    import sqlite3

    from ketluan_desktop.core.db import open_database

    db = open_database(path)
    db.dispose()
    for bak in path.parent.glob(path.name + ".bak-*"):
        bak.unlink()
    con = sqlite3.connect(path)
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def drop_from_os_cache(path: Path) -> bool:
    """Ask the kernel to forget the file's pages (a cold open); False where that is not possible."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)  # type: ignore[attr-defined]
        return True
    except (AttributeError, OSError):
        return False
    finally:
        os.close(fd)


def warm_os_cache(path: Path) -> None:
    """Read the whole file once, so it sits in the OS cache (a warm open)."""
    with open(path, "rb") as fh:
        while fh.read(1 << 24):
            pass


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for key, value in DEFAULTS.items():
        ap.add_argument(f"--{key}", type=int, default=value)
    args = ap.parse_args()
    print(big_db(args.members, args.procedures, args.tasks, args.updates))
    return 0


if __name__ == "__main__":
    sys.exit(main())
