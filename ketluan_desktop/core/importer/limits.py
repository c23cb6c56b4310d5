"""What one import may cost, and the safe opening of a .docx (issue 20, item 7).

A real Party document has a few hundred paragraphs and a few hundred kilobytes of XML; a crafted
file (a zip bomb, 200,000 empty paragraphs, tables nested in tables) must be refused at once with
a message that says why, instead of eating minutes and gigabytes. The limits are far above any
real document: the longest report of a provincial congress has about 3,000 paragraphs.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass
from typing import Any

import lxml.etree as etree  # the compiled module: pyright resolves it in this form

from ketluan_desktop.core.errors import ImportError_
from ketluan_desktop.core.text.numbers import thousands

MAX_LINES = 40_000  # paragraphs or lines of text
MAX_XML_BYTES = 30 * 1024 * 1024  # one decompressed part of a .docx
MAX_UNPACKED_BYTES = 80 * 1024 * 1024  # the parts we read, together
MAX_RATIO = 200  # decompressed size over compressed size, for one part
MAX_ZIP_ENTRIES = 5_000
MAX_SECONDS = 20.0  # reading and parsing one file
MAX_PDF_PAGES = 300
_CHUNK = 1 << 20


class TooCostlyError(ImportError_):
    """The file would take too much time or memory to read; it is refused."""


def _refuse(name: str, why: str) -> TooCostlyError:
    return TooCostlyError(
        f"Không nhập tệp “{name}”: {why}. Văn bản thật không lớn như vậy — tệp có thể bị hỏng hoặc "
        "được tạo ra để làm treo chương trình. Hãy mở tệp bằng Word, lưu lại (hoặc chép phần nội "
        "dung cần thiết sang tệp mới) rồi nhập lại."
    )


class Budget:
    """Time and size spent on one import; ``tick()`` is called in every loop that may grow."""

    def __init__(self, name: str, seconds: float = MAX_SECONDS, clock=time.monotonic) -> None:
        self.name = name
        self.clock = clock
        self.deadline = clock() + seconds
        self.seconds = seconds
        self._ticks = 0

    def tick(self) -> None:
        self._ticks += 1
        if self._ticks & 255 == 0 and self.clock() > self.deadline:
            raise _refuse(self.name, f"đọc quá {int(self.seconds)} giây mà chưa xong")

    def count_line(self, n: int) -> None:
        if n > MAX_LINES:
            raise _refuse(self.name, f"có hơn {thousands(MAX_LINES)} đoạn văn")
        self.tick()


@dataclass
class DocxParts:
    document: Any
    styles: Any | None
    numbering: Any | None


def _parser() -> etree.XMLParser:
    # No entities, no network, no huge-tree mode: a billion-laughs file fails instead of growing.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
        load_dtd=False,
    )  # fmt: skip


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, spent: list[int]
) -> bytes:
    if info.file_size > MAX_XML_BYTES:
        raise _refuse(name, f"phần {info.filename} giải nén ra {info.file_size // 1_048_576} MB")
    big = info.file_size > 10 * 1_048_576
    if info.compress_size and big and info.file_size / info.compress_size > MAX_RATIO:
        raise _refuse(
            name,
            f"phần {info.filename} nén bất thường (gấp {info.file_size // info.compress_size} lần)",
        )
    out = bytearray()
    # The sizes in the zip header may lie: count what really comes out.
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            out += chunk
            spent[0] += len(chunk)
            if len(out) > MAX_XML_BYTES or spent[0] > MAX_UNPACKED_BYTES:
                raise _refuse(name, "nội dung giải nén ra quá lớn")
    return bytes(out)


def open_docx_parts(data: bytes, name: str, budget: Budget) -> DocxParts:
    """The main XML parts of a .docx, parsed safely; ``ImportError_`` for anything else."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # zipfile raises many kinds (struct.error, zlib.error…) for a bad file
        raise _damaged(name, exc) from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _refuse(name, f"chứa {len(infos)} tệp con")
    by_name = {i.filename: i for i in infos}
    if "word/document.xml" not in by_name:
        raise ImportError_(
            f"Tệp “{name}” là tệp nén nhưng không phải tệp Word .docx. "
            "Hãy chọn đúng tệp .docx hoặc .txt rồi nhập lại."
        )
    spent = [0]
    trees: dict[str, Any] = {}
    for part in ("word/document.xml", "word/styles.xml", "word/numbering.xml"):
        info = by_name.get(part)
        if info is None:
            continue
        try:
            raw = _read_member(archive, info, name, spent)
            trees[part] = etree.fromstring(raw, _parser())
        except ImportError_:
            raise
        except Exception as exc:  # a bad part: zlib.error, XMLSyntaxError, encrypted entry…
            if part != "word/document.xml":
                continue  # styles and numbering are hints; the text is what matters
            raise _damaged(name, exc) from exc
        budget.tick()
    document = trees["word/document.xml"]
    if not isinstance(document.tag, str) or etree.QName(document).localname != "document":
        raise _damaged(name, ValueError("no w:document root"))
    return DocxParts(document, trees.get("word/styles.xml"), trees.get("word/numbering.xml"))


def _damaged(name: str, exc: BaseException) -> ImportError_:
    return ImportError_(
        f"Tệp “{name}” không mở được như tệp Word .docx (tệp hỏng hoặc không đúng định dạng). "
        "Hãy mở thử bằng Word, lưu lại rồi nhập lại.",
        detail=repr(exc),
    )
