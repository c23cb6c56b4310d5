"""Key tasks that documents give to units, and their progress updates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, Index, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ketluan_desktop.core.db.base import Base, IdMixin, TimestampMixin
from ketluan_desktop.core.db.versioning import ChangeStamp
from ketluan_desktop.core.documents import models as _documents_models  # noqa: F401 - "CitedDocument"
from ketluan_desktop.core.org import models as _org_models  # noqa: F401 - "Organisation"
from ketluan_desktop.core.tasks.vocabulary import (  # noqa: F401  (re-exported)
    OVERDUE_LABEL,
    TASK_STATUS_LABELS,
    TaskStatus,
)
from ketluan_desktop.core.text import fold

task_co_unit = Table(
    "task_co_unit",
    Base.metadata,
    Column("task_id", ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
)

task_citation = Table(
    "task_citation",
    Base.metadata,
    Column("task_id", ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
    Column("cited_id", ForeignKey("cited_document.id", ondelete="CASCADE"), primary_key=True),
)


class Task(IdMixin, TimestampMixin, ChangeStamp, Base):
    __tablename__ = "task"

    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL"), index=True
    )
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="SET NULL"))
    block_id: Mapped[int | None] = mapped_column(
        ForeignKey("block.id", ondelete="SET NULL"), unique=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str]
    text_folded: Mapped[str] = mapped_column(default="", index=True)  # the list sorted by text
    lead_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    deadline: Mapped[date | None] = mapped_column(index=True)
    deadline_text: Mapped[str | None]  # "6 tháng cuối năm 2024", "thường xuyên"
    reporting_cycle: Mapped[str | None]  # "monthly" | "quarterly" | "half_year" | "yearly"
    priority: Mapped[int] = mapped_column(default=2, index=True)  # 1 high, 2 normal, 3 low
    status: Mapped[str] = mapped_column(default=TaskStatus.NOT_STARTED.value)
    completed_on: Mapped[date | None]
    # Indexed: the list sorted by latest update walks task_update by date and finds each task.
    latest_update_id: Mapped[int | None] = mapped_column(
        ForeignKey("task_update.id", ondelete="SET NULL", use_alter=True), index=True
    )
    version: Mapped[int] = mapped_column(default=1)

    co_units: Mapped[list[Any]] = relationship("Organisation", secondary=task_co_unit)
    cited: Mapped[list[Any]] = relationship("CitedDocument", secondary=task_citation)
    updates: Mapped[list[TaskUpdate]] = relationship(
        back_populates="task",
        cascade="all, delete-orphan",
        order_by="TaskUpdate.update_date",
        foreign_keys="TaskUpdate.task_id",
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        Index(None, "status", "deadline"),
        Index(None, "lead_unit_id", "status"),
        # The overview: tasks per unit and state (deadline for "overdue"), and those overdue at
        # each month's end (deadline, then whether and when they were done).
        Index(None, "lead_unit_id", "status", "deadline"),
        Index(None, "deadline", "status", "completed_on"),
    )

    def derive(self) -> None:
        self.text_folded = fold(self.text)


class TaskUpdate(IdMixin, ChangeStamp, Base):
    __tablename__ = "task_update"

    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    update_date: Mapped[date] = mapped_column(index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    text: Mapped[str]
    percent: Mapped[int | None]
    attachments: Mapped[list[Any] | None]  # file references (paths or document numbers)
    created_at: Mapped[datetime | None]
    created_by: Mapped[str | None]
    version: Mapped[int] = mapped_column(default=1)

    task: Mapped[Task] = relationship(back_populates="updates", foreign_keys=[task_id])

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
