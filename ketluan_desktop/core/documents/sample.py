"""The sample conclusion (Kết luận số 105-KL/ĐUK of 10/7/2024) as a document, with no database.

``ketluan export --sample``, the layout profiles' preview and the demo office all start from it;
this module imports the importer and nothing of the database, so exporting the sample loads
neither SQLAlchemy nor the Word writer. The demo office takes its names from here.
"""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.documents.content import DocumentContent, Signer

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
    """The sample read from resources/samples through the importer, as an issued document."""
    from ketluan_desktop.core import paths
    from ketluan_desktop.core.importer import parse_file

    content = dress(parse_file(paths.sample_conclusion_path()).content())
    content.is_draft = False
    return content
