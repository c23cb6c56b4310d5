"""Crash recovery: the drafts whose autosaved text is newer than their saved version, restoring it,
and the document's history of kept texts.

Nothing here throws text away on its own. Restoring an autosave keeps the saved text it replaces
in the history; declining keeps the autosave there; only ``discard_copy`` removes a kept text,
and the UI calls it only on an explicit request. Autosave columns are written with plain UPDATEs
so that neither restoring nor declining changes a document's version behind an open editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.documents.content import DOCUMENT_TYPES, DocumentStatus
from ketluan_desktop.core.documents.draft import Draft
from ketluan_desktop.core.documents.models import Document, KeptAutosave
from ketluan_desktop.core.errors import DocumentStateError, KetLuanError, NotFoundError

DECLINED = "declined"  # an autosave the user chose not to restore
REPLACED = "replaced"  # the saved text a restored autosave (or kept text) replaced
REFUSED = "refused"  # an autosave that could not be restored (saved elsewhere since, invalid)
ELSEWHERE = "elsewhere"  # another workstation's autosave, when this one saved the draft
REASON_LABELS = {
    DECLINED: "Bản tự lưu chưa khôi phục",
    REPLACED: "Bản đã lưu trước khi khôi phục",
    REFUSED: "Bản tự lưu không khôi phục được",
    ELSEWHERE: "Bản tự lưu ở máy khác",
}
_IDS = ("key", "db_id", "task_id", "doc_id", "version", "status", "number_symbol", "format")


# ---------------------------------------------------------------------------------- measuring
@dataclass(frozen=True)
class ChangeSize:
    """How far one text of a draft is from another: words added and removed, paragraphs touched,
    and whether anything else differs (formatting, fields, key tasks)."""

    words_added: int = 0
    words_removed: int = 0
    paragraphs: int = 0
    other: bool = False

    @property
    def empty(self) -> bool:
        return not (self.words_added or self.words_removed or self.paragraphs or self.other)

    def describe(self) -> str:
        """In Vietnamese: "thêm 37 từ, bớt 2 từ ở 3 đoạn"."""
        if self.empty:
            return "giống bản đã lưu"
        parts = []
        if self.words_added:
            parts.append(f"thêm {self.words_added} từ")
        if self.words_removed:
            parts.append(f"bớt {self.words_removed} từ")
        text = ", ".join(parts)
        if self.paragraphs:
            text = f"{text or 'sửa'} ở {self.paragraphs} đoạn"
        if self.other:
            text = (
                f"{text}; sửa cả định dạng hoặc thông tin khác"
                if text
                else "sửa định dạng hoặc thông tin khác"
            )
        return text


def _comparable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k not in _IDS}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return value


def measure_change(old: Draft | None, new: Draft) -> ChangeSize:
    """Paragraph by paragraph, then word by word inside the paragraphs that differ."""
    old_texts = old.texts() if old is not None else []
    new_texts = new.texts()
    added = removed = paragraphs = 0
    matcher = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paragraphs += max(i2 - i1, j2 - j1)
        a = " ".join(old_texts[i1:i2]).split()
        b = " ".join(new_texts[j1:j2]).split()
        same = sum(
            m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
        )
        added += len(b) - same
        removed += len(a) - same
    other = False
    if not (added or removed or paragraphs):
        before = _comparable(old.to_json()) if old is not None else None
        other = before != _comparable(new.to_json())
    return ChangeSize(added, removed, paragraphs, other)


# ---------------------------------------------------------------------------------- listing
@dataclass(frozen=True)
class RecoverableDraft:
    doc_id: int
    label: str  # "Kết luận dự thảo — Hội nghị Ban Chấp hành …"
    autosaved_at: datetime
    saved_at: datetime | None
    change: ChangeSize
    workstation: str | None


def document_label(doc: Document | Draft) -> str:
    t = DOCUMENT_TYPES.get(doc.type_code)
    kind = t.name if t else doc.type_code
    number = doc.number_symbol or "dự thảo"
    subject = " ".join((doc.subject or "").split())
    subject = subject if len(subject) <= 90 else subject[:89] + "…"
    return f"{kind} {number} — {subject}" if subject else f"{kind} {number}"


def _with_autosave(session: Session, doc_id: int) -> Document:
    """The document with its autosave columns read now: autosaves are written with plain UPDATEs
    that an object already in the session does not see."""
    doc = doc_service.get(session, doc_id)
    session.refresh(doc, ["autosave", "autosaved_at", "autosave_workstation"])
    return doc


def _autosaved_draft(doc: Document) -> Draft | None:
    if not doc.autosave:
        return None
    try:
        draft = Draft.from_json(doc.autosave)
    except (TypeError, ValueError, KeyError):
        return None
    draft.doc_id = doc.id  # the version stays the one the editor started from: a save made
    draft.status = doc.status  # elsewhere since then is refused, never overwritten
    return draft


def recoverable_drafts(
    session: Session, *, workstation: str | None = None
) -> list[RecoverableDraft]:
    """Drafts with autosaved text newer than their saved version that differs from it, newest
    first; with ``workstation``, only the autosaves written there (or by an older version)."""
    rows = session.scalars(
        select(Document)
        .where(
            Document.status == DocumentStatus.DRAFT.value,
            Document.autosave.is_not(None),
            Document.autosaved_at.is_not(None),
        )
        .order_by(Document.autosaved_at.desc(), Document.id)
    )
    out = []
    for doc in rows:
        if workstation is not None and doc.autosave_workstation not in (None, workstation):
            continue  # another workstation's editor, perhaps still open
        item = _recoverable(session, doc)
        if item is not None:
            out.append(item)
    return out


def recoverable_draft(session: Session, doc_id: int) -> RecoverableDraft | None:
    """The one draft's autosaved text, if it is newer than its saved version and differs."""
    return _recoverable(session, _with_autosave(session, doc_id))


