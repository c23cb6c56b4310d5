"""The end of the page: "Nơi nhận" with its recipients, the signer block, footnotes and appendices.

The two blocks stand side by side on paper; as text they come one after the other, or interleaved on
the same lines with a wide gap between the columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ketluan_desktop.core.importer.lines import SourceLine
from ketluan_desktop.core.importer.markers import parse_marker
from ketluan_desktop.core.importer.textutil import collapse, fold_keep, is_upper_text
from ketluan_desktop.core.importer.zones import (
    AUTHORITY,
    canonical_authority,
    is_authority,
    is_noi_nhan,
)

_FOOTNOTE_RULE = re.compile(r"^_{5,}$")
_FOOTNOTE_START = re.compile(r"^(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)]?\s)")
_NOI_NHAN_PREFIX = re.compile(r"^N\S{1,2}i\s*nh\S{1,2}n\s*[:;.]?\s*", re.IGNORECASE)
_SIGNED = re.compile(
    r"^\(?\s*(?:đã ký|ký|ký tên|ký, ghi rõ họ tên|ký tên, đóng dấu)[^)]*\)?$", re.I
)
_POSITIONS = (
    "bi thu", "pho bi thu", "tong bi thu", "chanh van phong", "pho chanh", "truong ban",
    "pho truong ban", "chu nhiem", "pho chu nhiem", "chu tich", "pho chu tich", "giam doc",
    "pho giam doc", "uy vien", "thu truong", "vu truong", "pho vu truong",
)  # fmt: skip
_RECIPIENT_END = ",;."


@dataclass
class Signer:
    authority: str | None = None
    title: str | None = None
    name: str | None = None


@dataclass
class Closing:
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    appendix: list[SourceLine] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    found_noi_nhan: bool = False
    notes: list[str] = field(default_factory=list)  # low-confidence readings, shown as warnings


# The common family names; they tell a name printed in capitals ("HOÀNG THANH HẢI") from a
# position ("PHÓ BÍ THƯ"). Compared with their accents: "Trương" is a name, "TRƯỞNG BAN" is not.
_SURNAMES = frozenset(
    (  # noqa: SIM905 - a word list reads better as words
        "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lí tô lâm đinh trịnh"
        " mai đào hà cao lương tạ đoàn vương trương chu kiều quách đàm tăng lưu la thái triệu nông"
        " hứa đồng lục mạc lò vi giang hầu khổng kim lã mẫn nghiêm phùng thân tống viên"
    ).split()
)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 7:
        return False
    if not all(w[0].isupper() and all(c.isalpha() or c in "-'." for c in w) for w in words):
        return False
    return not is_upper_text(text) or (len(words) <= 5 and words[0].lower() in _SURNAMES)


def _name_case(text: str) -> str:
    if not is_upper_text(text):
        return text
    return " ".join(w[:1] + w[1:].lower() for w in text.split())


def _starts_position(text: str, authority: str) -> bool:
    folded = fold_keep(text)
    if authority.startswith(("K/T", "KT.")):
        return folded.startswith("pho ")
    return any(folded.startswith(p) for p in _POSITIONS)


class _Reader:
    """Feeds the lines of one column through recipients → signer, remembering the last line used."""

    def __init__(self, closing: Closing, unlabelled: bool = False) -> None:
        self.closing = closing
        # The left column beside a signer: "- …" lines there are recipients even when the
        # "Nơi nhận:" label was lost (OCR) or never printed.
        self.unlabelled = unlabelled
        self.state = "start"
        self.current: list[str] | None = None
        self.last_used = -1
        self.done = False
        self.bulleted = False

    def _finish_recipient(self) -> None:
        if self.current:
            text = collapse(" ".join(self.current))
            text = text.rstrip(_RECIPIENT_END + " ")
            if text:
                self.closing.recipients.append(text)
        self.current = None

    def _recipient_open(self) -> bool:
        return self.current is not None and self.current[-1].rstrip()[-1:] not in _RECIPIENT_END

    def _list_closed(self) -> bool:
        """The list ends with a full stop after its last entry ("- Lưu Văn phòng …")."""
        return self.current is not None and self.current[-1].rstrip().endswith(".")

    def feed(self, index: int, text: str) -> bool:
        """Take the line if it belongs to the closing; False means the closing has ended."""
        if self.done:
            return False
        if is_noi_nhan(text):
            self._finish_recipient()
            self.closing.found_noi_nhan = True
            self.state = "recipients"
            rest = _NOI_NHAN_PREFIX.sub("", text)
            if rest:
                self.current = [self._strip_bullet(rest)]
            self.last_used = index
            return True
        if is_authority(text):
            self._finish_recipient()
            self.closing.signer = self.closing.signer or Signer()
            if AUTHORITY.match(text) is None:
                fixed = canonical_authority(text) or text
                self.closing.notes.append(
                    f"Dòng thẩm quyền ký đọc được là «{text}», đã hiểu là «{fixed}»; "
                    "hãy kiểm tra lại phần chữ ký."
                )
                text = fixed
            self.closing.signer.authority = text
            self.state = "authority"
            self.last_used = index
            return True
        if self.state == "recipients":
            marker = parse_marker(text)
            if marker is not None and marker.kind == "bullet":
                self._finish_recipient()
                self.bulleted = True
                self.current = [marker.rest]
            elif self.current is not None and not self._list_closed():
                if self.bulleted:
                    self.current.append(text)  # a recipient wrapped onto the next line
                elif self._recipient_open():
                    self.current.append(text)
                else:
                    self._finish_recipient()
                    self.current = [text]  # recipients written one a line, without "- "
            elif self.current is None and not self.closing.recipients and len(text) < 80:
                self.current = [text]
            else:
                self._finish_recipient()
                return self._after_block(index, text)
            self.last_used = index
            return True
        if self.state in ("authority", "title"):
            return self._signer_line(index, text)
        if self.state == "start" and self.unlabelled and not self.closing.found_noi_nhan:
            marker = parse_marker(text)
            if marker is not None and marker.kind == "bullet":
                self.closing.notes.append(
                    "Không thấy chữ “Nơi nhận”; các dòng gạch đầu dòng bên trái phần chữ ký được "
                    "coi là nơi nhận, hãy kiểm tra lại."
                )
                self.state = "recipients"
                self.bulleted = True
                self.current = [marker.rest]
                self.last_used = index
                return True
        return self._after_block(index, text)

    @staticmethod
    def _strip_bullet(text: str) -> str:
        marker = parse_marker(text)
        return marker.rest if marker is not None and marker.kind == "bullet" else text

    def _signer_line(self, index: int, text: str) -> bool:
        signer = self.closing.signer
        assert signer is not None
        authority = signer.authority or ""
        if _SIGNED.match(text):
            self.last_used = index
            return True
        if is_upper_text(text) and not (self.state == "title" and _looks_like_name(text)):
            prefix = AUTHORITY.match(authority)
            bare = prefix is not None and not authority[prefix.end() :].strip()
            if self.state == "title":
                signer.title = f"{signer.title} {text}"
            elif not bare and _starts_position(text, authority):
                signer.title = text
                self.state = "title"
            else:
                signer.authority = f"{signer.authority} {text}"
            self.last_used = index
            return True
        if _looks_like_name(text):
            signer.name = _name_case(text)
            self.state = "signed"
            self.last_used = index
            return True
        self.state = "signed"
        return self._after_block(index, text)

    def _after_block(self, index: int, text: str) -> bool:
        # A signer block without "T/M …" starts straight with the position ("BÍ THƯ").
        if self.closing.signer is None and is_upper_text(text) and _starts_position(text, ""):
            self.closing.signer = Signer(title=text)
            self.state = "title"
            self.last_used = index
            return True
        self.done = True
        return False

    def close(self) -> None:
        self._finish_recipient()


def _column_threshold(lines: list[SourceLine]) -> int | None:
    """The column where the right-hand block starts, when the two blocks share lines."""
    starts = [
        ln.pieces[1].start
        for ln in lines[:20]
        if len(ln.pieces) == 2 and ln.pieces[0].start < 12 and ln.pieces[1].start >= 20
    ]
    if len(starts) >= 2:
        return min(starts) - 4
    if len(starts) == 1:
        # One shared line ("Nơi nhận:      T/M BỘ CHÍNH TRỊ"), the rest of the right column on
        # lines of its own, far to the right (the signer's name under a long list).
        alone = [
            ln.pieces[0].start
            for ln in lines[:30]
            if len(ln.pieces) == 1 and ln.pieces[0].start >= max(20, starts[0] - 8)
        ]
        if alone:
            return starts[0] - 4
    return None


# "K/T" alone on its line, the office it stands for on the next (a flattened table cell).
_BARE_AUTHORITY = re.compile(r"^(?:T/M|K/T|T/L|T/U|TM\.|KT\.|TL\.|TUQ\.)$")


def _closing_texts(lines: list[SourceLine]) -> list[tuple[int, str]]:
    """The closing's lines to read one by one: no blank lines nor a flattened table's cell
    breaks ("|"), and a bare authority joined to the line after it."""
    out: list[tuple[int, str]] = []
    pending: str | None = None
    for i, ln in enumerate(lines):
        if ln.blank or ln.text == "|":
            continue
        if pending is not None:
            out.append((i, f"{pending} {ln.text}"))
            pending = None
        elif _BARE_AUTHORITY.match(ln.text):
            pending = ln.text
        else:
            out.append((i, ln.text))
    if pending is not None:
        out.append((len(lines) - 1, pending))
    return out


def parse_closing(lines: list[SourceLine]) -> Closing:
    closing = Closing()
    for i, ln in enumerate(lines):
        if _FOOTNOTE_RULE.match(ln.text):
            closing.footnotes = _footnotes(lines[i + 1 :])
            lines = lines[:i]
            break
    threshold = _column_threshold(lines)
    if threshold is None:
        reader = _Reader(closing)
        end = len(lines)
        for i, text in _closing_texts(lines):
            if not reader.feed(i, text):
                end = i
                break
        reader.close()
        appendix_start = end
    else:
        left, right = _Reader(closing, unlabelled=True), _Reader(closing)
        left_end = right_end = len(lines)
        for i, ln in enumerate(lines):
            for piece in ln.pieces:
                side, which = (right, "r") if piece.start >= threshold else (left, "l")
                if not side.feed(i, piece.text):
                    if which == "l":
                        left_end = min(left_end, i)
                    else:
                        right_end = min(right_end, i)
        left.close()
        right.close()
        appendix_start = max(min(left_end, right_end), left.last_used + 1, right.last_used + 1)
        appendix_start = min(appendix_start, len(lines))
    rest = lines[appendix_start:]
    closing.appendix = rest if any(not ln.blank for ln in rest) else []
    if closing.signer and not any(vars(closing.signer).values()):
        closing.signer = None
    return closing


def _footnotes(lines: list[SourceLine]) -> list[str]:
    notes: list[str] = []
    for ln in lines:
        if ln.blank:
            continue
        if _FOOTNOTE_START.match(ln.text) or not notes:
            notes.append(ln.text)
        else:
            notes[-1] += " " + ln.text
    return [collapse(n) for n in notes]


# A web page prints a short notice's signer in ordinary case and without "T/M": after the text's
# end mark ("… nghiêm túc thực hiện./."), the position ("Bí thư Đảng ủy - Hiệu Trưởng") and the
# name ("Nguyễn Công Dương") on the last two lines.
_END_MARK = re.compile(r"\./\.\s*$")
_PLAIN_POSITION_MAX = 80


def plain_signer(body: list[SourceLine]) -> tuple[list[SourceLine], Signer | None]:
    """The body without such a closing signer, and the signer."""
    filled = [i for i, ln in enumerate(body) if not ln.blank]
    if len(filled) < 3:
        return body, None
    before, position, name = (body[i].text.strip() for i in filled[-3:])
    if not (
        _END_MARK.search(before)
        and len(position) <= _PLAIN_POSITION_MAX
        and not is_upper_text(position)
        and _starts_position(position, "")
        and _looks_like_name(name)
    ):
        return body, None
    return body[: filled[-2]], Signer(title=position, name=_name_case(name))
