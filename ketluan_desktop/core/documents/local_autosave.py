"""The editor's autosave when the database server cannot be reached: a file on this workstation.

Normally autosave writes the draft's unsaved state into the database (``draft_saving.autosave``).
When the server is away (restarting, network down) the same state goes to
``<data folder>/tu-dong-luu/<database>-<document>.json`` instead, written atomically, so nothing
typed is lost if the program is closed before the server is back. A successful save removes it;
opening the document again offers it back when it is newer than what the database holds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ketluan_desktop.core.documents.draft import Draft

FOLDER = "tu-dong-luu"


def _folder() -> Path:
    from ketluan_desktop.core.paths import data_dir

    return data_dir() / FOLDER


def path_for(database: str, doc_id: int) -> Path:
    tag = hashlib.sha256(database.encode("utf-8")).hexdigest()[:10]
    return _folder() / f"{tag}-{doc_id}.json"


@dataclass(frozen=True)
class LocalAutosave:
    draft: Draft
    saved_at: datetime
    path: Path


def keep(database: str, draft: Draft, *, now: datetime) -> Path:
    from ketluan_desktop.core.fsutil import write_bytes_atomic

    assert draft.doc_id is not None
    path = path_for(database, draft.doc_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"database": database, "saved_at": now.isoformat(), "draft": draft.to_json()}
    return write_bytes_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def find(database: str, doc_id: int) -> LocalAutosave | None:
    path = path_for(database, doc_id)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        draft = Draft.from_json(data["draft"])
        saved_at = datetime.fromisoformat(data["saved_at"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return LocalAutosave(draft, saved_at, path)


def discard(database: str, doc_id: int) -> None:
    path_for(database, doc_id).unlink(missing_ok=True)
