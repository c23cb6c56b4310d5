"""`ketluan-desktop --self-test` from source, run from a folder whose name has Vietnamese letters."""

from __future__ import annotations

import os
import subprocess
import sys


def test_self_test_passes_every_step_and_reports_them(tmp_path):
    cwd = tmp_path / "Thư mục của Nguyễn Văn Đức"
    cwd.mkdir()
    report = cwd / "kết quả.txt"
    r = subprocess.run(
        [sys.executable, "-m", "ketluan_desktop", "--self-test", "--report", str(report)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert r.returncode == 0, r.stdout + r.stderr
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "Kết quả: ĐẠT"
    steps = [ln for ln in lines if ln.startswith(("OK", "LỖI"))]
    assert len(steps) == 8 and all(s.startswith("OK") for s in steps)
    assert "Hợp lệ" in next(s for s in steps if "chữ ký số" in s)
    assert r.stdout.splitlines()[-1] == "Kết quả: ĐẠT"
