"""The packaging files agree with each other and can be read by the Windows tools that use them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


@pytest.mark.parametrize("name", ["installer.iss", "vietnamese.isl", "build_windows.ps1"])
def test_windows_text_files_with_vietnamese_carry_a_utf8_bom(name):
    # Inno Setup and Windows PowerShell 5.1 read a file without a BOM in the ANSI code page,
    # which turns "Kiểm tra KếtLuận" into mojibake.
    data = (PACKAGING / name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), f"{name} needs a UTF-8 BOM"
    assert re.search(r"[^\x00-\x7f]", data[3:].decode("utf-8"))


def test_one_name_for_the_program_in_the_spec_the_installer_and_the_build_script():
    spec = (PACKAGING / "ketluan.spec").read_text(encoding="utf-8")
    iss = (PACKAGING / "installer.iss").read_text(encoding="utf-8-sig")
    ps1 = (PACKAGING / "build_windows.ps1").read_text(encoding="utf-8-sig")
    assert spec.count('name="KetLuan"') == 2  # the executable and the folder
    assert '#define AppExe "KetLuan.exe"' in iss
    assert r'#define SourceDir "..\dist\KetLuan"' in iss
    assert r'"..\dist\KetLuan\KetLuan.exe"' in ps1
    assert r"SetupIconFile=..\build\ketluan.ico" in iss and r"build\ketluan.ico" in ps1


def test_the_version_comes_from_the_package_only():
    spec = (PACKAGING / "ketluan.spec").read_text(encoding="utf-8")
    iss = (PACKAGING / "installer.iss").read_text(encoding="utf-8-sig")
    ps1 = (PACKAGING / "build_windows.ps1").read_text(encoding="utf-8-sig")
    assert "from ketluan_desktop import APP_DISPLAY_NAME, __version__" in spec
    assert "ketluan_desktop.__version__" in ps1 and '"/DAppVersion=$version"' in ps1
    code = "\n".join(line for line in iss.splitlines() if not line.lstrip().startswith(";"))
    assert "#ifndef AppVersion" in code and not re.search(r"AppVersion\s*=\s*\d", code)


def test_the_bundle_carries_the_migrations_and_the_resources():
    spec = (PACKAGING / "ketluan.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec
    assert '"ketluan_desktop/core/db/migrations"' in spec
    versions = ROOT / "ketluan_desktop" / "core" / "db" / "migrations" / "versions"
    from ketluan_desktop.core.db import migrate

    # Every migration script is one revision of the chain the bundle carries (and no stray file).
    assert sorted(p.name[:4] for p in versions.glob("0*.py")) == sorted(migrate.known_revisions())
