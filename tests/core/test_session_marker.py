"""The marker that tells whether the last session on this workstation closed cleanly."""

from __future__ import annotations

import subprocess
import sys

from ketluan_desktop.core import session_marker


def _session_in_another_process(data_dir, *, close: bool, then_sleep: float = 0.0):
    code = (
        "import sys, time; from pathlib import Path; "
        "from ketluan_desktop.core import session_marker as m; "
        f"m.mark_started(Path({str(data_dir)!r})); "
        + (f"m.mark_closed(Path({str(data_dir)!r})); " if close else "")
        + f"print('ready', flush=True); time.sleep({then_sleep})"
    )
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def test_a_first_start_and_a_normal_close_are_clean(tmp_path):
    data = tmp_path / "dữ liệu"
    assert session_marker.last_exit_was_clean(data)  # no folder yet
    marker = session_marker.mark_started(data)
    assert marker.exists() and str(session_marker.workstation()) in marker.read_text("utf-8")
    assert session_marker.last_exit_was_clean(data)  # this very session is not a crash
    session_marker.mark_closed(data)
    assert not marker.exists() and session_marker.last_exit_was_clean(data)


def test_a_session_that_died_is_seen_once_then_forgotten(tmp_path):
    crashed = _session_in_another_process(tmp_path, close=False)
    crashed.communicate(timeout=30)  # exits without mark_closed: killed, crashed, power cut
    assert not session_marker.last_exit_was_clean(tmp_path)
    assert not session_marker.last_exit_was_clean(tmp_path)  # asking changes nothing
    session_marker.mark_started(tmp_path)  # the next session begins
    assert session_marker.last_exit_was_clean(tmp_path)
    session_marker.mark_closed(tmp_path)
    closed = _session_in_another_process(tmp_path, close=True)
    closed.communicate(timeout=30)
    assert session_marker.last_exit_was_clean(tmp_path)


def test_a_second_window_still_running_is_not_a_crash(tmp_path):
    running = _session_in_another_process(tmp_path, close=False, then_sleep=30)
    try:
        assert running.stdout.readline().strip() == "ready"
        assert session_marker.last_exit_was_clean(tmp_path)
        session_marker.mark_started(tmp_path)
        session_marker.mark_closed(tmp_path)  # this window closes: the other's marker stays
        assert len(list((tmp_path / session_marker.MARKER_FOLDER).glob("*.json"))) == 1
    finally:
        running.kill()
        running.communicate(timeout=30)
    assert not session_marker.last_exit_was_clean(tmp_path)  # killed: now it is a crash


def test_markers_of_other_machines_sharing_the_folder_are_not_ours(tmp_path):
    folder = tmp_path / session_marker.MARKER_FOLDER
    folder.mkdir()
    (folder / "MAY-KHAC-12345.json").write_text("{}", encoding="utf-8")
    assert session_marker.last_exit_was_clean(tmp_path)