def _recoverable(session: Session, doc: Document) -> RecoverableDraft | None:
    from ketluan_desktop.core.documents.draft_saving import draft_of

    # Every save clears the autosave (or keeps another workstation's in the history), so an
    # autosave still there is newer than the saved version by construction.
    if doc.status != DocumentStatus.DRAFT.value or doc.autosaved_at is None:
        return None
    draft = _autosaved_draft(doc)
    if draft is None:
        return None
    change = measure_change(draft_of(session, doc), draft)
    if change.empty:
        return None
    return RecoverableDraft(
        doc.id,
        document_label(draft),
        doc.autosaved_at,
        doc.updated_at,
        change,
        doc.autosave_workstation,
    )


# ---------------------------------------------------------------------------------- choices
@dataclass(frozen=True)
class RestoreResult:
    doc_id: int
    restored: bool
    note: str | None = None  # why not, in Vietnamese


def _keep(
    session: Session,
    doc: Document,
    content: dict[str, Any],
    written_at: datetime,
    reason: str,
    *,
    now: datetime,
    workstation: str | None,
) -> KeptAutosave:
    row = KeptAutosave(
        document_id=doc.id,
        content=content,
        written_at=written_at,
        kept_at=now,
        reason=reason,
        workstation=workstation,
    )
    session.add(row)
    session.flush()
    return row


def _clear_autosave(session: Session, doc_id: int) -> None:
    session.execute(
        update(Document)
        .where(Document.id == doc_id)
        .values(autosave=None, autosaved_at=None, autosave_workstation=None)
        .execution_options(synchronize_session=False)
    )


def keep_autosave(session: Session, doc_id: int, *, now: datetime) -> KeptAutosave | None:
    """Not restored: the autosave moves to the document's history (nothing is lost)."""
    doc = _with_autosave(session, doc_id)
    if not doc.autosave or doc.autosaved_at is None:
        return None
    row = _keep(
        session,
        doc,
        doc.autosave,
        doc.autosaved_at,
        DECLINED,
        now=now,
        workstation=doc.autosave_workstation,
    )
    _clear_autosave(session, doc_id)
    return row


def _replace_saved_text(
    session: Session, doc: Document, draft: Draft, *, now: datetime, username: str | None
) -> None:
    """Save ``draft`` over the document, keeping its current saved text in the history first."""
    from ketluan_desktop.core.documents.draft_saving import draft_of, save_draft

    current = draft_of(session, doc)
    if not measure_change(current, draft).empty:
        _keep(
            session,
            doc,
            current.to_json(),
            doc.updated_at or now,
            REPLACED,
            now=now,
            workstation=None,
        )
    save_draft(session, draft, now=now, username=username)


