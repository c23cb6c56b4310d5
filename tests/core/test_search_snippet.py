"""The snippet Tra cứu shows under a document found by the words of its body."""

from __future__ import annotations

from ketluan_desktop.core.search import snippet
from ketluan_desktop.core.text import fold

TEXT = (
    "Chú trọng việc đổi mới công tác giáo dục chính trị tư tưởng, phổ biến, quán triệt chủ "
    "trương, chính sách của Đảng, pháp luật của Nhà nước, kịp thời cung cấp thông tin."
)


def test_the_snippet_is_cut_at_words_around_the_match():
    s = snippet(TEXT, fold(TEXT), "quan triet", width=60)
    assert "quán triệt" in s and s.startswith("…") and s.endswith("…")
    inner = s.strip("…")
    assert TEXT.find(inner) >= 0  # a piece of the original text, accents kept
    assert TEXT[TEXT.find(inner) - 1] == " "  # starts at a word


def test_a_match_at_the_start_and_a_short_paragraph():
    assert snippet("Ban Chấp hành", fold("Ban Chấp hành"), "ban chap") == "Ban Chấp hành"
    s = snippet(TEXT, fold(TEXT), "chu trong", width=40)
    assert s.startswith("Chú trọng") and s.endswith("…")


def test_text_whose_folded_form_differs_in_length_shows_its_start():
    text = "Đảng ủy  Khối"  # two spaces fold to one
    assert snippet(text, fold(text), "khoi") == text
