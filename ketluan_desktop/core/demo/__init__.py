"""The demo office, built from the sample conclusion of the 19th (extended) conference of 10/7/2024.

Loading twice changes nothing: the second call sees the marker setting and stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core import paths
from ketluan_desktop.core.access import demo_accounts
from ketluan_desktop.core.clock import VN_TZ
from ketluan_desktop.core.db import Database
from ketluan_desktop.core.demo import members, office
from ketluan_desktop.core.documents.models import Document, NumberSequence
from ketluan_desktop.core.documents.sample import CONCLUSION_NUMBER, MEETING_DATE, dress
from ketluan_desktop.core.importer import storing as importing
from ketluan_desktop.core.meetings.models import AgendaItem, Attendance
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.org.models import Person, Term
from ketluan_desktop.core.tasks.models import TaskStatus, TaskUpdate

AGENDA = [
    "Dự thảo Báo cáo sơ kết công tác 6 tháng đầu năm và phương hướng, nhiệm vụ 6 tháng cuối năm 2024",
    "Dự thảo Báo cáo sơ kết công tác kiểm tra, giám sát và thi hành kỷ luật đảng 6 tháng đầu năm "
    "và nhiệm vụ trọng tâm 6 tháng cuối năm 2024",
    "Dự thảo Báo cáo kết quả dự sinh hoạt chi bộ 6 tháng đầu năm 2024",
]

# Lead unit of each of the eight key tasks, in the order the conclusion lists them.
TASK_LEADS = [
    "Văn phòng",
    "Ban Tuyên giáo và Dân vận",
    "Ban Tuyên giáo và Dân vận",
    "Ban Tổ chức",
    "Ban Tổ chức",
    "Ban Tổ chức",
    "Ủy ban Kiểm tra",
    "Ban Tuyên giáo và Dân vận",
]

GUESTS = [
    "Bí thư Đảng bộ Sở Tài chính",
    "Bí thư Đảng bộ Sở Y tế",
    "Bí thư Đảng bộ Cục Thuế tỉnh",
    "Bí thư Chi bộ Sở Tư pháp",
    "Bí thư Đảng bộ Sở Giáo dục và Đào tạo",
    "Chủ tịch Hội Cựu chiến binh Khối",
]


@dataclass
class DemoResult:
    already_loaded: bool
    message: str
    document_id: int | None = None


def load(db: Database, *, now: datetime, accounts: bool = True) -> DemoResult:
    """``accounts``: one account per role (password «demo»), for trying the roles."""
    with db.write_session() as s:
        if settings.get(s, "demo.loaded"):
            doc_id = s.scalar(select(Document.id).order_by(Document.id).limit(1))
            return DemoResult(True, "Dữ liệu mẫu đã có sẵn, không nạp lại.", doc_id)
        doc_id = build(s, now=now)
        if accounts:
            demo_accounts.create(s, now=now)  # one account per role (a shared server's demo)
        settings.set_value(s, "demo.loaded", now.isoformat())
    return DemoResult(
        False,
        "Đã nạp văn phòng mẫu: Hội nghị lần thứ 19 (mở rộng), Kết luận số "
        f"{CONCLUSION_NUMBER}-KL/{office.SYMBOL} với 8 nhiệm vụ, đảng viên và thủ tục.",
        doc_id,
    )


def build(s: Session, *, now: datetime) -> int:
    from ketluan_desktop.core.importer import parse_file

    units = office.build(s)
    issuer = units["__issuer__"]
    term8 = s.scalars(select(Term).where(Term.label == "VIII")).one()

    result = parse_file(paths.sample_conclusion_path())
    parsed = result.to_json_dict()
    content = dress(result.content())

    leads = {i: units[name].id for i, name in enumerate(TASK_LEADS)}
    stored = importing.store(
        s,
        parsed,
        content,
        now=now,
        source_name=paths.sample_conclusion_path().name,
        source_sha256=None,
        issuer_org_id=issuer.id,
        task_units=leads,
        task_deadline=date(2024, 12, 31),
        task_deadline_text="6 tháng cuối năm 2024",
    )
    doc = stored.document
    doc.number = CONCLUSION_NUMBER
    doc.symbol_code = office.SYMBOL
    doc.term_id = term8.id
    doc.numbering_scope = f"term:{term8.id}"
    doc.issued_at = datetime.combine(MEETING_DATE, time(16, 30), VN_TZ)
    doc.issued_by = "vanphong"
    doc.signer_person_id = s.scalar(select(Person.id).where(Person.full_name == "Hoàng Thanh Hải"))
    doc.file_keeper = "Văn phòng Đảng ủy Khối"
    doc.copies = 60
    doc.pages = 3
    s.add(
        NumberSequence(
            issuer_org_id=issuer.id,
            type_code="KL",
            scope=doc.numbering_scope,
            last_number=CONCLUSION_NUMBER,
        )
    )

    meeting = stored.meeting
    if meeting is not None:
        meeting.organisation_id = issuer.id
        meeting.term_id = term8.id
        meeting.body_full = meeting.body_full or "Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh"
        meeting.starts_at = datetime.combine(MEETING_DATE, time(8, 0), VN_TZ)
        meeting.place = "Hội trường Đảng ủy Khối các cơ quan tỉnh"
        meeting.chair = "Hoàng Thanh Hải"
        meeting.secretary = "Bùi Thị Lụa"
        committee = s.scalars(select(Person).order_by(Person.id)).all()
        absent = {"Dương Công Khanh": "Đi công tác", "Phan Thế Sơn": "Ốm"}
        for i, p in enumerate(committee):
            meeting.attendance.append(
                Attendance(
                    position=i,
                    person_id=p.id,
                    name=p.full_name,
                    role="member",
                    present=p.full_name not in absent,
                    absence_reason=absent.get(p.full_name),
                )
            )
        for j, g in enumerate(GUESTS, start=len(committee)):
            meeting.attendance.append(Attendance(position=j, name=g, role="guest"))
        for k, title in enumerate(AGENDA):
            meeting.agenda.append(AgendaItem(position=k, title=title, approved=True))
        for k, task in enumerate(stored.tasks):
            task.priority = 1 if k in (0, 4) else 2
        _progress(s, stored.tasks, units)

    members.build(s, units, now)
    s.flush()
    return doc.id


def _progress(s: Session, tasks, units) -> None:
    """Some reports from the units, as the office receives them."""
    notes = {
        1: [(date(2024, 9, 20), "Đã tổ chức hội nghị quán triệt nghị quyết cho 100% chi bộ.", 40)],
        3: [
            (date(2024, 8, 15), "Ban hành hướng dẫn cụ thể hóa Quy định 144-QĐ/TW.", 30),
            (date(2024, 11, 5), "78/96 tổ chức cơ sở đảng đã xây dựng kế hoạch.", 70),
        ],
        4: [
            (date(2024, 10, 2), "Đã rà soát quy hoạch cấp ủy nhiệm kỳ 2025 - 2030 ở 96 TCCSĐ.", 60)
        ],
        6: [(date(2024, 9, 30), "Hoàn thành kiểm tra 12 tổ chức đảng theo chương trình.", 50)],
    }
    for idx, items in notes.items():
        task = tasks[idx]
        task.status = TaskStatus.IN_PROGRESS.value
        for on, text, pct in items:
            u = TaskUpdate(
                task_id=task.id,
                update_date=on,
                unit_id=task.lead_unit_id,
                text=text,
                percent=pct,
                created_at=datetime.combine(on, time(9, 0), VN_TZ),
                created_by="vanphong",
            )
            s.add(u)
            s.flush()
            task.latest_update_id = u.id
