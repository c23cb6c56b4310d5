"""The kinds of paper a copy's headline or lead names, and how it writes a paper's number: shared
by the lead's readers (``lead``) and by the readers of a copy that names itself (``lead_self``).
"""

from __future__ import annotations

import re

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES
from ketluan_desktop.core.importer.textutil import fold_keep

# Longer names first: "Thông báo kết luận" before "Thông báo", "Chương trình hành động" before
# "Chương trình".
NAMES: list[tuple[str, str]] = sorted(
    [(t.name, code) for code, t in DOCUMENT_TYPES.items() if code != "CV"]
    + [("Thông báo kết luận", "TB"), ("Chương trình hành động", "CTr"), ("Công văn", "CV")],
    key=lambda item: len(item[0]),
    reverse=True,
)
NAME_ALT = "|".join(re.escape(name) for name, _ in NAMES)
CODE_OF = {fold_keep(name): code for name, code in NAMES}
NUMBER = (
    r"\d{1,5}(?:\s*[-–]\s*[A-ZĐ][A-Za-zĐđ]*\s*/\s*[A-ZĐ][A-Za-zĐđ0-9]*"
    r"(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9]*)*)?"
)
