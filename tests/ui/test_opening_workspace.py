"""The opening workspace read from ``ui.ini`` without Qt (start-up's first read begins with it)
answers what ``QSettings`` answers, or None — never another workspace."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ketluan_desktop.core import paths
from ketluan_desktop.ui.opening_workspace import WORKSPACE_KEYS, opening_workspace_plain


def _ini():
    return paths.data_dir() / "ui.ini"


def test_no_preferences_file_is_the_overview(qapp):
    from ketluan_desktop.ui.preferences import opening_workspace

    _ini().unlink(missing_ok=True)  # the tests' own preferences (``conftest``) gone
    assert opening_workspace_plain(_ini()) == opening_workspace() == "overview"


@pytest.mark.parametrize("start", [*WORKSPACE_KEYS, "last"])
@pytest.mark.parametrize("last_row", [None, 0, 1, 3, 4, 9, -1])
def test_what_qsettings_wrote_reads_the_same(qapp, start, last_row):
    from ketluan_desktop.ui.preferences import opening_workspace, set_start_workspace, ui_settings

    s = ui_settings()
    s.setValue("main/geometry", b"\x01\xd9\xd0\xcb\x00\x03 [start]\nworkspace=tasks")  # noise
    s.setValue("folders/export", "C:\\Users\\Văn thư\\Tài liệu")
    if last_row is not None:
        s.setValue("main/workspace", last_row)
    s.sync()
    set_start_workspace(start)
    plain = opening_workspace_plain(_ini())
    assert plain in (None, opening_workspace())
    if start != "last" or last_row is None or 0 <= last_row < len(WORKSPACE_KEYS):
        assert plain == opening_workspace()  # the plain forms it is there to read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[start]\nworkspace=members\n", "members"),
        ("[start]\r\nworkspace = tasks\r\n", "tasks"),
        ("[start]\nworkspace=\n", "overview"),
        ('[start]\nworkspace="tasks"\n', None),  # quoted: Qt decides
        ("[start]\nworkspace=@Variant(\\0\\0\\0\\x7f)\n", None),
        ("[start]\nworkspace=last\n[main]\nworkspace=2\n", "members"),
        ("[start]\nworkspace=last\n", "meetings"),
        ("[start]\nworkspace=last\n[main]\nworkspace=٣\n", None),  # not an ASCII digit
        ("[main]\nworkspace=1\n", "overview"),  # the row counts only for «last»
    ],
)
def test_plain_forms_and_what_it_leaves_to_qt(qapp, text, expected):
    from ketluan_desktop.ui.preferences import opening_workspace

    _ini().parent.mkdir(parents=True, exist_ok=True)
    _ini().write_text(text, encoding="utf-8")
    assert opening_workspace_plain(_ini()) == expected
    if expected is not None:
        assert opening_workspace() == expected


def test_an_unreadable_file_is_left_to_qt(tmp_path):
    bad = tmp_path / "ui.ini"
    bad.write_bytes(b"[start]\nworkspace=\xff\xfe\n")
    assert opening_workspace_plain(bad) is None
    assert opening_workspace_plain(tmp_path) is None  # a folder where the file should be


def test_the_read_begins_before_qt_is_loaded(tmp_path):
    """``begin_first_read`` on a plain preference does not import Qt: the first screen's read is
    on its way while Qt's libraries load (the reason this reader exists)."""
    code = (
        "import sys, argparse\n"
        "from ketluan_desktop.ui.first_read import begin_first_read\n"
        f"args = argparse.Namespace(db={str(tmp_path / 'none.db')!r}, demo=False,"
        " screenshot=None, self_test=False)\n"
        "begin_first_read(args)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    (tmp_path / "ui.ini").write_text("[start]\nworkspace=overview\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "KETLUAN_DATA_DIR": str(tmp_path)},
    )
    assert out.stdout.strip() == "[]"
