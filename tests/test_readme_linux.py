"""Issue 13 item 13: the README's Linux try-it command installs every system library the Qt
plugins the application loads need (libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1…)."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "packaging"))

import linux_libs  # noqa: E402

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="Linux only"
)


def test_the_readme_command_says_root_or_sudo_and_installs_python():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split(linux_libs.START, 1)[1].split(linux_libs.END, 1)[0]
    assert "as root, or with `sudo`" in text.split(linux_libs.START, 1)[0][-300:]
    assert block.count("sudo") == 0  # a fresh Debian has no sudo for root
    assert block.index("apt-get update") < block.index("apt-get install")
    assert {"python3", "python3-venv", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"} <= set(
        linux_libs.readme_packages(REPO / "README.md")
    )


def test_the_readme_packages_cover_every_library_qt_loads():
    out = io.StringIO()
    problems = linux_libs.check(REPO / "README.md", out)
    assert problems == [], out.getvalue()


def test_the_check_catches_a_missing_package(tmp_path):
    if (
        "Depends:"
        not in __import__("subprocess")
        .run(["apt-cache", "depends", "libxcb1"], capture_output=True, text=True, check=False)
        .stdout
    ):
        pytest.skip("apt has no package lists here")
    readme = tmp_path / "README.md"
    text = (REPO / "README.md").read_text(encoding="utf-8")
    readme.write_text(text.replace(" libxcb-cursor0", ""), encoding="utf-8")
    problems = linux_libs.check(readme, io.StringIO())
    assert any("libxcb-cursor0" in p for p in problems)
