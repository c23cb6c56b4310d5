"""This workstation's backup settings and the record of the last copy in each place.

Both are small JSON files in the data folder (0600): the second place is a drive letter or a share
of *this* machine, so it is not an office setting in the database. ``backup.json`` holds the second
place and the encryption key bundle (public key, private key wrapped with the passphrase — never
the passphrase); ``backup-state.json`` the last successful copy and the last problem per place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ketluan_desktop.core import paths
from ketluan_desktop.core.fsutil import read_json_object, write_bytes_atomic
from ketluan_desktop.core.private_files import make_private_dirs

PRIMARY, SECOND = "primary", "second"
PLACE_LABELS = {PRIMARY: "Thư mục sao lưu trong thư mục dữ liệu", SECOND: "Nơi sao lưu thứ hai"}


def primary_folder() -> Path:
    return paths.data_dir() / "backups"


def _config_path() -> Path:
    return paths.data_dir() / "backup.json"


def _state_path() -> Path:
    return paths.data_dir() / "backup-state.json"


def _write(path: Path, data: dict) -> None:
    make_private_dirs(path.parent)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    write_bytes_atomic(path, text.encode("utf-8"))


@dataclass
class BackupConfig:
    second_place: str | None = None
    key_bundle: dict | None = None  # set: every copy is encrypted

    @property
    def encrypted(self) -> bool:
        return self.key_bundle is not None


def load_config() -> BackupConfig:
    data = read_json_object(_config_path())
    second = data.get("second_place")
    bundle = data.get("encryption")
    return BackupConfig(
        second if isinstance(second, str) and second else None,
        bundle if isinstance(bundle, dict) else None,
    )


def save_config(cfg: BackupConfig) -> None:
    _write(_config_path(), {"second_place": cfg.second_place, "encryption": cfg.key_bundle})


@dataclass
class PlaceState:
    last_ok_at: datetime | None = None
    last_ok_file: str | None = None
    problem: str | None = None
    problem_at: datetime | None = None


def _when(text) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def place_state(database_id: str, place: str) -> PlaceState:
    entry = read_json_object(_state_path()).get(database_id, {}).get(place, {})
    return PlaceState(
        _when(entry.get("last_ok_at")),
        entry.get("last_ok_file"),
        entry.get("problem"),
        _when(entry.get("problem_at")),
    )


def record(database_id: str, place: str, state: PlaceState) -> None:
    data = read_json_object(_state_path())
    data.setdefault(database_id, {})[place] = {
        "last_ok_at": state.last_ok_at.isoformat() if state.last_ok_at else None,
        "last_ok_file": state.last_ok_file,
        "problem": state.problem,
        "problem_at": state.problem_at.isoformat() if state.problem_at else None,
    }
    _write(_state_path(), data)
