"""Documents for the renderer's tests, built from the office's own sample conclusion.

The importer will one day produce ``DocumentContent`` from the text; until then a plain split
does: blank lines part paragraphs, "N. " starts a section, "- " a bullet, and a paragraph that
ends without punctuation and is followed by one starting in lower case was cut by a page break
and is joined again.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ketluan_desktop.core.documents.content import (
    Block,
    BlockKind,
    DocumentContent,
    Section,
    Signer,
)

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "resources" / "samples" / "ket-luan-hoi-nghi-lan-19.txt"

_HEADING = re.compile(r"^(\d+)\.\s+(.+)$")


def sample_chunks() -> list[str]:
    text = SAMPLE.read_text(encoding="utf-8")
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text) if c.strip()]
    joined: list[str] = []
    for chunk in chunks:
        if (
            joined
            and not joined[-1].endswith((".", ",", ":", ";", "!", "?", "…", ")"))
            and chunk[:1].islower()
        ):
            joined[-1] = f"{joined[-1]} {chunk}"
        else:
            joined.append(chunk)
    return joined


def build_sample() -> DocumentContent:
    chunks = sample_chunks()
    assert chunks[0] == "KẾT LUẬN"
    subject = chunks[1]
    end = chunks.index("Nơi nhận:")
    sections = [Section(None, None)]
    for chunk in chunks[2:end]:
        m = _HEADING.match(chunk)
        if m:
            sections.append(Section(m.group(1), m.group(2)))
        elif chunk.startswith("- "):
            sections[-1].blocks.append(Block(BlockKind.BULLET, chunk[2:]))
        else:
            sections[-1].blocks.append(Block(BlockKind.PARAGRAPH, chunk))
    recipients = [line[2:] for line in chunks[end + 1].splitlines()]
    assert chunks[end + 2] == "T/M BAN CHẤP HÀNH"
    return DocumentContent(
        type_code="KL",
        subject=subject,
        number_symbol="105-KL/ĐUK",
        doc_date=date(2024, 7, 10),
        place="Thái Nguyên",
        issuer="Đảng ủy Khối các cơ quan tỉnh",
        parent_issuer="Đảng bộ tỉnh Thái Nguyên",
        sections=sections,
        recipients=recipients,
        signer=Signer("T/M BAN CHẤP HÀNH", "BÍ THƯ", chunks[end + 3]),
    )
