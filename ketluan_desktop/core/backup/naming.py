"""Backup file names (date, time, app version, which database) and what to keep.

``ketluan-2026-11-30-0915-v0.1.0-3f2a9c1d.klbak``: sortable by name, readable by a clerk, and the
last part ties the copy to its database (several offices' copies may share a second place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

SUFFIX = ".klbak"
PART_SUFFIX = ".part"
_NAME = re.compile(
    r"^ketluan-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})-v([0-9A-Za-z.+-]+?)-([0-9a-f]{8})"
    r"(?:-(\d+))?\.klbak$"
)

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


@dataclass(frozen=True)
class BackupName:
    path: Path
    taken_at: datetime  # naive office time, from the name
    app_version: str
    database_tag: str
    seq: int = 0  # a second copy in the same second is "-1"

    @property
    def day(self) -> date:
        return self.taken_at.date()


def database_tag(database_id: str) -> str:
    return database_id.replace("-", "")[:8].lower()


def file_name(taken_at: datetime, app_version: str, database_id: str, n: int = 0) -> str:
    stamp = taken_at.strftime("%Y-%m-%d-%H%M%S")
    extra = f"-{n}" if n else ""
    return f"ketluan-{stamp}-v{app_version}-{database_tag(database_id)}{extra}{SUFFIX}"


def free_name(folder: Path, taken_at: datetime, app_version: str, database_id: str) -> Path:
    """A name not yet used in ``folder`` (two copies in the same second get -1, -2…)."""
    n = 0
    while True:
        candidate = folder / file_name(taken_at, app_version, database_id, n)
        if not candidate.exists():
            return candidate
        n += 1


def parse(path: Path) -> BackupName | None:
    m = _NAME.match(path.name)
    if m is None:
        return None
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    try:
        taken = datetime(y, mo, d, h, mi, s)
    except ValueError:
        return None
    return BackupName(path, taken, m.group(7), m.group(8), int(m.group(9) or 0))


def copies_in(folder: Path, tag: str | None = None) -> list[BackupName]:
    """The copies in ``folder`` (of one database when ``tag`` is given), oldest first."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = [b for b in (parse(p) for p in entries if p.suffix == SUFFIX) if b is not None]
    if tag is not None:
        found = [b for b in found if b.database_tag == tag]
    return sorted(found, key=_order)


def _order(b: BackupName) -> tuple:
    return (b.taken_at, b.seq, b.path.name)


def to_keep(copies: list[BackupName]) -> set[Path]:
    """Newest copy of each of the last 7 days, 4 ISO weeks and 12 months that have copies, and
    every copy of the newest copy's day.

    Counting days that *have* copies (not calendar days) keeps a week of work even when the office
    was closed for Tết. The newest day keeps all its copies (the one made before a restore must not
    remove the morning copy that was just restored from); the next day thins it to one."""
    newest_first = sorted(copies, key=_order, reverse=True)
    if not newest_first:
        return set()
    keep: set[Path] = {b.path for b in newest_first if b.day == newest_first[0].day}
    for key, limit in (
        (lambda b: b.day, KEEP_DAILY),
        (lambda b: b.day.isocalendar()[:2], KEEP_WEEKLY),
        (lambda b: (b.day.year, b.day.month), KEEP_MONTHLY),
    ):
        seen: list = []
        for b in newest_first:
            k = key(b)
            if k in seen:
                continue
            if len(seen) == limit:
                break
            seen.append(k)
            keep.add(b.path)
    return keep
