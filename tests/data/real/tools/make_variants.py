"""Make the derived files of the real-document corpus from real texts.

Run once by hand (``python tests/data/real/tools/make_variants.py``); the files it writes are
committed, so the corpus does not depend on this script. What each variant changes:

* ``-ocr.txt``: what an OCR'd scan of the printed page looks like: the header and the closing
  block (recipients | signer) side by side in space-padded columns, body re-wrapped at the printed
  line width, page numbers (and, for some documents, the print file name) between pages, and the
  "- " marks of bullets lost (every other one) or read as "– ". No word, number or name is changed.
* ``.docx``: the text laid out as the office's Word documents are: a two-column header table
  (issuer | "ĐẢNG CỘNG SẢN VIỆT NAM", number | place and date), the title and body paragraphs, and
  a two-column table at the end (recipients | signer). Wrapped lines of the source are joined.
* ``-utf16.txt``: the text saved as "Unicode" by Notepad (UTF-16 LE with BOM, CRLF line ends).
* ``-web.txt``: the text as copied from a web page: each paragraph on one line, blank lines between.

The content (and so the expected answer) of a variant is that of its real source.
"""

from __future__ import annotations

import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

REAL = Path(__file__).resolve().parents[1]
SAMPLE = Path("/work/shared/samples/ket-luan-hoi-nghi-lan-19.txt")

_MARKER = re.compile(r"^(?:[-–+•]\s|\(\d+\)\s?|\d+(?:\.\d+)*[.)]\s?|[a-zđ]\)\s|[IVX]+[-.]\s?)")
_SIGN = re.compile(r"^(?:K/T|T/M|T/L|KT\.|TM\.)\s")


@dataclass
class Doc:
    issuer: list[str]  # left column of the header, without the "*"
    number: str | None
    place_date: str | None
    title: list[str]
    body: list[str]  # paragraphs
    recipients: list[str]  # entries, with their "- "
    signer: list[str]  # authority, title, name (as printed)
    tail: list[str] = field(default_factory=list)  # paragraphs after the signature
    caption_rule: bool = True  # a short rule under the title


