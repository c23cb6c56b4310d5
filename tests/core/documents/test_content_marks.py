"""A stored block's bold and italic reach the content the renderers are given."""

from __future__ import annotations

from sqlalchemy import select

from ketluan_desktop.core.documents import records as documents
from ketluan_desktop.core.documents.content import BlockKind
from ketluan_desktop.core.documents.models import Block


def test_stored_marks_reach_content_of(db, make_draft):
    text = "Đảng ủy Khối đổi mới phương thức lãnh đạo."
    doc_id = make_draft(text=text)
    with db.write_session() as s:
        row = s.scalars(select(Block).where(Block.text == text)).one()
        # As the editor stores them (lists), plus one left over from a longer text.
        row.marks = [[13, 20, "b"], [21, 41, "i"], [30, 80, "b"], [90, 95, "i"]]
    with db.session() as s:
        content = documents.content_of(documents.get(s, doc_id, full=True))
    (block,) = [b for sec in content.sections for b in sec.blocks if b.text == text]
    assert block.kind == BlockKind.PARAGRAPH
    assert block.marks == [(13, 20, "b"), (21, 41, "i"), (30, len(text), "b")]
    assert text[13:20] == "đổi mới" and text[21:41] == "phương thức lãnh đạo"
    plain = [b for sec in content.sections for b in sec.blocks if b.text != text]
    assert all(b.marks is None for b in plain)
