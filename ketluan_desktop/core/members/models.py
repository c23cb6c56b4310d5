"""Party members (and candidates) and the procedures the office handles for them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ketluan_desktop.core.db.base import Base, IdMixin, TimestampMixin
from ketluan_desktop.core.db.versioning import ChangeStamp
from ketluan_desktop.core.members.vocabulary import (  # noqa: F401 - also imported from here
    MEMBER_STATUS_LABELS,
    PROCEDURE_KIND_LABELS,
    PROCEDURE_STATUS_LABELS,
    MemberStatus,
    ProcedureKind,
    ProcedureStatus,
)
from ketluan_desktop.core.org import models as _org_models  # noqa: F401 - "Organisation"
from ketluan_desktop.core.text import fold, name_sort_key


class Member(IdMixin, TimestampMixin, ChangeStamp, Base):
    __tablename__ = "member"

    full_name: Mapped[str]
    name_folded: Mapped[str] = mapped_column(default="")
    name_sort: Mapped[str] = mapped_column(default="")
    gender: Mapped[str | None]  # "Nam" | "Nữ"
    birth_date: Mapped[date | None]
    place_of_origin: Mapped[str | None]
    ethnicity: Mapped[str | None]
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    cell_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    position: Mapped[str | None]
    agency: Mapped[str | None]
    card_number: Mapped[str | None] = mapped_column(unique=True)
    admission_date: Mapped[date | None]  # the admission decision's date: Party age counts from it
    first_admission_date: Mapped[date | None]  # for a re-admitted member
    ceremony_date: Mapped[date | None]  # the admission ceremony: the 12 months of probation start
    full_member_date: Mapped[date | None]
    seriously_ill: Mapped[bool] = mapped_column(default=False)  # badge may come early
    status: Mapped[str] = mapped_column(default=MemberStatus.FULL.value)
    notes: Mapped[str | None]
    version: Mapped[int] = mapped_column(default=1)

    organisation: Mapped[Any] = relationship("Organisation", foreign_keys=[organisation_id])
    cell: Mapped[Any] = relationship("Organisation", foreign_keys=[cell_id])
    absences: Mapped[list[MemberAbsence]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    # The list screen sorts by name_sort and filters on name_folded (accent-free search): both in
    # the index, so a search scans the index alone, in order, and stops after one window of rows.
    __table_args__ = (
        Index(None, "name_sort", "id", "name_folded"),
        Index(None, "organisation_id", "status", "name_sort"),
        Index(None, "status", "name_sort", "id", "name_folded"),
        # The badge reminder seeks the milestones' windows and counts the plain members there
        # from the index alone (0012; named by hand: the generated name is too long for
        # PostgreSQL).
        Index(
            "ix_member_admission_date_status_flags",
            "admission_date",
            "status",
            "first_admission_date",
            "seriously_ill",
        ),
        # The reminders: probation by ceremony date; Party age of the re-admitted and of the
        # seriously ill, who may be proposed for a badge early (0011).
        Index(None, "status", "ceremony_date"),
        Index(None, "first_admission_date"),
        Index(None, "seriously_ill", "admission_date"),
    )

    def derive(self) -> None:
        self.name_folded = fold(self.full_name)
        self.name_sort = name_sort_key(self.full_name)


class MemberAbsence(IdMixin, Base):
    """A period outside the Party; Party age does not count it."""

    __tablename__ = "member_absence"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date]
    end_date: Mapped[date | None]

    member: Mapped[Member] = relationship(back_populates="absences")


class Procedure(IdMixin, TimestampMixin, ChangeStamp, Base):
    __tablename__ = "procedure"

    kind: Mapped[str]
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(default=ProcedureStatus.RECEIVED.value)
    received_on: Mapped[date | None]
    decided_on: Mapped[date | None]  # approved / rejected
    completed_on: Mapped[date | None]
    # The date that counts it in a period's figures: completion, else approval.
    counted_on: Mapped[date | None]
    decision_number: Mapped[str | None]
    decision_date: Mapped[date | None]
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    # Fields of one kind used by queries and rules get columns; the rest stays in ``details``.
    badge_years: Mapped[int | None]
    ceremony_date: Mapped[date | None]
    card_number: Mapped[str | None]
    reason: Mapped[str | None]  # purpose / card reissue reason / discipline measure
    travel_from: Mapped[date | None]
    travel_to: Mapped[date | None]
    return_report_on: Mapped[date | None]
    details: Mapped[dict[str, Any] | None]
    notes: Mapped[str | None]
    version: Mapped[int] = mapped_column(default=1)

    member: Mapped[Member | None] = relationship()
    steps: Mapped[list[ProcedureStep]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="ProcedureStep.at"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    # Figures of a period read (counted_on, kind, status, badge_years, reason) from the index alone;
    # the return-report reminder seeks (kind, return_report_on, travel_to); the open procedures of
    # a kind are read with their members from (kind, status, member_id) alone. The reminders'
    # counts test status, badge_years and reason: behind the seek's columns, they are read from
    # the index too, not from a million rows' pages (0012).
    __table_args__ = (
        Index(None, "counted_on", "kind", "status", "badge_years", "reason"),
        Index(None, "kind", "status", "member_id", "badge_years", "reason"),
        Index(None, "kind", "return_report_on", "travel_to", "status", "member_id"),
    )


class ProcedureStep(IdMixin, Base):
    __tablename__ = "procedure_step"

    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedure.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str]
    on_date: Mapped[date]
    at: Mapped[datetime]
    by_user: Mapped[str | None]
    note: Mapped[str | None]

    procedure: Mapped[Procedure] = relationship(back_populates="steps")
