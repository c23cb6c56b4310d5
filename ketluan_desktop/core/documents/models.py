"""Party documents: header, structured body, recipients, signer, lifecycle, numbering, signatures."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ketluan_desktop.core.db.base import Base, IdMixin, TimestampMixin
from ketluan_desktop.core.db.versioning import ChangeStamp
from ketluan_desktop.core.text import fold


class Document(IdMixin, TimestampMixin, ChangeStamp, Base):
    __tablename__ = "document"

    type_code: Mapped[str] = mapped_column(index=True)  # KL, NQ, TB …
    status: Mapped[str] = mapped_column(default="draft", index=True)  # see domain.DocumentStatus
    number: Mapped[int | None]
    number_symbol: Mapped[str | None] = mapped_column(index=True)  # "105-KL/ĐUK"
    issuer_org_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    # Names as they were on the document's date (issuing bodies get renamed and merged).
    issuer_name: Mapped[str | None]
    parent_issuer_name: Mapped[str | None]
    symbol_code: Mapped[str | None]  # "ĐUK"
    place: Mapped[str | None]
    doc_date: Mapped[date | None] = mapped_column(index=True)
    title: Mapped[str | None]  # overrides the type's title ("THÔNG BÁO KẾT LUẬN")
    subject: Mapped[str | None]
    greeting: Mapped[str | None]  # "Kính gửi: …"
    draft_label: Mapped[str | None]

    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), index=True
    )
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id", ondelete="SET NULL"))
    numbering_scope: Mapped[
        str | None
    ]  # "term:3" or "year:2024": the sequence the number came from

    signer_authority: Mapped[str | None]
    signer_title: Mapped[str | None]
    signer_name: Mapped[str | None]
    signer_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )

    layout_profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("layout_profile.id", ondelete="SET NULL")
    )
    layout_snapshot: Mapped[dict[str, Any] | None]  # the profile's numbers frozen at issue

    issued_at: Mapped[datetime | None]
    issued_by: Mapped[str | None]
    # A draft's approval (core/documents/approval.py): None while it waits, "approved" or
    # "returned" (with the comment); who decided and when.
    approval: Mapped[str | None]
    approval_by: Mapped[str | None]
    approval_at: Mapped[datetime | None]
    approval_comment: Mapped[str | None]
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))

    # Outgoing-register columns
    file_keeper: Mapped[str | None]  # the unit keeping the file copy
    copies: Mapped[int | None]
    pages: Mapped[int | None]
    register_notes: Mapped[str | None]

    source_filename: Mapped[str | None]
    source_sha256: Mapped[str | None] = mapped_column(index=True)  # detects a re-import
    autosave: Mapped[dict[str, Any] | None]  # unsaved editor state, recovered after a crash
    autosaved_at: Mapped[datetime | None]
    autosave_workstation: Mapped[str | None]  # "user@machine" whose editor wrote the autosave
    search_folded: Mapped[str] = mapped_column(default="")
    version: Mapped[int] = mapped_column(default=1)

    sections: Mapped[list[Section]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Section.position"
    )
    recipients: Mapped[list[Recipient]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Recipient.position"
    )
    citations: Mapped[list[Citation]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    figures: Mapped[list[DocumentFigure]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    signatures: Mapped[list[DocumentSignature]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentSignature.id"
    )
    replaces: Mapped[Document | None] = relationship(remote_side="Document.id")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (Index(None, "issuer_org_id", "type_code", "numbering_scope", "number"),)

    def derive(self) -> None:
        self.search_folded = fold(
            " ".join(filter(None, [self.number_symbol, self.title, self.subject, self.signer_name]))
        )


class Section(IdMixin, Base):
    __tablename__ = "section"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    number: Mapped[str | None]  # "1", "I", None for the opening paragraphs
    heading: Mapped[str | None]

    document: Mapped[Document] = relationship(back_populates="sections")
    blocks: Mapped[list[Block]] = relationship(
        back_populates="section", cascade="all, delete-orphan", order_by="Block.position"
    )


class Block(IdMixin, Base):
    """A paragraph or a "- " bullet of a section."""

    __tablename__ = "block"

    section_id: Mapped[int] = mapped_column(
        ForeignKey("section.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(default="paragraph")  # paragraph | bullet
    level: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(default="")
    # Inline bold/italic as [[start, end, "b"|"i"], …] over ``text``; None when plain.
    marks: Mapped[list[Any] | None]
    text_folded: Mapped[str] = mapped_column(default="")  # for Tra cứu: "chinh tri" → "chính trị"

    section: Mapped[Section] = relationship(back_populates="blocks")

    def derive(self) -> None:
        self.text_folded = fold(self.text or "")


class Recipient(IdMixin, Base):
    __tablename__ = "recipient"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str]

    document: Mapped[Document] = relationship(back_populates="recipients")


class CitedDocument(IdMixin, Base):
    """Register of documents cited anywhere: one row per cited document across the database."""

    __tablename__ = "cited_document"

    kind: Mapped[str]  # "Nghị quyết"
    number_symbol: Mapped[str | None] = mapped_column(unique=True)  # "28-NQ/TU"
    name: Mapped[str | None]  # for documents cited by name alone
    name_folded: Mapped[str | None] = mapped_column(index=True)
    doc_date: Mapped[date | None]
    issuer: Mapped[str | None]
    summary: Mapped[str | None]  # "về phát triển kinh tế - xã hội …"
    document_id: Mapped[int | None] = mapped_column(  # when the cited document is in this database
        ForeignKey("document.id", ondelete="SET NULL")
    )

    def derive(self) -> None:
        self.name_folded = fold(self.name) if self.name else None


class Citation(IdMixin, Base):
    __tablename__ = "citation"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    cited_id: Mapped[int] = mapped_column(
        ForeignKey("cited_document.id", ondelete="CASCADE"), index=True
    )
    mentions: Mapped[int] = mapped_column(default=1)

    document: Mapped[Document] = relationship(back_populates="citations")
    cited: Mapped[CitedDocument] = relationship()

    __table_args__ = (UniqueConstraint("document_id", "cited_id"),)


class DocumentFigure(IdMixin, Base):
    """A count the document reports ("cấp lại thẻ bị mất cho 04 đồng chí")."""

    __tablename__ = "document_figure"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str]  # political_standard, admission, badge_30 …
    count: Mapped[int]
    text: Mapped[str]

    document: Mapped[Document] = relationship(back_populates="figures")


class KeptAutosave(IdMixin, Base):
    """Text a draft had in an editor, kept in the document's history so it can still be restored:
    an autosave the user chose not to restore after a crash, or the saved text that a restored
    autosave replaced. It goes only when the user discards it, or with the draft."""

    __tablename__ = "kept_autosave"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    content: Mapped[dict[str, Any]]  # Draft.to_json()
    written_at: Mapped[datetime]  # when the text was autosaved (or saved)
    kept_at: Mapped[datetime]
    reason: Mapped[str]  # declined | replaced | refused | elsewhere (core/documents/recovery.py)
    workstation: Mapped[str | None]


class NumberSequence(IdMixin, Base):
    """The last number given per issuing body, document type and scope (a term, or a year)."""

    __tablename__ = "number_sequence"

    issuer_org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    type_code: Mapped[str]
    scope: Mapped[str]  # "term:3" | "year:2024"
    last_number: Mapped[int] = mapped_column(default=0)

    __table_args__ = (UniqueConstraint("issuer_org_id", "type_code", "scope"),)


class DocumentSignature(IdMixin, Base):
    """Each signing step keeps the whole signed PDF it produced and its SHA-256."""

    __tablename__ = "document_signature"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str]  # signer | seal
    signer_name: Mapped[str | None]
    certificate_subject: Mapped[str | None]
    certificate_serial: Mapped[str | None]
    signed_at: Mapped[datetime]
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str]

    document: Mapped[Document] = relationship(back_populates="signatures")


class LayoutProfile(IdMixin, TimestampMixin, ChangeStamp, Base):
    """All the numbers of the page layout, named after the rule they follow; editable in Settings."""

    __tablename__ = "layout_profile"

    name: Mapped[str] = mapped_column(unique=True)  # "HD 36-HD/VPTW (2018)"
    builtin: Mapped[bool] = mapped_column(default=False)
    is_default: Mapped[bool] = mapped_column(default=False)
    data: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
