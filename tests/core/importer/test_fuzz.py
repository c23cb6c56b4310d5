"""Mangled input never makes the importer fail with anything but ``ImportError_``, and never slowly.

Each example runs under hypothesis' deadline (1 s), so a parse that takes too long fails the test
without a flaky wall-clock assertion of our own.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_support import SAMPLE_TEXT, parse_or_import_error, to_cp1258

SAMPLE_LINES = SAMPLE_TEXT.split("\n")
FUZZ = settings(
    max_examples=600,
    deadline=timedelta(seconds=1),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
# Bits of Party documents that steer the parser: marks, headings, header and closing lines.
PIECES = [
    "KẾT LUẬN", "THÔNG BÁO KẾT LUẬN", "NGHỊ QUYẾT", "Số 12-KL/ĐUK", "Hà Nội, ngày 5 tháng 2 năm 2026",
    "I.", "II-", "Phần I", "1.", "2.", "4.1.", "(1)", "a)", "- ", "+ ", "• ", "– ", "Nơi nhận:",
    "T/M BAN CHẤP HÀNH", "K/T CHÁNH", "PHÓ BÍ THƯ", "Hoàng Thanh Hải", "_____", "[1]", "-----",
    "\n", "\n\n", "\f", "\t\t\t", "      ", "\u00a0", "\u0301", "\ufeff", "Nghị quyết số 28-NQ/TU",
    ", ngày 20/4/2024 của ", "Ban Thường vụ Tỉnh ủy", "cho 04 đồng chí", "Huy hiệu 40 năm tuổi Đảng",
    "nhiệm vụ, giải pháp sau:", "lần thứ 19 (mở rộng)", "khóa VIII", "2", "- 3 -", "Trang 4",
]  # fmt: skip


def _parse_text_ok(text: str) -> None:
    parse_or_import_error(text)


def _parse_bytes_ok(data: bytes, name: str = "van-ban.txt") -> None:
    parse_or_import_error(data, name)


@FUZZ
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    _parse_text_ok(text)


@FUZZ
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=40), max_size=120).map("".join))
def test_document_like_text(text: str) -> None:
    _parse_text_ok(text)


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(SAMPLE_TEXT)),
            st.integers(0, 400),
            st.sampled_from(PIECES) | st.text(max_size=30),
        ),
        max_size=12,
    )
)
def test_sample_with_cuts_and_insertions(edits: list[tuple[int, int, str]]) -> None:
    text = SAMPLE_TEXT
    for pos, cut, insert in edits:
        pos = min(pos, len(text))
        text = text[:pos] + insert + text[pos + cut :]
    _parse_text_ok(text)


@FUZZ
@given(
    st.lists(st.sampled_from(SAMPLE_LINES), max_size=80),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258", "latin-1"]),
)
def test_shuffled_sample_lines_in_encodings(lines: list[str], encoding: str) -> None:
    text = "\n".join(lines)
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding, errors="replace")
    _parse_bytes_ok(data)


@FUZZ
@given(st.binary(max_size=4000), st.sampled_from(["a.txt", "b.docx", "c.TXT", "d.text"]))
def test_random_bytes(data: bytes, name: str) -> None:
    _parse_bytes_ok(data, name)


@FUZZ
@given(st.integers(0, 20_000), st.binary(min_size=1, max_size=50), st.integers(0, 200))
def test_sample_bytes_with_corruption(pos: int, junk: bytes, cut: int) -> None:
    data = SAMPLE_TEXT.encode("utf-8")
    pos = min(pos, len(data))
    _parse_bytes_ok(data[:pos] + junk + data[pos + cut :])


# Bits of web and Markdown copies (issue 17): headline, lead, Markdown marks, a page's own lines.
WEB_PIECES = [
    "## ", "### ", "#### - ", "**", "__", "*", "[", "](http://x)", "Thứ Năm, 15/10/2020, 16:21",
    "Gửi bài này In bài này", "LTS: Ngày 14-11-2016, ", "đã ban hành Nghị quyết số 10-NQ/TU",
    "đã ký Thông báo kết luận số 75-TB/TW ngày 7/3/2025", " về việc ", "Chương trình hành động ",
    "Kết luận của Bộ Chính trị", "ĐẢNG CỘNG SẢN VIỆT NAM", "BAN CHẤP HÀNH TRUNG ƯƠNG      ",
    "Mục đích, yêu cầu", "Tổ chức thực hiện", "Phụ lục kèm theo", "(1) ", "1. Các cấp ủy ",
    "Đại hội đại biểu Đảng bộ tỉnh ", "lần thứ XI", "từ ngày 12 đến ngày 15 tháng 10 năm 2020",
    "Nghị quyết Đại hội ", "Kế hoạch bảo đảm ", "\n", "\n\n", "    ", ".",
]  # fmt: skip


@settings(FUZZ, max_examples=300)
@given(
    st.lists(st.sampled_from(WEB_PIECES + PIECES) | st.text(max_size=30), max_size=120).map("".join)
)
def test_web_and_markdown_like_text(text: str) -> None:
    _parse_text_ok(text)
