"""Importing Party documents from .txt, .docx and .pdf files (issues 4 and 17).

``parse_text``, ``parse_bytes`` and ``parse_file`` return an ``ImportResult``; they raise nothing
but ``ImportError_`` (with a Vietnamese message saying what is wrong and what to do).
"""

from ketluan_desktop.core.importer.files import (
    MAX_BYTES,
    InternalParseError,
    parse_bytes,
    parse_file,
    parse_text,
)
from ketluan_desktop.core.importer.result import (
    Citation,
    DocumentInfo,
    Figure,
    ImportResult,
    MeetingInfo,
    ParsedBlock,
    ParsedSection,
    SourceInfo,
    TaskRef,
)

__all__ = [
    "MAX_BYTES",
    "Citation",
    "DocumentInfo",
    "Figure",
    "ImportResult",
    "InternalParseError",
    "MeetingInfo",
    "ParsedBlock",
    "ParsedSection",
    "SourceInfo",
    "TaskRef",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