def restore_autosave(
    session: Session, doc_id: int, *, now: datetime, username: str | None = None
) -> RestoreResult:
    """The autosaved text becomes the draft's saved text. If the draft was saved elsewhere after
    that editor opened it, or the text cannot be saved, it is kept in the history instead."""
    doc = _with_autosave(session, doc_id)
    draft = _autosaved_draft(doc)
    autosave = doc.autosave
    if draft is None or autosave is None or doc.autosaved_at is None:
        return RestoreResult(doc_id, False, "Văn bản không còn bản tự động lưu nào.")
    if doc.status != DocumentStatus.DRAFT.value:
        return RestoreResult(doc_id, False, "Văn bản đã ban hành: bản tự động lưu không dùng được.")
    written_at, workstation = doc.autosaved_at, doc.autosave_workstation
    if draft.version is not None and draft.version != doc.version:
        _keep(session, doc, autosave, written_at, REFUSED, now=now, workstation=workstation)
        _clear_autosave(session, doc_id)
        return RestoreResult(
            doc_id,
            False,
            "Văn bản đã được lưu từ nơi khác sau lúc tự động lưu, nên bản tự động lưu không "
            "ghi đè lên. Nó được giữ trong «Lịch sử / Khôi phục bản tự lưu» của văn bản.",
        )
    nested = session.begin_nested()
    try:
        _replace_saved_text(session, doc, draft, now=now, username=username)
    except KetLuanError as exc:
        nested.rollback()
        _keep(session, doc, autosave, written_at, REFUSED, now=now, workstation=workstation)
        _clear_autosave(session, doc_id)
        return RestoreResult(
            doc_id,
            False,
            f"{exc.message} Bản tự động lưu được giữ trong «Lịch sử / Khôi phục bản tự lưu».",
        )
    nested.commit()
    return RestoreResult(doc_id, True)


# ---------------------------------------------------------------------------------- history
@dataclass(frozen=True)
class KeptCopy:
    id: int
    doc_id: int
    written_at: datetime
    kept_at: datetime
    reason: str
    label: str  # what kind of copy, in Vietnamese
    change: ChangeSize  # against the draft's current saved text
    words: int


def kept_copies(session: Session, doc_id: int) -> list[KeptCopy]:
    """The texts kept in a document's history, newest first."""
    from ketluan_desktop.core.documents.draft_saving import draft_of

    doc = doc_service.get(session, doc_id)
    rows = session.scalars(
        select(KeptAutosave)
        .where(KeptAutosave.document_id == doc_id)
        .order_by(KeptAutosave.written_at.desc(), KeptAutosave.id.desc())
    ).all()
    if not rows:
        return []
    current = draft_of(session, doc)
    out = []
    for row in rows:
        try:
            draft = Draft.from_json(row.content)
        except (TypeError, ValueError, KeyError):
            continue
        out.append(
            KeptCopy(
                row.id,
                doc_id,
                row.written_at,
                row.kept_at,
                row.reason,
                REASON_LABELS.get(row.reason, row.reason),
                measure_change(current, draft),
                draft.word_count(),
            )
        )
    return out


def _copy_row(session: Session, copy_id: int) -> KeptAutosave:
    row = session.get(KeptAutosave, copy_id)
    if row is None:
        raise NotFoundError("Bản được giữ này không còn (có thể đã bị xóa ở nơi khác).")
    return row


def copy_draft_text(session: Session, copy_id: int) -> Draft:
    """The kept text, to look at before restoring it."""
    return Draft.from_json(_copy_row(session, copy_id).content)


def restore_copy(
    session: Session, copy_id: int, *, now: datetime, username: str | None = None
) -> RestoreResult:
    """A kept text becomes the draft's saved text again; the text it replaces is kept in turn."""
    row = _copy_row(session, copy_id)
    doc = doc_service.get(session, row.document_id)
    if doc.status != DocumentStatus.DRAFT.value:
        raise DocumentStateError(
            "Văn bản đã ban hành nên không khôi phục bản cũ vào được. Hãy «Nhân bản thành dự "
            "thảo mới» rồi chép phần cần lấy."
        )
    draft = Draft.from_json(row.content)
    draft.doc_id, draft.version, draft.status = doc.id, doc.version, doc.status
    _replace_saved_text(session, doc, draft, now=now, username=username)
    session.delete(row)
    return RestoreResult(doc.id, True)


def discard_copy(session: Session, copy_id: int) -> None:
    """The user asked for it: this kept text is gone for good."""
    session.delete(_copy_row(session, copy_id))
