"""Inline bold and italic inside body paragraphs and bullets: PDF faces, justification, extracted
text and Word runs, all from the layout model's spans."""

from __future__ import annotations

import functools
import io
import unicodedata

import docx
import pytest
from render_probe import MM, lines_by_page, norm, pdftotext, spans_by_page
from render_samples import build_sample

from ketluan_desktop.core.documents.content import Block, BlockKind, DocumentContent, Section
from ketluan_desktop.core.errors import RenderError
from ketluan_desktop.core.render import fonts
from ketluan_desktop.core.render.docx import render_docx
from ketluan_desktop.core.render.layout import Role, Span, build_layout
from ketluan_desktop.core.render.pdf import render_pdf
from ketluan_desktop.core.render.profile import HD36

P = HD36
PAGE_W = 210 * MM
BOLD = "đổi mới"
ITALIC = "linh hoạt trong chỉ đạo"  # broken across two lines in the sample's layout
BOTH = "Hồ Chí Minh"  # bold and italic overlapping
BULLET_BOLD = "Tiếp tục"


def _at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _marked() -> DocumentContent:
    doc = build_sample()
    para = doc.sections[1].blocks[0]
    para.marks = [(*_at(para.text, BOLD), "b"), (*_at(para.text, ITALIC), "i")]
    second = doc.sections[1].blocks[1]
    start, end = _at(second.text, f"phong cách {BOTH}")
    second.marks = [(start, end, "b"), (end - len(BOTH), end, "i")]
    bullet = doc.sections[2].blocks[1]
    assert bullet.kind == BlockKind.BULLET and bullet.text.startswith(BULLET_BOLD)
    bullet.marks = [(0, len(BULLET_BOLD), "b")]
    return doc


@functools.lru_cache(maxsize=1)
def _rendered():
    return render_pdf(_marked(), P), render_pdf(build_sample(), P)


def _base() -> str:
    return fonts.resolve_family(P.font_family).name.replace(" ", "")


def _body_spans(spans):
    """Spans of running text: from the first heading to "Nơi nhận:", headings left out."""
    out, inside = [], False
    for page in spans:
        for s in page:
            if s.text.startswith("1. Đánh giá"):
                inside = True
            elif s.text == "Nơi nhận:":
                return out
            elif inside and s.text[:2] not in ("2.", "3.") and s.size == P.body_size:
                out.append(s)
    return out


def test_marked_words_are_drawn_in_their_faces_and_the_rest_regular():
    marked, _ = _rendered()
    base = _base()
    body = _body_spans(spans_by_page(marked.data))
    emphasised = [(s.text, s.font) for s in body if s.font != base]
    assert emphasised == [
        (BOLD, f"{base}-Bold"),
        ("linh hoạt trong chỉ", f"{base}-Italic"),  # the line ends inside the italic phrase
        ("đạo", f"{base}-Italic"),
        ("phong cách", f"{base}-Bold"),
        (BOTH, f"{base}-BoldItalic"),
        (BULLET_BOLD, f"{base}-Bold"),
    ]
    bullet = next(s for s in body if s.text == "-")  # the bullet's dash stays plain
    assert bullet.font == base


def test_coverage_is_checked_in_every_face(monkeypatch):
    family = fonts.resolve_family(P.font_family)
    real = fonts._cmap

    def without_o_in_bold_italic(path):
        cmap = real(path)
        return cmap - {ord("ồ")} if path == family.bold_italic else cmap

    monkeypatch.setattr(fonts, "_cmap", without_o_in_bold_italic)
    with pytest.raises(RenderError, match="«ồ»"):
        render_pdf(_marked(), P)
    with pytest.raises(RenderError, match="«ồ»"):
        render_docx(_marked(), P)


def test_justified_lines_with_emphasis_still_reach_the_right_margin():
    marked, _ = _rendered()
    right = PAGE_W - P.margin_right_mm * MM
    pages = lines_by_page(marked.data)
    for start in ("Thường trực Đảng ủy Khối đã", "đạo, điều hành", "làm theo", "- Tiếp tục bám"):
        (line,) = [ln for page in pages for ln in page if ln.text.startswith(start)]
        assert line.x1 == pytest.approx(right, abs=0.3), line.text
        gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:], strict=False)]
        # One stretched space between words, the same across a change of face.
        assert max(gaps) - min(gaps) < 0.2, (line.text, gaps)


