"""What the editor looks up in the database to show beside the draft: the choices of its combo
boxes, its layout profile, the number it will get, its replacement links and its citations.

Plain functions of the database and what they need of the draft (``DraftRef``, taken on the UI
thread), run on the runner by the window and the lifecycle (issue 14: the UI thread only paints);
a test calls them without a window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ketluan_desktop.core.documents.content import DocumentStatus
from ketluan_desktop.core.documents.draft import Draft, DraftBlock
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.text.dates import format_date

if TYPE_CHECKING:  # pragma: no cover
    from ketluan_desktop.core.db.database import Database
    from ketluan_desktop.core.documents.citations import CitationInfo
    from ketluan_desktop.core.render.profile import LayoutProfile


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


@dataclass
class EditorChoices:
    """The lists the editor's fields offer."""

    meetings: list[tuple[int, str]] = field(default_factory=list)
    profiles: list[tuple[int, str]] = field(default_factory=list)
    units: list[tuple[int, str]] = field(default_factory=list)
    people: list[tuple[int, str, str | None]] = field(default_factory=list)
    usual_recipients: list[str] = field(default_factory=list)
    file_copy: str = ""


def task_units(units) -> list[tuple[int, str]]:
    """Who can lead or help with a key task: the departments, the mass organisations, then the
    grassroots organisations (cells answer to their grassroots organisation, not to the bloc)."""
    from ketluan_desktop.core.org.models import OrgKind

    order = {OrgKind.DEPARTMENT.value: 0, OrgKind.MASS.value: 1, OrgKind.GRASSROOTS.value: 2}
    chosen = sorted(
        (u for u in units if u.kind in order), key=lambda u: (order[u.kind], u.position)
    )
    return [(u.id, u.short_name or u.name) for u in chosen]


@dataclass(frozen=True)
class DraftRef:
    """What the reads need of a draft, taken on the UI thread: a job never reads the live draft
    (typing changes it meanwhile)."""

    doc_id: int | None
    status: str
    type_code: str
    layout_profile_id: int | None
    number_symbol: str | None
    replaces_id: int | None

    @classmethod
    def of(cls, d: Draft) -> DraftRef:
        return cls(
            d.doc_id, d.status, d.type_code, d.layout_profile_id, d.number_symbol, d.replaces_id
        )

    @property
    def issued(self) -> bool:
        return self.status != DocumentStatus.DRAFT.value

    @property
    def has_relations(self) -> bool:
        """Whether ``relation_note`` has anything to look up."""
        return bool(self.replaces_id) or (self.doc_id is not None and self.issued)


def load_choices(db: Database) -> EditorChoices:
    """On the runner (listing the profiles seeds the built-ins: a write)."""
    from ketluan_desktop.core.documents import layout_profiles, templates
    from ketluan_desktop.core.meetings import records as meeting_service
    from ketluan_desktop.core.org import organisations as org_service

    with db.write_session() as s:
        profiles = [(p.id, p.name) for p in layout_profiles.list_profiles(s)]
    with db.session() as s:
        meetings = [
            (m.id, f"{format_date(m.meeting_date)} — {m.name}" if m.meeting_date else m.name)
            for m in meeting_service.list_meetings(s)
        ]
        return EditorChoices(
            meetings=meetings,
            profiles=profiles,
            units=task_units(org_service.units(s)),
            people=[(p.id, p.full_name, p.signature_title) for p in org_service.signers(s)],
            usual_recipients=templates.usual_recipients(s),
            file_copy=templates.file_copy_line(s),
        )


def layout_profile(db: Database, ref: DraftRef) -> tuple[int | None, LayoutProfile]:
    """On the runner: the profile the draft renders with, its own choice or the one frozen at
    issue."""
    from ketluan_desktop.core.documents import layout_profiles

    with db.write_session() as s:
        if ref.doc_id is not None and ref.issued:
            from ketluan_desktop.core.documents import records

            return layout_profiles.for_document(s, records.get(s, ref.doc_id))
        return ref.layout_profile_id, layout_profiles.for_draft(s, ref.layout_profile_id)


