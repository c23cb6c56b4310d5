"""A session on this workstation that started and then died (a crash, a kill, a power cut): its
marker is written by another process that exits without closing it (``core/session_marker.py``
counts a marker whose process still runs — this very test's — as a live session, not a crash)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def crashed_session(data_dir: Path) -> None:
    code = (
        "from pathlib import Path; from ketluan_desktop.core import session_marker as m; "
        f"m.mark_started(Path({str(data_dir)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
