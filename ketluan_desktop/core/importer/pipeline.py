"""Lines of a document to an ``ImportResult``: zones, header, body, closing, then what the text
says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ketluan_desktop.core.documents.content import Signer
from ketluan_desktop.core.importer.citations import find_citations
from ketluan_desktop.core.importer.closing import Closing, parse_closing, plain_signer
from ketluan_desktop.core.importer.figures import find_figures
from ketluan_desktop.core.importer.header import HeaderInfo, parse_header, title_from_preamble
from ketluan_desktop.core.importer.lead import apply_lead
from ketluan_desktop.core.importer.lead_self import (
    name_from_annex,
    number_from_caption,
    type_from_self_reference,
)
from ketluan_desktop.core.importer.lines import SourceLine
from ketluan_desktop.core.importer.meeting import find_meeting
from ketluan_desktop.core.importer.paragraphs import Para, ParagraphStats, build_paragraphs
from ketluan_desktop.core.importer.result import (
    DocumentInfo,
    ImportResult,
    ParsedSection,
    SourceInfo,
)
from ketluan_desktop.core.importer.structure import build_sections
from ketluan_desktop.core.importer.tasks import find_tasks
from ketluan_desktop.core.importer.textutil import ends_with_terminal, is_upper_text
from ketluan_desktop.core.importer.zones import split_zones
from ketluan_desktop.core.text.normalize import fold

_GREETING = re.compile(r"^Kính\s+gửi\s*:?\s*(.*)$", re.IGNORECASE | re.DOTALL)
# A letter's first sentence run into its greeting when no blank line parts them ("Kính gửi: Các
# tỉnh ủy, … trực thuộc Trung ương Thực hiện nhiệm vụ …"): it opens on a preamble's words.
_BODY_OPENS = re.compile(
    r"\s(?=(?:Thực\s+hiện|Căn\s+cứ|Theo|Để|Ngày|Nhằm|Sau\s+khi|Qua|Tiếp\s+theo|Trong\s+thời\s+gian)"
    r"\s)"
)


def _split_greeting(text: str) -> tuple[str, str]:
    """The bodies greeted, and the text that follows them in the same paragraph."""
    m = _BODY_OPENS.search(text)
    if m is None:
        return text.strip(), ""
    return text[: m.start()].strip(), text[m.end() :].strip()


def _appendix_sections(lines: list[SourceLine], stats: ParagraphStats) -> list[ParsedSection]:
    """What follows the signature: a caption in capitals, then its own numbered parts."""
    paras = build_paragraphs(lines, stats)
    if not paras:
        return []
    caption = []
    while paras and is_upper_text(paras[0].text) and len(caption) < 2:
        caption.append(paras.pop(0).text)
    heading = " ".join(caption) or "Phụ lục"
    if not heading.upper().startswith("PHỤ LỤC"):
        heading = f"Phụ lục: {heading}"
    sections = build_sections(paras)
    if sections and sections[0].level == "opening":
        blocks = sections.pop(0).blocks
        shift = 0  # the caption takes the opening's place
    else:
        blocks = []
        shift = 1
    head = ParsedSection(None, heading, blocks, level="appendix")
    out = [head, *sections]
    for s in out:
        s.appendix = True
        if s.parent is not None:
            s.parent += shift
    return out


# A page that appends the articles of a decree it speaks of ("### Điều 2, Nghị định 178/2024/NĐ-CP
# … quy định đối tượng áp dụng:"): what those articles cite is the decree's, not the document's.
_QUOTED_ARTICLE = re.compile(
    r"^[#\s]*Điều\s+\d+\s*[,.:]?\s*(?:của\s+)?(?:Nghị định|Luật|Thông tư|Pháp lệnh|Nghị quyết"
    r"|Quyết định)\s+(?:số\s+)?\d"
)


# A page's lead is a sentence; its headline and its links to other articles are not.
_LEAD_MIN = 120


def _page_lead(page: list[SourceLine]) -> list[str]:
    """The sentences of a web page's lead before the document's header ("Tại Quy định số 97-QĐ/TW
    … (trong Quy định số 172-QĐ/TW, …)."): they cite what the document replaces."""
    return [
        ln.text
        for ln in page
        if len(ln.text) >= _LEAD_MIN and ends_with_terminal(ln.text) and not ln.text.isupper()
    ]


# A page's link to the whole text ("Xem chi tiết tại Kết luận 219-KL/TW năm 2025.", "Xem toàn văn …
# tại đây") closes the excerpt it gives: what follows is the page's own (a legal site's questions
# and answers, its other items), and what that cites is not the document's.
_EXCERPT_END = re.compile(r"^\W*Xem\s+(?:chi\s+tiết|toàn\s+văn|đầy\s+đủ)\b", re.IGNORECASE)
_LINK_MAX = 200


def _texts(header: HeaderInfo, sections: list[ParsedSection]) -> Iterator[str]:
    """The texts to read citations in: after a quoted article of another document, only the lines
    that open such articles (they name the document quoted); none after the page's link to the
    whole text."""
    if header.subject:
        yield header.subject
    quoted = False
    for s in sections:
        for text in ([s.heading] if s.heading else []) + [b.text for b in s.blocks]:
            if len(text) <= _LINK_MAX and _EXCERPT_END.match(text):
                return
            if _QUOTED_ARTICLE.match(text):
                quoted = True
                yield text
            elif not quoted:
                yield text


def _warnings(
    header: HeaderInfo,
    closing: Closing,
    sections: list[ParsedSection],
    stats: ParagraphStats,
    source: SourceInfo,
) -> list[str]:
    out = []
    if source.damaged_chars:
        out.append(
            f"Tệp có {source.damaged_chars} ký tự hỏng, không đọc được (hiện thành dấu “\ufffd”); "
            "hãy soát lại các chỗ đó hoặc lấy lại tệp gốc."
        )
    converted_from = source.converted_from
    if converted_from:
        name = (
            "TCVN3 (ABC, phông .VnTime)" if converted_from == "TCVN3" else "VNI (phông VNI-Times)"
        )
        out.append(
            f"Văn bản được gõ bằng bảng mã {name} và đã được chuyển sang Unicode; "
            "hãy soát lại các chữ có dấu."
        )
    if header.from_lead:
        out.append(
            "Văn bản không có phần đầu (cơ quan ban hành, số, ngày): tên loại, số và ngày được lấy "
            "từ tít và đoạn giới thiệu của bản sao (báo, trang tin) — hãy soát lại với bản gốc."
        )
    if header.type_code is None:
        out.append(
            "Không tìm thấy tên loại văn bản (KẾT LUẬN, THÔNG BÁO, NGHỊ QUYẾT…); "
            "khi lưu sẽ tạm coi là Kết luận, hãy chọn lại cho đúng."
        )
    if header.number_symbol is None:
        out.append(
            "Không tìm thấy số, ký hiệu văn bản (dòng “Số …”); văn bản sẽ được lưu như bản dự thảo."
        )
    if header.doc_date is None:
        out.append("Không tìm thấy ngày ban hành (dòng “…, ngày … tháng … năm …”).")
    if header.issuer is None:
        out.append("Không tìm thấy tên cơ quan ban hành ở đầu văn bản.")
    if not sections:
        out.append("Không tìm thấy nội dung chính của văn bản.")
    out.extend(closing.notes)
    if not closing.recipients:
        out.append("Không tìm thấy phần “Nơi nhận”.")
    if closing.signer is None:
        out.append("Không tìm thấy phần chữ ký (T/M …, chức vụ, họ tên người ký).")
    if stats.page_lines_removed:
        out.append(
            f"Đã bỏ {stats.page_lines_removed} dòng số trang, đường kẻ hoặc tiêu đề lặp lại "
            "ở đầu trang."
        )
    if stats.rejoined:
        out.append(
            f"Đã nối lại {stats.rejoined} đoạn văn bị ngắt giữa câu (do ngắt trang hoặc xuống "
            "dòng); hãy soát lại."
        )
    if any(s.appendix for s in sections):
        out.append("Văn bản có phụ lục sau phần chữ ký; phụ lục được đưa vào cuối nội dung.")
    if closing.footnotes:
        out.append(
            f"Có {len(closing.footnotes)} chú thích cuối trang (sau đường kẻ “____”); "
            "chú thích không được đưa vào nội dung."
        )
    return out


# A news item ends on its writer's name, two to four words in title case, alone on its line.
_BYLINE = re.compile(r"^[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){1,3}\s*\.?$")


# Kinds that are no record of a meeting (a report, a plan, a programme, a directive, a guide, a
# letter, a regulation, a decision, a submission, a scheme).
NO_MEETING_KINDS = frozenset(
    {"BC", "KH", "CTr", "CT", "HD", "CV", "QĐ", "QĐi", "QC", "TT", "TTr", "ĐA"}
)


def _whole_text_note(header: HeaderInfo, paras: list[Para]) -> None:
    """A legal-news page whose lead names no paper ends on the paper itself: a heading "Toàn văn
    Kết luận 155-KL/TW …" over "Ngày 17/5/2025, Bộ Chính trị, Ban Bí thư đã ban hành Kết luận
    155-KL/TW về …", read as a lead."""
    for i, para in enumerate(paras[:-1]):
        if len(para.text) < 200 and fold(para.text).startswith("toan van "):
            probe = HeaderInfo()
            apply_lead(probe, paras[i : i + 2])
            if probe.number_symbol:
                for name, value in vars(probe).items():
                    if value and not getattr(header, name):
                        setattr(header, name, value)
                return


def _take_greeting(header: HeaderInfo, paras: list[Para]) -> list[Para]:
    """Submissions put "Kính gửi: …" under the title, above the text: the header's greeting."""
    if paras and header.greeting is None:
        greeting = _GREETING.match(paras[0].text)
        if greeting:
            named, body = _split_greeting(greeting.group(1))
            header.greeting = named or None
            return ([Para(body)] if body else []) + paras[1:]
    return paras


def parse_lines(lines: list[SourceLine], source: SourceInfo) -> ImportResult:
    zones = split_zones(lines)
    header = parse_header(zones.header, zones.title)
    closing = parse_closing(zones.closing)
    if closing.signer is None and not zones.closing:
        zones.body, closing.signer = plain_signer(zones.body)
    stats = ParagraphStats()
    paras = build_paragraphs(zones.body, stats)
    if closing.signer is None and paras and _BYLINE.match(paras[-1].text):
        paras = paras[:-1]  # a news item's byline ("Hữu Hoàn."), no part of the text
    if header.type_code is None and header.number_symbol is None and not zones.title:
        paras = apply_lead(header, paras)  # a newspaper's copy: no header of its own
        if header.type_code is None and header.number_symbol is None:
            _whole_text_note(header, paras)
    paras = _take_greeting(header, paras)
    if header.type_code is None and header.number_symbol is None and not zones.title:
        name_from_annex(header, "\n".join(ln.text for ln in closing.appendix))
    if header.type_code is None and header.number_symbol is None and not zones.title:
        header.type_code = type_from_self_reference([p.text for p in paras])
        if header.type_code is not None:
            header.number_symbol = number_from_caption([p.text for p in paras], header.type_code)
    if header.type_code is not None and not zones.title:
        title_from_preamble(header, [p.text for p in paras[:4]])
    sections = build_sections(paras)
    appendix = _appendix_sections(closing.appendix, stats) if closing.appendix else []
    for s in appendix:
        if s.parent is not None:
            s.parent += len(sections)
    sections.extend(appendix)
    tasks = find_tasks(sections, header.type_code)
    citations = find_citations(
        [*_page_lead(zones.page), *_texts(header, sections)],
        own_number=header.number_symbol or header.lead_number,
        own_title=header.title,
    )
    figures = find_figures(b.text for s in sections if not s.appendix for b in s.blocks)
    first = sections[0] if sections else None
    opening = (
        [b.text for b in first.blocks[: 3 if first.level == "opening" else 2]] if first else []
    )
    year = header.doc_date.year if header.doc_date else None
    # A report tells what its period held ("đã tiến hành phiên họp đầu tiên vào ngày …"), a plan
    # names the meeting whose resolution it carries out: only a conclusion, a resolution, a notice
    # or minutes is the record of a meeting.
    meeting = (
        None
        if header.type_code in NO_MEETING_KINDS
        else find_meeting(header.title_text, header.subject, opening, year)
    )
    signer = closing.signer
    domain_signer = Signer(signer.authority, signer.title, signer.name) if signer else None
    document = DocumentInfo(
        type=header.type_code,
        number_symbol=header.number_symbol,
        date=header.doc_date,
        place=header.place,
        issuer=header.issuer,
        parent_issuer=header.parent_issuer,
        title=header.title,
        subject=header.subject,
        page_title=header.page_title,
        draft_label=header.draft_label,
        greeting=header.greeting,
    )
    warnings = _warnings(header, closing, sections, stats, source)
    return ImportResult(
        source=source,
        document=document,
        meeting=meeting,
        sections=sections,
        tasks=tasks,
        citations=citations,
        figures=figures,
        recipients=closing.recipients,
        signer=domain_signer,
        warnings=warnings,
        footnotes=closing.footnotes,
    )