def expected_number(db: Database, ref: DraftRef, today: date) -> str | None:
    """On the runner: the number and symbol issuing would give now ("01-KL/ĐUK"), None when it
    cannot be told."""
    from ketluan_desktop.core.documents import numbering
    from ketluan_desktop.core.org import organisations as org_service

    try:
        with db.session() as s:
            body = org_service.issuing_body(s)
            names = org_service.names_on(s, body, today)
            scope = numbering.scope_for(s, names, today)
            n = numbering.peek_next(s, body.id, ref.type_code, scope)
            return numbering.format_number_symbol(n, ref.type_code, names.symbol_code)
    except KetLuanError:
        return None


def number_hint(ref: DraftRef, expected: str | None) -> str:
    """The number and symbol, or what it will be when issued ("cấp khi ban hành (dự kiến …)")."""
    if ref.number_symbol:
        return ref.number_symbol
    if expected is None:
        return _t("cấp khi ban hành")
    return _t("cấp khi ban hành (dự kiến {number})").format(number=expected)


def relation_note(db: Database, ref: DraftRef) -> str:
    """On the runner: the replacement link, both ways — what this document replaces, what
    replaced it."""
    from ketluan_desktop.core.documents import records as documents

    notes = []
    with db.session() as s:
        if ref.replaces_id:
            old = documents.find(s, ref.replaces_id)
            if old is not None:
                notes.append(
                    _t("Văn bản này thay thế văn bản số {number}.").format(number=old.number_symbol)
                    if ref.issued
                    else _t(
                        "Dự thảo thay thế văn bản số {number}: khi ban hành, văn bản cũ "
                        "chuyển sang «Đã thay thế»."
                    ).format(number=old.number_symbol)
                )
        if ref.doc_id is not None and ref.issued:
            newer = documents.replaced_by(s, ref.doc_id)
            if newer is not None:
                notes.append(
                    _t("Đã được thay thế bởi văn bản số {number}.").format(
                        number=newer.number_symbol
                    )
                    if newer.number_symbol
                    else _t("Đang có dự thảo thay thế (mã số {id}).").format(id=newer.id)
                )
    return " ".join(notes)


def banner_text(draft: Draft, note: str = "") -> str:
    """Above the page: why an issued document cannot be edited, and its replacement links
    (``note``, from ``relation_note``)."""
    from ketluan_desktop.core.documents.content import DOCUMENT_STATUS_LABELS

    text = ""
    if draft.status != DocumentStatus.DRAFT.value:
        label = DOCUMENT_STATUS_LABELS[DocumentStatus(draft.status)]
        when = f" ngày {format_date(draft.doc_date)}" if draft.doc_date else ""
        text = _t(
            "Văn bản số {number}{when} — {label}: chỉ xem, không sửa được. Để sửa sai sót, "
            "dùng «Văn bản → Tạo văn bản thay thế»; để dùng lại nội dung, «Nhân bản»."
        ).format(number=draft.number_symbol or "", when=when, label=label.lower())
    return " ".join(x for x in (text, note) if x)


def tracker_note(block: DraftBlock | None) -> str | None:
    """Under the task panel: whether the key task is already followed in «Nhiệm vụ»."""
    if block is None or block.task is None:
        return None
    if block.task.task_id is None:
        return _t("Nhiệm vụ sẽ có trong màn hình Nhiệm vụ khi lưu văn bản.")
    return _t(
        "Nhiệm vụ đã có trong màn hình Nhiệm vụ; nội dung được cập nhật theo gạch "
        "đầu dòng mỗi khi lưu."
    )


def citations(db: Database, texts: list[str], own_number: str | None) -> list[CitationInfo]:
    """On the runner: the documents the draft's ``texts`` cite."""
    from ketluan_desktop.core.documents import citations as citations_live

    with db.session() as s:
        return citations_live.describe(s, texts, own_number=own_number)
