"""The suite's own strictness is tested: a warning the app logs fails the test that caused it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_a_logged_app_warning_fails_its_test(tmp_path: Path) -> None:
    probe = REPO / "tests" / f"test_zz_probe_{tmp_path.name}.py"
    probe.write_text(
        textwrap.dedent(
            """
            import logging

            def test_logs_a_warning():
                logging.getLogger("ketluan_desktop.core.probe").warning("disk almost full")
            """
        ),
        encoding="utf-8",
    )
    try:
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(probe)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=240,
        )
    finally:
        probe.unlink()
    assert run.returncode != 0
    assert "the app logged 1 warning(s)/error(s)" in run.stdout
    assert "disk almost full" in run.stdout
