"""Reading the rows of an .xlsx sheet fast: the sheet's XML streamed with ElementTree.

openpyxl's read-only mode builds an object per cell and takes seconds for a sheet of 10,000 members;
this reads the same values (shared and inline strings, numbers, booleans, dates by their number
format, the 1904 date system) about three times faster. Anything it does not expect raises
``XlsxFormatError`` so the caller can fall back to openpyxl.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class XlsxFormatError(Exception):
    """The file is not laid out as this reader expects (the caller falls back to openpyxl)."""


_COLUMNS: dict[str, int] = {}


def _column_index(ref: str) -> int:
    """ "C12" -> 2."""
    letters = ref.rstrip("0123456789")
    col = _COLUMNS.get(letters)
    if col is None:
        if not letters or not letters.isalpha() or not letters.isupper() or letters == ref:
            raise XlsxFormatError(f"bad cell reference {ref!r}")
        col = 0
        for ch in letters:
            col = col * 26 + (ord(ch) - 64)
        col -= 1
        _COLUMNS[letters] = col
    return col


class Workbook:
    def __init__(self, path) -> None:
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise XlsxFormatError(str(exc)) from exc
        try:
            self._read_workbook()
            self.strings = self._read_strings()
            self.date_styles = self._read_styles()
        except (KeyError, ET.ParseError, ValueError) as exc:
            self.zip.close()
            raise XlsxFormatError(str(exc)) from exc

    def close(self) -> None:
        self.zip.close()

    def _read_workbook(self) -> None:
        rels = {}
        root = ET.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        for rel in root.iter(f"{PKG_REL_NS}Relationship"):
            target = rel.get("Target", "")
            target = (
                target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            )
            rels[rel.get("Id")] = target
        wb = ET.fromstring(self.zip.read("xl/workbook.xml"))
        pr = wb.find(f"{NS}workbookPr")
        self.date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        self.sheets: list[tuple[str, str]] = []
        for sheet in wb.iter(f"{NS}sheet"):
            rid = sheet.get(f"{REL_NS}id")
            if rid in rels:
                self.sheets.append((sheet.get("name", ""), rels[rid]))
        if not self.sheets:
            raise XlsxFormatError("no sheet")

    def _read_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.zip.namelist():
            return []
        out = []
        for _ev, el in ET.iterparse(self.zip.open("xl/sharedStrings.xml")):
            if el.tag == f"{NS}si":
                out.append(_text_of(el))
                el.clear()
        return out

    def _read_styles(self) -> set[int]:
        """Indexes of the cell formats that show a date."""
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

        if "xl/styles.xml" not in self.zip.namelist():
            return set()
        root = ET.fromstring(self.zip.read("xl/styles.xml"))
        custom = {}
        fmts = root.find(f"{NS}numFmts")
        if fmts is not None:
            for f in fmts.iter(f"{NS}numFmt"):
                custom[int(f.get("numFmtId", "0"))] = f.get("formatCode", "")
        dates = set()
        xfs = root.find(f"{NS}cellXfs")
        if xfs is not None:
            for i, xf in enumerate(xfs.iter(f"{NS}xf")):
                fid = int(xf.get("numFmtId", "0"))
                code = custom.get(fid) or BUILTIN_FORMATS.get(fid, "General")
                if is_date_format(code):
                    dates.add(i)
        return dates

    def rows(
        self, sheet_path: str, max_row: int | None = None
    ) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(Excel row number, values) for every row that has a cell."""
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        epoch = CALENDAR_MAC_1904 if self.date1904 else CALENDAR_WINDOWS_1900
        try:
            stream = self.zip.open(sheet_path)
        except KeyError as exc:
            raise XlsxFormatError(str(exc)) from exc
        next_row = 1
        try:
            for _ev, el in ET.iterparse(stream):
                if el.tag != f"{NS}row":
                    continue
                r = el.get("r")
                number = int(r) if r else next_row
                next_row = number + 1
                if max_row is not None and number > max_row:
                    el.clear()
                    break
                values: list[Any] = []
                for c in el.iter(f"{NS}c"):
                    ref = c.get("r")
                    col = _column_index(ref) if ref else len(values)
                    while len(values) < col:
                        values.append(None)
                    values.append(self._value(c, from_excel, epoch))
                el.clear()
                yield number, tuple(values)
        except ET.ParseError as exc:
            raise XlsxFormatError(str(exc)) from exc
        finally:
            stream.close()

    def _value(self, c, from_excel, epoch) -> Any:
        t = c.get("t", "n")
        if t == "inlineStr":
            is_ = c.find(f"{NS}is")
            return _text_of(is_) if is_ is not None else None
        v = c.find(f"{NS}v")
        if v is None or v.text is None:
            return None
        text = v.text
        if t == "s":
            return self.strings[int(text)]
        if t in ("str", "e"):
            return text
        if t == "b":
            return text == "1"
        if t == "d":
            return datetime.fromisoformat(text)
        number = float(text)
        if int(c.get("s", "0")) in self.date_styles:
            return from_excel(number, epoch)
        return int(number) if number.is_integer() else number


def _text_of(el) -> str:
    """The text of a string item: its runs, without phonetic guides."""
    parts = []
    for child in el:
        if child.tag == f"{NS}t":
            parts.append(child.text or "")
        elif child.tag == f"{NS}r":
            t = child.find(f"{NS}t")
            if t is not None:
                parts.append(t.text or "")
    return "".join(parts)
