"""What an import may cost (issue 20, item 7), and stray NUL bytes in a text file (item 9).

The crafted files are built here. No timer: a refusal must come from a limit (the exception says
which), and ``bench/bench_import_limits.py`` measures how fast it comes.
"""

from __future__ import annotations

import contextlib

import pytest
from crafted_docx import document_xml, make_docx, para
from importer_support import SAMPLE_TEXT

from ketluan_desktop.core.errors import ImportError_, KetLuanError
from ketluan_desktop.core.importer import parse_bytes
from ketluan_desktop.core.importer.docx_reader import read_docx
from ketluan_desktop.core.importer.limits import MAX_LINES, Budget, TooCostlyError


def test_two_hundred_thousand_paragraphs_are_refused_with_a_reason() -> None:
    data = make_docx(document_xml(para("KẾT LUẬN") + "<w:p/>" * 200_000))
    assert len(data) < 200_000  # a small file on disk
    with pytest.raises(TooCostlyError) as err:
        parse_bytes(data, "doc-hai.docx")
    message = str(err.value)
    assert "doc-hai.docx" in message and "đoạn văn" in message and "Word" in message
    assert isinstance(err.value, KetLuanError)


def test_many_paragraphs_below_the_limit_still_import() -> None:
    body = para("KẾT LUẬN") + "".join(
        para(f"{i % 9 + 1}. Nội dung số {i} của văn bản.") for i in range(MAX_LINES // 4)
    )
    result = parse_bytes(make_docx(document_xml(body)), "dai.docx")
    assert result.document.type == "KL"


def test_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    huge = document_xml(para("x") + " " * (60 * 1024 * 1024))
    data = make_docx(huge)
    assert len(data) < 1_000_000
    with pytest.raises(TooCostlyError, match=r"giải nén|nén bất thường"):
        parse_bytes(data, "bom.docx")


def test_entities_are_not_expanded() -> None:
    prolog = (
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    )
    data = make_docx(document_xml(para("KẾT LUẬN") + para("&d;&d;&d;&d;"), prolog))
    try:
        result = parse_bytes(data, "thuc-the.docx")
    except ImportError_:
        return
    assert all(len(b.text) < 1000 for s in result.sections for b in s.blocks)


def test_tables_nested_deeply_are_read_or_refused_not_crashed() -> None:
    depth = 300
    body = "<w:tbl><w:tr><w:tc>" * depth + para("KẾT LUẬN") + "</w:tc></w:tr></w:tbl>" * depth
    with contextlib.suppress(ImportError_):
        parse_bytes(make_docx(document_xml(body)), "long-nhau.docx")


def test_time_limit_stops_a_slow_read() -> None:
    now = [0.0]

    def clock() -> float:
        now[0] += 1.0  # every look at the clock costs a second
        return now[0]

    data = make_docx(document_xml(para("Một đoạn.") * 2000))
    with pytest.raises(TooCostlyError, match="giây"):
        read_docx(data, "cham.docx", Budget("cham.docx", seconds=3, clock=clock))


def test_table_cells_are_read_every_time() -> None:
    """The header table's cells were remembered by the address of a temporary object, so a cell
    (the number, the date) was skipped at random."""
    cell = "<w:tc>{}</w:tc>"
    header = (
        "<w:tbl>"
        + "<w:tr>"
        + cell.format(para("ĐẢNG BỘ TỈNH THÁI NGUYÊN") + para("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"))
        + cell.format(para("ĐẢNG CỘNG SẢN VIỆT NAM"))
        + "</w:tr><w:tr>"
        + cell.format(para("Số 12-KL/ĐUK"))
        + cell.format(para("Thái Nguyên, ngày 05 tháng 02 năm 2026"))
        + "</w:tr></w:tbl>"
    )
    merged = (
        '<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
        + para("Ô gộp")
        + "</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
    )
    data = make_docx(document_xml(header + para("KẾT LUẬN") + para("Nội dung.") + merged))
    seen = set()
    for _ in range(30):
        result = parse_bytes(data, "bang.docx")
        seen.add((result.document.number_symbol, result.document.date))
    assert seen == {("12-KL/ĐUK", __import__("datetime").date(2026, 2, 5))}


def test_one_nul_byte_does_not_make_a_text_file_binary() -> None:
    data = SAMPLE_TEXT.encode("utf-8")
    assert len(data) > 10_000
    middle = len(data) // 2
    while data[middle] & 0xC0 == 0x80:  # not inside a multi-byte letter
        middle += 1
    damaged = data[:middle] + b"\x00" + data[middle:]
    result = parse_bytes(damaged, "co-nul.txt")
    assert result.document.number_symbol == parse_bytes(data, "sach.txt").document.number_symbol
    assert len(result.tasks) == len(parse_bytes(data, "sach.txt").tasks)


def test_a_file_full_of_nul_bytes_is_still_binary() -> None:
    data = b"\x00\x01\x02\x00" * 5000 + b"abc"
    with pytest.raises(ImportError_, match="không phải tệp văn bản"):
        parse_bytes(data, "nhi-phan.txt")