def _paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines into paragraphs: a blank line ends one, and so does a line ending a
    sentence when the next one starts with a list mark or a capital letter."""
    out: list[str] = []
    cur: list[str] = []
    blank_lines = has_blank_lines(lines)
    for raw in lines:
        line = raw.strip()
        if not line or line == "\xa0":
            if cur:
                out.append(" ".join(cur))
                cur = []
            continue
        sentence_end = bool(cur) and cur[-1].rstrip().endswith((".", ":", ";"))
        starts_item = bool(_MARKER.match(line))
        starts_sentence = (
            not blank_lines and line[:1].isupper() and cur[-1].rstrip()[-1:] in ".:"
            if cur
            else False
        )
        if sentence_end and (starts_item or starts_sentence):
            out.append(" ".join(cur))
            cur = []
        cur.append(line)
    if cur:
        out.append(" ".join(cur))
    return [re.sub(r"\s+", " ", p) for p in out]


def has_blank_lines(lines: list[str]) -> bool:
    return sum(1 for x in lines if not x.strip()) > 5


def _entries(lines: list[str]) -> list[str]:
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line.startswith("-") or not out:
            out.append(line)
        else:
            out[-1] += " " + line
    return out


def _split_closing(lines: list[str]) -> tuple[list[str], list[str]]:
    """Recipients and signer from a closing block whose lines are printed one after the other."""
    i = next(k for k, x in enumerate(lines) if x.strip().startswith("Nơi nhận"))
    j = next(k for k in range(i + 1, len(lines)) if _SIGN.match(lines[k].strip()))
    return _entries(lines[i + 1 : j]), [x.strip() for x in lines[j:] if x.strip()]


def load_vptw(name: str, title_start: str) -> Doc:
    lines = (REAL / name).read_text(encoding="utf-8").splitlines()
    t = next(k for k, x in enumerate(lines) if x.strip().startswith(title_start))
    head = [x.strip() for x in lines[:t] if x.strip()]
    k_party = next(k for k, x in enumerate(head) if x.startswith("ĐẢNG"))
    issuer = [x for x in head[:k_party] if x != "*"]
    k_no = next(k for k, x in enumerate(head) if x.startswith("Số "))
    number = head[k_no]
    place_date = " ".join(head[k_no + 1 :])
    rule = next(k for k in range(t, len(lines)) if lines[k].strip() == "-----")
    title = [x.strip() for x in lines[t:rule] if x.strip()]
    n = next(k for k, x in enumerate(lines) if x.strip().startswith("Nơi nhận"))
    body = _paragraphs(lines[rule + 1 : n])
    end = next((k for k in range(n, len(lines)) if lines[k].startswith("____")), len(lines))
    recipients, signer = _split_closing(lines[n:end])
    # Signer lines as printed: "K/T CHÁNH" / "VĂN PHÒNG" wrap inside the authority.
    signer = _signer_lines(signer)
    tail = _paragraphs(lines[end + 1 :]) if end < len(lines) else []
    return Doc(issuer, number, place_date, title, body, recipients, signer, tail)


def _signer_lines(lines: list[str]) -> list[str]:
    """Rejoin an authority split over two lines ("T/M BỘ CHÍNH" / "TRỊ")."""
    if len(lines) >= 2 and _SIGN.match(lines[0]):
        first, second = lines[0], lines[1]
        joined = f"{first} {second}"
        known = ("K/T CHÁNH VĂN PHÒNG", "T/M BỘ CHÍNH TRỊ")
        if joined in known:
            return [joined, *lines[2:]]
    return lines


def load_nq60() -> Doc:
    name = "nq60-tw-hoi-nghi-11-khoa-xiii-2025.txt"
    lines = (REAL / name).read_text(encoding="utf-8").splitlines()
    t = next(k for k, x in enumerate(lines) if x.strip() == "NGHỊ QUYẾT")
    b = next(k for k in range(t + 1, len(lines)) if lines[k].startswith("Hội nghị lần thứ 11"))
    title = [x.strip() for x in lines[t:b] if x.strip()]
    n = next(k for k, x in enumerate(lines) if x.strip().startswith("Nơi nhận"))
    body = _paragraphs(lines[b:n])
    left: list[str] = []
    right: list[str] = []
    k = n
    while k < len(lines) and lines[k].strip() and lines[k].strip() != "\xa0":
        cells = re.split(r"\s{3,}", lines[k].strip())
        if len(cells) == 2:
            left.append(cells[0])
            right.append(cells[1])
        else:
            (right if lines[k].startswith(" " * 30) else left).append(cells[0])
        k += 1
    recipients = _entries(left[1:])
    signer = right
    tail = _paragraphs(lines[k:])
    return Doc(
        ["BAN CHẤP HÀNH TRUNG ƯƠNG"],
        "Số 60-NQ/TW",
        "Hà Nội, ngày 12 tháng 4 năm 2025",
        title,
        body,
        recipients,
        signer,
        tail,
        caption_rule=False,
    )


def load_sample() -> Doc:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    t = next(k for k, x in enumerate(lines) if x.strip() == "KẾT LUẬN")
    b = next(k for k in range(t + 1, len(lines)) if lines[k].startswith("Ngày 10 tháng 7"))
    title = [x.strip() for x in lines[t:b] if x.strip()]
    n = next(k for k, x in enumerate(lines) if x.strip().startswith("Nơi nhận"))
    # The PDF copy split two paragraphs at page breaks (a blank line inside a sentence): a
    # paragraph of the source ends only with a sentence.
    paras = _paragraphs(lines[b:n])
    body: list[str] = []
    for p in paras:
        if body and not body[-1].endswith((".", ":", "...")):
            body[-1] += " " + p
        else:
            body.append(p)
    recipients, signer = _split_closing(lines[n:])
    return Doc([], None, None, title, body, recipients, signer, caption_rule=False)


# --- writers -----------------------------------------------------------------------------------


def _pad(left: str, right: str, width: int) -> str:
    return f"{left:<{width}}{right}".rstrip()


def write_ocr(doc: Doc, path: Path, *, footer: str | None, width: int = 76) -> None:
    out: list[str] = []
    # Header: two columns.
    left = [*doc.issuer, "*"] if doc.issuer else []
    right = ["ĐẢNG CỘNG SẢN VIỆT NAM", "---------------"] if doc.issuer else []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ""
        c = right[i] if i < len(right) else ""
        out.append(_pad(("     " + a) if a else "", c, 40))
    if doc.number:
        out.append(_pad("     " + doc.number, doc.place_date or "", 34))
    out.append("")
    for x in doc.title:
        out.append(x.center(width).rstrip())
    if doc.caption_rule:
        out.append("-----".center(width).rstrip())
    out.append("")
    bullets = 0
    for p in doc.body:
        if p.startswith("- "):
            bullets += 1
            p = p[2:] if bullets % 2 else "– " + p[2:]
        wrapped = textwrap.wrap(p, width=width, initial_indent="    ") or [""]
        out.extend(wrapped)
    out.append("")
    # Closing: recipients | signer side by side.
    rec = ["Nơi nhận:"]
    for e in doc.recipients:
        rec.extend(textwrap.wrap(e, width=36, subsequent_indent="  "))
    sig = [*doc.signer[:-1], "", "", doc.signer[-1]] if doc.signer else []
    for i in range(max(len(rec), len(sig))):
        a = rec[i] if i < len(rec) else ""
        c = sig[i] if i < len(sig) else ""
        out.append(_pad(a, c, 44))
    if doc.tail:
        out.append("")
        for p in doc.tail:
            out.extend(textwrap.wrap(p, width=width) or [""])
    # Page breaks every 44 lines: page number (and the print file name) at the foot.
    paged: list[str] = []
    page = 1
    for i, line in enumerate(out, 1):
        paged.append(line)
        if i % 44 == 0 and i < len(out):
            page += 1
            paged.append("")
            mark = f"{footer} {page}" if footer else str(page)
            paged.append(mark.rjust(width) if footer else mark.center(width).rstrip())
            paged.append("")
    path.write_text("\n".join(paged) + "\n", encoding="utf-8")


def write_docx(doc: Doc, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)

    def cell_lines(cell, lines, *, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER):
        cell.paragraphs[0].text = ""
        for i, text in enumerate(lines):
            par = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            par.alignment = align
            run = par.add_run(text)
            run.bold = bold
            run.italic = italic

    if doc.issuer:
        t = d.add_table(rows=2, cols=2)
        cell_lines(t.cell(0, 0), [*doc.issuer, "*"], bold=True)
        cell_lines(t.cell(0, 1), ["ĐẢNG CỘNG SẢN VIỆT NAM", "---------------"], bold=True)
        cell_lines(t.cell(1, 0), [doc.number or ""])
        cell_lines(t.cell(1, 1), [doc.place_date or ""], italic=True)
        d.add_paragraph("")
    for i, x in enumerate(doc.title):
        par = d.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        par.add_run(x).bold = i == 0 or x.isupper()
    if doc.caption_rule:
        d.add_paragraph("-----").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for p in doc.body:
        par = d.add_paragraph(p)
        par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    t = d.add_table(rows=1, cols=2)
    cell_lines(
        t.cell(0, 0),
        ["Nơi nhận:", *doc.recipients],
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    sig = [*doc.signer[:-1], "", "", doc.signer[-1]] if doc.signer else []
    cell_lines(t.cell(0, 1), sig, bold=True)
    for p in doc.tail:
        d.add_paragraph(p)
    d.core_properties.author = ""
    d.save(str(path))


def write_utf16(src: Path, path: Path) -> None:
    text = src.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))


def write_web(doc: Doc, path: Path) -> None:
    out: list[str] = []
    if doc.issuer:
        out += [
            " ".join(doc.issuer),
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            doc.number or "",
            doc.place_date or "",
        ]
    out += [" ".join(doc.title)] if len(doc.title) > 1 else doc.title
    out += doc.body
    out += ["Nơi nhận:", *doc.recipients]
    out += doc.signer
    out += doc.tail
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def main() -> int:
    corpus = REAL / "corpus"
    held = REAL / "heldout"
    corpus.mkdir(exist_ok=True)
    held.mkdir(exist_ok=True)
    kl07 = load_vptw("kl07-vptw-hoi-nghi-van-phong-2025.txt", "KẾT LUẬN")
    tb432 = load_vptw("tb432-vptw-ket-luan-tong-bi-thu-2025.txt", "THÔNG BÁO")
    kl221 = load_vptw("kl221-tw-bo-chinh-tri-2025.txt", "KẾT LUẬN")
    nq60 = load_nq60()
    kl19 = load_sample()
    # Held-out (drawn by a seeded shuffle, see README): kl221 .docx, tb432 OCR, the office's
    # conclusion in three forms, nq60 OCR.
    write_docx(kl221, held / "kl221-tw-2025.docx")
    write_ocr(tb432, held / "tb432-vptw-2025-ocr.txt", footer="432-TB.VPTW.DOC")
    (held / "kl-dukhoi-hn19-2024.txt").write_bytes(SAMPLE.read_bytes())
    write_ocr(kl19, held / "kl-dukhoi-hn19-2024-ocr.txt", footer="19.KLHN.DOC")
    write_docx(kl19, held / "kl-dukhoi-hn19-2024.docx")
    write_ocr(nq60, held / "nq60-tw-2025-ocr.txt", footer=None)
    # Tuning part.
    write_docx(nq60, corpus / "nq60-tw-2025.docx")
    write_ocr(kl07, corpus / "kl07-vptw-2025-ocr.txt", footer="07.KLVPTW.DOC")
    write_docx(kl07, corpus / "kl07-vptw-2025.docx")
    write_utf16(
        REAL / "tb432-vptw-ket-luan-tong-bi-thu-2025.txt", corpus / "tb432-vptw-2025-utf16.txt"
    )
    write_docx(tb432, corpus / "tb432-vptw-2025.docx")
    write_ocr(kl221, corpus / "kl221-tw-2025-ocr.txt", footer=None)
    write_web(kl221, corpus / "kl221-tw-2025-web.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
