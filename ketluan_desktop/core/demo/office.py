"""The demo office: the bloc committee, its departments, grassroots organisations, people, terms."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ketluan_desktop.core.documents.sample import (  # the sample conclusion's issuer
    ISSUER_NAME,
    PARENT_NAME,
    PLACE,
    SYMBOL,
)
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.org.models import Organisation, OrgKind, OrgNameVersion, Person, Term

DEPARTMENTS = [
    ("Văn phòng Đảng ủy Khối", "Văn phòng"),
    ("Ban Tổ chức Đảng ủy Khối", "Ban Tổ chức"),
    ("Ban Tuyên giáo và Dân vận Đảng ủy Khối", "Ban Tuyên giáo và Dân vận"),
    ("Ủy ban Kiểm tra Đảng ủy Khối", "Ủy ban Kiểm tra"),
]

# Grassroots organisations (đảng bộ cơ sở / chi bộ cơ sở) with the cells of the larger ones.
GRASSROOTS = [
    (
        "Đảng bộ Sở Tài chính",
        ["Chi bộ Văn phòng Sở", "Chi bộ Phòng Ngân sách", "Chi bộ Phòng Đầu tư"],
    ),
    ("Đảng bộ Sở Kế hoạch và Đầu tư", ["Chi bộ Văn phòng", "Chi bộ Phòng Tổng hợp"]),
    ("Đảng bộ Sở Nội vụ", ["Chi bộ Văn phòng Sở", "Chi bộ Ban Thi đua - Khen thưởng"]),
    ("Đảng bộ Sở Giáo dục và Đào tạo", ["Chi bộ Văn phòng", "Chi bộ Phòng Giáo dục Trung học"]),
    ("Đảng bộ Sở Y tế", ["Chi bộ Văn phòng Sở", "Chi bộ Phòng Nghiệp vụ Y"]),
    (
        "Đảng bộ Sở Nông nghiệp và Phát triển nông thôn",
        ["Chi bộ Chi cục Kiểm lâm", "Chi bộ Văn phòng"],
    ),
    ("Đảng bộ Sở Xây dựng", []),
    ("Đảng bộ Sở Giao thông vận tải", []),
    ("Đảng bộ Cục Thuế tỉnh", ["Chi bộ Phòng Kiểm tra", "Chi bộ Văn phòng Cục"]),
    ("Đảng bộ Kho bạc Nhà nước tỉnh", []),
    ("Đảng bộ Bảo hiểm xã hội tỉnh", []),
    ("Đảng bộ Văn phòng Ủy ban nhân dân tỉnh", []),
    ("Chi bộ Sở Tư pháp", []),
    ("Chi bộ Sở Văn hóa, Thể thao và Du lịch", []),
    ("Chi bộ Thanh tra tỉnh", []),
    ("Chi bộ Sở Khoa học và Công nghệ", []),
]

MASS_ORGS = [
    ("Công đoàn Viên chức tỉnh", "Công đoàn"),
    ("Đoàn Thanh niên Khối các cơ quan tỉnh", "Đoàn Thanh niên Khối"),
    ("Hội Cựu chiến binh Khối các cơ quan tỉnh", "Hội Cựu chiến binh Khối"),
]

# (name, position, committee role, signs?, title in the signer block)
PEOPLE = [
    ("Hoàng Thanh Hải", "Bí thư Đảng ủy Khối", "Bí thư", True, "BÍ THƯ"),
    (
        "Nguyễn Thị Thu Hương",
        "Phó Bí thư Thường trực Đảng ủy Khối",
        "Phó Bí thư",
        True,
        "PHÓ BÍ THƯ",
    ),
    ("Lương Văn Dũng", "Phó Bí thư Đảng ủy Khối", "Phó Bí thư", True, "PHÓ BÍ THƯ"),
    ("Đàm Minh Tuấn", "Phó Giám đốc Sở Nội vụ", "Ủy viên Ban Thường vụ", False, None),
    (
        "Trần Quốc Việt",
        "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối",
        "Ủy viên Ban Thường vụ",
        False,
        None,
    ),
    ("Phạm Thị Ngọc Ánh", "Trưởng Ban Tổ chức Đảng ủy Khối", "Ủy viên Ban Thường vụ", False, None),
    ("Ma Đức Thắng", "Trưởng Ban Tuyên giáo và Dân vận", "Ủy viên Ban Thường vụ", False, None),
    ("Bùi Thị Lụa", "Chánh Văn phòng Đảng ủy Khối", "Đảng ủy viên", True, "CHÁNH VĂN PHÒNG"),
    ("Vũ Hữu Nghĩa", "Giám đốc Sở Tài chính", "Đảng ủy viên", False, None),
    ("Đỗ Xuân Trường", "Giám đốc Sở Kế hoạch và Đầu tư", "Đảng ủy viên", False, None),
    ("Triệu Thị Hằng", "Phó Giám đốc Sở Giáo dục và Đào tạo", "Đảng ủy viên", False, None),
    ("Dương Công Khanh", "Giám đốc Sở Y tế", "Đảng ủy viên", False, None),
    ("Lê Thị Mỹ Duyên", "Cục trưởng Cục Thuế tỉnh", "Đảng ủy viên", False, None),
    ("Ngô Quang Hưng", "Giám đốc Kho bạc Nhà nước tỉnh", "Đảng ủy viên", False, None),
    ("Hà Thị Yến", "Phó Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối", "Đảng ủy viên", False, None),
    ("Nông Văn Lực", "Phó Trưởng Ban Tổ chức Đảng ủy Khối", "Đảng ủy viên", False, None),
    ("Phan Thế Sơn", "Giám đốc Bảo hiểm xã hội tỉnh", "Đảng ủy viên", False, None),
    ("Hồ Thị Thanh Thủy", "Chủ tịch Công đoàn Viên chức tỉnh", "Đảng ủy viên", False, None),
    ("Lý Văn Quyết", "Bí thư Đoàn Thanh niên Khối", "Đảng ủy viên", False, None),
    ("Đặng Minh Châu", "Chánh Thanh tra tỉnh", "Đảng ủy viên", False, None),
    ("Võ Thị Kiều Oanh", "Giám đốc Sở Tư pháp", "Đảng ủy viên", False, None),
]


def build(session: Session) -> dict[str, Organisation]:
    """Create the organisations and people; returns units by short name."""
    issuer = Organisation(
        kind=OrgKind.ISSUING_BODY.value, name=ISSUER_NAME, short_name=SYMBOL, position=0
    )
    issuer.names.append(
        OrgNameVersion(
            valid_from=None,
            name=ISSUER_NAME,
            symbol_code=SYMBOL,
            parent_name=PARENT_NAME,
            place_name=PLACE,
            office_name="Văn phòng Đảng ủy Khối",
        )
    )
    session.add(issuer)
    session.flush()
    settings.set_value(session, "office.issuing_body_id", issuer.id)
    settings.set_value(session, "office.default_place", PLACE)

    units: dict[str, Organisation] = {}
    for i, (name, short) in enumerate(DEPARTMENTS):
        u = Organisation(
            kind=OrgKind.DEPARTMENT.value, name=name, short_name=short, parent=issuer, position=i
        )
        session.add(u)
        units[short] = u
    for i, (name, cells) in enumerate(GRASSROOTS):
        g = Organisation(kind=OrgKind.GRASSROOTS.value, name=name, parent=issuer, position=i)
        session.add(g)
        units[name] = g
        for j, cell in enumerate(cells):
            c = Organisation(kind=OrgKind.CELL.value, name=cell, parent=g, position=j)
            session.add(c)
            units[f"{name}/{cell}"] = c
    for i, (name, short) in enumerate(MASS_ORGS):
        m = Organisation(
            kind=OrgKind.MASS.value, name=name, short_name=short, parent=issuer, position=i
        )
        session.add(m)
        units[short] = m

    session.add_all(
        [
            Term(
                organisation_id=issuer.id,
                label="VIII",
                start_date=date(2020, 7, 1),
                end_date=date(2025, 6, 30),
            ),
            Term(
                organisation_id=issuer.id,
                label="IX",
                start_date=date(2025, 7, 1),
                end_date=date(2030, 6, 30),
            ),
        ]
    )
    for name, position, role, can_sign, title in PEOPLE:
        session.add(
            Person(
                full_name=name,
                position=position,
                committee_role=role,
                can_sign=can_sign,
                signature_title=title,
                organisation_id=issuer.id,
            )
        )
    session.flush()
    units["__issuer__"] = issuer
    return units
