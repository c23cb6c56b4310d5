"""The workspace a window opens on, read from this workstation's preferences file (``ui.ini``)
without Qt: start-up begins the first screen's read with it before Qt's modules are loaded
(``first_read.begin_first_read``), some 80 ms sooner than ``QSettings`` could be asked. Only the
two plain values it needs are read; a file holding them in any other form answers None and the
caller asks ``QSettings`` (``preferences.opening_workspace``), which stays the reference."""

from __future__ import annotations

from pathlib import Path

# Rail order: the four working areas keep their places (and Ctrl+1…4); the overview, the screen
# a window opens on unless the preferences say otherwise, is the fifth (Ctrl+5).
WORKSPACE_KEYS = ("meetings", "tasks", "members", "search", "overview")

# The workspace a window opens on: the overview (the default), one workspace, or "last" — the
# one on screen when the window last closed.
START_LAST = "last"
DEFAULT_START = "overview"

START_KEY = ("start", "workspace")  # «Mở trên màn hình» of Cài đặt
LAST_ROW_KEY = ("main", "workspace")  # the rail's row when the window last closed


def plain_values(text: str) -> dict[tuple[str, str], str]:
    """``(section, key) → value`` of an .ini file as ``QSettings`` writes it, values as written
    (quoted or escaped ones are not decoded: the caller treats them as unknown)."""
    values: dict[tuple[str, str], str] = {}
    section = "General"
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif "=" in line and not line.startswith((";", "#")):
            key, _, value = line.partition("=")
            values.setdefault((section, key.strip()), value.strip())
    return values


def opening_workspace_plain(ini: Path) -> str | None:
    """What ``preferences.opening_workspace`` answers for this file, or None when only Qt can
    tell (a value in a form this reader does not decode, a file it cannot read)."""
    try:
        text = ini.read_text(encoding="utf-8")
    except FileNotFoundError:
        return DEFAULT_START  # no preferences yet
    except (OSError, UnicodeDecodeError):
        return None
    values = plain_values(text)
    start = values.get(START_KEY) or DEFAULT_START
    if start in WORKSPACE_KEYS:
        return start
    if start != START_LAST:
        return None  # Qt may read it otherwise (quoted, escaped): let it decide
    row = values.get(LAST_ROW_KEY, "0")
    if row.isascii() and row.isdigit() and int(row) < len(WORKSPACE_KEYS):
        return WORKSPACE_KEYS[int(row)]
    return None
