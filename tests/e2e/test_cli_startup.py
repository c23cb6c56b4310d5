"""Commands that start fast (issue 14): each imports only what it uses. Timings are in
bench/bench_cli.py; these tests hold the imports that make them."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys

import pytest

from ketluan_desktop import cli

PROBE = r"""
import json, sys
from ketluan_desktop.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = ("sqlalchemy", "docx", "PySide6", "pyhanko", "reportlab", "openpyxl")
loaded = sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in heavy})
cmds = sorted(m for m in sys.modules if m.startswith("ketluan_desktop.cli.") and m.endswith("_commands"))
print(json.dumps({"code": code, "loaded": loaded, "command_modules": cmds}), file=sys.stderr)
"""


def probe(*args: str, cwd=None) -> dict:
    r = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )
    return json.loads(r.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["--version"], ["--help"], []], ids=["version", "help", "none"])
def test_version_and_help_import_no_sqlalchemy_and_no_command_module(args):
    r = probe(*args)
    assert r["code"] in (0, 2)
    assert r["loaded"] == [] and r["command_modules"] == []


def test_a_command_imports_its_own_module_only():
    r = probe("members", "--help")
    assert r["code"] == 0
    assert r["command_modules"] == ["ketluan_desktop.cli.member_commands"]
    assert r["loaded"] == []


def test_pdf_export_of_the_sample_needs_neither_the_database_nor_the_word_writer(tmp_path):
    out = tmp_path / "mẫu.pdf"
    r = probe("export", "--sample", "-o", str(out))
    assert r["code"] == 0 and out.read_bytes().startswith(b"%PDF")
    assert "sqlalchemy" not in r["loaded"] and "docx" not in r["loaded"]


@pytest.mark.sqlite_only  # a SQLite file read with sqlite3; a server goes the ORM way
def test_verify_reads_the_office_roots_without_the_orm(demo_db, tmp_path):
    path = demo_db.path
    demo_db.dispose()
    unsigned = tmp_path / "khong-ky.pdf"
    unsigned.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                         b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                         b"trailer<</Root 1 0 R>>\n%%EOF\n")  # fmt: skip
    r = probe("verify", str(unsigned), "--db", str(path))
    assert r["code"] in (1, 5)  # unsigned (or unreadable): either way it ran
    assert "sqlalchemy" not in r["loaded"]


def test_the_command_table_matches_what_the_modules_register():
    """``COMMANDS`` (name → module, help line) is what ``--help`` shows without importing the
    modules: it must say what they register. A new module: add its lines to ``COMMANDS``."""
    registered: dict[str, tuple[str, str]] = {}
    common = argparse.ArgumentParser(add_help=False)
    for name in cli.COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        importlib.import_module(name).register(sub, common)
        for action in sub._choices_actions:
            registered[action.dest] = (name.rsplit(".", 1)[1], action.help)
    assert registered == cli.COMMANDS
    assert {f"ketluan_desktop.cli.{m}" for m, _ in cli.COMMANDS.values()} == set(
        cli.COMMAND_MODULES
    )
