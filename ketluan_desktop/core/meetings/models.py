"""Meetings of the committee, who attended, what was approved."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ketluan_desktop.core.db.base import Base, IdMixin, TimestampMixin
from ketluan_desktop.core.db.versioning import ChangeStamp
from ketluan_desktop.core.text import fold

MEETING_BODIES = ("Ban Chấp hành", "Ban Thường vụ", "Thường trực", "Ủy ban Kiểm tra")


class Meeting(IdMixin, TimestampMixin, ChangeStamp, Base):
    __tablename__ = "meeting"

    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    body: Mapped[str]  # "Ban Chấp hành" / "Ban Thường vụ" / free text
    body_full: Mapped[str | None]  # "Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh"
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id", ondelete="SET NULL"))
    term_label: Mapped[str | None]  # "VIII", kept even without a Term row (imported meetings)
    session_number: Mapped[int | None]
    extended: Mapped[bool] = mapped_column(default=False)
    meeting_date: Mapped[date | None] = mapped_column(index=True)
    starts_at: Mapped[datetime | None]
    place: Mapped[str | None]
    chair: Mapped[str | None]
    secretary: Mapped[str | None]
    title: Mapped[
        str | None
    ]  # for meetings named otherwise ("Hội nghị toàn quốc công tác văn phòng…")
    notes: Mapped[str | None]
    search_folded: Mapped[str] = mapped_column(default="")
    version: Mapped[int] = mapped_column(default=1)

    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendance.position"
    )
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (Index(None, "body", "meeting_date"),)

    @property
    def display_name(self) -> str:
        if self.title:
            return self.title
        parts = [f"Hội nghị {self.body}"]
        if self.session_number:
            parts.append(f"lần thứ {self.session_number}")
        name = " ".join(parts)
        return f"{name} (mở rộng)" if self.extended else name

    def derive(self) -> None:
        self.search_folded = fold(
            " ".join(filter(None, [self.display_name, self.body_full, self.place]))
        )


class Attendance(IdMixin, Base):
    __tablename__ = "attendance"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    name: Mapped[str]
    role: Mapped[str] = mapped_column(default="member")  # member | guest
    present: Mapped[bool] = mapped_column(default=True)
    absence_reason: Mapped[str | None]

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")


class AgendaItem(IdMixin, Base):
    __tablename__ = "agenda_item"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str]  # "Báo cáo sơ kết công tác 6 tháng đầu năm …"
    approved: Mapped[bool] = mapped_column(default=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
