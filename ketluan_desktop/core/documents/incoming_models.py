"""Sổ văn bản đến: documents of other bodies the office received (a central conclusion, a
provincial resolution), each with the register's own running number for its year and the file as
it came; the tasks the office decided to track link back to it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Index, LargeBinary, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ketluan_desktop.core.db.base import Base, IdMixin, TimestampMixin
from ketluan_desktop.core.tasks import models as _tasks_models  # noqa: F401 - "Task"
from ketluan_desktop.core.text import fold

if TYPE_CHECKING:
    from ketluan_desktop.core.tasks.models import Task

# A task tracked because of an incoming document (one incoming document, many tasks).
incoming_task = Table(
    "incoming_task",
    Base.metadata,
    Column("incoming_id", ForeignKey("incoming_document.id", ondelete="CASCADE"), index=True,
           nullable=False),
    Column("task_id", ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
)  # fmt: skip


class IncomingDocument(IdMixin, TimestampMixin, Base):
    __tablename__ = "incoming_document"

    year: Mapped[int]  # the register's year: numbers start again at 1 each year
    number: Mapped[int]  # "số đến"
    received_date: Mapped[date] = mapped_column(index=True)
    issuer: Mapped[str | None]  # "Bộ Chính trị", "Tỉnh ủy Thái Nguyên"
    parent_issuer: Mapped[str | None]
    number_symbol: Mapped[str | None] = mapped_column(index=True)  # "75-KL/TW"
    type_code: Mapped[str | None]
    doc_date: Mapped[date | None]
    subject: Mapped[str | None]
    signer: Mapped[str | None]
    notes: Mapped[str | None]  # "chuyển Ban Tuyên giáo", handling notes
    file_name: Mapped[str | None]
    file_sha256: Mapped[str | None] = mapped_column(index=True)
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    search_folded: Mapped[str] = mapped_column(default="")
    received_by: Mapped[str | None]

    tasks: Mapped[list[Task]] = relationship(
        "Task", secondary=incoming_task, order_by="Task.position"
    )

    __table_args__ = (
        UniqueConstraint("year", "number"),
        Index(None, "year", "received_date"),
    )

    @property
    def register_label(self) -> str:
        return f"{self.number}/{self.year}"

    def derive(self) -> None:
        parts = (self.number_symbol, self.issuer, self.subject, self.signer, self.notes,
                 self.file_name)  # fmt: skip
        self.search_folded = fold(" ".join(x for x in parts if x))
