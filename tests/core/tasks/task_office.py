"""A small office with the sample conclusion's eight tasks, built without the importer.

The demo office needs the importer; these tests build the same situation from the sample text
directly, so the tracker is tested on its own: the conclusion 105-KL/ĐUK of 10/7/2024, its eight
key tasks with their lead units and the deadline "6 tháng cuối năm 2024", a few cited documents
and the progress reports the demo records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.documents.content import (
    Block,
    BlockKind,
    DocumentContent,
    DocumentStatus,
    Section,
)
from ketluan_desktop.core.documents.models import Citation, CitedDocument, Document
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.tasks import editing as task_edit
from ketluan_desktop.core.tasks.models import Task

SAMPLE = (
    Path(__file__).resolve().parents[3] / "resources" / "samples" / "ket-luan-hoi-nghi-lan-19.txt"
)
VN = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=VN)  # the suite's fixed clock (tests/conftest.py)
LEADS = [
    "Văn phòng",
    "Ban Tuyên giáo và Dân vận",
    "Ban Tuyên giáo và Dân vận",
    "Ban Tổ chức",
    "Ban Tổ chức",
    "Ban Tổ chức",
    "Ủy ban Kiểm tra",
    "Ban Tuyên giáo và Dân vận",
]
CITED = [
    ("Nghị quyết", "28-NQ/TU", date(2023, 12, 6), "Tỉnh ủy"),
    ("Nghị quyết", "08-NQ/ĐUK", None, "Đảng ủy Khối"),
    ("Kết luận", "21-KL/TW", None, "Hội nghị Trung ương 4 (khóa XIII)"),
    ("Kế hoạch", "87-KH/ĐUK", date(2024, 4, 26), "Ban Thường vụ Đảng ủy Khối"),
    ("Chỉ thị", "34-CT/TU", date(2024, 4, 20), "Ban Thường vụ Tỉnh ủy"),
    ("Quy định", "144-QĐ/TW", date(2024, 5, 9), "Bộ Chính trị"),
    ("Chỉ thị", "35-CT/TW", date(2024, 6, 14), "Bộ Chính trị"),
    ("Quyết định", "1300-QĐ/TU", date(2023, 7, 4), "Ban Thường vụ Tỉnh ủy"),
]
PROGRESS = {
    1: [(date(2024, 9, 20), "Đã tổ chức hội nghị quán triệt nghị quyết cho 100% chi bộ.", 40)],
    3: [
        (date(2024, 8, 15), "Ban hành hướng dẫn cụ thể hóa Quy định 144-QĐ/TW.", 30),
        (date(2024, 11, 5), "78/96 tổ chức cơ sở đảng đã xây dựng kế hoạch.", 70),
    ],
    4: [(date(2024, 10, 2), "Đã rà soát quy hoạch cấp ủy nhiệm kỳ 2025 - 2030 ở 96 TCCSĐ.", 60)],
    6: [(date(2024, 9, 30), "Hoàn thành kiểm tra 12 tổ chức đảng theo chương trình.", 50)],
}


@dataclass
class Office:
    document_id: int
    task_ids: list[int]
    units: dict[str, int]  # short name (or name) -> id


def sample_bullets() -> tuple[str, list[str]]:
    """The opening paragraph and the eight bullets of section 2, joined across page breaks."""
    paras: list[str] = []
    for chunk in SAMPLE.read_text(encoding="utf-8").split("\n\n"):
        text = " ".join(chunk.split())
        if not text:
            continue
        if paras and text[0].islower():
            paras[-1] += " " + text
        else:
            paras.append(text)
    start = next(i for i, p in enumerate(paras) if p.startswith("2. Một số nhiệm vụ"))
    end = next(i for i, p in enumerate(paras) if p.startswith("3. Về công tác cán bộ"))
    bullets = [p[2:] for p in paras[start + 1 : end] if p.startswith("- ")]
    opening = next(p for p in paras if p.startswith("Ngày 10 tháng 7 năm 2024"))
    return opening, bullets


def build(session, *, now: datetime, with_progress: bool = True) -> Office:
    from ketluan_desktop.core.demo import office as demo_office

    units = demo_office.build(session)
    opening, bullets = sample_bullets()
    assert len(bullets) == 8, bullets
    content = DocumentContent(
        type_code="KL",
        subject="Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)",
        number_symbol="105-KL/ĐUK",
        doc_date=date(2024, 7, 10),
        place="Thái Nguyên",
        issuer="Đảng ủy Khối các cơ quan tỉnh",
        parent_issuer="Đảng bộ tỉnh Thái Nguyên",
        sections=[
            Section(None, None, [Block(BlockKind.PARAGRAPH, opening)]),
            Section(
                "2",
                "Một số nhiệm vụ trọng tâm trong 6 tháng cuối năm 2024",
                [Block(BlockKind.BULLET, b, is_task=True) for b in bullets],
            ),
        ],
        recipients=["Thường trực ĐUK", "Lưu Văn phòng ĐUK"],
    )
    doc = doc_service.create(
        session,
        content,
        now=now,
        status=DocumentStatus.ISSUED,
        issuer_org_id=units["__issuer__"].id,
    )
    for kind, number, on, issuer in CITED:
        row = CitedDocument(kind=kind, number_symbol=number, doc_date=on, issuer=issuer)
        session.add(row)
        session.flush()
        doc.citations.append(Citation(cited_id=row.id))
    session.flush()
    blocks = [c for c in task_edit.document_blocks(session, doc.id) if c.kind == "bullet"]
    task_ids = []
    for i, block in enumerate(blocks):
        (task,) = task_edit.create_from_blocks(
            session,
            doc.id,
            [block.block_id],
            lead_unit_id=units[LEADS[i]].id,
            deadline_text="6 tháng cuối năm 2024",
            now=now,
            today=now.date(),
            priority=1 if i in (0, 4) else 2,
        )
        task_ids.append(task.id)
    if with_progress:
        for idx, items in PROGRESS.items():
            for on, text, pct in items:
                task_edit.add_update(
                    session,
                    task_ids[idx],
                    task_edit.UpdateInput(update_date=on, text=text, percent=pct),
                    now=datetime.combine(on, time(9, 0), VN),
                    username="vanphong",
                )
    session.flush()
    names = {(o.short_name or o.name): o.id for o in session.scalars(select(Organisation))}
    return Office(doc.id, task_ids, names)


def task_count(session) -> int:
    return len(session.scalars(select(Task.id)).all())


def document_ids(session) -> list[int]:
    return list(session.scalars(select(Document.id)))
