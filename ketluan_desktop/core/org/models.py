"""Organisations and units, their names through time, Party-committee terms, people, and the
office's settings."""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ketluan_desktop.core.db.base import Base, IdMixin
from ketluan_desktop.core.db.versioning import ChangeStamp
from ketluan_desktop.core.text import fold, name_sort_key


class OrgKind(enum.StrEnum):
    ISSUING_BODY = "issuing_body"  # the Party committee this office serves (Đảng ủy Khối)
    DEPARTMENT = "department"  # Văn phòng, Ban Tổ chức, Ủy ban Kiểm tra … of the issuing body
    GRASSROOTS = "grassroots"  # tổ chức cơ sở đảng (đảng bộ cơ sở, chi bộ cơ sở)
    CELL = "cell"  # chi bộ trực thuộc đảng bộ cơ sở
    MASS = "mass"  # đoàn thể Khối (Công đoàn, Đoàn Thanh niên, Cựu chiến binh …)
    EXTERNAL = "external"


ORG_KIND_LABELS = {
    OrgKind.ISSUING_BODY: "Cơ quan ban hành",
    OrgKind.DEPARTMENT: "Ban, Văn phòng",
    OrgKind.GRASSROOTS: "Tổ chức cơ sở đảng",
    OrgKind.CELL: "Chi bộ trực thuộc",
    OrgKind.MASS: "Đoàn thể",
    OrgKind.EXTERNAL: "Đơn vị ngoài",
}


class NumberingScheme(enum.StrEnum):
    PARTY = "party"  # from 01 per type within a committee term (Party rule)
    STATE = "state"  # from 01 every 1 January (Decree 30/2020)


class Organisation(IdMixin, ChangeStamp, Base):
    __tablename__ = "organisation"

    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(default=OrgKind.GRASSROOTS.value)
    name: Mapped[str]
    short_name: Mapped[str | None]  # "Ban Tổ chức", "ĐUK"
    name_folded: Mapped[str] = mapped_column(default="", index=True)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    numbering_scheme: Mapped[str] = mapped_column(default=NumberingScheme.PARTY.value)
    version: Mapped[int] = mapped_column(default=1)  # two workstations editing one unit: detected

    parent: Mapped[Organisation | None] = relationship(remote_side="Organisation.id")
    names: Mapped[list[OrgNameVersion]] = relationship(
        back_populates="organisation",
        order_by="OrgNameVersion.valid_from",
        cascade="all, delete-orphan",
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (Index(None, "parent_id", "position"),)

    def derive(self) -> None:
        self.name_folded = fold(self.name)


class OrgNameVersion(IdMixin, Base):
    """How an issuing body was named from a date on: old documents keep the names they had."""

    __tablename__ = "org_name_version"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    valid_from: Mapped[date | None]  # None: since always
    name: Mapped[str]  # "Đảng ủy Khối các cơ quan tỉnh"
    symbol_code: Mapped[str]  # "ĐUK" — the part after the slash in "105-KL/ĐUK"
    parent_name: Mapped[str | None]  # "Đảng bộ tỉnh Thái Nguyên"
    place_name: Mapped[str | None]  # "Thái Nguyên" — written before ", ngày …"
    office_name: Mapped[str | None]  # "Văn phòng Đảng ủy Khối" — keeps the file copy

    organisation: Mapped[Organisation] = relationship(back_populates="names")

    __table_args__ = (UniqueConstraint("organisation_id", "valid_from"),)


class Term(IdMixin, ChangeStamp, Base):
    """A Party-committee term (khóa): numbering runs from 01 within one term."""

    __tablename__ = "term"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    label: Mapped[str]  # "VIII"
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (UniqueConstraint("organisation_id", "label"),)

    @property
    def display(self) -> str:
        years = f"{self.start_date.year} - {self.end_date.year}" if self.end_date else ""
        return f"khóa {self.label}, nhiệm kỳ {years}" if years else f"khóa {self.label}"


class Person(IdMixin, ChangeStamp, Base):
    """People the office writes about: signers, committee members, meeting attendees."""

    __tablename__ = "person"

    full_name: Mapped[str]
    name_sort: Mapped[str] = mapped_column(default="", index=True)
    position: Mapped[str | None]  # "Bí thư Đảng ủy Khối", "Phó Giám đốc Sở Nội vụ"
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    committee_role: Mapped[str | None]  # "Bí thư", "Phó Bí thư", "Ủy viên BTV", "Đảng ủy viên"
    can_sign: Mapped[bool] = mapped_column(default=False)
    signature_title: Mapped[str | None]  # "BÍ THƯ" as the signer block writes it
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)

    organisation: Mapped[Organisation | None] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def derive(self) -> None:
        self.name_sort = name_sort_key(self.full_name)


class Setting(ChangeStamp, Base):
    """An office setting shared by every workstation on this database (``core.org.settings``)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
