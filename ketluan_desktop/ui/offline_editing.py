"""The editor when the database server is away: autosave to a local file, say so, and offer that
file back when the document is opened again (``core.documents.local_autosave``)."""

from __future__ import annotations

from datetime import datetime

from ketluan_desktop.core.documents import local_autosave
from ketluan_desktop.core.documents.draft import Draft
from ketluan_desktop.core.errors import DatabaseError
from ketluan_desktop.core.text.dates import format_moment
from ketluan_desktop.ui import dialogs


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


def keep_locally(lifecycle, snapshot: Draft, now: datetime, exc: BaseException) -> bool:
    """After a failed autosave or save (``lifecycle``: the editor's DocumentLifecycle): keep the
    text on this machine if the database is away. Returns True when it was kept."""
    if not isinstance(exc, DatabaseError) or snapshot.doc_id is None:
        return False
    try:
        local_autosave.keep(lifecycle.ctx.db.location.display, snapshot, now=now)
    except OSError:
        return False
    lifecycle.autosaved_at = now
    lifecycle.message.emit(
        _t(
            "Chưa lưu được vào cơ sở dữ liệu. Bản đang sửa đã được tự động lưu trên máy này lúc "
            "{time}; khi kết nối lại, hãy bấm Lưu."
        ).format(time=f"{now:%H:%M:%S}"),
        0,
    )
    return True


def forget_local(lifecycle) -> None:
    doc_id = lifecycle.model.draft.doc_id
    if doc_id is not None:
        local_autosave.discard(lifecycle.ctx.db.location.display, doc_id)


def offer_local_copy(ctx, doc_id: int, parent) -> Draft | None:
    """A local autosave of ``doc_id`` left while the server was away: Enter takes it; «Để sau»
    keeps it for next time; only an explicit, confirmed «Bỏ bản này» deletes it."""
    found = local_autosave.find(ctx.db.location.display, doc_id)
    if found is None:
        return None
    when = found.saved_at.astimezone(ctx.now().tzinfo)
    choice = dialogs.ask_choice(
        parent,
        _t(
            "Có bản tự động lưu trên máy này lúc {when}, khi chưa kết nối được máy chủ, mà chưa "
            "được lưu vào cơ sở dữ liệu. Mở bản đó để tiếp tục sửa rồi bấm Lưu?"
        ).format(when=format_moment(when, seconds=True, time_first=True, between=" ngày ")),
        _t("Khôi phục văn bản"),
        [
            ("open", _t("Mở bản trên máy này")),
            ("discard", _t("Bỏ bản này…")),
            ("later", _t("Để sau")),
        ],
        default="open",
    )
    if choice == "open":
        return found.draft
    if choice == "discard" and dialogs.ask_yes_no(
        parent,
        _t("Xóa hẳn bản tự động lưu lúc {when}? Không thể lấy lại.").format(
            when=format_moment(when, seconds=True, time_first=True, between=" ngày ")
        ),
        _t("Bỏ bản tự động lưu"),
    ):
        found.path.unlink(missing_ok=True)
    return None