def test_extracted_text_is_unchanged_by_emphasis():
    marked, plain = _rendered()
    assert pdftotext(marked.data) == pdftotext(plain.data)
    text = norm(pdftotext(marked.data))
    assert unicodedata.is_normalized("NFC", text)
    for phrase in (f"đã {BOLD} phương thức", f"{ITALIC}, điều hành", f"phong cách {BOTH} năm"):
        assert phrase in text


def test_word_runs_are_bold_and_italic_on_exactly_the_marked_words():
    data = render_docx(_marked(), P)
    paras = docx.Document(io.BytesIO(data)).paragraphs
    bold, italic = [], []
    for p in paras:
        if not p.text.startswith(("Trong 6 tháng", "Chú trọng", "- Tiếp tục bám")):
            continue
        for run in p.runs:
            if run.bold:
                bold.append(run.text)
            if run.italic:
                italic.append(run.text)
    assert bold == [BOLD, "phong cách ", BOTH, BULLET_BOLD]
    assert italic == [ITALIC, BOTH]
    # Word gets the layout model's text, run by run, for marked and plain paragraphs alike.
    layout = build_layout(_marked(), P)
    body = [p.text for p in layout.body if p.role in (Role.PARAGRAPH, Role.BULLET)]
    assert [p.text for p in paras if p.text in set(body)] == body


def _one(text: str, marks, kind: BlockKind = BlockKind.PARAGRAPH) -> DocumentContent:
    doc = build_sample()
    doc.sections = [Section(None, None, [Block(kind, text, marks=marks)])]
    return doc


def test_marks_follow_the_text_the_page_shows():
    # Blanks collapse, the typed dash of a bullet gives way to the profile's, NFD becomes NFC.
    typed = "-  Đảng  ủy\u00a0Khối   lãnh đạo"
    nfd = unicodedata.normalize("NFD", typed)
    start, end = _at(nfd, unicodedata.normalize("NFD", "ủy\u00a0Khối"))
    (para,) = build_layout(_one(nfd, [(start, end, "b")], BlockKind.BULLET), P).body
    assert para.text == "- Đảng ủy Khối lãnh đạo"
    assert para.spans == (Span(*_at(para.text, "ủy Khối"), "bold"),)
    assert [para.text[a:b] for a, b, _ in para.runs()] == ["- Đảng ", "ủy Khối", " lãnh đạo"]


def test_a_mark_beyond_the_text_is_clipped_not_a_crash():
    text = "Ban Chấp hành Đảng bộ Khối thống nhất."
    block = Block(BlockKind.PARAGRAPH, text, marks=[(4, 999, "b"), (500, 600, "i"), (-3, 3, "i")])
    assert block.marks == [(0, 3, "i"), (4, len(text), "b")]
    assert Block(BlockKind.PARAGRAPH, text, marks=[(50, 60, "b"), (1, 1, "i")]).marks is None
    # Marks set after the fact (or left from a longer text) are clipped by the renderer too.
    doc = _one(text, None)
    doc.sections[0].blocks[0].marks = [(20, 10_000, "i"), (9_000, 9_100, "b")]
    pdf = render_pdf(doc, P)
    base = _base()
    spans = {(s.text, s.font) for s in spans_by_page(pdf.data)[0] if s.size == P.body_size}
    assert ("Ban Chấp hành Đảng b", base) in spans
    assert ("ộ Khối thống nhất.", f"{base}-Italic") in spans
    assert "Ban Chấp hành Đảng bộ Khối thống nhất." in pdftotext(pdf.data)  # no gap at the seam
    word = docx.Document(io.BytesIO(render_docx(doc, P)))
    (runs,) = [p.runs for p in word.paragraphs if p.text == text]
    assert [(r.text, bool(r.italic)) for r in runs] == [
        ("Ban Chấp hành Đảng b", False),
        ("ộ Khối thống nhất.", True),
    ]
