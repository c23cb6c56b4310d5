"""The sample conclusion (Kết luận số 105-KL/ĐUK of 10/7/2024) as a document, with no database.

``ketluan export --sample`` and the layout profiles' preview start from it, and the demo office
takes its names from here. What the importer reads from resources/samples is kept beside the text
as JSON (``…content.json``), so showing or exporting the sample loads neither the importer (its
few hundred patterns take longer to compile than the page takes to render) nor SQLAlchemy nor the
Word writer. tests/core/documents/test_sample_content.py fails when the two differ; then run
``python -m ketluan_desktop.core.documents.sample`` to write the JSON again.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

from ketluan_desktop.core.documents.content import (
    Block,
    BlockKind,
    DocumentContent,
    Section,
    Signer,
)

ISSUER_NAME = "Đảng ủy Khối các cơ quan tỉnh"
PARENT_NAME = "Đảng bộ tỉnh Thái Nguyên"
PLACE = "Thái Nguyên"
SYMBOL = "ĐUK"
MEETING_DATE = date(2024, 7, 10)
CONCLUSION_NUMBER = 105


def dress(content: DocumentContent) -> DocumentContent:
    """The imported sample given the demo office's number, date, place, issuer and signer."""
    content.number_symbol = f"{CONCLUSION_NUMBER}-KL/{SYMBOL}"
    content.doc_date = MEETING_DATE
    content.place = PLACE
    content.issuer = ISSUER_NAME
    content.parent_issuer = PARENT_NAME
    signer = content.signer or Signer("T/M BAN CHẤP HÀNH", None, "Hoàng Thanh Hải")
    content.signer = Signer(signer.authority, signer.title or "BÍ THƯ", signer.name)
    return content


def sample_content() -> DocumentContent:
    """The sample as the importer reads it from resources/samples, as an issued document."""
    data = json.loads(frozen_path().read_text(encoding="utf-8"))
    content = dress(content_from_data(data))
    content.is_draft = False
    return content


def imported_sample() -> DocumentContent:
    """What the importer reads from the sample's text today (the JSON's source)."""
    from ketluan_desktop.core import paths
    from ketluan_desktop.core.importer import parse_file

    return parse_file(paths.sample_conclusion_path()).content()


def frozen_path() -> Path:
    from ketluan_desktop.core import paths

    text = paths.sample_conclusion_path()
    return text.with_name(text.stem + ".content.json")


def content_to_data(content: DocumentContent) -> dict:
    data = asdict(content)
    data["doc_date"] = content.doc_date.isoformat() if content.doc_date else None
    return data


def content_from_data(data: dict) -> DocumentContent:
    data = dict(data)
    sections = [
        Section(
            s["number"],
            s["heading"],
            [
                Block(
                    BlockKind(b["kind"]),
                    b["text"],
                    b["level"],
                    b["is_task"],
                    [tuple(m) for m in b["marks"]] if b["marks"] is not None else None,
                )
                for b in s["blocks"]
            ],
        )
        for s in data.pop("sections")
    ]
    signer = data.pop("signer")
    doc_date = data.pop("doc_date")
    return DocumentContent(
        **data,
        sections=sections,
        signer=Signer(**signer) if signer else None,
        doc_date=date.fromisoformat(doc_date) if doc_date else None,
    )


def write_frozen() -> Path:
    """Keep what the importer reads from the sample beside it (run after changing either)."""
    path = frozen_path()
    text = json.dumps(content_to_data(imported_sample()), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_frozen())
