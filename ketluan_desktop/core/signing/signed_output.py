"""Writing a signed PDF so that the user never finds one without its signature in the database.

The order is: a note in the data folder's ``pending-signatures`` (what is being written, where,
for which database), the signed bytes to a temporary name beside the output (flushed to disk),
the database commit, and only then the rename to the name the user chose. A process killed, or a
commit that fails, before the rename leaves only the temporary file and the note; the next start
that opens the same database (``sweep``) finishes the rename when the signature was committed, and
removes the temporary file when it was not, each with a line in the log. A signing still running
in another process (its id alive) is left alone.

``KETLUAN_TEST_SIGN_PAUSE=before_commit:SECONDS`` (or ``after_commit:``) makes the signing wait at
that point, so a test can kill a real ``ketluan sign`` exactly there.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ketluan_desktop.core.errors import FileWriteError
from ketluan_desktop.core.fsutil import check_path_length, write_bytes_atomic

if TYPE_CHECKING:
    from ketluan_desktop.core.db import Database

log = logging.getLogger(__name__)

PENDING_FOLDER = "pending-signatures"
TEMP_SUFFIX = ".dang-ky.tmp"
PAUSE_ENV = "KETLUAN_TEST_SIGN_PAUSE"


def pending_dir() -> Path:
    from ketluan_desktop.core.paths import data_dir

    return data_dir() / PENDING_FOLDER


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows has no directory handles to flush; NTFS journals the rename
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass(frozen=True)
class StagedPdf:
    """A signed PDF written under its temporary name, waiting for the commit."""

    final: Path
    temp: Path
    note: Path | None  # None when the sweep finishes a file: its caller removes the note
    sha256: str

    def publish(self) -> Path:
        """After the commit: give the file its name; the note goes last."""
        from ketluan_desktop.core.fsutil import _replace_with_retry

        try:
            _replace_with_retry(str(self.temp), self.final)
        except OSError as exc:
            raise FileWriteError(
                f"Chữ ký đã được lưu vào cơ sở dữ liệu nhưng không đặt được tên tệp {self.final} "
                f"({exc.strerror or exc}); tệp đang nằm ở {self.temp}. Hãy đóng chương trình "
                "đang mở tệp đó, hoặc xuất lại bằng «Lưu bản đã ký»."
            ) from exc
        _fsync_dir(self.final.parent)
        if self.note is not None:
            with contextlib.suppress(OSError):
                self.note.unlink()
        return self.final

    def discard(self) -> None:
        """The commit did not happen: nothing of this signing may stay on disk."""
        for path in (self.temp, self.note):
            if path is None:
                continue
            with contextlib.suppress(OSError):
                path.unlink()


def stage(final: str | os.PathLike[str], data: bytes, *, database: str) -> StagedPdf:
    """Write the note, then ``data`` under a temporary name beside ``final`` (flushed)."""
    import hashlib

    from ketluan_desktop.core.signing._common import check_pdf_bytes

    check_pdf_bytes(data)
    final = Path(final).absolute()
    check_path_length(final)
    token = uuid.uuid4().hex[:12]
    temp = final.with_name(f".{final.name}.{token}{TEMP_SUFFIX}")
    note = pending_dir() / f"{token}.json"
    note.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()
    entry = {
        "final": str(final),
        "temp": str(temp),
        "sha256": digest,
        "database": database,
        "pid": os.getpid(),
        "created": time.time(),
    }
    write_bytes_atomic(note, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
    staged = StagedPdf(final, temp, note, digest)
    try:
        with open(temp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        staged.discard()
        raise FileWriteError(
            f"Không ghi được tệp đã ký vào thư mục {final.parent} ({exc.strerror or exc}). "
            "Chưa có gì được lưu; hãy chọn thư mục khác hoặc giải phóng dung lượng đĩa."
        ) from exc
    return staged


def test_pause(phase: str) -> None:
    """For tests only: wait at ``phase`` when ``KETLUAN_TEST_SIGN_PAUSE`` asks for it."""
    wanted = os.environ.get(PAUSE_ENV, "")
    name, _, seconds = wanted.partition(":")
    if name == phase and seconds:
        print(f"KETLUAN_TEST_PAUSED {phase}", flush=True)
        time.sleep(float(seconds))


@contextlib.contextmanager
def _staging(final: Path, database: str) -> Iterator[Callable[[bytes], StagedPdf]]:
    held: list[StagedPdf] = []

    def stage_now(data: bytes) -> StagedPdf:
        held.append(stage(final, data, database=database))
        return held[-1]

    try:
        yield stage_now
    except BaseException:
        for staged in held:
            staged.discard()
        raise


def sign_to_file(db: Database, out: str | os.PathLike[str], sign: Callable[[Any], Any]):
    """Run ``sign(session)`` (it returns the new ``DocumentSignature``) in one write transaction
    and write its PDF to ``out`` so that the file appears only once the signature is committed.
    Returns what ``sign`` returned."""
    return sign_in_transaction(db.location.display, db.write_session, out, sign)


def sign_in_transaction(
    database: str,
    transaction: Callable[[], contextlib.AbstractContextManager[Any]],
    out: str | os.PathLike[str],
    sign: Callable[[Any], Any],
):
    """``sign_to_file`` for any write transaction: ``transaction()`` yields what ``sign`` takes
    (a session, or ``plain_signing``'s connection) and commits on leaving; ``database`` is the
    file's name as ``sweep`` compares it (``DbLocation.display``)."""
    final = Path(out)
    with _staging(final, database) as stage_now, transaction() as s:
        sig = sign(s)
        staged = stage_now(bytes(sig.pdf))
        test_pause("before_commit")
    # Committed: from here on the file must appear, never be discarded.
    test_pause("after_commit")
    staged.publish()
    return sig


def has_pending() -> bool:
    """A note of a signing cut short waits in the data folder (``sweep`` finishes it on the
    ordinary open, which a command that skips it must then take)."""
    try:
        return any(p.suffix == ".json" for p in pending_dir().iterdir())
    except OSError:
        return False


# --------------------------------------------------------------------------------- the sweep


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _committed(db: Database, sha256: str) -> bool:
    from sqlalchemy import select

    from ketluan_desktop.core.documents.models import DocumentSignature

    with db.session() as s:
        found = s.scalar(select(DocumentSignature.id).where(DocumentSignature.sha256 == sha256))
    return found is not None


def _finish(entry: dict, committed: bool) -> str:
    final, temp = Path(entry["final"]), Path(entry["temp"])
    if committed:
        if temp.exists():
            StagedPdf(final, temp, None, entry["sha256"]).publish()
            return (
                f"Đã hoàn tất tệp đã ký {final}: lần ký trước bị gián đoạn sau khi chữ ký đã được "
                "lưu vào cơ sở dữ liệu."
            )
        return f"Lần ký ghi ra {final} đã xong từ trước (chữ ký có trong cơ sở dữ liệu)."
    if temp.exists():
        temp.unlink()
        return (
            f"Đã xóa tệp tạm {temp}: lần ký văn bản ra {final} bị gián đoạn trước khi chữ ký "
            "được lưu, nên văn bản vẫn chưa ký và tệp đó không có giá trị."
        )
    return f"Lần ký ra {final} bị gián đoạn trước khi lưu; không còn tệp nào cần dọn."


def sweep(db: Database) -> list[str]:
    """Finish or remove what an interrupted signing left for this database; one log line each.
    Cheap when there is nothing: one look at a folder."""
    folder = pending_dir()
    try:
        notes = sorted(p for p in folder.iterdir() if p.suffix == ".json")
    except OSError:
        return []
    done: list[str] = []
    for note in notes:
        try:
            entry = json.loads(note.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if entry.get("database") != db.location.display or _alive(int(entry.get("pid", 0))):
            continue
        try:
            message = _finish(entry, _committed(db, entry["sha256"]))
        except Exception:  # never stop the start-up for a note; leave it for the next start
            log.exception("could not finish the interrupted signing noted in %s", note)
            continue
        log.info("%s", message)
        done.append(message)
        with contextlib.suppress(OSError):
            note.unlink()
    return done
